"""Settings, each declared once with its default and help text.

Values come from keyword arguments, else environment variables `TABAYYUN_<NAME>`, else defaults.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tabayyun.errors import ConfigError

# Bound of `match_foreign_preference` (log-odds), for the setting and for each organisation's own
# value: e**20 already turns a one-in-a-billion candidate into an even chance.
MAX_FOREIGN_PREFERENCE = 20.0


def checked_preference(value: float) -> float:
    """`value` as a foreign preference, or a ConfigError saying what is allowed."""
    value = float(value)
    if not math.isfinite(value) or abs(value) > MAX_FOREIGN_PREFERENCE:
        raise ConfigError(
            "match_foreign_preference must be between -%(max)s and %(max)s (log-odds), "
            "not %(value)s; 0 leaves scores as they are.",
            max=int(MAX_FOREIGN_PREFERENCE),  # a whole number: "20", in the reader's digits
            value=value,
        )
    return value


def checked_forwarded_allow_ips(value: str) -> str:
    """`value` as `forwarded_allow_ips` (stripped), or a ConfigError naming an entry that uvicorn
    would take for a name and silently never match: neither an IP address nor a network written
    from its first address, or a '*' beside other entries."""
    value = value.strip()
    entries = [part.strip() for part in value.split(",") if part.strip()]
    for entry in entries:
        try:
            if entry == "*" and len(entries) > 1:
                raise ValueError(entry)
            if "/" in entry:
                ipaddress.ip_network(entry)
            elif entry != "*":
                ipaddress.ip_address(entry)
        except ValueError:
            raise ConfigError(
                f"forwarded_allow_ips: {entry!r} is not an IP address or network (a network "
                "starts at its first address, 10.0.0.0/24; '*' stands alone); give the reverse "
                "proxy's address, e.g. TABAYYUN_FORWARDED_ALLOW_IPS=10.0.0.5, or '' to trust "
                "none"
            ) from None
    return value


def _default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "tabayyun"


def _default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tabayyun"


def _setting(default: Any, help: str, **kwargs: Any) -> Any:
    if callable(default):
        return field(default_factory=default, metadata={"help": help}, **kwargs)
    return field(default=default, metadata={"help": help}, **kwargs)


@dataclass(frozen=True)
class Settings:
    data_dir: Path = _setting(_default_data_dir, "Where the default SQLite database lives.")
    cache_dir: Path = _setting(_default_cache_dir, "Where cached vectors live (outside any clone).")
    database_url: str = _setting(
        "", "SQLAlchemy URL; empty means sqlite:///<data_dir>/tabayyun.db."
    )
    languages: tuple[str, ...] = _setting(
        ("ar", "fa", "ru", "en"), "Languages to identify; anything else is 'und'."
    )
    max_input_bytes: int = _setting(10_000_000, "Largest file or download accepted, in bytes.")
    max_article_chars: int = _setting(
        200_000,
        "Longest article text analysed, in characters (~1,500 sentences, about a minute of "
        "embedding on 2 cores); longer texts are refused with a clear error.",
    )
    fetch_timeout: float = _setting(20.0, "Seconds before a URL fetch gives up.")
    max_redirects: int = _setting(5, "Redirects followed per URL.")
    per_host_delay: float = _setting(1.0, "Seconds between two requests to the same host.")
    allow_private_addresses: bool = _setting(
        False, "Allow fetching private, loopback and link-local addresses (development only)."
    )
    user_agent: str = _setting(
        "tabayyun/0.1 (+https://github.com/tabayyun/tabayyun)", "User-Agent sent with requests."
    )
    embedder: str = _setting(
        "e5", "Sentence embedder: 'e5' (bundled multilingual-e5-small) or 'fake' (tests only)."
    )
    checkworthiness_threshold: float | None = _setting(
        None,
        "Check-worthiness from which a sentence enters the review queue as a claim; unset (or "
        "'model'): the shipped model's own threshold for the article's language.",
    )
    pipeline_matching: bool = _setting(
        True,
        "Match check-worthy sentences against the registry in the database during analysis "
        "(the server turns it off and matches per organisation, by what each may see).",
    )
    match_min_checkworthiness: float = _setting(
        0.3, "Check-worthiness a sentence needs before the pipeline looks for its fact-checks."
    )
    match_latent_terms: bool = _setting(
        True,
        "Where the registry holds claims in other languages than a text's, also compare their "
        "latent terms: better cross-lingual matches for a second pass through e5 per text.",
    )
    match_bridge: bool = _setting(
        True,
        "Where the registry holds claims in other languages than a text's, re-rank them with a "
        "second encoder trained on translations (USE multilingual; Arabic, Russian, English, "
        "not Persian): a few ms per text. Off, or with the fake embedder, only e5 is used "
        "(the check-worthiness heads read the bridge's vectors whatever this says).",
    )
    match_foreign_preference: float = _setting(
        0.0,
        "Log-odds added to fact-checks in another language than the text where the registry "
        "also holds some in its language: above 0 when most of your texts' fact-checks are in "
        "other languages, below 0 when few are (see docs/architecture.md for measured effects).",
    )
    forwarded_allow_ips: str = _setting(
        "127.0.0.1,::1",
        "Reverse proxies whose X-Forwarded-For (the client's address, which the failed sign-in "
        "limit counts) and X-Forwarded-Proto `serve` believes: comma-separated addresses or "
        "networks (10.0.0.5,10.0.0.0/24); '*': any, only when nothing but the proxy can reach "
        "the server; empty: none, every client is the address that connects.",
    )
    embed_threads: int = _setting(0, "Threads for the embedding model; 0 uses every core.")
    near_duplicate_threshold: float = _setting(
        0.8,
        "Estimated Jaccard similarity of word shingles above which two texts are near duplicates.",
    )

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'tabayyun.db'}"

    @classmethod
    def from_env(cls, **overrides: Any) -> Settings:
        """Build settings from TABAYYUN_* environment variables, then `overrides`."""
        values: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            raw = os.environ.get(f"TABAYYUN_{f.name.upper()}")
            if raw is not None:
                values[f.name] = _parse(f, raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    @classmethod
    def describe(cls) -> list[tuple[str, str, str]]:
        """(name, default, help) for every setting, for `tabayyun config`."""
        rows = []
        for f in dataclasses.fields(cls):
            missing = f.default is dataclasses.MISSING
            default = f.default_factory() if missing else f.default  # type: ignore[operator]
            rows.append((f.name, str(default), f.metadata["help"]))
        return rows


def _parse(f: dataclasses.Field[Any], raw: str) -> Any:
    kind = f.type if isinstance(f.type, str) else getattr(f.type, "__name__", str(f.type))
    try:
        if kind == "bool":
            if raw.lower() in {"1", "true", "yes", "on"}:
                return True
            if raw.lower() in {"0", "false", "no", "off", ""}:
                return False
            raise ValueError(raw)
        if kind == "int":
            return int(raw)
        if kind == "float":
            return float(raw)
        if kind == "float | None":
            return None if raw.strip().lower() in {"", "model", "none"} else float(raw)
        if kind == "Path":
            return Path(raw).expanduser()
        if kind.startswith("tuple"):
            return tuple(part.strip() for part in raw.split(",") if part.strip())
        return raw
    except ValueError:
        raise ConfigError(
            f"TABAYYUN_{f.name.upper()}={raw!r} is not a valid {kind}; fix or unset the variable."
        ) from None
