"""Job-title classification: accuracy, refusals, throughput and warm start.

`python -m benchmarks.titles` prints, for embeddings+fuzzy and fuzzy alone, top-1 accuracy on
in-trade titles and the share of out-of-trade titles refused on twelve sets: dev
(titles.csv), dev2 (titles_dev2.csv), dev3, dev4 and dev5 (the fitting halves of
titles_dev3.csv, titles_dev4.csv and titles_dev5.csv), the only ones the decision is fitted
on (`--tune`); dev3-check, dev4-check and dev5-check (the other halves, never fitted on),
test and fresh (titles.csv), the held-out set (benchmarks/data/titles_heldout.csv, written
before the classifier was changed and never tuned against) and a second held-out set
(titles_heldout2.csv, written fresh once the first had been scored several times); then
titles per second and the warm start; JSON goes to benchmarks/results/titles.json.
`--no-heldout` leaves the held-out files unopened (development runs), `--no-warm` skips the
two server starts. `--tune` refits the in-trade decision on dev + dev2 + dev3 + dev4 + dev5
and prints the weights to paste into stagedoor/engine/titles/decision.py.

History on the held-out set (each figure one scoring of its total, misses never read):
before the calibrated decision (commit bfe89f9) 75.0% top-1 on its 436 in-trade titles and
93.0% of its 185 others refused; with it, fitted on dev alone (8b7093f), 86.0% and 96.2%;
refitted on dev + dev2 with the vocabulary their misses asked for, 89.2% and 97.8%.

Then (branch wt-titles) dev3 was written first, in one session, without opening the held-out
file: 544 titles (374 in the trade, 170 others that share words with it), halved by a hash.
Only the dev3 half's misses were looked at. The classifier learned reading rules, not
titles: the first-named role of a two-role title is primary; a slash or "and" shares the
worker noun ("Recording/Mix Engineer"); "Head of X" reads "X manager"; typos are read as
the trade word (same first letter, never another trade's word) below an exact match; a
place tacked on the end without a dash is a place; "audio" is "sound"; a label ending the
title is its head; film and television words and more other-trade words (musicians,
shopping, travel, industry) weigh against; the decision was refitted on dev + dev2 + dev3.
Baseline -> after, embeddings+fuzzy (fuzzy alone in brackets):
- dev3: 93.4% / 87.6% -> 97.5% / 98.9% (92.9% / 89.9% -> 96.0% / 98.9%)
- dev3-check: 94.3% / 87.6% -> 96.0% / 92.6% (94.9% / 87.6% -> 96.6% / 91.4%)
- dev2: 96.7% / 100% -> 97.0% / 100%; dev unchanged, 98.8% / 100%; test 98.4% / 100% ->
  97.8% / 100% (one title refused, "Casual Crew, cash in hand"); fresh 95.7% / 100% ->
  94.2% / 96.0% (one title each: "Stage Audio Crew" now the stagehand, "Theatre Director"
  accepted at p 0.52)
- held-out, scored once at the start and once at the end: 89.2% / 97.8% -> 90.1% / 98.4%
  (fuzzy 87.6% / 97.3% -> 88.5% / 97.8%). The 92% top-1 target is still not met.
Throughput at the end ran on a machine shared with other jobs (load 6.6, against 0.7 for
the baseline): cold batch 2,060 titles/s, feed 1,280/s, one by one 614/s, warm start's first
answer 0.030 s. Side by side at the same load (1,495 non-held-out titles, two runs each), the
old and new code were alike with the model (cold 2,239/2,223 vs 2,236/1,855 per s; feed
1,902/2,128 vs 1,642/1,659); fuzzy alone is slower with typo reading (cold 3,687/3,727 vs
1,829/2,073 per s), still above 1,000/s.
dev3 was checked against titles.csv and dev2 for overlap, not against the held-out file
(that would mean reading it), so a few dev3 rows may repeat held-out titles.

Then (branch wt-titles, second session) dev4 was written first, before any classifier change
and without opening either held-out file: 430 titles (336 in the trade, 94 others), rows
whose normalised title is in titles.csv, dev2 or dev3 dropped by script, halved by a hash
into dev4 (fitted, misses read) and dev4-check (totals only). Misses were mostly the wrong
role among roles sharing a worker noun. Reading rules added (``TitleClassifier._in_context``),
each picking the role but never deciding whether the title is ours (the chosen role takes
the best score the title already had): a place of work before a craft owns the job ("FOH Mix
Engineer" is front of house, "Monitor Mix Engineer" the monitor engineer), unless the craft
is that place's own ("Studio Mix Engineer"); a bare worker followed by a part naming a place
of work is that place's worker ("Runner - Recording Studio" the studio runner); a crew word
beside a craft is the craft's crew, the stage deciding nothing ("Stage Audio Hand", "Stage
Tech (Backline)", "Stage Carpentry Crew"); a rank beside a department with no label of its
own picks the department's role nearest that rung ("Merchandise Coordinator", "Ticketing
Coordinator"); a few other-trade words (court, church, linux, concrete, crane...). The
decision was refitted on dev + dev2 + dev3 + dev4. Baseline -> after, embeddings+fuzzy top-1
/ refused (fuzzy alone in brackets), `python -m benchmarks.titles --no-heldout`:
- dev4: 90.1% / 91.5% -> 92.6% / 97.9% (88.3% / 85.1% -> 91.4% / 97.9%)
- dev4-check: 89.1% / 83.0% -> 92.5% / 83.0% (87.9% / 85.1% -> 91.4% / 85.1%)
- dev3: 97.5% / 98.9% -> 99.5% / 100% (96.0% / 98.9% -> 98.5% / 98.9%)
- dev3-check: 96.0% / 92.6% -> 96.6% / 93.8% (96.6% / 91.4% -> 96.6% / 93.8%)
- dev2: 97.3% / 100% -> 98.7% / 100% (96.3% / 100% -> 97.7% / 100%)
- dev: 98.8% / 100% unchanged (both methods)
- test: 97.8% / 100% -> 98.4% / 100% (the same for fuzzy alone)
- fresh: 94.2% / 96.0% -> 95.7% / 96.0% (91.3% / 100% -> 94.2% / 100%)
- held-out, scored once by the merger after this branch (totals only): 91.5% / 97.8%
  (fuzzy 90.6% / 96.8%); held-out 2: 94.9% / 94.6% (fuzzy 95.2% / 94.6%)
Refusals on the two check halves (93.8%, 83.0%) stay under the 95% target; dev4-check's
out-of-trade misses were not read. One dev4-check total was seen for a variant of the
place rule ("Studio Mix Engineer" read as the mixing engineer by rule): it moved dev4-check
from 92.5% to 91.4% with no change on the fitted splits, and the narrower rule was kept.
Throughput (load 3.5 from other jobs): cold batch 4,714 titles/s, feed 2,857/s, one by one
1,327/s (fuzzy alone 3,927, 2,245, 1,681); warm start's first answer 0.042 s. Side by side at
the same load, three cold batches each, old and new code were alike (model 2,567-5,096 vs
3,023-4,201 per s; fuzzy 3,547-6,747 vs 3,786-6,368).

Then (branch wt-refuse) refusal of other trades' titles never seen: dev5 was written first,
before any classifier change and without opening either held-out file: 312 titles (191 of
other trades that share our words, from manufacturing, IT, healthcare, construction, retail,
hospitality, film and TV sets, news, radio, schools, churches, gyms, photography, logistics,
games; 121 ours), rows whose normalised title is in titles.csv or dev2..dev4 dropped by
script, halved by a hash into dev5 (fitted, misses read) and dev5-check (totals only). Added:
other industries' words organised by industry (``lexicon.OTHER_INDUSTRIES``, roughly 600
words, none shared with the trade's vocabulary); a decision feature "unexplained", the share
of the words before the worker noun that are not the trade's ("Print Production Manager");
games read like film and television (a sound role may work for them, a crew or office role
there is another industry's); a few unambiguous other-trade phrases that veto ("light rail",
"hearing aid", "data center", "operating theater"); the decision refitted on dev..dev5.
Baseline -> after, embeddings+fuzzy top-1 / refused (fuzzy alone in brackets),
`python -m benchmarks.titles --no-heldout --no-warm`:
- dev5: 100% / 93.0% -> 100% / 100% (98.6% / 92.0% -> 100% / 100%)
- dev5-check: 95.9% / 93.4% -> 95.9% / 95.6% (98.0% / 94.5% -> 98.0% / 95.6%)
- dev4: 92.6% / 97.9% -> 93.2% / 97.9% (91.4% / 97.9% -> 92.0% / 97.9%)
- dev4-check: 92.5% / 83.0% -> 93.1% / 93.6% (91.4% / 85.1% -> 90.8% / 95.7%)
- dev3: 99.5% / 100% unchanged (98.5% / 98.9% unchanged)
- dev3-check: 96.6% / 93.8% -> 96.0% / 93.8% (96.6% / 93.8% -> 96.0% / 93.8%)
- dev2: 98.7% / 100% unchanged (97.7% / 100% unchanged)
- dev: 98.8% / 100% unchanged (both methods)
- test: 98.4% / 100% unchanged (both methods)
- fresh: 95.7% / 96.0% unchanged (94.2% / 96.0%, was 94.2% / 100%)
- held-out: see the paragraph below (scored after the overlap was dropped and the refit)
Refusal on the check halves rose most on dev4-check (83.0% -> 93.6%); dev3-check stays at
93.8%, under the 95% target, and one in-trade title there (one on fuzzy dev4-check too) is
now missed: check misses were not read. Tried and dropped: a feature for an other-trade word
in the part naming the worker (fitted weight near zero), and an embedding feature, the whole
title's nearest of 17 one-line industry descriptions less its nearest duty of ours (one
title better on dev3-check, one worse on dev5-check and one on dev3; it also embeds a second
text per model title). Throughput (load ~4 from other jobs): cold batch 2,533 titles/s, feed
1,800/s, one by one 828/s (fuzzy alone 3,760, 2,101, 1,408); baseline at the same load
2,752, 1,728, 699 (fuzzy 3,621, 2,050, 1,334). Warm start's first answer 0.027 s.

Held-out 2 and an overlap found (same session). titles_heldout2.csv (542 titles: 394 in the
trade, 148 others; every catalog role) was written at the start of the session by a writer
who never opened or ran the classifier, deduplicated against every title file then present,
and scored (totals only) before wt-titles, after it, and once more at the end. Its test
then showed dev4 repeating two of its titles, and a check of every development file against
both held-out files found 96 repeats (dev2 1, dev3 63, dev4 32; dev5 later 13): dev3 and dev4
had been checked only against the files before them, so the decision had been fitted on some
held-out titles, and the old held-out figures since dev3 (89.2% -> 90.1%) flattered it. Those
rows were dropped by script, unseen (the held-out files win), a test keeps every title file
apart from the held-out ones, and the decision was refitted on the cleaned dev..dev5.
Embeddings+fuzzy top-1 / refused (fuzzy alone in brackets), the `heldout` and `heldout2`
rows of `python -m benchmarks.titles`:
- held-out 2: 93.9% / 95.3% at the start (94.9% / 94.6% after wt-titles) -> 94.7% / 98.0%
  at the end (93.4% / 94.6% -> 94.7% / 96.6%)
- held-out: 90.4% / 97.8% at the start (the same code scored 90.1% / 98.4% last session
  through the benchmark's own run) -> 91.7% / 97.3% at the end (88.5% / 97.8% ->
  91.1% / 96.8%); its 92% top-1 is two titles short. It has now been scored often enough,
  and was partly fitted on through the overlap, that held-out 2 is the honest figure.
Non-held-out splits after the refit on the cleaned sets: dev3-check 96.8% / 94.2%, dev4-check
93.2% / 93.3%, dev5-check 95.9% / 94.4%, fresh 95.7% / 96.0%; all 1,480+648 titles 97.1% /
97.8%; cold batch 2,707 titles/s, feed 2,083/s, one by one 980/s (load 5 from other jobs).

Throughput, all with model loading (imports, weights, role labels) timed apart:
- cold: a fresh classifier, every labelled title once, one `classify_many` batch;
- warm: the same titles again (the normalised-title cache answers);
- one by one: cold, one `classify` call per title (what the posting form does);
- feed: 5,000 labelled titles dressed as boards write them (place, pay, gender marker),
  every raw string new, on a fresh classifier;
- via model: the share of titles the model had to read, and those titles alone per second.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import numpy as np
from rich.console import Console
from rich.table import Table

from stagedoor.engine.titles import RoleLabel, TitleClassifier, decision, embedding_model_status
from stagedoor.industry.catalog import ROLES

from .machineinfo import machine, machine_line

ROOT = Path(__file__).resolve().parent
DATA = ROOT / "data" / "titles.csv"
HELDOUT = ROOT / "data" / "titles_heldout.csv"
HELDOUT2 = ROOT / "data" / "titles_heldout2.csv"
DEV2 = ROOT / "data" / "titles_dev2.csv"
DEV3 = ROOT / "data" / "titles_dev3.csv"
DEV4 = ROOT / "data" / "titles_dev4.csv"
DEV5 = ROOT / "data" / "titles_dev5.csv"
SPLITS = (
    "dev",
    "dev2",
    "dev3",
    "dev3-check",
    "dev4",
    "dev4-check",
    "dev5",
    "dev5-check",
    "test",
    "fresh",
    "heldout",
    "heldout2",
)
FITTED = ("dev", "dev2", "dev3", "dev4", "dev5")  # the splits the in-trade decision is fitted on


def load_examples(path: Path = DATA, *, heldout: bool = True) -> list[dict]:
    """The labelled titles with their split; the held-out files' rows as splits "heldout" and
    "heldout2" (left out when heldout=False, as --tune does)."""
    with path.open() as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        out = [{"title": r["title"], "role": r["role"] or None, "split": r["split"]} for r in rows]
    if path == DATA:
        out += load_dev2()
        out += load_dev3()
        out += load_dev4()
        out += load_dev5()
        if heldout:
            out += load_heldout()
            out += load_heldout2()
    return out


def load_dev2(path: Path = DEV2) -> list[dict]:
    """The second development set, tuned on with dev (written after the first fit)."""
    with path.open() as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        return [{"title": r["title"], "role": r["role"] or None, "split": "dev2"} for r in rows]


def load_dev3(path: Path = DEV3) -> list[dict]:
    """The third development set, halved by a hash of the title: "dev3" is fitted on with
    dev and dev2, "dev3-check" never is (a check written in the same session)."""
    with path.open() as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        return [
            {"title": r["title"], "role": r["role"] or None, "split": dev3_split(r["title"])}
            for r in rows
        ]


def dev3_split(title: str) -> str:
    digest = int(hashlib.sha256(title.encode()).hexdigest(), 16)
    return "dev3" if digest % 2 == 0 else "dev3-check"


def load_dev4(path: Path = DEV4) -> list[dict]:
    """The fourth development set, halved by a hash of the title like dev3: "dev4" is fitted
    on and its misses read, "dev4-check" is never fitted on."""
    with path.open() as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        return [
            {"title": r["title"], "role": r["role"] or None, "split": dev4_split(r["title"])}
            for r in rows
        ]


def dev4_split(title: str) -> str:
    digest = int(hashlib.sha256(f"dev4:{title}".encode()).hexdigest(), 16)
    return "dev4" if digest % 2 == 0 else "dev4-check"


def load_dev5(path: Path = DEV5) -> list[dict]:
    """The fifth development set, mostly other trades' titles that share our words, halved
    by a hash of the title like dev4: "dev5" is fitted on and its misses read, "dev5-check"
    is never fitted on."""
    with path.open() as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        return [
            {"title": r["title"], "role": r["role"] or None, "split": dev5_split(r["title"])}
            for r in rows
        ]


def dev5_split(title: str) -> str:
    digest = int(hashlib.sha256(f"dev5:{title}".encode()).hexdigest(), 16)
    return "dev5" if digest % 2 == 0 else "dev5-check"


def load_heldout(path: Path = HELDOUT) -> list[dict]:
    with path.open() as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        return [{"title": r["title"], "role": r["role"] or None, "split": "heldout"} for r in rows]


def load_heldout2(path: Path = HELDOUT2) -> list[dict]:
    """The second held-out set, written fresh because the first had been scored several times."""
    with path.open() as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        return [{"title": r["title"], "role": r["role"] or None, "split": "heldout2"} for r in rows]


def catalog_roles() -> list[RoleLabel]:
    return [
        RoleLabel(
            r["slug"],
            r["name"],
            tuple(r["aliases"]),
            r["department"],
            r["level"],
            r["summary"],
            tuple(r["responsibilities"]),
        )
        for r in ROLES
    ]


def score(examples: list[dict], predicted: list[str | None]) -> dict:
    known = [(e, p) for e, p in zip(examples, predicted, strict=True) if e["role"]]
    foreign = [(e, p) for e, p in zip(examples, predicted, strict=True) if not e["role"]]
    right = sum(p == e["role"] for e, p in known)
    refused = sum(p is None for _, p in foreign)
    return {
        "in_domain": len(known),
        "top1": round(right / len(known), 4) if known else None,
        "out_of_domain": len(foreign),
        "refused": round(refused / len(foreign), 4) if foreign else None,
        "errors": [
            {"title": e["title"], "expected": e["role"], "got": p}
            for e, p in known + foreign
            if p != e["role"]
        ],
    }


PLACES = ["London", "Berlin", "Leeds", "Chicago, IL", "Manchester", "NYC", "Wembley", "Köln"]
PAY = ["£180/day", "$45/hr", "€220 per day", "DOE", "£14.50 per hour", ""]
DRESS = ["{t} - {p}", "{t} ({g}) {p}", "Freelance {t}, {p}, {pay}", "{t} | {p} | {pay}", "{t}"]


def decorated(titles: list[str], n: int) -> list[str]:
    """n job-board variants of the titles (deterministic)."""
    rng = random.Random(7)
    out = []
    for i in range(n):
        form = rng.choice(DRESS)
        out.append(
            form.format(
                t=titles[i % len(titles)],
                p=rng.choice(PLACES),
                g=rng.choice(["m/w/d", "m/f/d", "all genders"]),
                pay=rng.choice(PAY),
            )
            + f" #{i}"
        )
    return out


def run_method(use_embeddings: bool, examples: list[dict]) -> dict:
    roles = catalog_roles()
    titles = [e["title"] for e in examples]
    started = time.perf_counter()
    classifier = TitleClassifier(roles, use_embeddings=use_embeddings)
    build_s = time.perf_counter() - started
    started = time.perf_counter()
    results = classifier.classify_many(titles)
    cold_s = time.perf_counter() - started
    model_share = classifier.model_calls / len(titles)
    started = time.perf_counter()
    classifier.classify_many(titles)
    warm_s = time.perf_counter() - started
    single = TitleClassifier(roles, use_embeddings=use_embeddings)
    hard = []
    single_s = 0.0
    for title in titles:
        calls = single.model_calls
        started = time.perf_counter()
        single.classify(title)
        single_s += time.perf_counter() - started
        if single.model_calls > calls:
            hard.append(title)
    predicted = [r.role for r in results]
    # The slow path alone: the titles the model had to read, on a fresh classifier.
    probe = TitleClassifier(roles, use_embeddings=use_embeddings)
    started = time.perf_counter()
    probe.classify_many(hard)
    hard_s = time.perf_counter() - started
    # A feed: labelled titles dressed as boards write them (place, pay, gender marker), each
    # raw string new; the normalised-title cache may answer for a title seen undressed.
    stream = decorated(titles, 5000)
    fresh = TitleClassifier(roles, use_embeddings=use_embeddings)
    started = time.perf_counter()
    fresh.classify_many(stream)
    stream_s = time.perf_counter() - started
    out = {
        "method": classifier.method,
        "build_s": round(build_s, 3),
        "titles": len(titles),
        "cold_per_s": round(len(titles) / cold_s),
        "warm_per_s": round(len(titles) / warm_s),
        "one_by_one_per_s": round(len(titles) / single_s),
        "needed_model": round(model_share, 3),
        "model_path_titles": len(hard),
        "model_path_per_s": round(len(hard) / hard_s) if hard else None,
        "feed_titles": len(stream),
        "feed_per_s": round(len(stream) / stream_s),
    }
    for split in SPLITS:
        chosen = [(e, p) for e, p in zip(examples, predicted, strict=True) if e["split"] == split]
        out[split] = score([e for e, _ in chosen], [p for _, p in chosen])
    out["all"] = score(examples, predicted)
    return out


def tune(console: Console, examples: list[dict]) -> None:
    """Fit the in-trade decision on the dev and dev2 splits only, with and without the model.

    The L2 strength is chosen by 5-fold cross-validation on them (log loss); the held-out,
    test and fresh titles are never read here.
    """
    dev = [e for e in examples if e["split"] in FITTED]
    roles = catalog_roles()
    table = Table("method", "L2 (cv)", "weights (FEATURES..., intercept)", "lowest in-trade p")
    for use in (True, False):
        classifier = TitleClassifier(roles, use_embeddings=use)
        evidence = classifier.evidence_many([e["title"] for e in dev])
        rows = [(f, e["role"] is not None) for e, (_, f) in zip(dev, evidence, strict=True)]
        x = np.array([f for f, _ in rows if f is not None])
        y = np.array([int(ours) for f, ours in rows if f is not None])
        folds = np.arange(len(y)) % 5
        losses = {}
        for l2 in (0.1, 0.3, 1.0, 3.0, 10.0):
            loss = 0.0
            for k in range(5):
                w = decision.fit(x[folds != k], y[folds != k], l2=l2)
                p = np.clip(decision.probability(x[folds == k], w), 1e-6, 1 - 1e-6)
                yk = y[folds == k]
                loss -= float(np.sum(yk * np.log(p) + (1 - yk) * np.log(1 - p)))
            losses[l2] = loss
        l2 = min(losses, key=losses.get)
        weights = decision.fit(x, y, l2=l2)
        fuzzy_only = decision.probability(x, decision.WEIGHTS_FUZZY)
        table.add_row(
            classifier.method,
            f"{l2:g}",
            repr(weights),
            f"{fuzzy_only[y == 1].min():.3f}" if use else "",
        )
    console.print(table)


def run_titles(console: Console, *, heldout: bool = True, warm: bool = True) -> dict:
    """Print the title-classification table and write benchmarks/results/titles.json
    (``heldout=False``: the held-out file is neither read nor scored)."""
    examples = load_examples(heldout=heldout)
    info = machine()
    console.print(machine_line(info))
    started = time.perf_counter()
    why = embedding_model_status()
    load_s = time.perf_counter() - started
    runs = [run_method(True, examples)] if why is None else []
    runs.append(run_method(False, examples))
    n = {k: sum(e["split"] == k for e in examples) for k in SPLITS}
    console.print(
        f"[bold]Titles[/]: {len(examples)} labelled ({sum(bool(e['role']) for e in examples)} "
        f"in the trade), dev {n['dev']} / dev2 {n['dev2']} / dev3 {n['dev3']} / "
        f"dev3-check {n['dev3-check']} / dev4 {n['dev4']} / dev4-check {n['dev4-check']} / "
        f"dev5 {n['dev5']} / dev5-check {n['dev5-check']} / "
        f"test {n['test']} / "
        f"fresh {n['fresh']} / held-out {n['heldout']} / held-out 2 {n['heldout2']}; "
        + (f"model loaded in {load_s:.1f} s" if why is None else f"no model: {why}")
        + f"; classifier built in {runs[0]['build_s']:.2f} s after it (label vectors "
        + ("from the cache)" if os.environ.get("STAGEDOOR_VAR") else "embedded)")
    )
    table = Table(
        "method",
        "split",
        "top-1 (in domain)",
        "OOD refused",
        "cold titles/s",
        "warm titles/s",
        "one by one/s",
        "feed/s",
        "via model (titles/s)",
        title="Job titles → catalog roles (targets on held-out: ≥92% top-1, ≥95% refused; "
        "≥1,000/s)",
    )
    for run in runs:
        for split in (*SPLITS, "all"):
            s = run[split]
            if not s["in_domain"] and not s["out_of_domain"]:
                continue
            table.add_row(
                run["method"],
                f"{split} ({s['in_domain']}+{s['out_of_domain']})",
                f"{s['top1']:.1%}",
                f"{s['refused']:.1%}",
                f"{run['cold_per_s']:,}" if split == "all" else "",
                f"{run['warm_per_s']:,}" if split == "all" else "",
                f"{run['one_by_one_per_s']:,}" if split == "all" else "",
                f"{run['feed_per_s']:,}" if split == "all" else "",
                (
                    f"{run['needed_model']:.0%} ({run['model_path_per_s'] or '-'})"
                    if split == "all"
                    else ""
                ),
            )
    console.print(table)
    errors = runs[0]["test"]["errors"] + runs[0]["fresh"]["errors"]
    if errors:
        console.print(f"[dim]{runs[0]['method']} misses on test and fresh:[/]")
        for e in errors:
            console.print(f"[dim]  {e['title']!r}: expected {e['expected']}, got {e['got']}[/]")
    held = runs[0]["heldout"]["errors"] + runs[0]["heldout2"]["errors"]
    if heldout:
        console.print(
            f"[dim]{runs[0]['method']}: {len(held)} held-out misses (in the JSON, not printed: "
            "reading them is how a held-out set stops being one)[/]"
        )
    started_warm = warm_start(console) if why is None and warm else None
    report = {"machine": info, "model_load_s": round(load_s, 2), "runs": runs, "warm": started_warm}
    out = ROOT / "results" / "titles.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n")
    console.print(f"JSON: {out.relative_to(ROOT.parent)}")
    return report


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(var: str, warm: bool) -> tuple[subprocess.Popen, int, float, list[str]]:
    """Start runserver on a loopback port; (process, port, start time, its stderr lines)."""
    env = dict(os.environ, STAGEDOOR_VAR=var, DEBUG="1", LOG_LEVEL="INFO")
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT.parent / "src"), env.get("PYTHONPATH", "")])
    env.pop("STAGEDOOR_WARM_TITLES", None)
    if warm:
        env["STAGEDOOR_WARM_TITLES"] = "1"
    port = _free_port()
    command = [sys.executable, "-m", "stagedoor", "runserver", f"127.0.0.1:{port}", "--noreload"]
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    lines: list[str] = []

    def drain() -> None:
        for line in process.stderr:
            lines.append((time.perf_counter(), line))

    threading.Thread(target=drain, daemon=True).start()
    return process, port, started, lines


def _get(port: int, title: str) -> float:
    url = f"http://127.0.0.1:{port}/api/classify?" + urllib.parse.urlencode({"title": title})
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as response:
        response.read()
    return time.perf_counter() - started


def _wait_up(port: int, deadline: float) -> None:
    while time.perf_counter() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("the server did not start")


def warm_start(console: Console) -> dict:
    """Start the real server twice (cold, then with STAGEDOOR_WARM_TITLES=1) and time the
    first classification; with warm start, also the time until the classifier is ready."""
    out: dict = {}
    with tempfile.TemporaryDirectory() as var:
        env = dict(os.environ, STAGEDOOR_VAR=var, DEBUG="1")
        env["PYTHONPATH"] = os.pathsep.join([str(ROOT.parent / "src"), env.get("PYTHONPATH", "")])
        subprocess.run(
            [sys.executable, "-m", "stagedoor", "migrate", "--verbosity", "0"], env=env, check=True
        )
        for warm in (False, True):
            process, port, started, lines = _serve(var, warm)
            try:
                _wait_up(port, started + 120)
                up = time.perf_counter() - started
                ready = None
                if warm:
                    while not any("classifier warm in" in line for _, line in lines):
                        if time.perf_counter() - started > 180 or process.poll() is not None:
                            raise RuntimeError(
                                "the classifier never warmed:\n"
                                + "".join(line for _, line in lines)
                            )
                        time.sleep(0.05)
                    ready = next(t for t, line in lines if "classifier warm in" in line) - started
                first = _get(port, "Box Office Attendant - comedy club")
                second = _get(port, "Head of Sound, touring musical")
            finally:
                process.terminate()
                process.wait(timeout=30)
            key = "warm" if warm else "cold"
            out[key] = {
                "server_up_s": round(up, 2),
                "ready_s": round(ready, 2) if ready is not None else None,
                "first_answer_s": round(first, 3),
                "second_answer_s": round(second, 3),
            }
    table = Table(
        "server start",
        "listening after",
        "classifier ready after",
        "first answer",
        "second answer",
        title="First classification after the server starts (target: first answer < 1 s)",
    )
    for key, row in out.items():
        table.add_row(
            "STAGEDOOR_WARM_TITLES=1" if key == "warm" else "cold (loads on first request)",
            f"{row['server_up_s']:.1f} s",
            f"{row['ready_s']:.1f} s" if row["ready_s"] is not None else "-",
            f"{row['first_answer_s']:.3f} s",
            f"{row['second_answer_s']:.3f} s",
        )
    console.print(table)
    return out


def main(argv: list[str]) -> None:
    console = Console(width=160)
    if "--tune" in argv:
        tune(console, load_examples(heldout=False))
    elif "--warm" in argv:
        warm_start(console)
    else:
        # --no-heldout: development work, the held-out file is not opened; --no-warm: skip
        # the two server starts.
        run_titles(console, heldout="--no-heldout" not in argv, warm="--no-warm" not in argv)


if __name__ == "__main__":
    main(sys.argv[1:])
