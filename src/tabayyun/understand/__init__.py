"""Understanding stages: who and what an article names, and who said what."""
