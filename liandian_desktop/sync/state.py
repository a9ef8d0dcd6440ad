"""This ledger's sync state (table ``sync_state``): server, enrolment, cursors, acknowledged chain head.

Read and written on the caller's connection, so a cursor is committed in the same transaction as the rows
it covers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, delete, select

from liandian_desktop.ledger.models.sync import SyncState
from liandian_desktop.sync.schema import table_of

CURSOR_PREFIX = "cursor:"
_T = table_of(SyncState)


def get(conn: Connection, key: str, default: str = "") -> str:
    value = conn.scalar(select(_T.c.value).where(_T.c.key == key))
    return default if value is None else str(value)


def put(conn: Connection, key: str, value: str) -> None:
    if conn.execute(_T.update().where(_T.c.key == key).values(value=value)).rowcount == 0:
        conn.execute(_T.insert().values(key=key, value=value))


def get_json(conn: Connection, key: str, default: Any = None) -> Any:
    raw = get(conn, key)
    return json.loads(raw) if raw else default


def put_json(conn: Connection, key: str, value: Any) -> None:
    put(conn, key, json.dumps(value, ensure_ascii=False, sort_keys=True))


def cursors(conn: Connection) -> dict[str, int]:
    rows = conn.execute(select(_T.c.key, _T.c.value).where(_T.c.key.startswith(CURSOR_PREFIX)))
    return {key[len(CURSOR_PREFIX) :]: int(value) for key, value in rows}


def set_cursor(conn: Connection, scope: str, seq: int) -> None:
    put(conn, CURSOR_PREFIX + scope, str(seq))


def clear_cursors(conn: Connection) -> None:
    conn.execute(delete(_T).where(_T.c.key.startswith(CURSOR_PREFIX)))


@dataclass(frozen=True)
class Enrolment:
    """Who this ledger is to the county server (the secret token lives in the credential store)."""

    server_url: str
    device_id: str
    township_id: str | None  # hex; None for a county device
    county_id: str | None
    township_name: str
    scopes: tuple[str, ...]


def enrolment(conn: Connection) -> Enrolment | None:
    data = get_json(conn, "enrolment")
    if not data:
        return None
    return Enrolment(
        server_url=data["server_url"],
        device_id=data["device_id"],
        township_id=data.get("township_id"),
        county_id=data.get("county_id"),
        township_name=data.get("township_name", ""),
        scopes=tuple(data.get("scopes", ())),
    )


def save_enrolment(conn: Connection, e: Enrolment) -> None:
    put_json(
        conn,
        "enrolment",
        {
            "server_url": e.server_url,
            "device_id": e.device_id,
            "township_id": e.township_id,
            "county_id": e.county_id,
            "township_name": e.township_name,
            "scopes": list(e.scopes),
        },
    )


def acked(conn: Connection) -> tuple[int, str]:
    """The last change of this device's chain the server has accepted: (seq, hash); (0, "") before any."""
    return int(get(conn, "acked_seq", "0")), get(conn, "acked_hash")


def set_acked(conn: Connection, seq: int, hash_: str) -> None:
    put(conn, "acked_seq", str(seq))
    put(conn, "acked_hash", hash_)
