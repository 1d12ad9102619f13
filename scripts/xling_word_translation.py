"""Experiment (negative result): translating foreign queries word by word with e5 itself.

    PYTHONPATH=src .venv/bin/python scripts/xling_word_translation.py --data ../shared/data

Kept to reproduce the figures in docs/architecture.md ("Translating word by word with e5
itself"); the package uses none of it. Needs `wordfreq` (pip install '.[train]'); ~10 minutes
the first time (120k words embedded, then cached), ~10 minutes after as well (mostly the
engine runs and the 30k x 30k similarity matrices).

1. A bilingual lexicon induced from the bundled encoder alone: wordfreq's 30,000 most frequent
   words of en, ar, fa and ru embedded as e5 queries, each language's word vectors centred,
   and each foreign word's nearest English words by CSLS (cross-domain similarity local
   scaling, which discounts "hub" words near everything).
2. Three uses of it on the cross-lingual dev queries against the English corpus:
   - `tbm25`: BM25 over the English claims with the query's words translated (top 3 each),
     alone and added to the dense score (both z-scored; against untranslated BM25);
   - `pseudo`: the query's words translated (top 1) and embedded again, added to its vector
     (weight `--pseudo-weight`);
   - `procrustes`: an orthogonal map from the foreign word space to the English one, fitted
     on mutual CSLS nearest neighbours (three rounds), applied to half of the query vector.
   Each is measured as dense retrieval alone and, for the vector changes, through the whole
   engine (the shipped scorers, untouched).
3. For comparison, a sentence-level map: orthogonal (Procrustes) and ridge maps from Arabic to
   English query vectors fitted on the mutual-nearest claim pairs of the CheckThat! Arabic and
   English corpora (the Arabic corpus translates many Snopes claims), dense retrieval only.

Memory: the 30k x 30k similarity matrices need about 12 GB.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from tabayyun.embed import CachedEmbedder, E5Embedder, VectorCache
from tabayyun.lang.normalize import normalize, stem_tokens, tokenize
from tabayyun.matching import MatchEngine
from tabayyun.matching.bm25 import BM25Index
from tabayyun.matching.centring import centred, load_centre
from tabayyun.matching.metrics import summarise
from tabayyun.matching.records import read_corpus, read_qrels, read_queries
from tabayyun.matching.tweet import strip_links

Matrix = npt.NDArray[np.float32]
VOCABULARY = 30_000
STOPWORDS = 100  # each language's most frequent words: function words, left untranslated
CSLS_K = 10
LANGS = ("ar", "fa", "ru")


def vocabulary(lang: str, size: int) -> list[str]:
    from wordfreq import top_n_list  # training-only dependency

    words = [w for w in top_n_list(lang, size * 2) if re.fullmatch(r"[^\W\d_]{2,}", w)]
    return words[:size]


def unit(vectors: Matrix) -> Matrix:
    return (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)


def csls(source: Matrix, target: Matrix) -> Matrix:
    """2 cos(s, t) minus each side's mean similarity to its k nearest on the other side."""
    sims = source @ target.T
    source_hub = np.sort(sims, axis=1)[:, -CSLS_K:].mean(axis=1)
    target_hub = np.sort(sims, axis=0)[-CSLS_K:, :].mean(axis=0)
    return np.asarray(2 * sims - source_hub[:, None] - target_hub[None, :], dtype=np.float32)


def procrustes(source: Matrix, target: Matrix, rounds: int = 3) -> Matrix:
    """An orthogonal map source -> target from mutual CSLS nearest neighbours, refined."""
    mapping = np.eye(source.shape[1], dtype=np.float32)
    for _ in range(rounds):
        scores = csls(source @ mapping, target)
        forward, backward = scores.argmax(axis=1), scores.argmax(axis=0)
        pairs = [(i, j) for i, j in enumerate(forward) if backward[j] == i and i >= STOPWORDS]
        src = np.asarray([i for i, _ in pairs])
        tgt = np.asarray([j for _, j in pairs])
        u, _, vt = np.linalg.svd(source[src].T @ target[tgt])
        mapping = (u @ vt).astype(np.float32)
    return mapping


class Lexicon:
    """Foreign surface form (else stem) -> English words, best first."""

    def __init__(self, lang: str, words: Sequence[str], english: Sequence[str], scores: Matrix):
        self.lang = lang
        order = np.argsort(-scores, axis=1)[:, :3]
        stems = stem_tokens([normalize(w, lang) for w in words], lang)
        self.by_form: dict[str, list[str]] = {}
        self.by_stem: dict[str, list[str]] = {}
        for rank, (word, stem, best) in enumerate(zip(words, stems, order, strict=True)):
            found = [] if rank < STOPWORDS else [english[j] for j in best]
            self.by_form.setdefault(normalize(word, lang), found)
            self.by_stem.setdefault(stem, found)

    def translate(self, text: str, top: int) -> list[str]:
        tokens = tokenize(normalize(text, self.lang))
        out: list[str] = []
        for token, stem in zip(tokens, stem_tokens(tokens, self.lang), strict=True):
            if token.isascii():  # names and numbers already in Latin script
                out.append(token)
                continue
            found = self.by_form[token] if token in self.by_form else self.by_stem.get(stem, [])
            out.extend(found[:top])
        return out


def claim_pair_maps(
    base: Path, embedder: CachedEmbedder, mean: Matrix, claims: Matrix, ids: list[str]
) -> None:
    """Dense MAP@5 of xling queries through maps fitted on Arabic/English claim pairs."""
    english = read_corpus(base / "checkthat2021-en")
    arabic = read_corpus(base / "checkthat2021-ar")
    sims = (
        embedder.embed_passages([r.passage for r in arabic])
        @ embedder.embed_passages([r.passage for r in english]).T
    )
    best, back = sims.argmax(axis=1), sims.argmax(axis=0)
    top2 = np.sort(sims, axis=1)[:, -2:]
    ar_queries = embedder.embed_queries([r.passage for r in arabic])
    en_queries = embedder.embed_queries([r.passage for r in english])
    for cut in (0.88, 0.85, 0.80):
        pairs = [
            (i, int(j))
            for i, j in enumerate(best)
            if back[j] == i and top2[i, 1] >= cut and top2[i, 1] - top2[i, 0] >= 0.02
        ]
        x = unit(ar_queries[[i for i, _ in pairs]] - mean)
        y = unit(en_queries[[j for _, j in pairs]] - mean)
        u, _, vt = np.linalg.svd(x.T @ y)
        orthogonal = (u @ vt).astype(np.float32)
        ridge = np.linalg.solve(x.T @ x + np.eye(x.shape[1]), x.T @ y).astype(np.float32)
        cells = []
        for lang in LANGS:
            folder = base / f"checkthat2021-en-xling-{lang}"
            qrels = read_qrels(folder, "dev")
            queries = [q for q in read_queries(folder, "dev") if q.id in qrels]
            raw = embedder.embed_queries([strip_links(q.text) for q in queries])
            query = unit(raw - mean)
            relevant = [qrels[q.id] for q in queries]
            for name, vectors in (
                ("e5", query),
                ("orthogonal", unit(query @ orthogonal)),
                ("half orthogonal", unit(query + query @ orthogonal)),
                ("ridge", unit(query @ ridge)),
                ("half ridge", unit(query + unit(query @ ridge))),
            ):
                ranked = [[ids[i] for i in np.argsort(-(claims @ v))[:50]] for v in vectors]
                cells.append(f"{lang} {name} {summarise(ranked, relevant)['MAP@5']:.3f}")
        print(f"claim pairs at cut {cut}: {len(pairs)} pairs; dense MAP@5: " + ", ".join(cells))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--pseudo-weight", type=float, default=0.3)
    args = parser.parse_args(argv)
    base = args.data / "claim-retrieval"
    if not (base / "checkthat2021-en").is_dir():
        print(f"{base}/checkthat2021-en not found; pass --data", file=sys.stderr)
        return 2
    embedder = CachedEmbedder(E5Embedder(), VectorCache(), batch_size=256)
    centre = load_centre(embedder)
    if centre is None:
        print("the shipped centre does not fit this embedder", file=sys.stderr)
        return 2
    mean = centre.default.astype(np.float32)
    english = vocabulary("en", VOCABULARY)
    english_raw = embedder.embed_queries(english)
    english_centred = unit(english_raw - english_raw.mean(axis=0))
    english_sentence_space = unit(english_raw - mean)

    corpus = read_corpus(base / "checkthat2021-en")
    passages = [r.passage for r in corpus]
    engine = MatchEngine.build(corpus, embedder, symmetric=True)
    claims = centred(embedder.embed_passages(passages), centre, [r.lang for r in corpus])
    bm25 = BM25Index()
    bm25.add(passages, [r.lang for r in corpus])
    rows: list[dict[str, Any]] = []
    for lang in LANGS:
        folder = base / f"checkthat2021-en-xling-{lang}"
        if not folder.is_dir():
            continue
        words = vocabulary(lang, VOCABULARY)
        raw = embedder.embed_queries(words)
        lexicon = Lexicon(lang, words, english, csls(unit(raw - raw.mean(axis=0)), english_centred))
        mapping = procrustes(unit(raw[:15_000] - mean), english_sentence_space[:15_000])

        qrels = read_qrels(folder, "dev")
        queries = [q for q in read_queries(folder, "dev") if q.id in qrels]
        texts = [strip_links(q.text) for q in queries]
        relevant = [qrels[q.id] for q in queries]
        query_raw = embedder.embed_queries(texts)
        query = centred(query_raw, centre, [lang] * len(texts))
        pseudo_texts = [" ".join(lexicon.translate(t, 1)) for t in texts]
        pseudo = centred(embedder.embed_queries(pseudo_texts), centre, ["en"] * len(texts))
        variants: dict[str, Matrix] = {
            "e5": query,
            "pseudo": unit(query + args.pseudo_weight * pseudo),
            "procrustes": unit(0.5 * query + 0.5 * (query @ mapping)),
            "pseudo+procrustes": unit(
                unit(0.5 * query + 0.5 * (query @ mapping)) + args.pseudo_weight * pseudo
            ),
        }
        ids = [r.id for r in corpus]
        term_queries = [
            bm25.term_ids(stem_tokens([normalize(w, "en") for w in lexicon.translate(t, 3)], "en"))
            for t in texts
        ]
        translated = [
            [ids[i] for i in np.argsort(-bm25.score_term_ids(q))[:50]] for q in term_queries
        ]
        untranslated = [[ids[i] for i in np.argsort(-bm25.scores(t, lang))[:50]] for t in texts]
        rows.append({"lang": lang, "variant": "bm25 untranslated"})
        rows[-1]["lexical MAP@5"] = summarise(untranslated, relevant)["MAP@5"]
        rows.append({"lang": lang, "variant": "tbm25"})
        rows[-1]["lexical MAP@5"] = summarise(translated, relevant)["MAP@5"]
        for weight in (0.2, 0.35, 0.5):  # z-scored dense + weight x z-scored translated BM25
            fused = []
            for terms, vector in zip(term_queries, query, strict=True):
                lexical, dense_scores = bm25.score_term_ids(terms), claims @ vector
                z = (dense_scores - dense_scores.mean()) / (dense_scores.std() + 1e-9)
                z += weight * (lexical - lexical.mean()) / (lexical.std() + 1e-9)
                fused.append([ids[i] for i in np.argsort(-z)[:50]])
            rows.append({"lang": lang, "variant": f"e5 + {weight} tbm25"})
            rows[-1]["dense MAP@5"] = summarise(fused, relevant)["MAP@5"]
        latents = engine.latents_for(texts, [lang] * len(texts), embedder)
        for name, vectors in variants.items():
            dense = [[ids[i] for i in np.argsort(-(claims @ v))[:50]] for v in vectors]
            # The engine centres what it is given: hand it the centre plus the changed vector.
            given = query_raw if name == "e5" else vectors + mean[None, :]
            final: list[list[str]] = []
            for q, vector, latent in zip(queries, given, latents, strict=True):
                found = engine.retrieve(q.text, lang=lang, vector=vector, latent=latent)
                final.append([engine.records[p].id for p in found.ranking("final", 50)])
            rows.append(
                {
                    "lang": lang,
                    "variant": name,
                    "dense MAP@5": summarise(dense, relevant)["MAP@5"],
                    "final MAP@5": summarise(final, relevant)["MAP@5"],
                }
            )
        print(json.dumps(rows[-9:], ensure_ascii=False), file=sys.stderr, flush=True)
    if (base / "checkthat2021-ar").is_dir():
        claim_pair_maps(base, embedder, mean, claims, [r.id for r in corpus])
    table: defaultdict[tuple[str, str], dict[str, float]] = defaultdict(dict)
    for row in rows:
        for key in ("dense MAP@5", "final MAP@5", "lexical MAP@5"):
            if row.get(key) is not None:
                table[(row["variant"], key)][row["lang"]] = row[key]
    print(f"{'variant':<20} {'measure':<13} " + " ".join(f"{lang:>6}" for lang in LANGS))
    for (variant, key), by_lang in table.items():
        cells = " ".join(f"{by_lang.get(lang, float('nan')):6.3f}" for lang in LANGS)
        print(f"{variant:<20} {key:<13} {cells}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
