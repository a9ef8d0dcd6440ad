"""Scope: a township's device reads its own township's records and the county reference data, nothing
else, and writes only its own township's records — whatever it sends. The county may edit anything."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from liandian_desktop.county import admin
from liandian_desktop.ledger.models import Community, Township
from liandian_desktop.sync import protocol as p
from liandian_desktop.sync.schema import COUNTY_SCOPE, tables
from tests.sync.craft import chain_head, post, reply, token_of, upload
from tests.sync.harness import County, Laptop, LaptopFactory, assert_converged

pytest_plugins = ["tests.sync.harness"]


def community(laptop: Laptop, township: str, code: str, name: str) -> str:
    with laptop.store.transaction() as s:
        c = Community(township_id=uuid.UUID(township), code=code, name=name)
        s.add(c)
        s.flush()
        return c.id.hex


@pytest.fixture
def two_townships(county: County, laptops: LaptopFactory) -> tuple[Laptop, Laptop, str, str]:
    a, b = laptops(county, "A"), laptops(county, "B")
    a.sync()
    b.sync()
    ca = community(a, county.township_a, "430127100001", "甲村")
    cb = community(b, county.township_b, "430127101001", "乙村")
    a.sync()
    b.sync()
    return a, b, ca, cb


def test_a_device_downloads_only_its_township_and_the_reference_data(
    county: County, two_townships: tuple[Laptop, Laptop, str, str]
) -> None:
    a, _b, ca, cb = two_townships
    with a.store.session() as s:
        assert {c.hex for c in s.scalars(select(Community.id))} == {ca}
        assert len(list(s.scalars(select(Township)))) == 2  # reference data
    token = token_of(a)
    # Cursors for another township's scope are ignored, not answered.
    body = reply(post(county.url, p.PATH_EXCHANGE, {"v": 2, "nonce": p.new_nonce(), "cursors": {}}, token))
    assert set(body["cursors"]) == {COUNTY_SCOPE, county.township_a}
    body = reply(
        post(
            county.url,
            p.PATH_EXCHANGE,
            {"v": 2, "nonce": p.new_nonce(), "cursors": {county.township_b: 0}},
            token,
        )
    )
    assert all(record[1] != cb for record in body.get("records", []))
    assert county.township_b not in body["cursors"]


@pytest.mark.parametrize(
    ("path", "extra"),
    [
        (p.PATH_DIGESTS, {}),
        (p.PATH_DIGESTS, {"table": "communities"}),
        (p.PATH_ROWS, {"table": "communities", "ids": ["CB"]}),
    ],
)
def test_reading_another_township_is_refused(
    county: County, two_townships: tuple[Laptop, Laptop, str, str], path: str, extra: dict[str, Any]
) -> None:
    a, _b, _ca, cb = two_townships
    message = {"v": 2, "nonce": p.new_nonce(), "scope": county.township_b, **extra}
    if "ids" in message:
        message["ids"] = [cb]
    response = post(county.url, path, message, token_of(a))
    assert response.status_code == 403 and reply(response)["error"] == p.FORBIDDEN
    # Asking for B's row in A's own scope returns nothing.
    if path == p.PATH_ROWS:
        message = {**message, "nonce": p.new_nonce(), "scope": county.township_a}
        assert reply(post(county.url, path, message, token_of(a))).get("records", []) == []


def test_writes_outside_the_scope_are_refused_and_change_nothing(
    county: County, two_townships: tuple[Laptop, Laptop, str, str]
) -> None:
    a, b, ca, cb = two_townships
    before = county.checks()
    ta, tb = county.township_a, county.township_b
    now = "2026-03-01T00:00:00.000000Z"
    attempts: list[tuple[str, str, str, int, dict[str, Any]]] = [
        ("communities", cb, "u", 0, {"name": "被改了"}),  # another township's record
        (
            "communities",
            uuid.uuid4().hex,
            "i",
            0,
            {"township_id": tb, "code": "x", "name": "x", "created_at": now},
        ),
        ("communities", ca, "u", 0, {"township_id": tb}),  # moving its own record away
        (
            "townships",
            uuid.uuid4().hex,
            "i",
            0,
            {"county_id": county.county_id, "code": "1", "name": "新镇", "created_at": now},
        ),
        ("counties", county.county_id, "u", 0, {"name": "改名县"}),  # reference data
        (
            "sync_conflicts",
            uuid.uuid4().hex,
            "i",
            0,
            {
                "township_id": ta,
                "record_table": "communities",
                "row_id": ca,
                "field": "name",
                "kept_value": "1",
                "other_value": "2",
                "detected_at": now,
                "created_at": now,
            },
        ),
        ("communities", cb, "d", 0, {"deleted_at": now}),
        (
            "personal_data_logs",
            uuid.uuid4().hex,
            "i",
            0,
            {"township_id": None, "at": now, "action": "print", "document": "x", "created_at": now},
        ),
    ]
    control = ("communities", ca, "u", 0, {"name": "甲村（新）"})
    device = a.client.enrolment().device_id  # type: ignore[union-attr]
    first = chain_head(county.engine, device)[0] + 1
    response = post(
        county.url, p.PATH_EXCHANGE, upload(county.engine, device, [*attempts, control]), token_of(a)
    )
    assert response.status_code == 200
    body = reply(response)
    rejected = {seq: code for seq, code, _message in body["rejected"]}
    assert rejected == dict.fromkeys(range(first, first + len(attempts)), "forbidden")
    assert county.record("communities", cb)["name"] == "乙村"
    assert county.record("counties", county.county_id)["name"] == "湘源县"
    assert county.record("communities", ca)["name"] == "甲村（新）"  # the allowed change went through
    after = county.checks()
    for scope in (tb, COUNTY_SCOPE, "private"):
        assert after.get(scope) == before.get(scope), scope
    b.sync()
    assert_converged(county, b)


def test_the_client_reports_refused_changes_and_restores_the_server_values(
    county: County, laptops: LaptopFactory
) -> None:
    a = laptops(county, "A")
    a.sync()
    with a.store.transaction() as s:  # a coordinator edits reference data: the county's to change
        s.get(Township, uuid.UUID(county.township_a)).name = "擅自改名"  # type: ignore[union-attr]
    report = a.sync()
    assert len(report.rejected) == 1 and "县级" in report.rejected[0] and report.verified
    with a.store.session() as s:
        assert s.get(Township, uuid.UUID(county.township_a)).name == "云岭镇"  # type: ignore[union-attr]
    assert [i.kind for i in a.client.issues()] == ["rejected"]
    assert_converged(county, a)


def test_the_county_can_edit_any_record(
    county: County, two_townships: tuple[Laptop, Laptop, str, str]
) -> None:
    a, b, ca, cb = two_townships
    county.edit("communities", cb, name="县改乙村")
    county.edit("communities", ca, name="县改甲村")
    a.sync()
    b.sync()
    assert_converged(county, a, b)
    with b.store.session() as s:
        assert s.get(Community, uuid.UUID(cb)).name == "县改乙村"  # type: ignore[union-attr]


def test_county_moving_a_record_removes_it_from_the_old_township(
    county: County, two_townships: tuple[Laptop, Laptop, str, str]
) -> None:
    a, b, ca, _cb = two_townships
    county.edit("communities", ca, township_id=county.township_b)
    a.sync()
    b.sync()
    with a.store.session() as s:
        assert s.get(Community, uuid.UUID(ca)) is None
    with b.store.session() as s:
        assert s.get(Community, uuid.UUID(ca)).name == "甲村"  # type: ignore[union-attr]
    assert_converged(county, a, b)


TABLES = sorted(tables())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    payload=st.lists(
        st.tuples(
            st.sampled_from(TABLES),
            st.sampled_from(["cb", "new", "county", "ca"]),
            st.sampled_from(["i", "u", "d"]),
            st.integers(min_value=0, max_value=10**6),
            st.dictionaries(
                st.sampled_from(
                    ["township_id", "name", "code", "deleted_at", "population", "status", "field"]
                ),
                st.one_of(st.none(), st.text(max_size=8), st.integers(), st.sampled_from(["B", "A"])),
                min_size=1,
                max_size=4,
            ),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_no_payload_changes_another_township_or_the_reference_data(
    county: County, two_townships: tuple[Laptop, Laptop, str, str], payload: list[Any]
) -> None:
    a, _b, ca, cb = two_townships
    ids = {"cb": cb, "ca": ca, "county": county.county_id}
    changes = []
    for table, target, op, base, fields in payload:
        row_id = ids.get(target) or uuid.uuid4().hex
        values = {
            k: {"B": county.township_b, "A": county.township_a}.get(v, v) if isinstance(v, str) else v
            for k, v in fields.items()
        }
        changes.append((table, row_id, op, base, values))
    before = county.checks()
    device = a.client.enrolment().device_id  # type: ignore[union-attr]
    response = post(county.url, p.PATH_EXCHANGE, upload(county.engine, device, changes), token_of(a))
    assert response.status_code in (200, 400, 413)
    after = county.checks()
    for scope in (county.township_b, COUNTY_SCOPE, "private"):
        assert after.get(scope) == before.get(scope), scope
    assert admin.get(county.engine, "communities", cb).data["name"] == "乙村"  # type: ignore[union-attr]
