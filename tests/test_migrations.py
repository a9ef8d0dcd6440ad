"""Migrations: a new ledger reaches the newest schema, the schema matches the models, an old ledger
upgrades with its data intact (after a backup), and a ledger from a newer app is refused untouched."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from liandian_desktop.ledger.models import Base
from liandian_desktop.store.migrate import (
    DatabaseTooNewError,
    NotALedgerError,
    SchemaStatus,
    open_store,
    schema_state,
    upgrade,
)

FROZEN = Path(__file__).parent / "data" / "ledger-0001.sqlite3"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_ledger_reaches_head_and_matches_models(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite3"
    assert schema_state(path).status is SchemaStatus.MISSING
    assert upgrade(path, tmp_path / "backups") is None  # nothing to back up
    assert schema_state(path).status is SchemaStatus.AT_HEAD
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    engine.dispose()
    assert diff == [], f"models and migrations disagree: {diff}"


def test_newer_database_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite3"
    upgrade(path, tmp_path / "backups")
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = digest(path)
    siblings = sorted(p.name for p in tmp_path.iterdir())
    state = schema_state(path)
    assert state.status is SchemaStatus.NEWER and state.current == "9999_from_the_future"
    with pytest.raises(DatabaseTooNewError) as err:
        open_store(path, tmp_path / "backups")
    assert "更新版本" in err.value.message and "未作任何修改" in err.value.message
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == siblings  # no backup, no WAL left behind


def test_foreign_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE things (x)")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(NotALedgerError):
        open_store(path, tmp_path / "backups")
    assert digest(path) == before
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"not a database at all" * 100)
    with pytest.raises(NotALedgerError):
        schema_state(garbage)


def test_frozen_first_release_upgrades_with_data_intact(tmp_path: Path) -> None:
    """The ledger written by the first released schema (0001), committed under tests/data."""
    path = tmp_path / "ledger.sqlite3"
    shutil.copyfile(FROZEN, path)
    assert schema_state(path).current == "0001"
    conn = sqlite3.connect(path)
    before = {
        t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
        for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
    }
    conn.close()
    assert schema_state(path).status is SchemaStatus.BEHIND
    backup = upgrade(path, tmp_path / "backups")
    assert schema_state(path).status is SchemaStatus.AT_HEAD
    assert backup is not None and "before-upgrade-0001" in backup.name
    assert schema_state(backup).current == "0001"  # the copy is the ledger as it was
    conn = sqlite3.connect(path)
    for table, count in before.items():
        if table != "alembic_version":
            assert conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] == count, table
    names = {r[0] for r in conn.execute("SELECT name FROM residents")}
    conn.close()
    assert {"张喆", "李𠅤"} <= names
    store = open_store(path, tmp_path / "backups")
    from liandian_desktop.ledger.services.base import ListQuery
    from liandian_desktop.ledger.services.orders import WorkOrderService

    page = WorkOrderService(store).list(ListQuery(search="路灯"))
    store.close()
    assert page.total >= 1


def test_stairway_every_revision_upgrades_and_downgrades(tmp_path: Path) -> None:
    """Each step down and back up again works on a real file: no migration is one-way by accident."""
    from alembic import command
    from alembic.script import ScriptDirectory

    from liandian_desktop.store.migrate import alembic_config

    path = tmp_path / "ledger.sqlite3"
    upgrade(path, tmp_path / "backups")
    cfg = alembic_config(path)
    revisions = list(ScriptDirectory.from_config(cfg).walk_revisions())  # newest first
    assert len(revisions) >= 2
    for rev in revisions:
        command.downgrade(cfg, rev.down_revision or "base")
        command.upgrade(cfg, rev.revision)
        assert schema_state(path).current == rev.revision
        command.downgrade(cfg, rev.down_revision or "base")
    command.upgrade(cfg, "head")
    assert schema_state(path).status is SchemaStatus.AT_HEAD
