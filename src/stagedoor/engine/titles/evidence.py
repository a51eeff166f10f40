"""What a title says apart from the role labels: departments, the worker noun, the place.

"Box Office Attendant - comedy club" names the box office (a department), an attendant (a
worker noun at entry level) and a club (a place of the trade). None of the catalog's labels
says "attendant", yet the reading alone points at the box office's entry-level role. The
classifier turns this into a prior over roles (`role_prior`) and into features of its
in-trade decision (`decision.FEATURES`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.process import extractOne

from .lexicon import DEPARTMENT_WORDS, OUT_OF_TRADE, ROLE_NOUNS, SCREEN, TRADE_PLACES
from .normalise import Parsed

_LEVEL_INDEX = {"entry": 0, "mid": 1, "senior": 2, "lead": 3}
_ONE_WORD = {k: v for k, v in DEPARTMENT_WORDS.items() if " " not in k}
_PHRASES = tuple((f" {k} ", v) for k, v in DEPARTMENT_WORDS.items() if " " in k)
_PLACE_PHRASES = tuple(
    f" {p} "
    for p in (
        "west end",
        "box office",
        "front of house",
        "arts center",
        "concert hall",
        "opera house",
        "performing arts",
    )
)


@dataclass(frozen=True)
class Reading:
    departments: frozenset[str]
    level: int | None  # 0 entry .. 3 lead, from the worker noun and seniority words
    noun: bool  # the title names a kind of worker we know ("attendant", "engineer")
    place: bool  # a venue, show or kind of music is named
    foreign: bool  # a word of another trade or workplace
    unknown: float  # share of the words that are neither ours nor a worker noun
    screen: bool = False  # film or television: foreign unless the role is a studio one
    unexplained: float = 0.0  # share of the words before the worker noun that are not ours


def read(parsed: Parsed, ours: frozenset[str]) -> Reading:
    """Read a parsed title; ``ours`` is every word of the trade (see ``trade_words``)."""
    words = parsed.key.split()
    padded = f" {parsed.key} "
    departments = {_ONE_WORD[w] for w in words if w in _ONE_WORD}
    departments.update(d for phrase, d in _PHRASES if phrase in padded)
    head = parsed.candidates[1] if len(parsed.candidates) > 1 else parsed.key
    level = None
    for word in reversed(head.split()):
        if word in ROLE_NOUNS:
            level = ROLE_NOUNS[word]
            break
    if parsed.level == "lead" and (level is None or level < 3):
        level = 3 if ("head" in words or "chief" in words) else max(level or 0, 2)
    elif parsed.level == "entry" and level is not None:
        level = 0
    place = any(w in TRADE_PLACES for w in words) or any(p in padded for p in _PLACE_PHRASES)
    foreign = any(w in OUT_OF_TRADE for w in words)
    head_words = head.split()
    nouns = [n for n, w in enumerate(head_words) if w in ROLE_NOUNS]
    # What qualifies the worker ("Print" in "Print Production Manager"): the words before
    # its noun; words after it are more often a place ("Rigger London").
    before = head_words[: nouns[-1]] if nouns else head_words
    unexplained = sum(not _known(w, ours) for w in before) / len(before) if before else 0.0
    unknown = sum(not _known(w, ours) for w in words) / len(words) if words else 1.0
    return Reading(
        departments=frozenset(departments),
        level=level,
        noun=any(w in ROLE_NOUNS for w in words),
        place=place,
        foreign=foreign,
        unknown=unknown,
        screen=any(w in SCREEN for w in words),
        unexplained=unexplained,
    )


@lru_cache(maxsize=65536)
def _known(word: str, ours: frozenset[str]) -> bool:
    """A word of the trade, or a typo of one ("engeneer", "techinician")."""
    if word in ours:
        return True
    if len(word) < 5:
        return False
    return extractOne(word, ours, scorer=fuzz.ratio, score_cutoff=80) is not None


def role_prior(
    reading: Reading, departments: np.ndarray, levels: np.ndarray, department_names: list[str]
) -> np.ndarray:
    """Per role, 0..1: how well its department and level fit the reading.

    ``departments`` holds each role's index into ``department_names``; ``levels`` each
    role's level index (-1 when unknown).
    """
    prior = np.zeros(len(departments), dtype=np.float32)
    if not reading.departments:
        return prior
    wanted = [department_names.index(d) for d in reading.departments if d in department_names]
    if not wanted:
        return prior
    mask = np.isin(departments, wanted)
    if reading.level is None:
        prior[mask] = 0.75
    else:
        gap = np.abs(levels.astype(np.float32) - reading.level)
        gap[levels < 0] = 1.0
        prior[mask] = np.clip(1.0 - 0.3 * gap[mask], 0.0, 1.0)
    return prior


def trade_words(label_words: frozenset[str]) -> frozenset[str]:
    """Every word that belongs to the trade: label words, departments, places, worker nouns."""
    return frozenset(label_words | _ONE_WORD.keys() | TRADE_PLACES | ROLE_NOUNS.keys())


def level_index(level: str) -> int:
    return _LEVEL_INDEX.get(level, -1)
