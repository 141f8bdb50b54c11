"""Alembic environment: runs migrations on the connection or URL that store.migrate hands over."""

from alembic import context

from store import models  # noqa: F401  (registers the tables on Base.metadata)
from store.db import Base, make_engine

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as conn:
        _run(conn)
    engine.dispose()


def _include(obj, name, type_, reflected, compare_to) -> bool:
    """Slack's OAuth tables are made by migration 0002 from slack_sdk's schema, not from our models."""
    return not (type_ == "table" and reflected and compare_to is None and name.startswith("slack_"))


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        include_object=_include,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("offline migrations are not supported; run `microcoach db upgrade`")
run_migrations_online()
