"""Claims in sentences: is a sentence verifiable, and is it worth checking (check-worthiness)."""
