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


def test_heldout2_is_its_own_split_and_tuning_never_sees_it():
    assert "heldout2" in SPLITS and "heldout2" not in FITTED
    everything = load_examples()
    assert sum(e["split"] == "heldout2" for e in everything) == 542
    assert not any(e["split"].startswith("heldout") for e in load_examples(heldout=False))
