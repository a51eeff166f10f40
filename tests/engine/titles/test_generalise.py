"""The classifier on titles no alias carries, the held-out set's shape, and the model's
single load (through the real classifier and the real model: no mocks)."""

import csv
import subprocess
import sys
from pathlib import Path

import pytest
from benchmarks.titles import catalog_roles

from stagedoor.engine.titles import TitleClassifier, decision
from stagedoor.engine.titles.normalise import parse
from stagedoor.industry.catalog import ROLE_SLUGS

DATA = Path(__file__).resolve().parents[3] / "benchmarks" / "data"

ROLE_LABELS = catalog_roles()  # the catalog's roles as the benchmark labels them

# Titles written for this test: in none of the benchmark files, and no alias says them.
UNSEEN = {
    "Ticketing Desk Attendant - Arts Centre": "box-office-agent",
    "Venue Sound Engineer (Thursdays to Saturdays)": "foh-engineer",
    "Lighting Crew - Opera House": "lighting-tech",
    "Head of Security, Arena": "security-manager",
    "Merch Stand Seller - Stadium Tour": "merch-seller",
    "Studio Mix Engineer (Atmos)": "mixing-engineer",
    "Stage Manager, Outdoor Festival": "stage-manager",
    # Another trade's words, whatever words of ours come with them.
    "Software Developer - Ticketing Platform": None,
    "Retail Security Officer - Shopping Centre": None,
    "Restaurant Kitchen Porter": None,
    "Hospital Sound Therapist": None,
    "Warehouse Team Leader": None,
}


@pytest.fixture(scope="module")
def combined():
    return TitleClassifier(ROLE_LABELS, use_embeddings=True)


def test_unseen_titles_with_the_model(combined):
    assert {t: combined.classify(t).role for t in UNSEEN} == UNSEEN


def test_unseen_titles_in_one_batch_match_one_by_one(combined):
    fresh = TitleClassifier(ROLE_LABELS, use_embeddings=True)
    assert [c.role for c in fresh.classify_many(list(UNSEEN))] == list(UNSEEN.values())


def test_decision_weights_name_every_feature():
    assert len(decision.WEIGHTS_MODEL) == len(decision.WEIGHTS_FUZZY) == len(decision.FEATURES) + 1


def test_fit_separates_what_it_can_and_is_balanced():
    # Two features: the first says ours, the second says not; nine of ours for one not.
    x = [[1.0, 0.0]] * 9 + [[0.0, 1.0]]
    y = [1] * 9 + [0]
    weights = decision.fit(x, y, l2=0.1)
    # Classes weigh the same, so the one "not ours" is as sure as the nine "ours".
    assert [round(float(p), 2) for p in decision.probability([[1, 0], [0, 1]], weights)] == [
        0.94,
        0.06,
    ]


def _rows(name: str) -> list[dict]:
    with (DATA / name).open() as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


def test_heldout_file_is_well_formed_and_disjoint_from_the_tuning_sets():
    rows = _rows("titles_heldout.csv")
    assert all(set(r) == {"title", "role"} for r in rows)
    assert all(r["title"].strip() == r["title"] and r["title"] for r in rows)
    ours = [r for r in rows if r["role"]]
    assert {r["role"] for r in ours} <= set(ROLE_SLUGS)
    assert {r["role"] for r in ours} == set(ROLE_SLUGS)  # every role is asked for
    assert (len(ours) >= 400, len(rows) - len(ours) >= 150) == (True, True)
    keys = [parse(r["title"]).key for r in rows]
    assert len(set(keys)) == len(keys)  # no title twice, even after normalising
    tuned = _rows("titles.csv")
    assert {r["split"] for r in tuned} == {"dev", "test", "fresh"}
    assert {r["title"].casefold() for r in rows}.isdisjoint(r["title"].casefold() for r in tuned)
    assert set(keys).isdisjoint(parse(r["title"]).key for r in tuned)


def test_a_second_caller_waits_for_the_first_load_and_the_model_loads_once():
    # A fresh interpreter: thread A starts the load, thread B asks while A holds the lock.
    script = (
        "import threading, time\n"
        "from stagedoor.engine import titles as t\n"
        "done = {}\n"
        "def ask(name):\n"
        "    model, why = t.load_model()\n"
        "    done[name] = (model, time.perf_counter())\n"
        "a = threading.Thread(target=ask, args=('a',)); a.start()\n"
        "while not t._MODEL_LOCK.locked(): time.sleep(0.001)\n"
        "asked = time.perf_counter()\n"
        "b = threading.Thread(target=ask, args=('b',)); b.start(); a.join(); b.join()\n"
        "print(t.load_count(), done['a'][0] is done['b'][0], done['a'][0] is not None,\n"
        "      done['b'][1] >= done['a'][1] - 0.05, done['b'][1] - asked > 0.5)\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert run.stdout == "1 True True True True\n"


def test_dev2_is_well_formed_covers_every_role_and_is_disjoint_from_every_other_set():
    rows = _rows("titles_dev2.csv")
    assert all(set(r) == {"title", "role"} and r["title"].strip() == r["title"] for r in rows)
    ours = [r for r in rows if r["role"]]
    assert {r["role"] for r in ours} == set(ROLE_SLUGS)
    assert (len(ours), len(rows) - len(ours)) == (299, 97)
    keys = [parse(r["title"]).key for r in rows]
    assert len(set(keys)) == len(keys)
    others = _rows("titles.csv") + _rows("titles_heldout.csv")
    assert set(keys).isdisjoint(parse(r["title"]).key for r in others)


def test_label_vectors_are_read_back_from_the_cache_directory(tmp_path):
    first = TitleClassifier(ROLE_LABELS, use_embeddings=True, cache_dir=tmp_path)
    (stored,) = tmp_path.glob("title-vectors-*.npy")
    again = TitleClassifier(ROLE_LABELS, use_embeddings=True, cache_dir=tmp_path)
    assert list(tmp_path.glob("title-vectors-*.npy")) == [stored]
    assert (again._label_vectors == first._label_vectors).all()
    assert (again._duty_vectors == first._duty_vectors).all()
    some = {"rigger", "head-rigger", "stagehand", "usher", "composer"}
    fewer = [r for r in ROLE_LABELS if r.slug in some]
    fewer = TitleClassifier(fewer, use_embeddings=True, cache_dir=tmp_path)
    assert len(list(tmp_path.glob("title-vectors-*.npy"))) == 2  # other labels, other file
    assert fewer.classify("Rigger - Arena").role == first.classify("Rigger - Arena").role
