"""Applying what the county sends down to this ledger, field by field.

A field this device changed and has not yet had acknowledged is never overwritten by a download: the
upload carrying it will reach the server, which decides (and records a conflict if both sides changed it).
Downloaded values are written with Core statements, so the change capture does not log them again.
"""

from __future__ import annotations

import json
import re
import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from liandian_desktop.ledger.models.sync import ChangeLogEntry, UnknownFields
from liandian_desktop.sync.protocol import Record
from liandian_desktop.sync.schema import (
    FieldSpec,
    TableSpec,
    Wire,
    WireError,
    canonical_json,
    datetime_to_wire,
    table_of,
    tables,
)

_LOG = table_of(ChangeLogEntry)
_UNKNOWN = table_of(UnknownFields)
_HEX = re.compile(r"[0-9a-f]{32}")

Pending = Mapping[tuple[str, str], set[str]]  # (table, row hex) -> fields not yet acknowledged


@dataclass
class MergeStats:
    inserted: int = 0
    updated: int = 0
    kept_local: int = 0  # fields not overwritten because this device changed them since
    removed: int = 0
    incomplete: list[tuple[str, str]] = field(default_factory=list)  # new rows that came without all fields
    unknown_tables: set[str] = field(default_factory=set)


def pending_fields(conn: Connection, acked_seq: int) -> dict[tuple[str, str], set[str]]:
    out: dict[tuple[str, str], set[str]] = defaultdict(set)
    for tbl, row_id, fields in conn.execute(
        select(_LOG.c.tbl, _LOG.c.row_id, _LOG.c.fields).where(_LOG.c.seq > acked_seq)
    ):
        out[(tbl, row_id.hex)].update(json.loads(fields))
    return dict(out)


def _existing(conn: Connection, spec: TableSpec, ids: Sequence[uuid.UUID]) -> set[uuid.UUID]:
    table = spec.model.__table__
    found: set[uuid.UUID] = set()
    for start in range(0, len(ids), 500):
        found.update(conn.scalars(select(table.c.id).where(table.c.id.in_(ids[start : start + 500]))))
    return found


def _keep_unknown(conn: Connection, table: str, row_id: uuid.UUID, extra: dict[str, Wire]) -> None:
    current = conn.scalar(
        select(_UNKNOWN.c.fields).where(_UNKNOWN.c.tbl == table, _UNKNOWN.c.row_id == row_id)
    )
    if current is None:
        conn.execute(insert(_UNKNOWN).values(tbl=table, row_id=row_id, fields=canonical_json(extra).decode()))
        return
    merged = json.loads(current)
    merged.update(extra)
    conn.execute(
        update(_UNKNOWN)
        .where(_UNKNOWN.c.tbl == table, _UNKNOWN.c.row_id == row_id)
        .values(fields=canonical_json(merged).decode())
    )


def apply_records(
    conn: Connection,
    records: Iterable[Record],
    pending: Pending,
    now: datetime,
    *,
    overwrite_all: bool = False,
) -> MergeStats:
    """Write downloaded field values. ``overwrite_all`` (repair): a row missing a field the server does not
    have gets it emptied too, so the row becomes exactly the server's."""
    stats = MergeStats()
    specs = tables()
    by_table: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        by_table[record.table].append(record)
    for name, group in by_table.items():
        spec = specs.get(name)
        if spec is None:
            stats.unknown_tables.add(name)
            continue
        table = spec.model.__table__
        ids = [uuid.UUID(hex=r.row_id) for r in group]
        present = _existing(conn, spec, ids)
        new_rows: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
        raw_rows: list[tuple[Any, ...]] = []
        stamp = datetime_to_wire(now)[:-1].replace("T", " ")
        for record, row_id in zip(group, ids, strict=True):
            skip = pending.get((name, record.row_id), set())
            fields = {k: v for k, v in record.fields.items() if k not in skip}
            stats.kept_local += len(record.fields) - len(fields)
            if overwrite_all and row_id in present:
                for missing in spec.fields.keys() - record.fields.keys() - skip:
                    if spec.fields[missing].nullable:
                        fields[missing] = None
            extra = {k: v for k, v in fields.items() if k not in spec.fields}
            if row_id not in present and not skip and not extra and not overwrite_all:
                raw = _raw_row(spec, record, stamp)
                if raw is not None:  # the common case of a first download: straight into SQLite
                    raw_rows.append(raw)
                    present.add(row_id)
                    continue
            try:
                values = spec.decode(fields)
            except WireError:
                stats.incomplete.append((name, record.row_id))
                continue
            if extra:
                _keep_unknown(conn, name, row_id, extra)
            if row_id in present:
                if values:
                    values.update(updated_at=now, device_id=record.device[:64])
                    conn.execute(update(table).where(table.c.id == row_id).values(**values))
                    stats.updated += 1
                continue
            if spec.missing_required(fields) or skip:
                stats.incomplete.append((name, record.row_id))
                continue
            values.update(id=row_id, updated_at=now, device_id=record.device[:64])
            for column in table.columns:
                if column.name not in values:
                    values[column.name] = _default(column)
            new_rows[tuple(sorted(values))].append(values)
            present.add(row_id)
        for rows in new_rows.values():
            conn.execute(insert(table), rows)
            stats.inserted += len(rows)
        if raw_rows:
            columns = ["id", "updated_at", "device_id", *spec.fields]
            names = ", ".join(f'"{c}"' for c in columns)
            marks = ", ".join("?" for _ in columns)
            conn.exec_driver_sql(f'INSERT INTO "{name}" ({names}) VALUES ({marks})', raw_rows)
            stats.inserted += len(raw_rows)
    return stats


def _storage(spec: FieldSpec, value: Wire) -> Any:
    """A wire value as SQLAlchemy stores it in SQLite (the inverse of ``verify``'s raw reading)."""
    if value is None:
        if not spec.nullable:
            raise WireError(f"字段“{spec.name}”不能为空", spec.name)
        return None
    kind = spec.kind
    if kind == "uuid":
        if not (isinstance(value, str) and len(value) == 32 and _HEX.fullmatch(value)):
            raise WireError("编号无效", spec.name)
        return value
    if kind == "datetime":
        if not (isinstance(value, str) and len(value) == 27 and value[10] == "T" and value[-1] == "Z"):
            raise WireError("时间无效", spec.name)
        spec.from_wire(value)
        return value[:10] + " " + value[11:-1]
    if kind == "decimal":
        return int(spec.from_wire(value).scaleb(spec.places))
    if kind == "bool":
        return int(spec.from_wire(value))
    if kind == "enum":
        spec.from_wire(value)
        return value
    if kind == "date":
        spec.from_wire(value)
        return value
    return spec.from_wire(value)


def _defaults(spec: TableSpec) -> dict[str, Any]:
    """Storage values for fields a record may arrive without (columns added since the sender's version)."""
    out: dict[str, Any] = {}
    for column in spec.model.__table__.columns:
        field = spec.fields.get(column.name)
        if field is None:
            continue
        value = _default(column)
        out[column.name] = None if value is None else _storage(field, field.to_wire(value))
    return out


def _raw_row(spec: TableSpec, record: Record, stamp: str) -> tuple[Any, ...] | None:
    if spec.missing_required(record.fields):
        return None
    try:
        defaults = _defaults(spec) if len(record.fields) < len(spec.fields) else {}
        values = [record.row_id, stamp, record.device[:64]]
        for name, field in spec.fields.items():
            if name in record.fields:
                values.append(_storage(field, record.fields[name]))
            else:
                values.append(defaults[name])
    except (WireError, ValueError, TypeError, ArithmeticError):
        return None
    return tuple(values)


def _default(column: Any) -> Any:
    default = column.default
    if default is None:
        return None
    if default.is_callable:
        return default.arg(None)
    return default.arg


def remove_rows(conn: Connection, rows: Iterable[tuple[str, str]], pending: Pending) -> int:
    """Drop rows that left this device's scope (or that the server refused to create). A row with changes
    still waiting to be acknowledged is kept."""
    removed = 0
    specs = tables()
    for name, row_hex in rows:
        spec = specs.get(name)
        if spec is None or (name, row_hex) in pending:
            continue
        row_id = uuid.UUID(hex=row_hex)
        table = spec.model.__table__
        removed += conn.execute(delete(table).where(table.c.id == row_id)).rowcount
        conn.execute(delete(_UNKNOWN).where(_UNKNOWN.c.tbl == name, _UNKNOWN.c.row_id == row_id))
    return removed
