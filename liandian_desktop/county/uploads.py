"""Accepting an upload: check the device's hash chain, skip what was already applied (a batch delivered
twice is applied once), apply the rest, and keep every change in the device's log on the server."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from sqlalchemy import Connection, insert, select, update

from liandian_desktop.county import records
from liandian_desktop.county.db import DeviceLogRow, DeviceRow
from liandian_desktop.county.devices import Device
from liandian_desktop.ledger.models.base import utcnow
from liandian_desktop.sync import chain
from liandian_desktop.sync.protocol import CHAIN, Change, Record, Rejection, Upload, refuse
from liandian_desktop.sync.schema import canonical_json, table_of

_L = table_of(DeviceLogRow)
_D = table_of(DeviceRow)


@dataclass
class UploadResult:
    ack_seq: int
    ack_hash: str
    applied: int = 0
    duplicates: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    conflicts: int = 0
    reverts: list[Record] = field(default_factory=list)
    drops: list[tuple[str, str]] = field(default_factory=list)


def _stored_hashes(conn: Connection, device_id: str, low: int, high: int) -> dict[int, tuple[str, str]]:
    rows = conn.execute(
        select(_L.c.seq, _L.c.hash, _L.c.outcome).where(
            _L.c.device_id == device_id, _L.c.seq.between(low, high)
        )
    )
    return {r.seq: (r.hash, r.outcome) for r in rows}


def _entry(change: Change) -> bytes:
    return chain.entry_bytes(change.seq, change.table, change.row_id, change.op, change.base, change.fields)


def accept(conn: Connection, device: Device, upload: Upload) -> UploadResult:
    """Apply ``upload`` for ``device`` (whose row the caller holds locked). Raises a CHAIN refusal, having
    changed nothing, when the upload does not continue the device's chain."""
    head_seq, head_hash = device.chain_seq, device.chain_hash
    last = upload.changes[-1].seq
    if upload.first > head_seq + 1:
        raise refuse(
            CHAIN,
            f"服务器只收到此设备第 {head_seq} 条为止的变更，缺少第 {head_seq + 1}–{upload.first - 1} 条。",
            {"seq": head_seq, "hash": head_hash},
        )
    known = _stored_hashes(conn, device.id, upload.first - 1, min(last, head_seq))
    if upload.first - 1 == 0:
        previous = chain.genesis(device.id)
    elif upload.first - 1 == head_seq:
        previous = head_hash
    else:
        previous = known.get(upload.first - 1, ("", ""))[0]
    hashes = []
    for change in upload.changes:
        previous = chain.link(previous, _entry(change))
        hashes.append(previous)
    if hashes[-1] != upload.head:
        raise refuse(
            CHAIN,
            f"变更日志链校验失败：第 {upload.first}–{last} 条变更与设备给出的链头不符，"
            "本机变更日志可能在程序之外被改动。已拒绝，未作任何修改。",
            {"seq": head_seq, "hash": head_hash, "first": upload.first},
        )
    result = UploadResult(head_seq, head_hash)
    fresh: list[tuple[Change, str]] = []
    for change, digest in zip(upload.changes, hashes, strict=True):
        if change.seq > head_seq:
            fresh.append((change, digest))
            continue
        stored_hash, earlier = known.get(change.seq, ("", ""))
        if stored_hash != digest:
            raise refuse(
                CHAIN,
                f"重复上传的第 {change.seq} 条变更与服务器已收到的不一致：本机变更日志可能被改动。已拒绝。",
                {"seq": head_seq, "hash": head_hash, "first": change.seq},
            )
        result.duplicates += 1
        if earlier.startswith("rejected:"):
            result.rejected.append(Rejection(change.seq, earlier.split(":", 1)[1], "此前已被拒绝"))
    if not fresh:
        return result
    writer = records.Writer(conn, device.actor)
    applied = writer.apply(
        [records.Incoming(c.table, c.row_id, c.op, c.base, c.fields, c.seq) for c, _ in fresh]
    )
    now = utcnow()
    log_rows = []
    for (change, digest), outcome in zip(fresh, applied.outcomes, strict=True):
        status = outcome.status if outcome.status != "rejected" else f"rejected:{outcome.code}"
        log_rows.append(
            {
                "device_id": device.id,
                "seq": change.seq,
                "hash": digest,
                "tbl": change.table[:64],
                "row_id": change.row_id,
                "op": change.op,
                "fields": canonical_json(change.fields).decode("utf-8"),
                "outcome": status,
                "received_at": now,
            }
        )
        if outcome.status == "rejected":
            result.rejected.append(Rejection(change.seq, outcome.code, outcome.message))
        elif outcome.status == "applied":
            result.applied += 1
    conn.execute(insert(_L), log_rows)
    result.ack_seq, result.ack_hash = fresh[-1][0].seq, fresh[-1][1]
    conn.execute(
        update(_D).where(_D.c.id == device.id).values(chain_seq=result.ack_seq, chain_hash=result.ack_hash)
    )
    result.conflicts = len(applied.conflicts)
    result.reverts = applied.reverts
    result.drops = applied.drops
    return result


def logged_fields(conn: Connection, device_id: str, seq: int) -> dict[str, object] | None:
    raw = conn.scalar(select(_L.c.fields).where(_L.c.device_id == device_id, _L.c.seq == seq))
    return None if raw is None else dict(json.loads(raw))
