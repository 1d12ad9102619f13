"""tabayyun: verify the news before you act on it.

The Python API: `analyze` and `analyze_text` return an analysed `Document`; `ingest` stores
articles; `Pipeline` and `register_stage` build custom pipelines.
"""

from tabayyun.config import Settings
from tabayyun.errors import (
    BlockedAddressError,
    FetchError,
    InputError,
    Skip,
    StoreError,
    TabayyunError,
)
from tabayyun.model import Document, Entity, Quantity, RelatedLink, Sentence, Statement
from tabayyun.pipeline import Pipeline, PipelineContext, register_stage
from tabayyun.service import analyze, analyze_text, ingest, search_articles

__version__ = "0.1.0"

__all__ = [
    "BlockedAddressError",
    "Document",
    "Entity",
    "FetchError",
    "InputError",
    "Pipeline",
    "PipelineContext",
    "Quantity",
    "RelatedLink",
    "Sentence",
    "Settings",
    "Skip",
    "Statement",
    "StoreError",
    "TabayyunError",
    "__version__",
    "analyze",
    "analyze_text",
    "ingest",
    "register_stage",
    "search_articles",
]
