"""The county server's database: its tables, engine set-up for SQLite (embedded default) and PostgreSQL
(production), transactions, and its own Alembic migrations (``county/migrations``).

Records of the ledger are stored schema-free: one row per record with its canonical wire fields (JSON), the
server sequence and device of the last change of each field, and the record's digest. Every scope
(a township, county reference data, county-private records) has its own sequence and a running
count/checksum, updated in the same transaction as the records.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from importlib.resources import files
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import (
    BigInteger,
    Boolean,
    Connection,
    Engine,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    create_engine,
    event,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from liandian_desktop.ledger.models.base import NAMING_CONVENTION, UTCDateTime

# Auto-increment keys: BIGINT on PostgreSQL, the rowid INTEGER on SQLite.
BigId = BigInteger().with_variant(Integer, "sqlite")


class CountyBase(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class ScopeRow(CountyBase):
    """A scope's sequence and the count/checksum of its records (XOR of their digests)."""

    __tablename__ = "scopes"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    row_count: Mapped[int] = mapped_column(BigInteger, default=0)
    checksum: Mapped[str] = mapped_column(String(32), default="0" * 32)


class RecordRow(CountyBase):
    __tablename__ = "records"
    __table_args__ = (
        Index("ix_records_scope_seq", "scope", "seq"),
        Index("ix_records_scope_created", "scope", "created_seq"),
    )

    tbl: Mapped[str] = mapped_column(String(64), primary_key=True)
    id: Mapped[str] = mapped_column(String(32), primary_key=True)  # hex
    scope: Mapped[str] = mapped_column(String(40))
    seq: Mapped[int] = mapped_column(BigInteger)  # the scope sequence of its last change
    created_seq: Mapped[int] = mapped_column(BigInteger)  # ... of its creation (or arrival in the scope)
    data: Mapped[str] = mapped_column(Text)  # canonical JSON: field -> wire value
    meta: Mapped[str] = mapped_column(Text)  # JSON: field -> [seq, device] of its last change
    digest: Mapped[str] = mapped_column(String(32))


class ChangeRow(CountyBase):
    """Which record each sequence number of a scope changed: downloads walk this, so a window of the
    sequence (cursor, upto] is sent exactly — every field whose last change falls in it, every record made
    in it whole."""

    __tablename__ = "record_changes"

    scope: Mapped[str] = mapped_column(String(40), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    tbl: Mapped[str] = mapped_column(String(64))
    row_id: Mapped[str] = mapped_column(String(32))


class ExitRow(CountyBase):
    """A record that left a scope (the county moved it to another township): removed from that scope's
    devices when they download past ``seq``."""

    __tablename__ = "record_exits"
    __table_args__ = (Index("ix_record_exits_scope_seq", "scope", "seq"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    scope: Mapped[str] = mapped_column(String(40))
    seq: Mapped[int] = mapped_column(BigInteger)
    tbl: Mapped[str] = mapped_column(String(64))
    row_id: Mapped[str] = mapped_column(String(32))
    to_scope: Mapped[str] = mapped_column(String(40))


class DeviceRow(CountyBase):
    __tablename__ = "devices"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    township_id: Mapped[str | None] = mapped_column(String(32), default=None)  # hex; None: county device
    is_county: Mapped[bool] = mapped_column(Boolean, default=False)
    name: Mapped[str] = mapped_column(String(100), default="")
    token_hash: Mapped[str | None] = mapped_column(String(64), default=None, unique=True)
    enrolled_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    chain_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    chain_hash: Mapped[str] = mapped_column(String(64), default="")
    protocol: Mapped[int] = mapped_column(Integer, default=0)


class DeviceLogRow(CountyBase):
    """Every change a device uploaded, in its chain order, with its hash and what became of it."""

    __tablename__ = "device_log"

    device_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    hash: Mapped[str] = mapped_column(String(64))
    tbl: Mapped[str] = mapped_column(String(64))
    row_id: Mapped[str] = mapped_column(String(32))
    op: Mapped[str] = mapped_column(String(1))
    fields: Mapped[str] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(String(20))  # applied | same | rejected:<code>
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)


class EnrolmentCodeRow(CountyBase):
    __tablename__ = "enrolment_codes"

    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    township_id: Mapped[str | None] = mapped_column(String(32), default=None)  # None: a county device
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    used_by: Mapped[str] = mapped_column(String(64), default="")
    note: Mapped[str] = mapped_column(String(200), default="")


class NonceRow(CountyBase):
    """Request nonces seen per device: the same request arriving again is refused as a replay."""

    __tablename__ = "request_nonces"

    device_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    nonce: Mapped[str] = mapped_column(String(32), primary_key=True)
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class AlertRow(CountyBase):
    """Something the county should look at: a broken change log, a device whose records were repaired."""

    __tablename__ = "alerts"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    kind: Mapped[str] = mapped_column(String(20))
    device_id: Mapped[str] = mapped_column(String(64), default="")
    tbl: Mapped[str] = mapped_column(String(64), default="")
    row_id: Mapped[str] = mapped_column(String(32), default="")
    message: Mapped[str] = mapped_column(Text)
    acknowledged: Mapped[bool] = mapped_column(Boolean, default=False)


# -- engines and transactions ----------------------------------------------------------------------------


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # we issue BEGIN ourselves (see _sqlite_begin)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    # Writers take the lock up front: two deferred transactions that both read and then write deadlock.
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("write") else "BEGIN")


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)


def is_postgres(engine: Engine | Connection) -> bool:
    return engine.dialect.name == "postgresql"


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """A write transaction: serialised on SQLite (BEGIN IMMEDIATE), row-locked where it matters on
    PostgreSQL (READ COMMITTED + SELECT … FOR UPDATE on the device and the scopes it writes)."""
    with engine.connect() as conn:
        conn.execution_options(write=True)
        with conn.begin():
            yield conn


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """A read transaction with one snapshot for all its statements (REPEATABLE READ on PostgreSQL; a
    read transaction in WAL mode on SQLite)."""
    with engine.connect() as conn:
        if is_postgres(conn):
            conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            yield conn


# -- migrations ----------------------------------------------------------------------------------------


def alembic_config(url: str | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(files("liandian_desktop.county") / "migrations"))
    if url is not None:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(engine: Engine) -> None:
    """Bring the county database to this version's schema (creates it when empty)."""
    with engine.begin() as connection:
        cfg = alembic_config()
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "head")


def default_url(data_dir: Path) -> str:
    data_dir.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{data_dir / 'county.sqlite3'}"
