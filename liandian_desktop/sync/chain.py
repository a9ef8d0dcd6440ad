"""The hash chain over a device's change log.

Entry n's hash is ``sha256(hash(n-1) || canonical_json([n, table, row, op, base, fields]))``; the first
entry links to a genesis value derived from the device id. The county server keeps every entry's hash it
has accepted and recomputes the chain over each upload, so a logged change that is altered, removed or
re-ordered after the fact (say with the sqlite3 shell) breaks the chain and is reported.

The chain is not keyed: someone who rewrites the not-yet-uploaded tail *and* recomputes every hash after
it is not detected by the chain (the per-scope checksum still catches a row that differs from its log).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, bindparam, select, update

from liandian_desktop.ledger.models.sync import ChangeLogEntry
from liandian_desktop.sync.schema import Wire, canonical_json, table_of

GENESIS_PREFIX = b"liandian-chain-v1:"


def genesis(device_id: str) -> str:
    return hashlib.sha256(GENESIS_PREFIX + device_id.encode("utf-8")).hexdigest()


def entry_bytes(seq: int, table: str, row_id: str, op: str, base: int, fields: Mapping[str, Wire]) -> bytes:
    return canonical_json([seq, table, row_id, op, base, dict(fields)])


def entry_bytes_json(seq: int, table: str, row_id: str, op: str, base: int, fields_json: str) -> bytes:
    """``entry_bytes`` from fields already in canonical JSON (the same bytes, without parsing them again)."""
    if table.isidentifier() and row_id.isalnum() and op.isalpha():  # nothing to escape: format directly
        return f'[{seq},"{table}","{row_id}","{op}",{base},{fields_json}]'.encode()
    return canonical_json([seq, table, row_id, op, base])[:-1] + b"," + fields_json.encode("utf-8") + b"]"


def link(previous: str, entry: bytes) -> str:
    try:
        prev = bytes.fromhex(previous)
    except ValueError:
        prev = previous.encode("utf-8")
    return hashlib.sha256(prev + entry).hexdigest()


@dataclass(frozen=True)
class LoggedChange:
    """A change as it stands in the log (and on the wire)."""

    seq: int
    table: str
    row_id: str  # hex
    op: str
    base: int
    fields: dict[str, Wire]
    hash: str | None

    def entry(self) -> bytes:
        return entry_bytes(self.seq, self.table, self.row_id, self.op, self.base, self.fields)


def chain_from(previous: str, changes: Sequence[LoggedChange]) -> list[str]:
    """The hashes the chain gives ``changes`` when it continues from ``previous``."""
    out: list[str] = []
    for change in changes:
        previous = link(previous, change.entry())
        out.append(previous)
    return out


def first_break(previous: str, changes: Sequence[LoggedChange]) -> int | None:
    """Index of the first change whose stored hash does not continue the chain, or None."""
    expected_seq = changes[0].seq if changes else 0
    for index, (change, expected) in enumerate(zip(changes, chain_from(previous, changes), strict=True)):
        if change.seq != expected_seq + index or change.hash != expected:
            return index
    return None


def _row(row: Any) -> LoggedChange:
    return LoggedChange(
        seq=row.seq,
        table=row.tbl,
        row_id=row.row_id.hex,
        op=row.op,
        base=row.base,
        fields=json.loads(row.fields),
        hash=row.hash,
    )


def read_changes(conn: Connection, after: int, limit: int | None = None) -> list[LoggedChange]:
    t = table_of(ChangeLogEntry)
    stmt = select(t).where(t.c.seq > after).order_by(t.c.seq)
    if limit is not None:
        stmt = stmt.limit(limit)
    return [_row(r) for r in conn.execute(stmt)]


def hash_at(conn: Connection, seq: int, device_id: str) -> str | None:
    if seq == 0:
        return genesis(device_id)
    t = table_of(ChangeLogEntry)
    value: str | None = conn.scalar(select(t.c.hash).where(t.c.seq == seq))
    return value


def seal(conn: Connection, device_id: str) -> int:
    """Give every unsealed entry its hash, in sequence order. Returns how many were sealed."""
    t = table_of(ChangeLogEntry)
    rows = [_row(r) for r in conn.execute(select(t).where(t.c.hash.is_(None)).order_by(t.c.seq))]
    if not rows:
        return 0
    previous = hash_at(conn, rows[0].seq - 1, device_id) or ""
    hashes = chain_from(previous, rows)
    conn.execute(
        update(t).where(t.c.seq == bindparam("s")).values(hash=bindparam("h")),
        [{"s": r.seq, "h": h} for r, h in zip(rows, hashes, strict=True)],
    )
    return len(rows)
