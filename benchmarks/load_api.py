"""Load benchmark of the cooperation server: concurrent API clients sending match requests.

    python benchmarks/load_api.py [--data ../shared/data] [--clients 50] [--seconds 60]
                                  [--size 25000] [--json]

A real `uvicorn` process serves a fresh SQLite database whose registry holds `--size` public
fact-checks: the CheckThat! 2021 English and Arabic claim corpora, topped up with the English
claims without their titles (a registry holds near duplicates too). `--clients` asyncio clients,
each with its own API key, POST /api/v1/match in a loop for `--seconds`, with tweets from the
same benchmark (queries of every split, English and Arabic). Each request's text is made unique
by a trailing tag, so the query is truly embedded by e5 on every request and never read from
the vector cache. Registry vectors come from the cache (`~/.cache/tabayyun`); on a fresh
machine the first run embeds them (two forms per entry: tens of minutes on 2 cores).

Prints requests, errors (anything but HTTP 200), throughput and latency percentiles.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tabayyun.config import Settings  # noqa: E402
from tabayyun.registry.model import FactCheck, Rating  # noqa: E402
from tabayyun.registry.ratings import normalize_rating  # noqa: E402

CORPORA = ("checkthat2021-en", "checkthat2021-ar")
ORG = "load-desk"


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def registry_items(data: Path, size: int) -> list[FactCheck]:
    """`size` fact-checks from the benchmark corpora (see the module docstring)."""
    rows: list[tuple[str, str, str, str]] = []  # (id, claim, title, lang)
    for name in CORPORA:
        for row in read_jsonl(data / "claim-retrieval" / name / "corpus.jsonl"):
            rows.append((row["id"], row["text"], row.get("title") or "", row.get("lang") or "en"))
    extra = [(f"{i}-untitled", claim, "", lang) for i, claim, _title, lang in rows]
    rows = (rows + extra)[:size]
    if len(rows) < size:
        raise SystemExit(f"only {len(rows)} registry entries can be built from {data}")
    verdict = normalize_rating(alternate_name="False")
    rating = Rating(
        alternate_name="False",
        label=verdict.label,
        confidence=verdict.confidence,
        known=verdict.known,
        source_text=verdict.source_text,
    )
    return [
        FactCheck(
            claim_reviewed=claim,
            headline=title or None,
            url=f"https://load.example.org/{key}",
            publisher="Load Test Fact Check",
            lang=lang,
            rating=rating,
            organisation=ORG,
            visibility="public",
        )
        for key, claim, title, lang in rows
    ]


def queries(data: Path) -> list[str]:
    texts = []
    for name in CORPORA:
        for path in sorted((data / "claim-retrieval" / name).glob("queries-*.jsonl")):
            texts += [row["text"] for row in read_jsonl(path)]
    return texts


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def prepare(settings: Settings, items: list[FactCheck], clients: int) -> list[str]:
    """Registry, organisation and one API key per client; returns the keys."""
    from tabayyun.registry.store import open_factcheck_store
    from tabayyun.server import accounts
    from tabayyun.server.db import Database
    from tabayyun.storage.base import open_store

    open_store(settings.resolved_database_url).close()  # migrates every table
    store = open_factcheck_store(settings.resolved_database_url)
    try:
        for item in items:
            store.upsert(item)
    finally:
        store.close()
    db = Database(settings.resolved_database_url)
    keys = []
    try:
        with db.write() as conn:
            org_id = accounts.create_organisation(conn, ORG, "Load Desk")
            for n in range(clients):
                user_id = accounts.create_user(
                    conn,
                    username=f"client{n}",
                    password=f"load-test-password-{n}",
                    org_id=org_id,
                    role="viewer",
                )
                keys.append(accounts.create_api_key(conn, user_id, "load").token)
    finally:
        db.close()
    return keys


async def client_loop(
    base: str, key: str, texts: list[str], stop_at: float, seed: int, out: list[tuple[float, int]]
) -> None:
    rng = random.Random(seed)
    headers = {"Authorization": f"Bearer {key}"}
    async with httpx.AsyncClient(base_url=base, headers=headers, timeout=120) as client:
        n = 0
        while time.perf_counter() < stop_at:
            n += 1
            text = f"{rng.choice(texts)} #{seed}x{n}"
            started = time.perf_counter()
            try:
                response = await client.post("/api/v1/match", json={"text": text})
                status = response.status_code
            except httpx.HTTPError:
                status = -1
            out.append((time.perf_counter() - started, status))


async def run_load(base: str, keys: list[str], texts: list[str], seconds: float) -> dict[str, Any]:
    results: list[tuple[float, int]] = []
    started = time.perf_counter()
    stop_at = started + seconds
    await asyncio.gather(
        *(client_loop(base, key, texts, stop_at, n, results) for n, key in enumerate(keys))
    )
    elapsed = time.perf_counter() - started
    latencies = sorted(latency for latency, status in results if status == 200)
    errors = sum(1 for _latency, status in results if status != 200)

    def pct(p: float) -> float:
        return round(latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000, 1)

    return {
        "requests": len(results),
        "errors": errors,
        "seconds": round(elapsed, 1),
        "throughput_rps": round(len(latencies) / elapsed, 2),
        "p50_ms": pct(0.50) if latencies else None,
        "p95_ms": pct(0.95) if latencies else None,
        "p99_ms": pct(0.99) if latencies else None,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--size", type=int, default=25_000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not (args.data / "claim-retrieval").is_dir():
        print(f"no claim-retrieval data under {args.data}; nothing to measure", file=sys.stderr)
        return 0

    with tempfile.TemporaryDirectory() as tmp:
        db_url = f"sqlite:///{Path(tmp) / 'load.db'}"
        settings = Settings.from_env(database_url=db_url)
        items = registry_items(args.data, args.size)
        keys = prepare(settings, items, args.clients)
        port = free_port()
        env = {**os.environ, "TABAYYUN_DATABASE_URL": db_url}
        command = [sys.executable, "-m", "uvicorn", "--factory", "tabayyun.server:create_app"]
        command += ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
        server = subprocess.Popen(command, env=env)
        base = f"http://127.0.0.1:{port}"
        try:
            build_started = time.perf_counter()
            for _ in range(600):
                try:
                    ready = httpx.post(
                        f"{base}/api/v1/match",
                        json={"text": "warm-up: the engine is built on the first request"},
                        headers={"Authorization": f"Bearer {keys[0]}"},
                        timeout=3600,
                    )
                    break
                except httpx.ConnectError:
                    time.sleep(0.5)
            else:
                raise SystemExit("the server did not start")
            if ready.status_code != 200:
                raise SystemExit(f"warm-up failed: {ready.status_code} {ready.text[:300]}")
            build_s = time.perf_counter() - build_started
            result = asyncio.run(run_load(base, keys, queries(args.data), args.seconds))
        finally:
            server.terminate()
            server.wait(timeout=30)
    result = {
        "registry": args.size,
        "clients": args.clients,
        "engine_build_s": round(build_s, 1),
        "cpus": os.cpu_count(),
        **result,
    }
    if args.json:
        print(json.dumps(result))
    else:
        width = max(len(k) for k in result)
        for key, value in result.items():
            print(f"{key:<{width}}  {value}")
    return 0 if result["errors"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
