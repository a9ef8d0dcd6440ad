"""Hand-made requests: what a misbehaving or malicious device could send, bypassing the client."""

from __future__ import annotations

import zlib
from typing import Any

import httpx
from sqlalchemy import Engine, select

from liandian_desktop.county.db import DeviceRow
from liandian_desktop.sync import chain
from liandian_desktop.sync import protocol as p
from liandian_desktop.sync.credentials import credential_name
from liandian_desktop.sync.schema import table_of
from tests.sync.harness import Laptop


def token_of(laptop: Laptop) -> str:
    enrolment = laptop.client.enrolment()
    assert enrolment is not None
    token = laptop.client.credentials.get(credential_name(enrolment.server_url, enrolment.device_id))
    assert token
    return token


def post_raw(url: str, path: str, body: bytes, token: str | None = None, **headers: str) -> httpx.Response:
    sent = {"Content-Type": p.MEDIA_TYPE, "Content-Encoding": "deflate", **headers}
    if token:
        sent["Authorization"] = f"Bearer {token}"
    with httpx.Client(timeout=30) as client:
        return client.post(url + path, content=body, headers=sent)


def post(url: str, path: str, message: dict[str, Any], token: str | None = None) -> httpx.Response:
    return post_raw(url, path, p.encode_body(message), token)


def deflate(data: bytes) -> bytes:
    return zlib.compress(data)


def reply(response: httpx.Response) -> dict[str, Any]:
    import json

    body = json.loads(response.content)
    assert isinstance(body, dict)
    return body


def chain_head(engine: Engine, device_id: str) -> tuple[int, str]:
    t = table_of(DeviceRow)
    with engine.connect() as conn:
        row = conn.execute(select(t.c.chain_seq, t.c.chain_hash).where(t.c.id == device_id)).one()
    return int(row.chain_seq), str(row.chain_hash)


def upload(
    engine: Engine, device_id: str, changes: list[tuple[str, str, str, int, dict[str, Any]]]
) -> dict[str, Any]:
    """An exchange request whose upload correctly continues the device's chain on the server."""
    seq, previous = chain_head(engine, device_id)
    first = seq + 1
    for offset, (table, row_id, op, base, fields) in enumerate(changes):
        previous = chain.link(previous, chain.entry_bytes(first + offset, table, row_id, op, base, fields))
    return {
        "v": p.PROTOCOL_VERSION,
        "nonce": p.new_nonce(),
        "cursors": {},
        "limit": 0,
        "up": {"from": first, "head": previous, "changes": [list(c) for c in changes]},
    }
