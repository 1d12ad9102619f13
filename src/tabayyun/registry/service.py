"""The registry's verbs: import fact-checks, export them, count them.

Thin over importers, exporters and the store, so the CLI and a server call the same functions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from tabayyun.config import Settings
from tabayyun.errors import InputError
from tabayyun.registry.exporters import to_datafeed, to_jsonld
from tabayyun.registry.importers import read_factchecks
from tabayyun.registry.model import FactCheck, Visibility, check_visibility, quoted
from tabayyun.registry.store import FactCheckStore

ExportFormat = Literal["datafeed", "jsonld"]


@dataclass
class ImportReport:
    """What one import did; `rejected` and `flagged` are (location, reason) pairs."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)
    # Imported, but a person should look at it: a rating word not in the table, a date that
    # could not be read (left out), a language code that was not one (detected instead).
    flagged: list[tuple[str, str]] = field(default_factory=list)

    @property
    def total(self) -> int:
        """Items seen, imported or not."""
        return self.added + self.updated + self.unchanged + len(self.rejected)


def import_factchecks(
    paths_or_urls: str | Path | Iterable[str | Path],
    *,
    store: FactCheckStore,
    mapping: Mapping[str, str] | None = None,
    organisation: str | None = None,
    visibility: Visibility = "public",
    settings: Settings | None = None,
) -> ImportReport:
    """Import every fact-check found in files or URLs; bad items are reported, never fatal.

    `mapping` names CSV columns (see `importers.CSV_FIELDS`); `organisation` owns what is
    imported and `visibility` says who else sees it.
    """
    check_visibility(visibility)
    sources = [paths_or_urls] if isinstance(paths_or_urls, str | Path) else list(paths_or_urls)
    settings = settings or Settings.from_env()
    report = ImportReport()
    for source in sources:
        for location, result in read_factchecks(source, mapping=mapping, settings=settings):
            if isinstance(result, InputError):
                report.rejected.append((location, str(result)))
                continue
            result.organisation = organisation
            result.visibility = visibility
            outcome = store.upsert(result)
            setattr(report, outcome, getattr(report, outcome) + 1)
            report.flagged += [(location, reason) for reason in flag_reasons(result)]
    return report


def flag_reasons(fc: FactCheck) -> list[str]:
    """Why an imported fact-check needs a person's look (empty when it does not)."""
    # A template filled in: the web UI reads it back to translate it.
    unknown = "unknown rating %(rating)s: kept as 'unknown'"
    reasons = [] if fc.rating.known else [unknown % {"rating": quoted(fc.rating.source_text)}]
    return reasons + fc.flags


def export_factchecks(
    store: FactCheckStore,
    *,
    format: ExportFormat = "datafeed",
    organisation: str | None = None,
) -> dict[str, Any] | list[dict[str, Any]]:
    """The registry (or what `organisation` may see) as a DataFeed or a JSON-LD list."""
    factchecks = store.iter_all(organisation=organisation)
    if format == "datafeed":
        return to_datafeed(factchecks)
    if format == "jsonld":
        return to_jsonld(factchecks)
    raise InputError(f"unknown export format {format!r}; use 'datafeed' or 'jsonld'")


def registry_stats(store: FactCheckStore) -> dict[str, Any]:
    """Counts by rating, language and publisher, and the rating words still unknown."""
    return store.stats()
