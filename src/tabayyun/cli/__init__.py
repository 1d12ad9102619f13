"""The `tabayyun` command line: a thin shell over tabayyun.service."""

from tabayyun.cli.main import app, main

__all__ = ["app", "main"]
