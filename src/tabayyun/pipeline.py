"""Named stages and the `Pipeline` that runs them over Documents.

A stage is a callable `Document -> Document` built by a registered factory. It declares the
Document fields it reads and writes; the pipeline checks at construction time that every field a
stage reads is written by an earlier stage or given by the loader. Built-in stages register
through the same registry that plugins use (entry point group ``tabayyun.stages``).
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from typing import Any

from tabayyun.config import Settings
from tabayyun.errors import InputError, PipelineError, Skip
from tabayyun.model import Document

StageFn = Callable[[Document], Document]

# Fields a loader fills before the first stage runs.
LOADER_FIELDS = frozenset({"source", "raw", "media_type", "url", "fetched_at"})


@dataclass
class PipelineContext:
    """What stage factories may use: settings and shared, long-lived resources."""

    settings: Settings
    resources: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class StageSpec:
    name: str
    reads: tuple[str, ...]
    writes: tuple[str, ...]
    factory: Callable[[PipelineContext], StageFn]
    help: str = ""


_REGISTRY: dict[str, StageSpec] = {}
_PLUGINS_LOADED = False


def register_stage(
    name: str, *, reads: Sequence[str] = (), writes: Sequence[str] = (), help: str = ""
) -> Callable[[Callable[[PipelineContext], StageFn]], Callable[[PipelineContext], StageFn]]:
    """Register a stage factory under `name`; the factory builds the stage from a context."""

    def decorator(
        factory: Callable[[PipelineContext], StageFn],
    ) -> Callable[[PipelineContext], StageFn]:
        if name in _REGISTRY and _REGISTRY[name].factory is not factory:
            raise PipelineError(f"stage {name!r} is registered twice; rename one of them")
        _REGISTRY[name] = StageSpec(
            name, tuple(reads), tuple(writes), factory, help or (factory.__doc__ or "").strip()
        )
        return factory

    return decorator


def registered_stages() -> dict[str, StageSpec]:
    """All stages: built-in ones and those of installed plugins."""
    global _PLUGINS_LOADED
    import tabayyun.stages  # noqa: F401  (registers the built-in stages)

    if not _PLUGINS_LOADED:
        _PLUGINS_LOADED = True
        for entry in entry_points(group="tabayyun.stages"):
            entry.load()
    return dict(_REGISTRY)


@dataclass
class RunStats:
    """What happened in a run: counts, skip reasons and time spent per stage."""

    processed: int = 0
    completed: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (source, "stage: reason")
    seconds: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))

    @property
    def skip_reasons(self) -> Counter[str]:
        return Counter(reason.split(":", 1)[0] for _, reason in self.skipped)

    def time_shares(self) -> dict[str, float]:
        total = sum(self.seconds.values()) or 1.0
        return {name: secs / total for name, secs in self.seconds.items()}


class Pipeline:
    """An ordered list of named stages, checked at construction."""

    def __init__(self, names: Sequence[str], context: PipelineContext) -> None:
        stages = registered_stages()
        unknown = [n for n in names if n not in stages]
        if unknown:
            raise PipelineError(
                f"unknown stage(s) {', '.join(unknown)}; known stages: {', '.join(sorted(stages))}"
            )
        available = set(LOADER_FIELDS)
        for name in names:
            spec = stages[name]
            missing = [f for f in spec.reads if f not in available]
            if missing:
                raise PipelineError(
                    f"stage {name!r} reads {', '.join(missing)} but no earlier stage writes it; "
                    "move it after the stage that does"
                )
            available.update(spec.writes)
        self.names = tuple(names)
        self.context = context
        self._stages = [(name, stages[name].factory(context)) for name in names]
        self.stats = RunStats()

    def __call__(self, doc: Document) -> Document:
        """Run every stage on `doc`; raises Skip when a stage drops it."""
        for name, stage in self._stages:
            started = time.perf_counter()
            try:
                result = stage(doc)
            except Skip as skip:
                skip.stage = skip.stage or name
                raise
            except InputError as error:
                raise Skip(str(error), stage=name) from error
            finally:
                self.stats.seconds[name] += time.perf_counter() - started
            if not isinstance(result, Document):
                raise PipelineError(
                    f"stage {name!r} returned {type(result).__name__}, not a Document; "
                    "a stage must return the document it was given"
                )
            doc = result
        return doc

    def run(self, docs: Iterable[Document]) -> Iterator[Document]:
        """Yield each processed Document; skipped ones are recorded in `stats`."""
        for doc in docs:
            self.stats.processed += 1
            try:
                done = self(doc)
            except Skip as skip:
                self.stats.skipped.append((doc.source, str(skip)))
                continue
            self.stats.completed += 1
            yield done
