"""This replica's per-scope counts and checksums, computed from the rows themselves (not from the log), so a
row changed, added or removed behind the app's back shows up as a difference from the county's copy."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, select

from liandian_desktop.ledger.models.sync import UnknownFields
from liandian_desktop.sync.schema import Checksum, FieldSpec, Wire, row_digest, table_of, tables

# scope -> table -> row id hex -> digest
Digests = dict[str, dict[str, dict[str, bytes]]]


def unknown_fields(conn: Connection) -> dict[tuple[str, str], dict[str, Wire]]:
    t = table_of(UnknownFields)
    return {(r.tbl, r.row_id.hex): json.loads(r.fields) for r in conn.execute(select(t))}


def row_data(conn: Connection, table: str, ids: Collection[str] | None = None) -> dict[str, dict[str, Wire]]:
    """Rows of ``table`` as wire data (with any unknown fields kept for them), by id hex."""
    import uuid

    spec = tables()[table]
    t = spec.model.__table__
    stmt = select(t)
    if ids is not None:
        stmt = stmt.where(t.c.id.in_([uuid.UUID(hex=i) for i in ids]))
    extra = unknown_fields(conn)
    out: dict[str, dict[str, Wire]] = {}
    for row in conn.execute(stmt).mappings():
        row_hex = row["id"].hex
        data = spec.row_to_wire(row)
        data.update(extra.get((table, row_hex), {}))
        out[row_hex] = data
    return out


def _raw_converter(spec: FieldSpec) -> Callable[[Any], Wire] | None:
    """Stored SQLite value -> wire value, without building Python objects (the wire form of most kinds is
    what SQLAlchemy stores: hex UUIDs, ISO dates, enum codes). Must agree with ``FieldSpec.to_wire``."""
    kind = spec.kind
    if kind == "datetime":
        return lambda v: str(v).replace(" ", "T") + "Z"
    if kind == "decimal":
        places = spec.places
        return lambda v: format(Decimal(v).scaleb(-places), "f")
    if kind == "bool":
        return bool
    if kind == "float":
        return float
    if kind == "bytes":
        return lambda v: base64.b64encode(bytes(v)).decode("ascii")
    return None


def local_digests(conn: Connection, scopes: Collection[str]) -> Digests:
    """Digests of every local row in ``scopes``, read straight from SQLite (this runs at every sync)."""
    out: Digests = {scope: {} for scope in scopes}
    extra = unknown_fields(conn)
    for name, spec in tables().items():
        columns = list(spec.fields)
        converters = [_raw_converter(spec.fields[c]) for c in columns]
        township = columns.index("township_id") if spec.township_scoped else -1
        fixed_scope = None if spec.township_scoped else spec.scope_for(None)
        if fixed_scope is not None and fixed_scope not in out:
            continue
        select_list = ", ".join(f'"{c}"' for c in columns)
        for row in conn.exec_driver_sql(f'SELECT id, {select_list} FROM "{name}"'):
            scope = fixed_scope or spec.scope_for(row[township + 1])
            if scope not in out:
                continue
            data: dict[str, Wire] = {}
            for column, convert, value in zip(columns, converters, row[1:], strict=True):
                if value is not None:
                    data[column] = convert(value) if convert is not None else value
            row_hex = str(row[0])
            if extra and (name, row_hex) in extra:
                data.update(extra[(name, row_hex)])
                data = {k: v for k, v in data.items() if v is not None}
            out[scope].setdefault(name, {})[row_hex] = row_digest(name, row_hex, data)
    return out


def scope_checksum(tables_of_scope: dict[str, dict[str, bytes]]) -> Checksum:
    total = Checksum()
    for rows in tables_of_scope.values():
        for digest in rows.values():
            total.add(digest)
    return total


def table_checksums(tables_of_scope: dict[str, dict[str, bytes]]) -> dict[str, Checksum]:
    out: dict[str, Checksum] = {}
    for name, rows in tables_of_scope.items():
        total = Checksum()
        for digest in rows.values():
            total.add(digest)
        out[name] = total
    return out


@dataclass
class TableDiff:
    """How one table of a scope differs from the county's copy."""

    missing: list[str] = field(default_factory=list)  # on the server, not here
    differing: list[str] = field(default_factory=list)  # here, with other values
    extra: list[str] = field(default_factory=list)  # here, unknown to the server


def diff_rows(local: dict[str, bytes], server: dict[str, bytes]) -> TableDiff:
    diff = TableDiff()
    for row_id, digest in server.items():
        mine = local.get(row_id)
        if mine is None:
            diff.missing.append(row_id)
        elif mine != digest:
            diff.differing.append(row_id)
    diff.extra = [row_id for row_id in local if row_id not in server]
    return diff
