"""Change capture: every change to a synced row made through a ledger session is logged in the same
transaction, as the fields that changed (not the whole row), and chained when the transaction commits.

The listeners are registered on every SQLAlchemy Session by ``ledger.models.sync``; they act only on a
ledger Store's sessions (which carry the device id in ``session.info``). Within one transaction a row
changed by several flushes gets one log entry. Downloaded changes are applied with Core statements and so
are never captured again.

Hard deletes of synced rows and ORM bulk UPDATE/DELETE statements are refused: they would bypass the
log (records are tombstoned by setting ``deleted_at``). ORM bulk INSERTs are captured row by row.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, insert, inspect, select
from sqlalchemy.orm import ORMExecuteState, Session, SessionTransaction

from liandian_desktop.ledger.errors import LedgerError
from liandian_desktop.ledger.models import Synced, utcnow
from liandian_desktop.ledger.models.sync import ChangeLogEntry
from liandian_desktop.store.engine import DEVICE_KEY
from liandian_desktop.sync import chain, state
from liandian_desktop.sync.schema import TableSpec, Wire, canonical_json, table_of, tables

_CAPTURED = "liandian.sync.captured"  # (table, row id) -> log seq written in this transaction
_LOG = table_of(ChangeLogEntry)


class CaptureError(LedgerError):
    """A write that would escape the change log."""


@dataclass(frozen=True)
class Change:
    table: str
    row_id: uuid.UUID
    op: str
    fields: dict[str, Wire]
    scope: str


def _device(session: Session) -> str:
    value = session.info.get(DEVICE_KEY)
    return value if isinstance(value, str) else ""


def _scope(spec: TableSpec, township: Any) -> str:
    return spec.scope_for(township.hex if isinstance(township, uuid.UUID) else None)


def _collect(session: Session) -> list[Change]:
    specs = tables()
    out: list[Change] = []
    for obj in session.new:
        if isinstance(obj, Synced):
            spec = specs[obj.table_name()]
            values = inspect(obj).dict
            fields = {name: encode(values.get(name)) for name, encode in spec.encoders}
            out.append(Change(spec.name, obj.id, "i", fields, _scope(spec, values.get("township_id"))))
    for obj in session.dirty:
        if not isinstance(obj, Synced):
            continue
        spec = specs[obj.table_name()]
        obj_state = inspect(obj)
        fields = {}
        for name, encode in spec.encoders:
            history = obj_state.attrs[name].history
            if not history.added:
                continue
            new = encode(history.added[0])
            if history.deleted and encode(history.deleted[0]) == new:
                continue  # set to the value it had
            fields[name] = new
        if fields:
            township = obj_state.dict.get("township_id")
            out.append(Change(spec.name, obj.id, "u", fields, _scope(spec, township)))
    return out


def record(conn: Connection, info: dict[str, Any], changes: Iterable[Change], device: str = "") -> None:
    """Write ``changes`` to the log on ``conn``, merging into this transaction's entry for the same row.

    With ``device`` the new entries are chained at once (one pass, the common case); an entry merged into
    later in the same transaction, and everything after it, is re-chained when the transaction commits.
    """
    captured: dict[tuple[str, uuid.UUID], int] = info.setdefault(_CAPTURED, {})
    cursors = state.cursors(conn)
    now = utcnow()
    last = conn.scalar(select(func.max(_LOG.c.seq))) or 0
    previous = chain.hash_at(conn, last, device) if device else None
    next_seq = last + 1
    rows: list[dict[str, Any]] = []
    for change in changes:
        key = (change.table, change.row_id)
        seq = captured.get(key)
        if seq is not None:
            existing = conn.scalar(
                select(_LOG.c.fields).where(
                    _LOG.c.seq == seq, _LOG.c.tbl == change.table, _LOG.c.row_id == change.row_id
                )
            )
            if existing is not None:  # gone if a savepoint holding it was rolled back
                merged = json.loads(existing)
                merged.update(change.fields)
                conn.execute(
                    _LOG.update()
                    .where(_LOG.c.seq == seq)
                    .values(fields=canonical_json(merged).decode("utf-8"))
                )
                conn.execute(_LOG.update().where(_LOG.c.seq >= seq).values(hash=None))
                previous = None  # the rest of this call is chained at commit
                continue
        base = 0 if change.op == "i" else cursors.get(change.scope, 0)
        fields = canonical_json(change.fields).decode("utf-8")
        digest = None
        if previous is not None:
            entry = chain.entry_bytes_json(next_seq, change.table, change.row_id.hex, change.op, base, fields)
            digest = previous = chain.link(previous, entry)
        rows.append(
            {
                "seq": next_seq,
                "tbl": change.table,
                "row_id": change.row_id,
                "op": change.op,
                "base": base,
                "fields": fields,
                "logged_at": now,
                "hash": digest,
            }
        )
        captured[key] = next_seq
        next_seq += 1
    if rows:
        conn.execute(insert(_LOG), rows)


# -- session listeners -----------------------------------------------------------------------------------


def before_flush(session: Session, _context: Any, _instances: Any) -> None:
    if not _device(session):
        return
    for obj in session.deleted:
        if isinstance(obj, Synced):
            raise CaptureError(
                f"同步的记录不能直接删除（{obj.table_name()}），请标记删除（deleted_at），以便删除能同步到各台设备。"
            )


def after_flush(session: Session, _context: Any) -> None:
    if not _device(session):
        return
    changes = _collect(session)
    if changes:
        record(session.connection(), session.info, changes, _device(session))


def before_commit(session: Session) -> None:
    """Flush what is left, then seal this transaction's entries into the chain."""
    device = _device(session)
    if not device:
        return
    session.flush()
    if session.info.get(_CAPTURED):
        chain.seal(session.connection(), device)


def after_transaction_end(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:
        session.info.pop(_CAPTURED, None)


def bulk_statement(orm_state: ORMExecuteState) -> Any:
    """A bulk INSERT into a synced table through a ledger session (ORM ``insert(Model)`` or Core
    ``insert(table)``): fill defaults, run it, log each row. Bulk UPDATE/DELETE of synced rows: refused."""
    session = orm_state.session
    device = _device(session)
    table = getattr(orm_state.statement, "table", None)
    spec = tables().get(getattr(table, "name", ""))
    if not device or spec is None:
        return None
    params = orm_state.parameters
    if not orm_state.is_insert or not params:
        raise CaptureError(
            f"同步的记录（{spec.name}）不能用批量 UPDATE/DELETE 语句修改：变更不会进入同步日志。"
            "请逐条修改对象（删除请标记 deleted_at）。"
        )
    many = isinstance(params, list)
    given: list[Any] = list(params) if isinstance(params, list) else [params]
    rows: list[dict[str, Any]] = [dict(p) for p in given]
    now = utcnow()
    defaults: list[tuple[str, Any, bool]] = [
        (c.key, c.default, bool(c.nullable)) for c in table_of(spec.model).columns if c.default is not None
    ]
    for row in rows:
        for key, default, nullable in defaults:
            if key in row and (row[key] is not None or nullable):
                continue
            row[key] = default.arg(None) if default.is_callable else default.arg
        row["device_id"] = device
        row.setdefault("updated_at", now)
    result = orm_state.invoke_statement(params=rows if many else rows[0])
    changes = [
        Change(
            spec.name,
            row["id"],
            "i",
            {name: encode(row.get(name)) for name, encode in spec.encoders},
            _scope(spec, row.get("township_id")),
        )
        for row in rows
    ]
    record(session.connection(), session.info, changes, device)
    return result
