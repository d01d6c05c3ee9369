"""Reads that span several queries see one moment of the database, without taking a write lock."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction


@contextmanager
def read_snapshot() -> Iterator[None]:
    """Every query inside sees the database as it was at the first one, whatever commits meanwhile.

    PostgreSQL: a read-only REPEATABLE READ transaction. SQLite: a deferred transaction, which in WAL
    mode reads one snapshot and never waits for writers (our atomic() begins IMMEDIATE, queueing behind
    them). Only reads belong inside: a write would have to take SQLite's lock mid-transaction. Inside an
    atomic block the enclosing transaction already decides what is seen.
    """
    if connection.in_atomic_block:
        yield
        return
    if connection.vendor == "postgresql":
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
        return
    mode = connection.transaction_mode  # IMMEDIATE (settings): for this read, a deferred BEGIN
    connection.transaction_mode = "DEFERRED"
    try:
        with transaction.atomic():
            connection.transaction_mode = mode  # only the BEGIN reads it
            yield
    finally:
        connection.transaction_mode = mode
