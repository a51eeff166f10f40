"""all-MiniLM-L6-v2 on bare torch: the same sentence vectors without importing transformers.

Importing sentence-transformers (and through it transformers) took 12-15 s of the
classifier's 22 s model load on a busy two-core machine; the network itself is six small
BERT layers. This reads the bundled package's ``model.safetensors`` and ``tokenizer.json``
(the Rust ``tokenizers`` library) and computes what sentence-transformers does for this
model: BERT, mean pooling over the real tokens, unit length. Its linear layers run in int8
(dynamic quantisation, as before). Vectors agree with sentence-transformers' full-precision
ones to a cosine of 0.9999 in full precision; int8 moves them a little, as it did
before (tests/engine/titles/test_minilm.py). A NumPy version gave the
same vectors but ran three times slower than torch's int8 kernels.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Sequence
from pathlib import Path

import numpy as np

MAX_TOKENS = 64  # titles are short; a description is read from its top
BATCH = 128


class MiniLM:
    """``encode(texts)`` -> (len(texts), 384) float32 unit vectors."""

    def __init__(self, folder: Path, *, quantise: bool = True):
        import torch
        from safetensors.torch import load_file
        from tokenizers import Tokenizer

        self.torch = torch
        config = json.loads((folder / "config.json").read_text())
        self.heads = int(config["num_attention_heads"])
        self.eps = float(config["layer_norm_eps"])
        w = load_file(str(folder / "model.safetensors"))
        self.word = w["embeddings.word_embeddings.weight"]
        self.position = w["embeddings.position_embeddings.weight"]
        self.token_type = w["embeddings.token_type_embeddings.weight"][0]
        self.norm = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        linear = torch.nn.Linear
        self.blocks = []
        for n in range(int(config["num_hidden_layers"])):
            p = f"encoder.layer.{n}."
            # Query, key and value as one layer: one multiplication instead of three.
            qkv = linear(1, 1)
            qkv.weight = torch.nn.Parameter(
                torch.cat([w[f"{p}attention.self.{k}.weight"] for k in ("query", "key", "value")])
            )
            qkv.bias = torch.nn.Parameter(
                torch.cat([w[f"{p}attention.self.{k}.bias"] for k in ("query", "key", "value")])
            )
            layers = torch.nn.ModuleList(
                [
                    qkv,
                    _linear(w, f"{p}attention.output.dense"),
                    _linear(w, f"{p}intermediate.dense"),
                    _linear(w, f"{p}output.dense"),
                ]
            )
            if quantise:
                try:
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore")  # torch.ao is deprecated, still shipped
                        layers = torch.ao.quantization.quantize_dynamic(
                            layers, {linear}, dtype=torch.qint8
                        )
                except (AttributeError, RuntimeError):  # a torch without it: full precision
                    pass
            norms = tuple(
                (w[f"{p}{k}.LayerNorm.weight"], w[f"{p}{k}.LayerNorm.bias"])
                for k in ("attention.output", "output")
            )
            self.blocks.append((layers, norms))
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.no_padding()

    def encode(self, texts: Sequence[str], batch_size: int = BATCH, **_: object) -> np.ndarray:
        texts = list(texts)
        out = np.zeros((len(texts), self.word.shape[1]), dtype=np.float32)
        if not texts:
            return out
        ids = [e.ids for e in self.tokenizer.encode_batch(texts)]
        # Similar lengths together: little padding to compute for nothing.
        order = sorted(range(len(texts)), key=lambda i: len(ids[i]))
        with self.torch.inference_mode():
            for start in range(0, len(order), batch_size):
                chunk = order[start : start + batch_size]
                out[chunk] = self._forward([ids[i] for i in chunk]).numpy()
        return out

    def _forward(self, batch: list[list[int]]):
        torch = self.torch
        f = torch.nn.functional
        length = max(len(i) for i in batch)
        tokens = torch.zeros((len(batch), length), dtype=torch.long)
        mask = torch.zeros((len(batch), length), dtype=torch.float32)
        for row, ids in enumerate(batch):
            tokens[row, : len(ids)] = torch.tensor(ids)
            mask[row, : len(ids)] = 1.0
        d = self.word.shape[1]
        x = self.word[tokens] + self.position[:length] + self.token_type
        x = f.layer_norm(x, (d,), *self.norm, self.eps)
        n, t = tokens.shape
        h = self.heads
        blocked = (1.0 - mask)[:, None, None, :] * -1e9
        for (qkv, out, inner, down), (norm1, norm2) in self.blocks:
            q, k, v = qkv(x).view(n, t, 3, h, d // h).permute(2, 0, 3, 1, 4)
            context = f.scaled_dot_product_attention(q, k, v, attn_mask=blocked)
            context = context.transpose(1, 2).reshape(n, t, d)
            x = f.layer_norm(out(context) + x, (d,), *norm1, self.eps)
            x = f.layer_norm(down(f.gelu(inner(x))) + x, (d,), *norm2, self.eps)
        pooled = (x * mask[:, :, None]).sum(dim=1) / mask.sum(dim=1).clamp(min=1.0)[:, None]
        return f.normalize(pooled, dim=1)


def _linear(w: dict, prefix: str):
    import torch

    weight = w[f"{prefix}.weight"]
    layer = torch.nn.Linear(weight.shape[1], weight.shape[0])
    layer.weight = torch.nn.Parameter(weight)
    layer.bias = torch.nn.Parameter(w[f"{prefix}.bias"])
    return layer
