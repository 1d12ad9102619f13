"""Okapi BM25 over stemmed search terms, as one sparse matrix: a query is one sparse product."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np
import numpy.typing as npt
from scipy import sparse

from tabayyun.lang.normalize import persian_match_form, search_terms

Vector = npt.NDArray[np.float32]


def lexical_terms(text: str, lang: str | None) -> list[str]:
    """The `search_terms` the matcher compares: Persian in its `persian_match_form`.

    Persian writers join a word's parts with a ZWNJ, a space or nothing ("می‌خواهم", "می خواهم",
    "میخواهم"): read this way, a text and a claim that differ only so share every term. Measured
    as BM25 retrieval of FarsTail premises by their hypotheses (writers of both kinds), MAP@5
    0.7537 -> 0.7582 (train) and 0.8651 -> 0.8695 (dev). Other languages keep `search_terms`.
    """
    return search_terms(persian_match_form(text) if lang == "fa" else text, lang)


class BM25Index:
    """BM25 (k1, b) over `lexical_terms` of each document, stemmed in the document's language.

    Weights are precomputed into a terms x documents CSR matrix, so scoring sums a few rows.
    `add` keeps term counts and rebuilds the matrix: idf and average length change with every
    document, and a rebuild over 25k short claims takes well under a second.
    """

    def __init__(self, *, k1: float = 1.2, b: float = 0.75) -> None:
        self.k1 = k1
        self.b = b
        self.vocabulary: dict[str, int] = {}
        self._docs: list[Counter[int]] = []
        self._weights: sparse.csr_matrix = sparse.csr_matrix((0, 0), dtype=np.float32)
        self._idf: Vector = np.zeros(0, dtype=np.float32)

    def __len__(self) -> int:
        return len(self._docs)

    def copy(self) -> BM25Index:
        """An index with the same documents that can grow without changing this one."""
        clone = BM25Index(k1=self.k1, b=self.b)
        clone.vocabulary = dict(self.vocabulary)
        clone._docs = list(self._docs)  # the counters themselves are never changed
        clone._weights, clone._idf = self._weights, self._idf  # replaced, not written, by add
        return clone

    def add(self, texts: Sequence[str], langs: Sequence[str | None]) -> None:
        """Index more documents; their positions continue from the current size."""
        self.add_terms([lexical_terms(text, lang) for text, lang in zip(texts, langs, strict=True)])

    def add_terms(self, documents: Sequence[Sequence[str]]) -> None:
        """Index more documents given as their terms (already normalised, any vocabulary)."""
        for terms in documents:
            self._docs.append(self._counts(terms, grow=True))
        self._rebuild()

    def term_ids(self, terms: Iterable[str]) -> dict[int, float]:
        """Already computed terms as term ids with counts (unknown terms dropped)."""
        counts = self._counts(terms, grow=False)
        return {term: float(count) for term, count in counts.items()}

    def _counts(self, terms: Iterable[str], *, grow: bool) -> Counter[int]:
        counts: Counter[int] = Counter()
        for term in terms:
            index = self.vocabulary.get(term)
            if index is None:
                if not grow:
                    continue  # a query word no document has scores nothing
                index = self.vocabulary[term] = len(self.vocabulary)
            counts[index] += 1
        return counts

    def _rebuild(self) -> None:
        n_docs, n_terms = len(self._docs), len(self.vocabulary)
        rows: list[int] = []
        cols: list[int] = []
        tfs: list[int] = []
        lengths = np.zeros(n_docs, dtype=np.float32)
        for doc, counts in enumerate(self._docs):
            lengths[doc] = sum(counts.values())
            for term, count in counts.items():
                rows.append(term)
                cols.append(doc)
                tfs.append(count)
        term_ids = np.asarray(rows, dtype=np.int64)
        doc_ids = np.asarray(cols, dtype=np.int64)
        tf = np.asarray(tfs, dtype=np.float32)
        df = np.bincount(term_ids, minlength=n_terms).astype(np.float32)
        # The "plus one" idf never goes negative, so a very common word cannot push a match down.
        self._idf = np.log1p((n_docs - df + 0.5) / (df + 0.5)).astype(np.float32)
        avg = float(lengths.mean()) if n_docs else 1.0
        norm = self.k1 * (1 - self.b + self.b * lengths[doc_ids] / max(avg, 1e-9))
        weight = self._idf[term_ids] * tf * (self.k1 + 1) / (tf + norm)
        self._weights = sparse.csr_matrix(
            (weight.astype(np.float32), (term_ids, doc_ids)), shape=(n_terms, n_docs)
        )

    def weighted_query(self, weights: dict[str, float]) -> sparse.csr_matrix:
        """A query from already stemmed terms with weights, as a 1 x terms sparse row."""
        pairs = [(self.vocabulary[t], w) for t, w in weights.items() if t in self.vocabulary]
        data = np.asarray([w for _, w in pairs], dtype=np.float32)
        cols = np.asarray([i for i, _ in pairs], dtype=np.int64)
        return sparse.csr_matrix(
            (data, (np.zeros(len(pairs), dtype=np.int64), cols)), shape=(1, len(self.vocabulary))
        )

    def score_vector(self, query: sparse.csr_matrix) -> Vector:
        """BM25 score of every document for a query vector from `weighted_query`."""
        if not len(self._docs):
            return np.zeros(0, dtype=np.float32)
        return np.asarray((query @ self._weights).toarray()[0], dtype=np.float32)

    def score_term_ids(self, weights: dict[int, float]) -> Vector:
        """BM25 score of every document for a query given as term ids with weights.

        A query has a few terms: adding their rows of the weight matrix directly is several
        times faster than building a sparse query vector and multiplying.
        """
        scores = np.zeros(len(self._docs), dtype=np.float32)
        weights_csr = self._weights
        indptr, indices, data = weights_csr.indptr, weights_csr.indices, weights_csr.data
        for term, weight in weights.items():
            start, end = indptr[term], indptr[term + 1]
            scores[indices[start:end]] += np.float32(weight) * data[start:end]
        return scores

    def scores(self, text: str, lang: str | None) -> Vector:
        """BM25 score of every document for `text` (stemmed in `lang`)."""
        return self.score_term_ids(self.term_ids(lexical_terms(text, lang)))

    def doc_terms(self, doc: int) -> dict[int, int]:
        """Term ids and counts of one indexed document."""
        return dict(self._docs[doc])

    def idf(self, term: int) -> float:
        """The idf of one term id."""
        return float(self._idf[term])
