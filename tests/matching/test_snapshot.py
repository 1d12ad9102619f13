"""Engine snapshots: built once per registry, loaded after, rebuilt when anything changes."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from tabayyun.embed import FakeEmbedder
from tabayyun.matching import IndexedClaim, MatchEngine
from tabayyun.matching.snapshot import KEEP, SUFFIX, load_or_build, snapshot_key

CLAIMS = [
    IndexedClaim("c1", "Unemployment rose to 5% in 2020.", title="Did unemployment rise?"),
    IndexedClaim("c2", "A video shows floods destroying two bridges in the north."),
    IndexedClaim("r1", "ارتفع معدل البطالة إلى 5% في 2020", lang="ar"),
]


class Builds:
    """Counts the engines built, so a test can see when a snapshot was used instead."""

    def __init__(self, records: list[IndexedClaim]) -> None:
        self.records = records
        self.count = 0

    def __call__(self) -> MatchEngine:
        self.count += 1
        return MatchEngine.build(self.records, FakeEmbedder())


def _key(records: list[IndexedClaim]) -> str:
    return snapshot_key(records, "fake-384", symmetric=True, latent=True)


def test_a_snapshot_is_built_once_and_matches_as_the_built_engine(tmp_path: Path) -> None:
    builds = Builds(CLAIMS)
    first = load_or_build(tmp_path, _key(CLAIMS), builds, embedder=FakeEmbedder())
    live = FakeEmbedder()
    again = load_or_build(
        tmp_path, _key(CLAIMS), builds, embedder=FakeEmbedder(), query_embedder=live
    )
    assert builds.count == 1
    assert again is not first and again.query_embedder is live
    for text, lang in (("Floods destroyed two bridges", "en"), ("البطالة 5% في 2020", "ar")):
        expected = [(c.claim.id, round(c.final, 9)) for c in first.match(text, lang=lang)]
        assert [(c.claim.id, round(c.final, 9)) for c in again.match(text, lang=lang)] == expected
    assert live.calls > 0  # the loaded engine embeds incoming texts with the embedder given


def test_the_key_changes_with_the_registry_and_the_options() -> None:
    edited = [*CLAIMS[:2], IndexedClaim("r1", "ارتفع معدل البطالة إلى 6% في 2020", lang="ar")]
    keys = {
        _key(CLAIMS),
        _key(edited),
        _key(CLAIMS[:2]),
        snapshot_key(CLAIMS, "other-model", symmetric=True, latent=True),
        snapshot_key(CLAIMS, "fake-384", symmetric=True, latent=False),
    }
    assert len(keys) == 5
    assert _key(list(CLAIMS)) == _key(CLAIMS)


def test_a_broken_snapshot_is_rebuilt(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    builds = Builds(CLAIMS)
    load_or_build(tmp_path, _key(CLAIMS), builds, embedder=FakeEmbedder())
    (path,) = tmp_path.glob(f"*{SUFFIX}")
    path.write_bytes(b"not a pickle")
    with caplog.at_level(logging.WARNING):
        engine = load_or_build(tmp_path, _key(CLAIMS), builds, embedder=FakeEmbedder())
    assert builds.count == 2 and "unreadable" in caplog.text
    assert engine.match("Floods destroyed two bridges", lang="en", k=1)[0].claim.id == "c2"
    load_or_build(tmp_path, _key(CLAIMS), builds, embedder=FakeEmbedder())
    assert builds.count == 2  # the rebuilt engine was stored again


def test_only_the_newest_snapshots_are_kept(tmp_path: Path) -> None:
    keys = []
    for n in range(KEEP + 2):
        records = [*CLAIMS[:2], IndexedClaim(f"x{n}", f"Claim number {n} about rain.")]
        keys.append(_key(records))
        load_or_build(tmp_path, keys[-1], Builds(records), embedder=FakeEmbedder())
        for path in tmp_path.glob(f"*{SUFFIX}"):  # distinct ages, whatever the clock resolution
            os.utime(path, (path.stat().st_mtime - 10, path.stat().st_mtime - 10))
    kept = sorted(p.name.removesuffix(SUFFIX) for p in tmp_path.glob(f"*{SUFFIX}"))
    assert kept == sorted(keys[-KEEP:])
    assert not list(tmp_path.glob("*.tmp"))


def test_a_failed_write_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import pickle

    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pickle, "dump", full_disk)
    builds = Builds(CLAIMS)
    directory = tmp_path / "engines"
    with caplog.at_level(logging.WARNING):
        engine = load_or_build(directory, _key(CLAIMS), builds, embedder=FakeEmbedder())
    assert engine.match("Floods destroyed two bridges", lang="en", k=1)[0].claim.id == "c2"
    assert list(directory.iterdir()) == [] and "Cannot keep" in caplog.text
