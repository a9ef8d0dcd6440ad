"""The SQLite engine of a ledger file: WAL, foreign keys, one writer, and sessions that stamp the device."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.orm import Session, sessionmaker

from liandian_desktop.ledger.models import LedgerMeta, Synced, utcnow

DEVICE_KEY = "device_id"


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def make_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", connect_args={"check_same_thread": False})
    event.listen(engine, "connect", _on_connect)
    return engine


def _stamp_changes(session: Session, _context: Any, _instances: Any) -> None:
    """Every synced row remembers which device changed it last, and when."""
    device = session.info.get(DEVICE_KEY, "")
    now = utcnow()
    for obj in session.new:
        if isinstance(obj, Synced):
            obj.device_id = device
    for obj in session.dirty:
        if isinstance(obj, Synced) and session.is_modified(obj, include_collections=False):
            obj.device_id = device
            obj.updated_at = now


class Store:
    """An open ledger: one engine, a session factory, and this device's identity.

    Open it with :func:`liandian_desktop.store.migrate.open_store`, which migrates first.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.engine = make_engine(path)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        event.listen(self._sessions, "before_flush", _stamp_changes)
        self.device_id = self._ensure_device_id()

    def _ensure_device_id(self) -> str:
        with self._sessions.begin() as session:
            meta = session.get(LedgerMeta, DEVICE_KEY)
            if meta is None:
                meta = LedgerMeta(key=DEVICE_KEY, value=uuid.uuid4().hex)
                session.add(meta)
            return meta.value

    def session(self) -> Session:
        session = self._sessions()
        session.info[DEVICE_KEY] = self.device_id
        return session

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session inside one transaction: committed on success, rolled back on any error."""
        with self.session() as session, session.begin():
            yield session

    def get_meta(self, key: str, default: str = "") -> str:
        with self.session() as session:
            value = session.scalar(select(LedgerMeta.value).where(LedgerMeta.key == key))
            return default if value is None else value

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as session:
            session.merge(LedgerMeta(key=key, value=value))

    def close(self) -> None:
        self.engine.dispose()
