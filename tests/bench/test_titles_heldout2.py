"""The second held-out title set: well formed, covering every catalog role, unseen by every
other title file, and loaded as its own split that tuning never fits on."""

import csv
import re

from benchmarks.titles import FITTED, HELDOUT2, ROOT, SPLITS, load_examples

from stagedoor.industry.catalog import ROLE_SLUGS


def _rows(path) -> list[dict]:
    with path.open() as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


def _key(title: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", title.casefold()).split())


def test_heldout2_is_well_formed_covers_every_role_and_repeats_no_other_title():
    rows = _rows(HELDOUT2)
    assert all(set(r) == {"title", "role"} and r["title"] == r["title"].strip() for r in rows)
    ours = [r for r in rows if r["role"]]
    assert {r["role"] for r in ours} == set(ROLE_SLUGS)
    assert (len(ours), len(rows) - len(ours)) == (394, 148)
    keys = [_key(r["title"]) for r in rows]
    assert len(set(keys)) == len(keys)
    others = [p for p in (ROOT / "data").glob("titles*.csv") if p != HELDOUT2]
    assert set(keys).isdisjoint(_key(r["title"]) for p in others for r in _rows(p))


def test_no_title_the_classifier_is_fitted_or_checked_on_repeats_a_held_out_title():
    """A development set written later must not carry a held-out title in with it: dev3 and
    dev4 were checked only against the files before them and repeated 95 held-out titles,
    which were dropped from them (the held-out files win)."""
    files = sorted((ROOT / "data").glob("titles*.csv"))
    held = [p for p in files if p.name.startswith("titles_heldout")]
    rest = [p for p in files if p not in held]
    assert len(held) == 2 and len(rest) >= 4
    held_keys = {_key(r["title"]) for p in held for r in _rows(p)}
    assert held_keys.isdisjoint(_key(r["title"]) for p in rest for r in _rows(p))


def test_heldout2_is_its_own_split_and_tuning_never_sees_it():
    assert "heldout2" in SPLITS and "heldout2" not in FITTED
    everything = load_examples()
    assert sum(e["split"] == "heldout2" for e in everything) == 542
    assert not any(e["split"].startswith("heldout") for e in load_examples(heldout=False))
