"""The real client against the real county server on loopback, on SQLite and on PostgreSQL: enrolment,
first download, edits both ways, field merge, conflicts, tombstones, request counts."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from sqlalchemy import select

from liandian_desktop.county import admin
from liandian_desktop.ledger.catalogue import seed_catalogue
from liandian_desktop.ledger.models import (
    Community,
    County,
    DemandCategory,
    FormTemplate,
    OrderStatus,
    Resident,
    SyncConflict,
    Township,
    WorkOrder,
)
from liandian_desktop.sync.conflicts import ConflictService
from tests.sync.harness import County as CountyServer
from tests.sync.harness import Laptop, LaptopFactory, assert_converged

pytest_plugins = ["tests.sync.harness"]


def add_community(
    laptop: Laptop, township: str, name: str = "识字岭社区", code: str = "430127100001"
) -> uuid.UUID:
    with laptop.store.transaction() as s:
        c = Community(township_id=uuid.UUID(township), code=code, name=name, population=5000)
        s.add(c)
        s.flush()
        return c.id


def add_residents(laptop: Laptop, township: str, community: uuid.UUID, n: int) -> list[uuid.UUID]:
    with laptop.store.transaction() as s:
        people = [
            Resident(township_id=uuid.UUID(township), community_id=community, name=f"居民{i}喆", phone="")
            for i in range(n)
        ]
        s.add_all(people)
        s.flush()
        return [p.id for p in people]


def add_order(laptop: Laptop, township: str, community: uuid.UUID, title: str = "路灯不亮") -> uuid.UUID:
    with laptop.store.transaction() as s:
        order = WorkOrder(
            township_id=uuid.UUID(township),
            community_id=community,
            code="GD" + uuid.uuid4().hex[:6].upper(),
            title=title,
            ordered_at=datetime(2026, 3, 1, 8, tzinfo=UTC),
        )
        s.add(order)
        s.flush()
        return order.id


def get(laptop: Laptop, model: type, row_id: uuid.UUID) -> object | None:
    with laptop.store.session() as s:
        return s.get(model, row_id)


def test_enrol_first_download_and_scope(any_county: CountyServer, laptops: LaptopFactory) -> None:
    a = laptops(any_county, "A")
    b = laptops(any_county, "B")
    report = a.sync()
    assert report.verified and report.traffic.requests == 1
    with a.store.session() as s:
        assert s.scalar(select(County.name)) == "湘源县"
        assert {t.name for t in s.scalars(select(Township))} == {"云岭镇", "石门镇"}  # reference data
        assert len(list(s.scalars(select(DemandCategory)))) == 8
    community = add_community(a, any_county.township_a)
    residents = add_residents(a, any_county.township_a, community, 30)
    report = a.sync()
    assert report.uploaded == 31 and report.verified and report.traffic.requests == 1
    assert any_county.record("residents", residents[0])["name"] == "居民0喆"

    a2 = laptops(any_county, "A")  # a second laptop of the same township
    a2.sync()
    assert get(a2, Resident, residents[-1]) is not None
    b.sync()
    assert get(b, Community, community) is None and get(b, Resident, residents[0]) is None
    assert_converged(any_county, a, a2, b)


def test_nothing_to_do_is_one_small_request(county: CountyServer, laptops: LaptopFactory) -> None:
    a = laptops(county, "A")
    a.sync()
    report = a.sync()
    assert report.traffic.requests == 1 and report.uploaded == 0 and report.downloaded == 0
    assert report.verified
    assert report.traffic.bytes_up < 200 and report.traffic.bytes_down < 400


def test_few_hundred_edits_take_one_request_each_way(county: CountyServer, laptops: LaptopFactory) -> None:
    a = laptops(county, "A")
    a2 = laptops(county, "A")
    a.sync()
    community = add_community(a, county.township_a)
    orders = [add_order(a, county.township_a, community, f"工单{i}") for i in range(250)]
    a.sync()
    a2.sync()
    with a.store.transaction() as s:
        for order_id in orders:
            order = s.get(WorkOrder, order_id)
            assert order is not None
            order.status = OrderStatus.DISPATCHED
            order.dispatched_at = datetime(2026, 3, 2, 9, tzinfo=UTC)
    up = a.sync()
    assert up.uploaded == 250 and up.traffic.requests == 1
    down = a2.sync()
    assert down.downloaded == 250 and down.traffic.requests == 1
    # Changed fields only: two fields an edit, compressed, is far below a whole row.
    assert up.traffic.bytes_up / 250 < 100
    assert down.traffic.bytes_down / 250 < 100
    assert_converged(county, a, a2)


def test_edits_to_different_fields_merge(any_county: CountyServer, laptops: LaptopFactory) -> None:
    a, a2 = laptops(any_county, "A"), laptops(any_county, "A")
    a.sync()
    community = add_community(a, any_county.township_a)
    [person] = add_residents(a, any_county.township_a, community, 1)
    a.sync()
    a2.sync()
    with a.store.transaction() as s:
        s.get(Resident, person).phone = "13800138000"  # type: ignore[union-attr]
    with a2.store.transaction() as s:
        s.get(Resident, person).address = "站前路 1 号"  # type: ignore[union-attr]
    a.sync()
    a2.sync()
    a.sync()
    for laptop in (a, a2):
        row = get(laptop, Resident, person)
        assert isinstance(row, Resident) and (row.phone, row.address) == ("13800138000", "站前路 1 号")
    assert admin.conflicts(any_county.engine) == []
    assert_converged(any_county, a, a2)


def test_same_field_keeps_the_later_upload_and_a_conflict_both_can_resolve(
    any_county: CountyServer, laptops: LaptopFactory
) -> None:
    a, a2 = laptops(any_county, "A"), laptops(any_county, "A")
    a.sync()
    community = add_community(a, any_county.township_a)
    [person] = add_residents(a, any_county.township_a, community, 1)
    a.sync()
    a2.sync()
    with a.store.transaction() as s:
        s.get(Resident, person).phone = "13800000001"  # type: ignore[union-attr]
    with a2.store.transaction() as s:
        s.get(Resident, person).phone = "13900000002"  # type: ignore[union-attr]
    a.sync()
    report = a2.sync()  # arrives second: kept
    assert report.conflicts == 1
    a.sync()
    for laptop in (a, a2):
        row = get(laptop, Resident, person)
        assert isinstance(row, Resident) and row.phone == "13900000002"
    [conflict] = admin.conflicts(any_county.engine)
    assert (conflict.field, conflict.kept, conflict.other) == ("phone", "13900000002", "13800000001")
    [seen] = ConflictService(a.store).list()
    assert seen.id.hex == conflict.id and seen.other_value == "13800000001"
    ConflictService(a.store).resolve(seen.id, seen.other_value, "王协理员")
    a.sync()
    a2.sync()
    assert admin.conflicts(any_county.engine) == []
    for laptop in (a, a2):
        row = get(laptop, Resident, person)
        assert isinstance(row, Resident) and row.phone == "13800000001"
        assert ConflictService(laptop.store).list() == []
    assert_converged(any_county, a, a2)


def test_county_resolves_a_conflict(county: CountyServer, laptops: LaptopFactory) -> None:
    a, a2 = laptops(county, "A"), laptops(county, "A")
    a.sync()
    community = add_community(a, county.township_a)
    a.sync()
    a2.sync()
    for laptop, name in ((a, "甲社区"), (a2, "乙社区")):
        with laptop.store.transaction() as s:
            s.get(Community, community).name = name  # type: ignore[union-attr]
        laptop.sync()
    [conflict] = admin.conflicts(county.engine)
    admin.resolve_conflict(county.engine, conflict.id, "丙社区", "县民政局")
    a.sync()
    a2.sync()
    for laptop in (a, a2):
        row = get(laptop, Community, community)
        assert isinstance(row, Community) and row.name == "丙社区"
        with laptop.store.session() as s:
            assert s.scalar(select(SyncConflict.status)) == "resolved"
    assert_converged(county, a, a2)


def test_tombstones_reach_every_device(any_county: CountyServer, laptops: LaptopFactory) -> None:
    a, a2 = laptops(any_county, "A"), laptops(any_county, "A")
    a.sync()
    community = add_community(a, any_county.township_a)
    people = add_residents(a, any_county.township_a, community, 3)
    a.sync()
    a2.sync()
    with a2.store.transaction() as s:
        s.get(Resident, people[1]).deleted_at = datetime.now(UTC)  # type: ignore[union-attr]
    a2.sync()
    any_county.edit("residents", people[2], deleted_at="2026-03-01T00:00:00.000000Z")
    a.sync()
    for laptop in (a, a2):
        laptop.sync()
        live = [p for p in people if getattr(get(laptop, Resident, p), "deleted_at", 1) is None]
        assert live == [people[0]]
    assert_converged(any_county, a, a2)


def test_county_edits_and_publications_reach_the_townships(
    county: CountyServer, laptops: LaptopFactory
) -> None:
    a, b = laptops(county, "A"), laptops(county, "B")
    a.sync()
    community = add_community(a, county.township_a)
    a.sync()
    county.edit("communities", community, name="县里改过的名称")
    version = admin.publish_form(county.engine, "signin", "签到表", b"%PDF-1.7 template", "application/pdf")
    category = admin.find(county.engine, "demand_categories", "C1")
    county.edit("demand_categories", category, name="基础设施建设")
    a.sync()
    b.sync()
    row = get(a, Community, community)
    assert isinstance(row, Community) and row.name == "县里改过的名称"
    for laptop in (a, b):
        with laptop.store.session() as s:
            form = s.scalar(select(FormTemplate))
            assert form is not None and form.content == b"%PDF-1.7 template" and form.version == version
            assert s.get(DemandCategory, uuid.UUID(category)).name == "基础设施建设"  # type: ignore[union-attr]
    assert_converged(county, a, b)


def test_a_laptop_that_seeded_the_catalogue_itself_syncs_cleanly(
    county: CountyServer, laptops: LaptopFactory
) -> None:
    a = laptops(county, "A")
    with a.store.transaction() as s:
        seed_catalogue(s)  # what a new ledger does before it ever meets the county
    report = a.sync()
    assert report.rejected == [] and report.verified
    assert_converged(county, a)


def test_download_never_overwrites_a_field_not_yet_uploaded(
    county: CountyServer, laptops: LaptopFactory
) -> None:
    a = laptops(county, "A")
    a.sync()
    community = add_community(a, county.township_a)
    a.sync()
    county.edit("communities", community, population=1234, households=99)

    def edit_while_the_request_is_in_flight(_device: str) -> None:
        county.server.hooks.before_download = None
        with a.store.transaction() as s:
            s.get(Community, community).population = 7777  # type: ignore[union-attr]

    county.server.hooks.before_download = edit_while_the_request_is_in_flight
    report = a.sync()
    # The download carried the county's population and households; ours (queued, not yet sent) was kept,
    # then sent in a second round; both changed the population without seeing each other: a conflict.
    assert report.kept_local == 1 and report.traffic.requests == 2 and report.verified
    row = get(a, Community, community)
    assert isinstance(row, Community) and (row.population, row.households) == (7777, 99)
    assert county.record("communities", community)["population"] == 7777
    [conflict] = admin.conflicts(county.engine)
    assert (conflict.kept, conflict.other) == (7777, 1234)
    assert_converged(county, a)


def test_dates_and_rare_characters_survive(county: CountyServer, laptops: LaptopFactory) -> None:
    a, a2 = laptops(county, "A"), laptops(county, "A")
    a.sync()
    community = add_community(a, county.township_a, name="䶮𠅤社区")
    with a.store.transaction() as s:
        s.add(
            Resident(
                township_id=uuid.UUID(county.township_a),
                community_id=community,
                name="李𠅤",
                birth_date=date(1940, 2, 29),
            )
        )
    a.sync()
    a2.sync()
    with a2.store.session() as s:
        person = s.scalar(select(Resident))
        assert person is not None and person.name == "李𠅤" and person.birth_date == date(1940, 2, 29)
    assert_converged(county, a, a2)


def test_a_download_in_many_batches_brings_records_edited_since_they_were_made_whole(
    any_county: CountyServer, laptops: LaptopFactory
) -> None:
    """A record created early and changed late sits late in the sequence; its early fields are below the
    cursor by the time a small-batch download reaches it. It must still arrive whole, with no repair."""
    a = laptops(any_county, "A")
    a.sync()
    community = add_community(a, any_county.township_a)
    people = add_residents(a, any_county.township_a, community, 40)
    a.sync()
    with a.store.transaction() as s:
        for person in people[::3]:
            s.get(Resident, person).phone = "13800000000"  # type: ignore[union-attr]
    a.sync()
    for person in people[1::5]:
        any_county.edit("residents", person, address="县里补录")
    b = laptops(any_county, "A", download_batch=7)
    report = b.sync()
    assert report.traffic.requests > 5 and report.repaired == 0 and report.verified
    a.sync()
    assert_converged(any_county, a, b)


def test_a_field_from_a_newer_version_passes_through_an_older_laptop(
    county: CountyServer, laptops: LaptopFactory
) -> None:
    a = laptops(county, "A")
    a.sync()
    community = add_community(a, county.township_a)
    a.sync()
    county.edit("communities", community, grid_code="G-07")  # a column this version does not have
    report = a.sync()
    assert report.verified and report.repaired == 0
    with a.store.session() as s:
        s.get(Community, community).population = 42  # type: ignore[union-attr]
        s.commit()
    a.sync()
    assert county.record("communities", community)["grid_code"] == "G-07"  # type: ignore[index]
    b = laptops(county, "A")
    assert b.sync().verified
    assert_converged(county, a, b)
