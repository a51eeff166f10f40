"""Turning a free-text job title into the strings worth matching.

"A2 / Monitor Tech - arena tour (m/w/d), £180/day" becomes the whole title without its
noise ("a2 monitor technician arena tour") and its parts ("a2", "monitor technician",
"arena tour"), so a location, a tour name or a pay note in one part cannot drown the
role named in another.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .lexicon import ABBREVIATIONS, LEVEL_ONLY, NOISE_WORDS, SENIORITY

_GENDER = re.compile(
    r"\(\s*(?:[mwfdxi*]\s*[/|,]\s*)+[mwfdxi*]\s*\)|\b[mwf]\s*/\s*[mwf]\s*/\s*[dxi]\b"
    r"|\(\s*all genders\s*\)",
)
_PAY = re.compile(
    r"(?:[£$€]\s*\d[\d.,]*\s*k?|\b\d[\d.,]*\s*(?:k\b)?\s*(?:eur|gbp|usd|euros?|pounds?|dollars?)\b)"
    r"(?:\s*(?:/|per|an|a|p\.?)\s*(?:hr|hour|h|day|d|week|wk|show|night|gig|call|shift)\b)?"
    r"|\b(?:up to|from)\s*(?=[£$€])",
)
# Parts of a title: spaced dashes, slashes, bars, brackets and the like, and " at ", " for ",
# " in " ("Stagehand in Leeds", "Runner for festival season", "Box Office Agent at Roundhouse").
_SEPARATORS = re.compile(
    r"\s+[-–—~]+\s+|[|/\\,;:()\[\]{}@•·+!?]|\s[-–—]|[-–—]\s|\s+(?:at|for|in|with|bei|fur)\s+"
)
_TOKEN = re.compile(r"[a-z0-9]+")
_COUNT = re.compile(r"x\d+|\d+x")


def fold(text: str) -> str:
    """Lower case ASCII: accents dropped, ß as ss, & as "and"."""
    text = text.replace("ß", "ss").replace("&", " and ")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def tokens_of(text: str, *, drop_level: bool) -> list[str]:
    """Words of an already folded part, with shorthand expanded and noise dropped."""
    out: list[str] = []
    for raw in _TOKEN.findall(text.replace("'", "").replace(".", "")):
        if raw.isdigit() or _COUNT.fullmatch(raw):  # "12", "x4", "4x": how many, not who
            continue
        for word in ABBREVIATIONS.get(raw, raw).split():
            if word in NOISE_WORDS or (drop_level and word in LEVEL_ONLY):
                continue
            out.append(word)
    return out


def label_key(label: str) -> str:
    """The form a role name or alias is matched in (the same treatment as a title)."""
    return " ".join(
        tokens_of(fold(label).replace("co-ord", "coord").replace("-", " "), drop_level=False)
    )


@dataclass(frozen=True)
class Parsed:
    key: str  # the whole title, normalised: the cache key
    candidates: tuple[str, ...]  # the whole title and each part, each non-empty
    level: str | None


def parse(title: str) -> Parsed:
    """Split a title into candidate strings; pull out the seniority it names."""
    text = _PAY.sub(" | ", _GENDER.sub(" | ", fold(title))).replace("co-ord", "coord")
    parts = [p.replace("-", " ").replace("–", " ") for p in _SEPARATORS.split(text)]
    level = None
    for word in _TOKEN.findall(text):
        level = level or SENIORITY.get(word)
    candidates: list[str] = []
    whole: list[str] = []
    for part in parts:
        words = tokens_of(part, drop_level=True)
        whole.extend(words)
        if words:
            candidates.append(" ".join(words))
    key = " ".join(whole)
    if key:
        candidates.insert(0, key)
    return Parsed(key=key, candidates=tuple(dict.fromkeys(candidates)), level=level)
