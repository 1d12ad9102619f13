"""Turning input bytes into clean article parts: decoding, extraction, feeds and JSONL."""
