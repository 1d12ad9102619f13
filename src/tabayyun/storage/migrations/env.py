"""Alembic environment: runs on a connection handed over by `tabayyun.storage.base`.

No alembic.ini is needed: `base._alembic_config` builds the Config in code and passes either an
open connection (`config.attributes["connection"]`, used for in-memory SQLite) or a URL.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from tabayyun.storage.schema import metadata


def _run(connection: Connection) -> None:
    # Batch mode lets later migrations alter SQLite tables (copy-and-move) the same way as
    # PostgreSQL ones.
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Upgrade over the given connection, or over a fresh engine for the configured URL."""
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = create_engine(context.config.get_main_option("sqlalchemy.url") or "")
    try:
        with engine.connect() as connection:
            _run(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("tabayyun migrations run online only; use `tabayyun db migrate`.")
run_migrations_online()
