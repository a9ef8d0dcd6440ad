"""Devices: one-time enrolment codes, device credentials, revocation, and the request nonces that make a
replayed request harmless.

Codes and tokens are stored only as SHA-256 hashes: a copy of the county database lets no one enrol or
sign in as a device.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, delete, select, update

from liandian_desktop.county.db import DeviceRow, EnrolmentCodeRow, NonceRow
from liandian_desktop.county.scope import Actor
from liandian_desktop.ledger.models.base import utcnow
from liandian_desktop.sync import chain
from liandian_desktop.sync.protocol import ENROLMENT, REPLAY, REVOKED, UNAUTHORIZED, refuse
from liandian_desktop.sync.schema import table_of

CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: read aloud and typed by people
NONCE_KEEP = timedelta(days=30)

_D = table_of(DeviceRow)
_C = table_of(EnrolmentCodeRow)
_N = table_of(NonceRow)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def normalize_code(code: str) -> str:
    text = code.upper().replace("-", "").replace(" ", "")
    return text.replace("I", "1").replace("L", "1").replace("O", "0")


def issue_code(conn: Connection, township: str | None, *, days: int = 7, note: str = "") -> str:
    """A one-time enrolment code for a township's device (``township`` None: a county device)."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    now = utcnow()
    conn.execute(
        _C.insert().values(
            code_hash=_hash(raw),
            township_id=township,
            created_at=now,
            expires_at=now + timedelta(days=days),
            note=note,
        )
    )
    return "-".join(raw[i : i + 4] for i in range(0, 12, 4))


@dataclass(frozen=True)
class Device:
    id: str
    township_id: str | None
    is_county: bool
    name: str
    chain_seq: int
    chain_hash: str

    @property
    def actor(self) -> Actor:
        return Actor(self.id, None if self.is_county else self.township_id, self.name)


def _device(row: Any) -> Device:
    return Device(
        row.id,
        row.township_id,
        bool(row.is_county),
        row.name,
        row.chain_seq,
        row.chain_hash or chain.genesis(row.id),
    )


@dataclass(frozen=True)
class Enrolled:
    token: str
    device: Device


def enrol(conn: Connection, code: str, device_id: str, name: str, protocol: int) -> Enrolled:
    """Spend ``code`` on ``device_id`` and give it a new credential. The code is spent only if all is well."""
    now = utcnow()
    row = conn.execute(
        select(_C).where(_C.c.code_hash == _hash(normalize_code(code))).with_for_update()
    ).first()
    if row is None:
        raise refuse(ENROLMENT, "注册码无效：请核对，或向县级管理员重新申请。")
    if row.used_at is not None:
        raise refuse(ENROLMENT, "注册码已被使用过：每个注册码只能注册一台设备，请向县级管理员重新申请。")
    if row.expires_at < now:
        raise refuse(ENROLMENT, "注册码已过期：请向县级管理员重新申请。")
    device = conn.execute(select(_D).where(_D.c.id == device_id).with_for_update()).first()
    if device is not None and device.township_id != row.township_id:
        raise refuse(ENROLMENT, "此台账已注册到另一个乡镇，不能用这个注册码。请联系县级管理员。")
    token = secrets.token_urlsafe(32)
    values = {
        "township_id": row.township_id,
        "is_county": row.township_id is None,
        "name": name,
        "token_hash": _hash(token),
        "enrolled_at": now,
        "revoked_at": None,
        "protocol": protocol,
    }
    if device is None:
        conn.execute(
            _D.insert().values(id=device_id, chain_seq=0, chain_hash=chain.genesis(device_id), **values)
        )
    else:
        conn.execute(_D.update().where(_D.c.id == device_id).values(**values))
    conn.execute(_C.update().where(_C.c.code_hash == row.code_hash).values(used_at=now, used_by=device_id))
    return Enrolled(token, _device(conn.execute(select(_D).where(_D.c.id == device_id)).one()))


def authenticate(conn: Connection, token: str | None, *, lock: bool = False) -> Device:
    """The device holding ``token``; refused when unknown or revoked. ``lock``: hold its row until commit
    (two uploads of one device never interleave)."""
    if not token:
        raise refuse(UNAUTHORIZED, "缺少设备凭据：请先注册此设备（liandian enrol）。")
    stmt = select(_D).where(_D.c.token_hash == _hash(token))
    if lock:
        stmt = stmt.with_for_update()
    device = conn.execute(stmt).first()
    if device is None:
        raise refuse(UNAUTHORIZED, "设备凭据无效：请重新注册此设备。")
    if device.revoked_at is not None:
        raise refuse(
            REVOKED, "此设备已被县级管理员停用，不能再同步。如需继续使用，请申请新的注册码重新注册。"
        )
    return _device(device)


def spend_nonce(conn: Connection, device_id: str, nonce: str | None) -> None:
    """Remember ``nonce``; a request whose nonce was seen before is a replay and is refused."""
    if nonce is None:
        return
    seen = conn.scalar(select(_N.c.nonce).where(_N.c.device_id == device_id, _N.c.nonce == nonce))
    if seen is not None:
        raise refuse(REPLAY, "重复的请求（重放）已被拒绝，未作任何修改。")
    conn.execute(_N.insert().values(device_id=device_id, nonce=nonce, seen_at=utcnow()))


def touch(conn: Connection, device_id: str, protocol: int) -> None:
    conn.execute(_D.update().where(_D.c.id == device_id).values(last_seen_at=utcnow(), protocol=protocol))


def prune_nonces(conn: Connection, now: datetime | None = None) -> int:
    cutoff = (now or utcnow()) - NONCE_KEEP
    return conn.execute(delete(_N).where(_N.c.seen_at < cutoff)).rowcount


def revoke(conn: Connection, device_id: str) -> bool:
    result = conn.execute(
        update(_D).where(_D.c.id == device_id, _D.c.revoked_at.is_(None)).values(revoked_at=utcnow())
    )
    return result.rowcount > 0
