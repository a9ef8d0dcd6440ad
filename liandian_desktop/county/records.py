"""The county's copy of every record: changes applied field by field in server order, conflicts recorded,
downloads by scope sequence, and the digests a device checks itself against.

Merge rule: a change writes only the fields it carries. When a field it writes was changed by another
device after the change's ``base`` (the writer's download cursor when it made the edit), both edits were
made without seeing each other: the later one to arrive is kept (server order, never a device clock) and
the other value is kept in a conflict record (table ``sync_conflicts``) for people to review.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, bindparam, func, insert, select, tuple_, update
from sqlalchemy.dialects import postgresql, sqlite

from liandian_desktop.county.db import ChangeRow, ExitRow, RecordRow, ScopeRow, is_postgres
from liandian_desktop.county.scope import CONFLICTS_TABLE, Actor, write_refusal
from liandian_desktop.ledger.models.base import utcnow
from liandian_desktop.sync.protocol import Record
from liandian_desktop.sync.schema import (
    Checksum,
    TableSpec,
    Wire,
    WireError,
    canonical_json,
    datetime_to_wire,
    row_digest,
    table_of,
    table_spec,
)

_R = table_of(RecordRow)
_S = table_of(ScopeRow)
_X = table_of(ExitRow)
_C = table_of(ChangeRow)

# Rejection codes of single changes (the rest of an upload still applies).
REJECT_FORBIDDEN = "forbidden"
REJECT_INVALID = "invalid"
REJECT_UNKNOWN = "unknown_record"


def _dumps(value: Any) -> str:
    return canonical_json(value).decode("utf-8")


@dataclass
class Stored:
    table: str
    row_id: str
    scope: str
    seq: int
    data: dict[str, Wire]
    meta: dict[str, list[Any]]  # field -> [seq, device]
    digest: str
    created_seq: int = 0
    is_new: bool = False
    dirty: bool = False
    size: int = 0  # bytes of its stored data (to keep downloads to a size)

    @property
    def last_device(self) -> str:
        if not self.meta:
            return ""
        return str(max(self.meta.values(), key=lambda m: int(m[0]))[1])


@dataclass
class ScopeState:
    key: str
    last_seq: int
    checksum: Checksum
    is_new: bool = False

    def next(self) -> int:
        self.last_seq += 1
        return self.last_seq


@dataclass(frozen=True)
class Incoming:
    """A change to apply: from a device's upload (``seq`` is its chain position) or from the county."""

    table: str
    row_id: str
    op: str
    base: int | None  # None: the writer saw everything (the county's own edits): no conflict check
    fields: dict[str, Any]
    seq: int = 0


@dataclass(frozen=True)
class Outcome:
    status: str  # applied | same | rejected
    code: str = ""
    message: str = ""


@dataclass
class ConflictNote:
    table: str
    row_id: str
    field: str
    kept: Wire
    other: Wire
    kept_device: str
    other_device: str


@dataclass
class ApplyResult:
    outcomes: list[Outcome] = field(default_factory=list)
    conflicts: list[ConflictNote] = field(default_factory=list)
    reverts: list[Record] = field(default_factory=list)  # server values of fields a rejected change wrote
    drops: list[tuple[str, str]] = field(default_factory=list)  # rejected new records the device must drop


def stored_of(row: Any) -> Stored:
    return Stored(
        row.tbl,
        row.id,
        row.scope,
        row.seq,
        json.loads(row.data),
        json.loads(row.meta),
        row.digest,
        row.created_seq,
    )


def load(conn: Connection, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], Stored]:
    wanted = sorted(set(keys))
    out: dict[tuple[str, str], Stored] = {}
    for start in range(0, len(wanted), 400):
        chunk = wanted[start : start + 400]
        rows = conn.execute(select(_R).where(tuple_(_R.c.tbl, _R.c.id).in_(chunk)))
        for row in rows:
            out[(row.tbl, row.id)] = stored_of(row)
    return out


def lock_scopes(conn: Connection, keys: Iterable[str]) -> dict[str, ScopeState]:
    """Lock (PostgreSQL: in key order, so two writers never deadlock) and read the scopes written to,
    creating those that do not exist yet."""
    wanted = sorted(set(keys))
    if not wanted:
        return {}
    dialect_insert = postgresql.insert if is_postgres(conn) else sqlite.insert
    conn.execute(
        dialect_insert(_S).on_conflict_do_nothing(),
        [{"key": k, "last_seq": 0, "row_count": 0, "checksum": "0" * 32} for k in wanted],
    )
    rows = conn.execute(select(_S).where(_S.c.key.in_(wanted)).order_by(_S.c.key).with_for_update())
    return {r.key: ScopeState(r.key, r.last_seq, Checksum(r.row_count, int(r.checksum, 16))) for r in rows}


def _write_scopes(conn: Connection, states: Iterable[ScopeState]) -> None:
    params = [
        {"k": s.key, "seq": s.last_seq, "n": s.checksum.count, "sum": f"{s.checksum.value:032x}"}
        for s in states
    ]
    if params:
        conn.execute(
            update(_S)
            .where(_S.c.key == bindparam("k"))
            .values(last_seq=bindparam("seq"), row_count=bindparam("n"), checksum=bindparam("sum")),
            params,
        )


class Writer:
    """Applies a batch of changes in one transaction: loads the records they touch, locks the scopes they
    write, applies them in order and writes everything back."""

    def __init__(self, conn: Connection, actor: Actor) -> None:
        self.conn = conn
        self.actor = actor
        self.now = utcnow()
        self.records: dict[tuple[str, str], Stored] = {}
        self.scopes: dict[str, ScopeState] = {}
        self.exits: list[dict[str, Any]] = []
        self.changes: list[dict[str, Any]] = []
        self.result = ApplyResult()

    # -- the batch ---------------------------------------------------------------------------------------
    def apply(self, changes: Sequence[Incoming]) -> ApplyResult:
        self.records = load(self.conn, ((c.table, c.row_id) for c in changes))
        self.scopes = lock_scopes(self.conn, self._scopes_written(changes))
        for change in changes:
            self.result.outcomes.append(self._apply_one(change))
        self._flush()
        return self.result

    def _scopes_written(self, changes: Sequence[Incoming]) -> set[str]:
        if self.actor.township is not None:
            return {self.actor.township}
        scopes: set[str] = set()
        for change in changes:
            try:
                spec = table_spec(change.table)
            except WireError:
                continue
            stored = self.records.get((change.table, change.row_id))
            if stored is not None:
                scopes.add(stored.scope)
            township = change.fields.get("township_id", stored.data.get("township_id") if stored else None)
            scopes.add(spec.scope_for(township if isinstance(township, str) else None))
        return scopes

    def _reject(self, change: Incoming, code: str, message: str, stored: Stored | None) -> Outcome:
        if stored is not None and self.actor.can_read(stored.scope):
            fields = {f: stored.data.get(f) for f in change.fields if f in stored.data}
            if fields:
                self.result.reverts.append(Record(change.table, change.row_id, fields, stored.last_device))
        elif code == REJECT_FORBIDDEN:  # a record it may not have: take it off the device
            self.result.drops.append((change.table, change.row_id))
        return Outcome("rejected", code, message)

    def _apply_one(self, change: Incoming) -> Outcome:
        stored = self.records.get((change.table, change.row_id))
        try:
            spec = table_spec(change.table)
            fields = spec.canonical_fields(change.fields, allow_unknown=True)
        except WireError as exc:
            return self._reject(change, REJECT_INVALID, exc.message, stored)
        merged = {**(stored.data if stored else {}), **fields}
        new_scope = spec.row_scope(merged)
        readable = stored is not None and self.actor.can_read(stored.scope)
        changed = {
            k: v for k, v in fields.items() if stored is None or k not in stored.data or stored.data[k] != v
        }
        if readable and not changed:
            return Outcome("same")  # nothing new (never said of a record the device may not read)
        if stored is None and (change.op != "i" or spec.missing_required(merged)):
            # Part of a record the server never had (e.g. one kept before sync existed): nothing to apply
            # it to. The device's end-of-sync check finds the row and sends it whole.
            missing = "、".join(spec.missing_required(merged)[:5]) or "（整条记录）"
            return self._reject(change, REJECT_UNKNOWN, f"服务器上没有这条记录，且缺少字段：{missing}", None)
        refusal = write_refusal(self.actor, spec, stored.scope if stored else None, new_scope, fields)
        if refusal is not None:
            if readable and change.op == "i":
                # The device created a record that already exists and is not its to write: an app-made
                # copy of county data (the default catalogue every ledger seeds). The county's stands.
                self._reject(change, REJECT_FORBIDDEN, refusal, stored)
                return Outcome("same")
            return self._reject(change, REJECT_FORBIDDEN, refusal, stored)
        self._write(spec, change, stored, changed, new_scope)
        return Outcome("applied")

    def _write(
        self,
        spec: TableSpec,
        change: Incoming,
        stored: Stored | None,
        changed: dict[str, Wire],
        new_scope: str,
    ) -> None:
        device = self.actor.device_id
        conflicts: list[ConflictNote] = []
        if stored is not None and change.base is not None:
            for name, value in changed.items():
                mark = stored.meta.get(name)
                if mark is not None and int(mark[0]) > change.base and mark[1] != device:
                    conflicts.append(
                        ConflictNote(
                            spec.name, change.row_id, name, value, stored.data.get(name), device, str(mark[1])
                        )
                    )
        target = self.scopes[new_scope]
        seq = target.next()
        self.changes.append({"scope": new_scope, "seq": seq, "tbl": spec.name, "row_id": change.row_id})
        if stored is None:
            stored = Stored(
                spec.name, change.row_id, new_scope, seq, {}, {}, "", created_seq=seq, is_new=True
            )
            self.records[(spec.name, change.row_id)] = stored
        else:
            old = self.scopes[stored.scope]
            old.checksum.remove(bytes.fromhex(stored.digest))
            if stored.scope != new_scope:  # moved (county only): leave the old scope, arrive whole
                self.exits.append(
                    {
                        "scope": stored.scope,
                        "seq": old.next(),
                        "tbl": spec.name,
                        "row_id": change.row_id,
                        "to_scope": new_scope,
                    }
                )
                stored.meta = {name: [seq, device] for name in stored.meta}
                stored.created_seq = seq
        stored.data.update(changed)
        for name in changed:
            stored.meta[name] = [seq, device]
        stored.scope = new_scope
        stored.seq = seq
        stored.digest = row_digest(spec.name, change.row_id, stored.data).hex()
        stored.dirty = True
        target.checksum.add(bytes.fromhex(stored.digest))
        for note in conflicts:
            self._record_conflict(note, stored)
        self.result.conflicts.extend(conflicts)

    def _record_conflict(self, note: ConflictNote, target: Stored) -> None:
        spec = table_spec(CONFLICTS_TABLE)
        row_id = uuid.uuid4().hex
        now = datetime_to_wire(self.now)
        data: dict[str, Wire] = {
            "township_id": target.data.get("township_id"),
            "record_table": note.table,
            "row_id": note.row_id,
            "field": note.field,
            "kept_value": _dumps(note.kept),
            "other_value": _dumps(note.other),
            "kept_device": note.kept_device,
            "other_device": note.other_device,
            "detected_at": now,
            "status": "open",
            "resolved_value": None,
            "resolved_by": "",
            "resolved_at": None,
            "created_at": now,
            "deleted_at": None,
        }
        if spec.row_scope(data) != target.scope:
            return  # a county-private record: its conflicts are not published to any township
        scope = self.scopes[target.scope]
        seq = scope.next()
        self.changes.append({"scope": target.scope, "seq": seq, "tbl": spec.name, "row_id": row_id})
        digest = row_digest(spec.name, row_id, data).hex()
        scope.checksum.add(bytes.fromhex(digest))
        meta: dict[str, list[Any]] = {k: [seq, "county"] for k in data}
        self.records[(spec.name, row_id)] = Stored(
            spec.name, row_id, target.scope, seq, data, meta, digest, created_seq=seq, is_new=True, dirty=True
        )

    def _flush(self) -> None:
        new = [r for r in self.records.values() if r.dirty and r.is_new]
        old = [r for r in self.records.values() if r.dirty and not r.is_new]

        def params(r: Stored) -> dict[str, Any]:
            return {
                "t": r.table,
                "i": r.row_id,
                "scope": r.scope,
                "seq": r.seq,
                "created": r.created_seq,
                "data": _dumps(r.data),
                "meta": _dumps(r.meta),
                "digest": r.digest,
            }

        if new:
            self.conn.execute(
                insert(_R),
                [
                    {
                        "tbl": r.table,
                        "id": r.row_id,
                        "scope": r.scope,
                        "seq": r.seq,
                        "created_seq": r.created_seq,
                        "data": _dumps(r.data),
                        "meta": _dumps(r.meta),
                        "digest": r.digest,
                    }
                    for r in new
                ],
            )
        if old:
            self.conn.execute(
                update(_R)
                .where(_R.c.tbl == bindparam("t"), _R.c.id == bindparam("i"))
                .values(
                    scope=bindparam("scope"),
                    seq=bindparam("seq"),
                    created_seq=bindparam("created"),
                    data=bindparam("data"),
                    meta=bindparam("meta"),
                    digest=bindparam("digest"),
                ),
                [params(r) for r in old],
            )
        if self.exits:
            self.conn.execute(insert(_X), self.exits)
        if self.changes:
            self.conn.execute(insert(_C), self.changes)
        _write_scopes(self.conn, self.scopes.values())


# -- reading -----------------------------------------------------------------------------------------------


@dataclass
class Download:
    records: list[Record] = field(default_factory=list)
    exits: list[tuple[str, str]] = field(default_factory=list)
    cursors: dict[str, int] = field(default_factory=dict)
    resets: list[str] = field(default_factory=list)
    more: bool = False
    remaining: int = 0
    checks: dict[str, Checksum] | None = None


def scope_states(conn: Connection) -> dict[str, ScopeState]:
    return {
        r.key: ScopeState(r.key, r.last_seq, Checksum(r.row_count, int(r.checksum, 16)))
        for r in conn.execute(select(_S))
    }


def download(conn: Connection, actor: Actor, cursors: dict[str, int], limit: int, max_bytes: int) -> Download:
    """What ``actor`` has not seen yet, oldest first: per scope a window (cursor, upto] of its sequence of at
    most ``limit`` changes (about ``max_bytes`` of JSON). In it, every record made in the window goes whole;
    of the others, the fields whose last change lies in the window. Fields ``actor`` wrote itself are not
    sent back."""
    states = scope_states(conn)
    out = Download()
    budget = limit
    size = 0
    for key in actor.read_scopes(list(states)):
        state = states[key]
        cursor = cursors.get(key, 0)
        if cursor > state.last_seq:  # the server forgot what the device saw (restored from a backup)
            out.resets.append(key)
            cursor = 0
        if cursor == state.last_seq:
            out.cursors[key] = cursor
            continue
        if budget <= 0 or size >= max_bytes:
            out.cursors[key] = cursor
            out.more = True
            continue
        # The window's changes with the records they touched, in one query (a record touched twice comes
        # twice; it is sent once).
        changes = list(
            conn.execute(
                select(_C.c.seq, _R)
                .join(_R, (_R.c.tbl == _C.c.tbl) & (_R.c.id == _C.c.row_id))
                .where(_C.c.scope == key, _C.c.seq > cursor)
                .order_by(_C.c.seq)
                .limit(budget)
            )
        )
        seen: set[tuple[str, str]] = set()
        order: list[Stored] = []
        taken = 0
        for change in changes:
            taken += 1
            if (change.tbl, change.id) in seen:
                continue
            seen.add((change.tbl, change.id))
            stored = stored_of(change)
            order.append(stored)
            size += stored.size
            if size >= max_bytes:
                break
        truncated = taken < len(changes) or len(changes) == budget
        upto = changes[taken - 1].seq if truncated and changes else state.last_seq
        budget -= taken
        for stored in order:
            if stored.scope != key:
                continue  # moved on to another scope since; its exit says so
            whole = cursor < stored.created_seq <= upto
            fields = {
                name: stored.data.get(name)
                for name, (seq, device) in stored.meta.items()
                if device != actor.device_id and (whole or cursor < int(seq) <= upto)
            }
            if fields:
                out.records.append(Record(stored.table, stored.row_id, fields, stored.last_device))
        for ex in conn.execute(
            select(_X.c.tbl, _X.c.row_id, _X.c.to_scope).where(
                _X.c.scope == key, _X.c.seq > cursor, _X.c.seq <= upto
            )
        ):
            if not actor.can_read(ex.to_scope):
                out.exits.append((ex.tbl, ex.row_id))
        out.cursors[key] = upto
        if truncated and upto < state.last_seq:
            out.more = True
    if out.more:
        out.remaining = sum(
            conn.scalar(select(func.count()).select_from(_C).where(_C.c.scope == k, _C.c.seq > c)) or 0
            for k, c in out.cursors.items()
        )
    else:
        out.checks = {k: states[k].checksum for k in out.cursors}
    return out


def table_checksums(conn: Connection, scope: str) -> dict[str, Checksum]:
    out: dict[str, Checksum] = {}
    for tbl, digest in conn.execute(select(_R.c.tbl, _R.c.digest).where(_R.c.scope == scope)):
        out.setdefault(tbl, Checksum()).add(bytes.fromhex(digest))
    return out


def row_digests(conn: Connection, scope: str, table: str) -> list[list[str]]:
    rows = conn.execute(select(_R.c.id, _R.c.digest).where(_R.c.scope == scope, _R.c.tbl == table))
    return [[r.id, r.digest] for r in rows]


def full_records(conn: Connection, scope: str, table: str, ids: Sequence[str]) -> list[Record]:
    out = []
    for row in conn.execute(
        select(_R.c.id, _R.c.data, _R.c.meta).where(_R.c.scope == scope, _R.c.tbl == table, _R.c.id.in_(ids))
    ):
        stored = Stored(table, row.id, scope, 0, json.loads(row.data), json.loads(row.meta), "")
        out.append(Record(table, row.id, stored.data, stored.last_device))
    return out


def get(conn: Connection, table: str, row_id: str) -> Stored | None:
    return load(conn, [(table, row_id)]).get((table, row_id))
