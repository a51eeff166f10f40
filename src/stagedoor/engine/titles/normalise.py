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

from .lexicon import ABBREVIATIONS, LEVEL_ONLY, NOISE_WORDS, ROLE_NOUNS, SENIORITY

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
    r"(\s+[-–—~]+\s+|[|/\\,;:()\[\]{}@•·+!?]|\s[-–—]|[-–—]\s|\s+(?:at|for|in|with|bei|fur)\s+)"
)
# Separators that join two jobs sharing one worker noun ("Recording/Mix Engineer" is a
# recording engineer and a mix engineer), as "and" does inside a part ("Sound & Lighting
# Technician").
_SHARED = frozenset("/\\+")
_AND = re.compile(r"\band\b")
_HEAD_OF = re.compile(r"\b(?:head|chief|director)\s+of\s+(.+)")
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
    """Split a title into candidate strings; pull out the seniority it names.

    Candidates come in reading order (the whole title first, then each part), so a title
    naming two roles can be read as its first, primary one. A part without a worker noun
    borrows the noun of the part it is joined to by a slash or "and" ("Recording/Mix
    Engineer" reads "recording engineer" first).
    """
    text = _PAY.sub(" | ", _GENDER.sub(" | ", fold(title))).replace("co-ord", "coord")
    pieces = _SEPARATORS.split(text)
    parts = [p.replace("-", " ").replace("–", " ") for p in pieces[0::2]]
    joins = [j.strip() in _SHARED for j in pieces[1::2]]
    level = None
    for word in _TOKEN.findall(text):
        level = level or SENIORITY.get(word)
    words_of = [tokens_of(part, drop_level=True) for part in parts]
    candidates: list[str] = []
    whole: list[str] = []
    for n, (part, words) in enumerate(zip(parts, words_of, strict=True)):
        whole.extend(words)
        if not words:
            continue
        shared = _shared_noun(part, words, words_of[n + 1] if n < len(joins) and joins[n] else None)
        if shared:
            candidates.append(shared)
        candidates.append(" ".join(words))
        leader = _leader(part)
        if leader:
            candidates.append(leader)
    key = " ".join(whole)
    if key:
        candidates.insert(0, key)
    return Parsed(key=key, candidates=tuple(dict.fromkeys(candidates)), level=level)


def _leader(part: str) -> str | None:
    """ "Head of Merch" also reads as "merch manager": the one who runs that team."""
    found = _HEAD_OF.search(part)
    if found is None:
        return None
    words = tokens_of(found.group(1), drop_level=True)
    if not words or words[-1] in ROLE_NOUNS:
        return None
    return " ".join([*words, "manager"])


def _shared_noun(part: str, words: list[str], joined: list[str] | None) -> str | None:
    """ "recording" + "mixing engineer" -> "recording engineer"; "sound and lighting
    technician" -> "sound technician"; None when the part names its own worker."""
    if words[-1] in ROLE_NOUNS:
        halves = _AND.split(part)
        if len(halves) != 2:
            return None
        left = tokens_of(halves[0], drop_level=True)
        right = tokens_of(halves[1], drop_level=True)
        if left and len(right) >= 2 and left[-1] not in ROLE_NOUNS:
            return " ".join([*left, words[-1]])
        return None
    short_code = len(words) == 1 and len(words[0]) <= 3  # "A2", "TM": a role of its own
    if (
        joined
        and len(joined) >= 2
        and joined[-1] in ROLE_NOUNS
        and len(words) <= 2
        and not short_code
    ):
        return " ".join([*words, joined[-1]])
    return None
