"""The shared wire format: canonical values, digests, chain bytes, and both protocol versions of every
message round-tripping through the one definition both ends use."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from liandian_desktop.ledger.models import OrderStatus
from liandian_desktop.sync import chain
from liandian_desktop.sync import protocol as p
from liandian_desktop.sync.schema import Checksum, WireError, row_digest, table_spec, tables


def test_every_synced_table_has_a_spec_without_the_local_columns() -> None:
    specs = tables()
    assert {"residents", "work_orders", "sync_conflicts", "form_templates", "counties"} <= set(specs)
    for spec in specs.values():
        assert not {"id", "updated_at", "device_id"} & set(spec.fields)
    assert specs["counties"].is_reference and specs["residents"].township_scoped
    assert specs["personal_data_logs"].scope_for(None) == "private"
    assert specs["cadres"].scope_for(None) == "county"


def test_values_have_one_canonical_spelling() -> None:
    orders = table_spec("work_orders")
    east8 = timezone(timedelta(hours=8))
    assert (
        orders.fields["ordered_at"].to_wire(datetime(2026, 3, 1, 8, tzinfo=east8))
        == "2026-03-01T00:00:00.000000Z"
    )
    assert orders.fields["status"].to_wire(OrderStatus.RESOLVED) == "resolved"
    assert orders.fields["township_id"].to_wire(uuid.UUID(int=1)) == "0" * 31 + "1"
    supplies = table_spec("supplies")
    assert supplies.fields["capacity"].to_wire(Decimal("12.5")) == "12.50"
    assert supplies.fields["capacity"].canonical("12.50") == "12.50"
    residents = table_spec("residents")
    assert residents.fields["birth_date"].from_wire("1940-02-29") == date(1940, 2, 29)
    for field, bad in [("capacity", "1.234"), ("capacity", 12), ("capacity", "NaN")]:
        with pytest.raises(WireError):
            supplies.fields[field].canonical(bad)
    for field, bad in [
        ("status", "done"),
        ("ordered_at", "2026-03-01 08:00"),
        ("township_id", "xyz"),
        ("reopen_count", True),
        ("title", None),
    ]:
        with pytest.raises(WireError):
            orders.fields[field].canonical(bad)


@given(st.text(max_size=30), st.integers(-(2**40), 2**40), st.booleans())
def test_digests_ignore_key_order_and_empty_fields(name: str, population: int, key: bool) -> None:
    a = {"name": name, "population": population, "is_key": key, "latitude": None}
    b = {"is_key": key, "population": population, "name": name}
    assert row_digest("communities", "ab" * 16, a) == row_digest("communities", "ab" * 16, b)
    assert row_digest("communities", "ab" * 16, a) != row_digest("communities", "cd" * 16, a)


def test_checksums_are_order_free_and_reversible() -> None:
    digests = [row_digest("t", f"{i:032x}", {"v": i}) for i in range(50)]
    forward, backward = Checksum(), Checksum()
    for d in digests:
        forward.add(d)
    for d in reversed(digests):
        backward.add(d)
    assert forward == backward and forward.count == 50
    forward.remove(digests[7])
    assert forward != backward and Checksum.from_wire(forward.as_wire()) == forward


def test_chain_entries_have_one_byte_spelling() -> None:
    fields = {"name": "李𠅤", "population": 3, "note": 'a "quoted" line'}
    from liandian_desktop.sync.schema import canonical_json

    as_json = canonical_json(fields).decode()
    for table in ("residents", "odd table"):
        assert chain.entry_bytes(9, table, "ab" * 16, "u", 4, fields) == chain.entry_bytes_json(
            9, table, "ab" * 16, "u", 4, as_json
        )
    first = chain.link(chain.genesis("dev"), chain.entry_bytes(1, "t", "ab" * 16, "i", 0, fields))
    assert first != chain.link(chain.genesis("other"), chain.entry_bytes(1, "t", "ab" * 16, "i", 0, fields))


@pytest.mark.parametrize("version", [p.OLDEST_SUPPORTED, p.PROTOCOL_VERSION])
def test_messages_round_trip_in_both_versions(version: int) -> None:
    changes = [
        p.Change(5, "residents", "ab" * 16, "u", 3, {"phone": "138"}),
        p.Change(6, "residents", "cd" * 16, "i", 0, {"name": "王"}),
    ]
    request = p.ExchangeRequest(
        version, p.new_nonce() if version >= 2 else None, {"county": 4}, p.Upload(5, "ef" * 32, changes), 100
    )
    back = p.ExchangeRequest.from_wire(p.decode_body(p.encode_body(request.to_wire())))
    assert back == request
    response = p.ExchangeResponse(
        version,
        6,
        "ef" * 32,
        [p.Rejection(5, "forbidden", "不行")],
        [
            p.Record("residents", "ab" * 16, {"phone": "139"}, "dev1"),
            p.Record("counties", "cd" * 16, {}, "dev2"),
        ],
        [("residents", "ef" * 16)],
        {"county": 9},
        more=False,
        checks={"county": Checksum(3, 99)},
    )
    back_response = p.ExchangeResponse.from_wire(p.decode_body(p.encode_body(response.to_wire())))
    assert back_response.records == response.records and back_response.checks == response.checks
    assert back_response.exits == (response.exits if version >= 2 else [])  # v1 has no exits
    assert back_response.rejected == response.rejected


def test_compression_limits() -> None:
    with pytest.raises(p.ProtocolError) as err:
        p.decode_body(p.encode_body({"pad": "x" * 5000}), limit=1000)
    assert err.value.code == p.TOO_LARGE
    with pytest.raises(p.ProtocolError) as err:
        p.check_version({"v": 99})
    assert err.value.code == p.TOO_NEW and err.value.status == 400
