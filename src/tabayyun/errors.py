"""One exception tree for tabayyun; every message says what to do next.

TabayyunError
├── ConfigError            a setting is missing or unsafe
├── InputError             the input cannot become a Document
│   ├── EmptyInputError
│   ├── BinaryInputError
│   ├── InputTooLargeError
│   ├── DecodingError
│   ├── NoArticleTextError
│   └── FeedError
├── FetchError             a URL could not be fetched
│   └── BlockedAddressError  private, loopback or link-local target refused
├── PipelineError          stages are misconfigured (a programming error)
├── StoreError             the database refused or needs migrating
└── Skip                   a stage dropped a document: a normal, counted outcome
    └── Duplicate          ...because the same content is already stored or seen
"""

from __future__ import annotations


class TabayyunError(Exception):
    """Base of every error tabayyun raises on purpose.

    A message a person may read in another language is given as a template with %(name)s
    parameters, e.g. `InputError("no claim %(id)s", id=7)`: `str(error)` is the English text
    (what the API, the CLI and the log show); `msgid` and `params` let the web UI translate the
    template first and fill in the parameters afterwards (`tabayyun.web.errors`).
    """

    def __init__(self, message: str = "", /, **params: object) -> None:
        super().__init__(message % params if params else message)
        self.msgid = message
        self.params = params


class Grouped(int):
    """A count an error message writes with thousands separators ("250,001"); it stays a
    number, so the web UI shows it grouped in the reader's digits (`tabayyun.web.errors`)."""

    def __str__(self) -> str:
        return f"{int(self):,}"


class ConfigError(TabayyunError):
    """A setting is missing, malformed or unsafe."""


class InputError(TabayyunError):
    """The input cannot be turned into a Document."""


class EmptyInputError(InputError):
    """The input has no bytes or only whitespace."""


class BinaryInputError(InputError):
    """The input looks like a binary file, not text, HTML or a feed."""


class InputTooLargeError(InputError):
    """The input exceeds the configured size limit."""


class DecodingError(InputError):
    """The bytes are not valid in any supported encoding."""


class NoArticleTextError(InputError):
    """An HTML page or feed item carries no article text."""


class FeedError(InputError):
    """A feed cannot be parsed at all."""


class FetchError(TabayyunError):
    """A URL could not be fetched."""


class BlockedAddressError(FetchError):
    """The URL points (directly, via DNS or via a redirect) to an address that is refused."""


class PipelineError(TabayyunError):
    """Stages are misconfigured: unknown name, wrong order, a stage that returned nothing."""


class StoreError(TabayyunError):
    """The store failed or its schema is not at the expected revision."""


class Skip(TabayyunError):
    """A stage dropped a document; the pipeline counts it with its reason."""

    def __init__(self, reason: str, *, stage: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.stage = stage

    def __str__(self) -> str:
        return f"{self.stage}: {self.reason}" if self.stage else self.reason


class Duplicate(Skip):
    """The document's content is already stored or was seen earlier in this run."""

    def __init__(self, content_hash: str, *, stage: str = "dedupe") -> None:
        super().__init__(f"duplicate of {content_hash[:12]}", stage=stage)
        self.content_hash = content_hash
