"""Read JSON Lines input: one article object per line, each line judged on its own."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from tabayyun.errors import InputError

# Optional fields and the JSON types they may hold (None means the field is absent).
_OPTIONAL: dict[str, tuple[type, ...]] = {
    "title": (str,),
    "url": (str,),
    "outlet": (str,),
    "published_at": (str,),
    "lang": (str,),
    "id": (str, int),
}


def read_jsonl(raw: bytes) -> Iterator[tuple[int, dict[str, Any] | InputError]]:
    """Yield (line number, object or InputError) for each non-blank line of `raw`.

    An object needs a non-empty "text" or "html" string. A bad line never stops the others:
    its error names the line and what to fix.
    """
    for number, line in enumerate(raw.split(b"\n"), 1):
        if number == 1:
            line = line.removeprefix(b"\xef\xbb\xbf")  # a UTF-8 BOM some editors write
        if not line.strip():
            continue
        yield number, _parse_line(number, line)


def _parse_line(number: int, line: bytes) -> dict[str, Any] | InputError:
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as error:
        return InputError(
            f"line {number}: not valid UTF-8 (byte {error.start + 1}): re-save the file as UTF-8"
        )
    try:
        record = json.loads(text)
    except json.JSONDecodeError as error:
        return InputError(
            f"line {number}: not valid JSON: {error.msg} (column {error.colno}): "
            "fix the line or remove it"
        )
    if not isinstance(record, dict):
        return InputError(
            f"line {number}: a JSON {type(record).__name__} is not an article: "
            'give an object like {"text": "..."}'
        )
    if not any(
        isinstance(record.get(key), str) and record[key].strip() for key in ("text", "html")
    ):
        return InputError(f'line {number}: no "text" or "html" field with content: add one')
    for key, types in _OPTIONAL.items():
        value = record.get(key)
        # bool is an int in Python, but "id": true is a mistake, not an id.
        if value is not None and (not isinstance(value, types) or isinstance(value, bool)):
            expected = " or ".join("string" if t is str else "integer" for t in types)
            return InputError(
                f'line {number}: field "{key}" must be a {expected}, not {json.dumps(value)}'
            )
    return record
