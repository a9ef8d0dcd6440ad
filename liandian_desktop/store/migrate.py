"""Schema versions: upgrade at start-up (after a backup), refuse a database from a newer app."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from enum import StrEnum
from importlib.resources import files
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

from liandian_desktop.ledger.errors import LedgerError
from liandian_desktop.store.backup import backup_database
from liandian_desktop.store.engine import Store, make_engine


class SchemaStatus(StrEnum):
    MISSING = "missing"  # no file yet
    EMPTY = "empty"  # a file with no ledger in it
    AT_HEAD = "at_head"
    BEHIND = "behind"  # an older schema this app can upgrade
    NEWER = "newer"  # written by a newer app: refused, left untouched
    FOREIGN = "foreign"  # tables but no schema version: not a ledger


class DatabaseTooNewError(LedgerError):
    pass


class NotALedgerError(LedgerError):
    pass


@dataclass(frozen=True)
class SchemaState:
    status: SchemaStatus
    current: str | None
    head: str

    def describe(self) -> str:
        return {
            SchemaStatus.MISSING: "数据库文件尚不存在，首次启动时将创建。",
            SchemaStatus.EMPTY: "数据库为空，首次启动时将创建台账。",
            SchemaStatus.AT_HEAD: f"数据库结构为最新版本（{self.head}）。",
            SchemaStatus.BEHIND: f"数据库结构版本 {self.current}，需升级到 {self.head}（升级前会自动备份）。",
            SchemaStatus.NEWER: (
                f"此数据库由更新版本的程序创建（结构版本 {self.current}），本程序最高支持 {self.head}。"
                "请升级联点共建桌面端后再打开；数据库未作任何修改。"
            ),
            SchemaStatus.FOREIGN: "该文件不是联点共建台账数据库（缺少结构版本信息），未作任何修改。",
        }[self.status]


def alembic_config(path: Path | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(files("liandian_desktop.store") / "migrations"))
    if path is not None:
        cfg.set_main_option("sqlalchemy.url", f"sqlite:///{path}")
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def _read_only(path: Path) -> sqlite3.Connection:
    """Open without writing anything, not even the -wal/-shm files a WAL reader would create.

    With no -wal beside it the main file holds every committed change, so ``immutable`` is exact; with one,
    the reader must see the WAL's committed pages too.
    """
    wal = path.with_name(path.name + "-wal")
    flags = "mode=ro" if wal.exists() else "mode=ro&immutable=1"
    return sqlite3.connect(f"file:{path}?{flags}", uri=True)


def schema_state(path: Path) -> SchemaState:
    """Read the schema version without writing anything (read-only connection)."""
    head = head_revision()
    if not path.exists():
        return SchemaState(SchemaStatus.MISSING, None, head)
    conn = _read_only(path)
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not tables:
            return SchemaState(SchemaStatus.EMPTY, None, head)
        if "alembic_version" not in tables:
            return SchemaState(SchemaStatus.FOREIGN, None, head)
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as exc:
        raise NotALedgerError(f"无法读取数据库文件 {path}：{exc}") from exc
    finally:
        conn.close()
    current = row[0] if row else None
    if current is None:
        return SchemaState(SchemaStatus.EMPTY, None, head)
    if current == head:
        return SchemaState(SchemaStatus.AT_HEAD, current, head)
    if current in known_revisions():
        return SchemaState(SchemaStatus.BEHIND, current, head)
    return SchemaState(SchemaStatus.NEWER, current, head)


def upgrade(path: Path, backup_dir: Path) -> Path | None:
    """Bring ``path`` to the newest schema. Returns the backup made first (None when nothing was there).

    Raises DatabaseTooNewError / NotALedgerError, touching nothing, when the file cannot be ours to upgrade.
    """
    state = schema_state(path)
    if state.status is SchemaStatus.AT_HEAD:
        return None
    if state.status is SchemaStatus.NEWER:
        raise DatabaseTooNewError(state.describe())
    if state.status is SchemaStatus.FOREIGN:
        raise NotALedgerError(state.describe())
    backup = None
    if state.status is SchemaStatus.BEHIND:
        backup = backup_database(path, backup_dir, reason=f"before-upgrade-{state.current}")
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(path)
    try:
        with engine.begin() as connection:
            cfg = alembic_config(path)
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, "head")
    finally:
        engine.dispose()
    return backup


def open_store(path: Path, backup_dir: Path) -> Store:
    """Migrate (backing up first) and open the ledger at ``path``."""
    upgrade(path, backup_dir)
    return Store(path)
