"""The server's front door: malformed, oversized, replayed and unauthenticated requests get a clear refusal
and change nothing; versions are negotiated (a client one version behind still syncs); health and version
endpoints; the server's own migrations."""

from __future__ import annotations

import json
import uuid
import zlib
from typing import Any

import httpx
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from liandian_desktop.county import admin
from liandian_desktop.county.db import CountyBase, make_engine
from liandian_desktop.ledger.models import Community
from liandian_desktop.sync import protocol as p
from liandian_desktop.sync.errors import DeviceRevokedError, UpgradeRequiredError
from tests.sync.craft import chain_head, deflate, post, post_raw, reply, token_of, upload
from tests.sync.harness import County, Laptop, LaptopFactory, assert_converged

pytest_plugins = ["tests.sync.harness"]


@pytest.fixture
def enrolled(county: County, laptops: LaptopFactory) -> Laptop:
    a = laptops(county, "A")
    a.sync()
    with a.store.transaction() as s:
        s.add(Community(township_id=uuid.UUID(county.township_a), code="430127100001", name="甲村"))
    a.sync()
    return a


def state_of(county: County) -> tuple[Any, ...]:
    device_heads = [row.chain_seq for row in admin.device_list(county.engine)]
    return (county.checks(), device_heads)


def exchange(**fields: Any) -> dict[str, Any]:
    return {"v": p.PROTOCOL_VERSION, "nonce": p.new_nonce(), "cursors": {}, **fields}


BAD_BODIES = {
    "not compressed": b'{"v": 2}',
    "compressed garbage": zlib.compress(b"\x00\xff not json"),
    "a JSON array": deflate(b"[1, 2, 3]"),
    "truncated stream": zlib.compress(json.dumps({"v": 2, "cursors": {}}).encode())[:-4],
    "no version": deflate(b'{"cursors": {}}'),
    "wrong types": deflate(json.dumps({"v": 2, "nonce": "00" * 16, "cursors": {"county": "many"}}).encode()),
    "bad upload": deflate(
        json.dumps(
            {"v": 2, "nonce": "00" * 16, "cursors": {}, "up": {"from": 0, "head": "x", "changes": []}}
        ).encode()
    ),
    "bad change": deflate(
        json.dumps(
            {
                "v": 2,
                "nonce": "11" * 16,
                "up": {"from": 9, "head": "ab" * 32, "changes": [["communities", "zz", "u"]]},
            }
        ).encode()
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_BODIES))
def test_malformed_requests_are_refused_and_change_nothing(
    county: County, enrolled: Laptop, name: str
) -> None:
    before = state_of(county)
    response = post_raw(county.url, p.PATH_EXCHANGE, BAD_BODIES[name], token_of(enrolled))
    assert response.status_code == 400
    body = reply(response)
    assert body["error"] == p.MALFORMED and "请求格式错误" in body["message"]
    assert state_of(county) == before


def test_oversized_requests_are_refused(county: County, enrolled: Laptop) -> None:
    before = state_of(county)
    token = token_of(enrolled)
    big = post_raw(county.url, p.PATH_EXCHANGE, b"\0" * (p.MAX_BODY + 1), token)
    assert big.status_code == 413 and reply(big)["error"] == p.TOO_LARGE
    bomb = zlib.compress(
        b'{"v":2,"pad":"' + b"a" * (p.MAX_INFLATED + 10) + b'"}', 9
    )  # small, inflates past the cap
    assert len(bomb) < p.MAX_BODY
    response = post_raw(county.url, p.PATH_EXCHANGE, bomb, token)
    assert response.status_code == 413
    many = exchange(
        up={"from": 1, "head": "00" * 32, "changes": [["communities", "00" * 16, "u", 0, {}]] * 6000}
    )
    response = post(county.url, p.PATH_EXCHANGE, many, token)
    assert response.status_code == 413
    assert state_of(county) == before


def test_a_replayed_request_is_refused_and_applied_once(county: County, enrolled: Laptop) -> None:
    [cid] = [c.hex for c in _communities(enrolled)]
    device = enrolled.client.enrolment().device_id  # type: ignore[union-attr]
    message = upload(county.engine, device, [("communities", cid, "u", 0, {"population": 321})])
    body = p.encode_body(message)
    first = post_raw(county.url, p.PATH_EXCHANGE, body, token_of(enrolled))
    assert first.status_code == 200
    after_first = state_of(county)
    replay = post_raw(county.url, p.PATH_EXCHANGE, body, token_of(enrolled))
    assert replay.status_code == 409 and reply(replay)["error"] == p.REPLAY
    assert "重放" in reply(replay)["message"]
    assert state_of(county) == after_first


def test_the_same_changes_sent_again_are_applied_once(county: County, enrolled: Laptop) -> None:
    """A batch delivered twice (the client did not hear the answer and sends it again, new nonce)."""
    [cid] = [c.hex for c in _communities(enrolled)]
    device = enrolled.client.enrolment().device_id  # type: ignore[union-attr]
    message = upload(
        county.engine,
        device,
        [("communities", cid, "u", 0, {"population": 11}), ("communities", cid, "u", 0, {"households": 22})],
    )
    assert post(county.url, p.PATH_EXCHANGE, message, token_of(enrolled)).status_code == 200
    head = chain_head(county.engine, device)
    checks = county.checks()
    again = {**message, "nonce": p.new_nonce()}
    response = post(county.url, p.PATH_EXCHANGE, again, token_of(enrolled))
    assert response.status_code == 200 and reply(response)["ack"] == [head[0], head[1]]
    assert chain_head(county.engine, device) == head and county.checks() == checks
    # ...but not the same positions with other content: that is a forged or altered log.
    altered = json.loads(json.dumps(again))
    altered["nonce"] = p.new_nonce()
    altered["up"]["changes"][0][4]["population"] = 99
    response = post(county.url, p.PATH_EXCHANGE, altered, token_of(enrolled))
    assert response.status_code == 409 and reply(response)["error"] == p.CHAIN
    assert county.checks() == checks
    assert any(a.kind == "chain" for a in admin.alerts(county.engine))


def test_credentials_are_required_and_checked(county: County, enrolled: Laptop) -> None:
    for token in (None, "not-a-token"):
        response = post(county.url, p.PATH_EXCHANGE, exchange(), token)
        assert response.status_code == 401 and reply(response)["error"] == p.UNAUTHORIZED


def test_a_revoked_device_is_refused_with_a_clear_message(county: County, enrolled: Laptop) -> None:
    device = enrolled.client.enrolment().device_id  # type: ignore[union-attr]
    assert admin.revoke(county.engine, device)
    with pytest.raises(DeviceRevokedError) as err:
        enrolled.sync()
    assert "停用" in err.value.message and err.value.exit_code == 5
    # A new code re-enrols it; nothing queued meanwhile is lost.
    with enrolled.store.transaction() as s:
        s.add(Community(township_id=uuid.UUID(county.township_a), code="430127100002", name="乙村"))
    enrolled.client.enrol(county.url, county.code(county.township_a))
    assert enrolled.sync().uploaded == 1
    assert_converged(county, enrolled)


def test_protocol_versions(county: County, laptops: LaptopFactory) -> None:
    old = laptops(county, "A", protocol_version=p.PROTOCOL_VERSION - 1)  # one version behind: accepted
    report = old.sync()
    assert report.verified
    with old.store.transaction() as s:
        s.add(Community(township_id=uuid.UUID(county.township_a), code="430127100009", name="旧版村"))
    assert old.sync().uploaded == 1
    new = laptops(county, "A")
    new.sync()
    assert_converged(county, old, new)
    for version, code, status in (
        (p.OLDEST_SUPPORTED - 1, p.TOO_OLD, 426),
        (p.PROTOCOL_VERSION + 1, p.TOO_NEW, 400),
    ):
        response = post(county.url, p.PATH_EXCHANGE, {**exchange(), "v": version}, token_of(new))
        assert response.status_code == status and reply(response)["error"] == code
    too_old = laptops(county, "A", enrol=False, protocol_version=p.OLDEST_SUPPORTED - 1)
    with pytest.raises(UpgradeRequiredError) as err:
        too_old.client.enrol(county.url, county.code(county.township_a))
    assert "升级" in err.value.message


def test_health_and_version(county: County) -> None:
    health = httpx.get(county.url + p.PATH_HEALTH).json()
    assert health == {"status": "ok", "database": "sqlite"}
    version = httpx.get(county.url + p.PATH_VERSION).json()
    assert version["protocol"] == {"current": p.PROTOCOL_VERSION, "oldest": p.OLDEST_SUPPORTED}


def test_server_migrations_match_its_tables(
    backend: str, sqlite_url: str, request: pytest.FixtureRequest
) -> None:
    url = request.getfixturevalue("pg_cluster").new_database() if backend == "postgresql" else sqlite_url
    engine = make_engine(url)
    admin.init(engine)
    with engine.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(conn, opts={"compare_type": True}), CountyBase.metadata
        )
    engine.dispose()
    assert diff == [], diff


def _communities(laptop: Laptop) -> list[uuid.UUID]:
    from sqlalchemy import select

    with laptop.store.session() as s:
        return list(s.scalars(select(Community.id)))
