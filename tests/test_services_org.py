"""Divisions, paired units, pairings and cadres: validation, conflicts, soft delete and coverage rules."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from conftest import Township1

from liandian_desktop.ledger.errors import ConflictError, NotFoundError, ValidationError
from liandian_desktop.ledger.models import CadreKind, CommunityKind, Gender, UnitKind
from liandian_desktop.ledger.services.base import ListQuery
from liandian_desktop.ledger.services.org import (
    CadreService,
    DivisionService,
    PairingService,
    UnitService,
)
from liandian_desktop.ledger.validation import make_id_number
from liandian_desktop.store.engine import Store


def invalid(field: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> str:
    """Call ``fn`` expecting a ValidationError on ``field``; return its message."""
    with pytest.raises(ValidationError) as info:
        fn(*args, **kwargs)
    assert info.value.field == field, info.value
    assert info.value.message
    return info.value.message


def conflict(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> str:
    with pytest.raises(ConflictError) as info:
        fn(*args, **kwargs)
    return info.value.message


# ---------------------------------------------------------------------------------------------------------
# Divisions
# ---------------------------------------------------------------------------------------------------------


def test_division_hierarchy_created_and_codes_normalised(store: Store) -> None:
    divisions = DivisionService(store)
    county = divisions.create_county(" 430103000000 ", "天心区")
    township = divisions.create_township(county.id, "430103100000", " 暮云  街道 ", population="12000")
    community = divisions.create_community(
        township.id,
        "４３０１０３１００００１",  # full-width digits, as pasted from some documents
        "南塘村",
        kind="村",
        population=800,
        households=260,
        latitude=28.1,
        longitude=112.98,
        secretary_name="刘  䶮",
        secretary_phone="+86 138 0000 1111",
    )
    assert county.code == "430103000000"
    assert (township.name, township.population) == ("暮云 街道", 12000)
    stored = divisions.get(community.id)
    assert stored.code == "430103100001"
    assert stored.kind is CommunityKind.VILLAGE
    assert (stored.secretary_name, stored.secretary_phone) == ("刘䶮", "13800001111")
    assert (stored.latitude, stored.longitude) == (28.1, 112.98)
    assert divisions.townships.get(township.id).county_id == county.id
    assert [c.name for c in divisions.communities_of(township.id)] == ["南塘村"]


def test_division_codes_must_have_the_right_level_and_lie_within_the_parent(
    store: Store, town: Township1
) -> None:
    divisions = DivisionService(store)
    assert "000000" in invalid("code", divisions.create_county, "430102001000", "错级")
    invalid("code", divisions.create_county, "43010200000", "11位")
    invalid("code", divisions.create_township, town.county_id, "430102001001", "村级代码")
    message = invalid("code", divisions.create_township, town.county_id, "430103001000", "别县街道")
    assert "430102000000" in message
    invalid("code", divisions.create_community, town.township_id, "430102001000", "乡镇级代码")
    message = invalid("code", divisions.create_community, town.township_id, "430102002001", "别的街道的村")
    assert "430102001000" in message


def test_division_fields_are_validated(store: Store, town: Township1) -> None:
    divisions = DivisionService(store)
    invalid("name", divisions.create_county, "430103000000", "  ")
    invalid(
        "population", divisions.create_township, town.county_id, "430102002000", "东塘街道", population=-1
    )
    invalid(
        "population", divisions.create_township, town.county_id, "430102002000", "东塘街道", population="多"
    )
    create = divisions.create_community
    args = (town.township_id, "430102001009", "新社区")
    invalid("households", create, *args, households=-5)
    invalid("population", create, *args, population=True)
    invalid("longitude", create, *args, latitude=28.0)
    invalid("latitude", create, *args, latitude=91, longitude=112)
    invalid("longitude", create, *args, latitude=28, longitude="东经")
    invalid("secretary_phone", create, *args, secretary_phone="12345")
    invalid("secretary_name", create, *args, secretary_name="王2")
    invalid("kind", create, *args, kind="小区")
    invalid("is_key", create, *args, is_key="yes")
    invalid("township_id", create, uuid.uuid4(), "430102001009", "新社区")


def test_duplicate_division_code_is_a_conflict_among_live_rows(store: Store, town: Township1) -> None:
    divisions = DivisionService(store)
    assert "识字岭社区" in conflict(divisions.create_community, town.township_id, "430102001001", "重复社区")
    conflict(divisions.create_township, town.county_id, "430102001000", "重复街道")
    conflict(divisions.create_county, "430102000000", "重复区")
    # A deleted community's code may be reused; the deleted one cannot come back while the code is taken.
    divisions.delete(town.community_ids[1])
    reused = divisions.create_community(town.township_id, "430102001002", "新八一路社区")
    conflict(divisions.restore, town.community_ids[1])
    divisions.delete(reused.id)
    divisions.restore(town.community_ids[1])
    assert divisions.get(town.community_ids[1]).name == "八一路社区"


def test_edit_community_and_township_revalidates(store: Store, town: Township1) -> None:
    divisions = DivisionService(store)
    c1 = town.community_ids[0]
    edited = divisions.edit_community(c1, name="识字岭新社区", is_key=False, households="1900")
    assert (edited.name, edited.is_key, edited.households) == ("识字岭新社区", False, 1900)
    assert divisions.get(c1).households == 1900
    invalid("township_id", divisions.edit_community, c1, township_id=uuid.uuid4())
    invalid("code", divisions.edit_community, c1, code="430102002001")
    conflict(divisions.edit_community, c1, code="430102001002")
    invalid("households", divisions.edit_community, c1, households=-1)
    # A township's new code must keep its communities inside it.
    message = invalid("code", divisions.edit_township, town.township_id, code="430102003000")
    assert "识字岭新社区" in message
    assert divisions.edit_township(town.township_id, population=21000).population == 21000
    # Full-width ASCII punctuation is folded, like every text the ledger stores.
    assert divisions.edit_county(town.county_id, name="芙蓉区（测试）").name == "芙蓉区(测试)"
    invalid("code", divisions.edit_county, town.county_id, code="430103000000")


def test_division_soft_delete_guards_the_hierarchy(store: Store, town: Township1) -> None:
    divisions = DivisionService(store)
    conflict(divisions.townships.delete, town.township_id)
    conflict(divisions.counties.delete, town.county_id)
    for community_id in town.community_ids:
        divisions.delete(community_id)
    assert divisions.list().total == 0
    assert divisions.list(ListQuery(include_deleted=True)).total == 2
    with pytest.raises(NotFoundError):
        divisions.get(town.community_ids[0])
    divisions.townships.delete(town.township_id)
    conflict(divisions.restore, town.community_ids[0])  # its township is deleted
    divisions.townships.restore(town.township_id)
    divisions.restore(town.community_ids[0])
    assert [c.name for c in divisions.list().rows] == ["识字岭社区"]


def test_community_search_one_two_three_characters(store: Store, town: Township1) -> None:
    divisions = DivisionService(store)
    assert [c.name for c in divisions.list(ListQuery(search="岭")).rows] == ["识字岭社区"]
    assert [c.name for c in divisions.list(ListQuery(search="八一")).rows] == ["八一路社区"]
    assert [c.name for c in divisions.list(ListQuery(search="识字岭")).rows] == ["识字岭社区"]
    assert divisions.list(ListQuery(search="社区")).total == 2
    assert divisions.townships.list(ListQuery(search="文艺")).total == 1


# ---------------------------------------------------------------------------------------------------------
# Paired units
# ---------------------------------------------------------------------------------------------------------


def test_unit_create_normalises_and_validates(store: Store, town: Township1) -> None:
    units = UnitService(store)
    unit = units.create(
        town.county_id,
        "区教育局",
        short_name="教育局",
        kind="事业单位",
        contact_name="张喆",
        contact_phone="0731-8888 6666",
        latitude="28.2",
        longitude="112.9",
    )
    stored = units.get(unit.id)
    assert stored.kind is UnitKind.PUBLIC_INSTITUTION
    assert (stored.contact_name, stored.contact_phone) == ("张喆", "0731-88886666")
    assert (stored.latitude, stored.longitude) == (28.2, 112.9)
    invalid("name", units.create, town.county_id, "")
    invalid("contact_phone", units.create, town.county_id, "区司法局", contact_phone="8888")
    invalid("kind", units.create, town.county_id, "区司法局", kind="私营企业")
    invalid("county_id", units.create, uuid.uuid4(), "区司法局")
    invalid("short_name", units.create, town.county_id, "区司法局", short_name="长" * 31)


def test_unit_names_are_unique_among_live_units(store: Store, town: Township1) -> None:
    units = UnitService(store)
    assert "区民政局" in conflict(units.create, town.county_id, "  区民政局 ")
    conflict(units.edit, town.unit_ids[1], name="区民政局")
    assert units.edit(town.unit_ids[1], name="区卫健局").name == "区卫健局"
    invalid("county_id", units.edit, town.unit_ids[1], county_id=uuid.uuid4())
    invalid("contact_phone", units.edit, town.unit_ids[1], contact_phone="电话")
    invalid("name", units.edit, town.unit_ids[1], name=" ")
    assert units.get(town.unit_ids[1]).name == "区卫健局"


def test_unit_delete_needs_pairings_ended_and_restore_checks_the_name(store: Store, town: Township1) -> None:
    units, pairings = UnitService(store), PairingService(store)
    u1 = town.unit_ids[0]
    conflict(units.delete, u1)
    (pairing,) = [p for p in pairings.list().rows if p.unit_id == u1]
    pairings.end_pairing(pairing.id, date(2026, 3, 31))
    units.delete(u1)
    assert [u.name for u in units.list().rows] == ["区卫生健康局"]
    units.create(town.county_id, "区民政局")
    conflict(units.restore, u1)
    assert units.list(ListQuery(search="民政")).total == 1


# ---------------------------------------------------------------------------------------------------------
# Pairings
# ---------------------------------------------------------------------------------------------------------


def test_pair_derives_township_and_refuses_bad_periods(store: Store, town: Township1) -> None:
    pairings = PairingService(store)
    u1, (c1, c2) = town.unit_ids[0], town.community_ids
    pairing = pairings.pair(u1, c2, "2026/3/1", "2026年12月31日", is_lead=True)
    assert pairing.township_id == town.township_id
    assert (pairing.start_date, pairing.end_date, pairing.is_lead) == (
        date(2026, 3, 1),
        date(2026, 12, 31),
        True,
    )
    assert "早于" in invalid("end_date", pairings.pair, u1, c2, date(2027, 5, 1), date(2027, 4, 30))
    invalid("start_date", pairings.pair, u1, c2, "下个月")
    invalid("unit_id", pairings.pair, uuid.uuid4(), c2, date(2027, 1, 1))
    invalid("community_id", pairings.pair, u1, uuid.uuid4(), date(2027, 1, 1))
    elsewhere = DivisionService(store).create_county("430103000000", "天心区")
    stranger = UnitService(store).create(elsewhere.id, "天心区民政局")
    assert "县/区" in invalid("unit_id", pairings.pair, stranger.id, c2, date(2027, 1, 1))
    # Overlaps with the fixture's open pairing u1–c1 from 2026-01-01, before or after its start.
    conflict(pairings.pair, u1, c1, date(2026, 6, 1))
    conflict(pairings.pair, u1, c1, date(2025, 6, 1), date(2026, 1, 1))
    earlier = pairings.pair(u1, c1, date(2025, 1, 1), date(2025, 12, 31))
    assert earlier.end_date == date(2025, 12, 31)
    # Overlapping the 2026 pairing with u1–c2 is refused; after it ends, a new one is fine.
    conflict(pairings.pair, u1, c2, date(2026, 12, 31))
    assert pairings.pair(u1, c2, date(2027, 1, 1)).end_date is None


def test_end_pairing_and_who_is_paired_on_a_day(store: Store, town: Township1) -> None:
    pairings = PairingService(store)
    (u1, u2), (c1, c2) = town.unit_ids, town.community_ids
    assert [u.name for u in pairings.units_of(c1, on=date(2026, 5, 1))] == ["区卫生健康局", "区民政局"]
    assert pairings.units_of(c1, on=date(2025, 12, 31)) == []
    assert [c.name for c in pairings.communities_of(u2, on=date(2026, 5, 1))] == ["识字岭社区", "八一路社区"]
    u2_c1 = next(p for p in pairings.list().rows if (p.unit_id, p.community_id) == (u2, c1))
    invalid("end_date", pairings.end_pairing, u2_c1.id, date(2025, 12, 31))
    pairings.end_pairing(u2_c1.id, "2026-06-30")
    assert [u.name for u in pairings.units_of(c1, on=date(2026, 6, 30))] == ["区卫生健康局", "区民政局"]
    assert [u.name for u in pairings.units_of(c1, on=date(2026, 7, 1))] == ["区民政局"]
    assert [c.name for c in pairings.communities_of(u2, on=date(2026, 7, 1))] == ["八一路社区"]
    assert [c.id for c in pairings.communities_of(u1, on=date(2026, 7, 1))] == [c1]
    assert c2 not in [c.id for c in pairings.communities_of(u1, on=date(2026, 7, 1))]


def test_end_and_restore_cannot_create_an_overlap(store: Store, town: Township1) -> None:
    pairings = PairingService(store)
    u1, c2 = town.unit_ids[0], town.community_ids[1]
    first = pairings.pair(u1, c2, date(2026, 1, 1), date(2026, 3, 31))
    later = pairings.pair(u1, c2, date(2026, 4, 1))
    with pytest.raises(ConflictError):
        pairings.end_pairing(first.id, date(2026, 4, 1))
    pairings.delete(first.id)
    replacement = pairings.pair(u1, c2, date(2026, 2, 1), date(2026, 3, 31))
    with pytest.raises(ConflictError):
        pairings.restore(first.id)
    pairings.delete(replacement.id)
    pairings.restore(first.id)
    assert [p.id for p in pairings.list(ListQuery(filters={"community_id": c2, "unit_id": u1})).rows] == [
        later.id,
        first.id,
    ]


def test_key_community_gaps(store: Store, town: Township1) -> None:
    pairings, divisions = PairingService(store), DivisionService(store)
    (u1, u2), (c1, c2) = town.unit_ids, town.community_ids
    assert pairings.key_community_gaps(town.township_id, on=date(2026, 5, 1)) == []
    divisions.edit_community(c2, is_key=True)  # 八一路社区 has only u2
    gaps = pairings.key_community_gaps(town.township_id, on=date(2026, 5, 1))
    assert [c.name for c in gaps] == ["八一路社区"]
    u2_c1 = next(p for p in pairings.list().rows if (p.unit_id, p.community_id) == (u2, c1))
    pairings.end_pairing(u2_c1.id, date(2026, 6, 30))
    assert [c.id for c in pairings.key_community_gaps(town.township_id, on=date(2026, 6, 30))] == [c2]
    assert [c.id for c in pairings.key_community_gaps(town.township_id, on=date(2026, 7, 1))] == [c1, c2]
    # A second pairing closes the gap; a deleted pairing does not count.
    extra = pairings.pair(u1, c2, date(2026, 7, 1))
    assert [c.id for c in pairings.key_community_gaps(town.township_id, on=date(2026, 7, 1))] == [c1]
    pairings.delete(extra.id)
    assert [c.id for c in pairings.key_community_gaps(town.township_id, on=date(2026, 7, 1))] == [c1, c2]
    pairings.restore(extra.id)
    assert [c.id for c in pairings.key_community_gaps(town.township_id, on=date(2026, 7, 1))] == [c1]


# ---------------------------------------------------------------------------------------------------------
# Cadres
# ---------------------------------------------------------------------------------------------------------

CADRE_ID = make_id_number("430102", date(1985, 4, 12), 123)  # odd sequence: male


def test_cadre_create_validates_kind_links_phone_and_id(store: Store, town: Township1) -> None:
    cadres = CadreService(store)
    u1, c1 = town.unit_ids[0], town.community_ids[0]
    assert "联点单位" in invalid("unit_id", cadres.create, CadreKind.FULL_TIME, "李堃")
    assert "村/社区" in invalid("community_id", cadres.create, "advisor", "王昇", unit_id=u1)
    invalid("kind", cadres.create, "volunteer", "王昇", unit_id=u1)
    invalid("unit_id", cadres.create, "full_time", "李堃", unit_id=uuid.uuid4())
    invalid("phone", cadres.create, "full_time", "李堃", unit_id=u1, phone="1381234567")
    invalid("id_number", cadres.create, "full_time", "李堃", unit_id=u1, id_number=CADRE_ID[:-1] + "0")
    invalid("gender", cadres.create, "full_time", "李堃", unit_id=u1, id_number=CADRE_ID, gender="女")
    invalid("name", cadres.create, "full_time", "", unit_id=u1)
    invalid(
        "end_date",
        cadres.create,
        "full_time",
        "李堃",
        unit_id=u1,
        start_date="2026-05-01",
        end_date="2026-04-01",
    )

    full_time = cadres.create(
        "专职联点干部",
        "李堃",
        unit_id=u1,
        phone="138 1234 5678",
        id_number=CADRE_ID.lower(),
        position="副科长",
    )
    assert full_time.kind is CadreKind.FULL_TIME
    assert (full_time.gender, full_time.phone, full_time.id_number) == (Gender.MALE, "13812345678", CADRE_ID)
    assert full_time.township_id is None
    advisor = cadres.create("兼职顾问", "王昇", community_id=c1, gender="男")
    assert (advisor.township_id, advisor.community_id, advisor.gender) == (town.township_id, c1, Gender.MALE)
    conflict(cadres.create, "advisor", "赵赟", community_id=c1, id_number=CADRE_ID)


def test_cadre_edit_revalidates_the_kind(store: Store, town: Township1) -> None:
    cadres = CadreService(store)
    cadre = cadres.create("full_time", "孙玥", unit_id=town.unit_ids[0])
    invalid("community_id", cadres.edit, cadre.id, kind="advisor")
    moved = cadres.edit(cadre.id, kind="advisor", community_id=town.community_ids[1])
    assert (moved.kind, moved.township_id) == (CadreKind.ADVISOR, town.township_id)
    other = DivisionService(store).create_township(town.county_id, "430102002000", "东塘街道")
    assert "八一路社区" in invalid("community_id", cadres.edit, cadre.id, township_id=other.id)
    invalid("created_at", cadres.edit, cadre.id, created_at=None)
    # A full-time cadre with no community yet can be placed in a township.
    placed = cadres.create("full_time", "钱喆", unit_id=town.unit_ids[1], township_id=other.id)
    assert (placed.township_id, placed.community_id) == (other.id, None)
    invalid(
        "township_id", cadres.create, "full_time", "钱喆", unit_id=town.unit_ids[1], township_id=uuid.uuid4()
    )
    # Moving to a community takes its township.
    assert cadres.edit(placed.id, community_id=town.community_ids[0]).township_id == town.township_id
    assert cadres.list(ListQuery(search="玥")).total == 1
    cadres.delete(cadre.id)
    assert cadres.list(ListQuery(search="玥")).total == 0
    cadres.restore(cadre.id)
    assert cadres.get(cadre.id).name == "孙玥"


def test_coverage_gaps(store: Store, town: Township1) -> None:
    cadres = CadreService(store)
    (u1, u2), (c1, c2) = town.unit_ids, town.community_ids
    on = date(2026, 5, 1)
    before = cadres.coverage_gaps(town.township_id, on)
    assert [(g.subject, g.name, g.count) for g in before] == [
        ("unit", "区卫生健康局", 0),
        ("unit", "区民政局", 0),
        ("community", "识字岭社区", 0),
        ("community", "八一路社区", 0),
    ]
    cadres.create("full_time", "甲一", unit_id=u1)
    cadres.create("full_time", "甲二", unit_id=u1, start_date="2026-01-01")
    cadres.create("full_time", "乙一", unit_id=u2)
    cadres.create("full_time", "乙二", unit_id=u2, end_date="2026-04-30")  # left before the day
    cadres.create("full_time", "乙三", unit_id=u2, start_date="2026-06-01")  # not yet in post
    cadres.create("advisor", "丙一", community_id=c1)
    cadres.create("advisor", "丙二", community_id=c1)
    gone = cadres.create("advisor", "丙三", community_id=c2)
    cadres.delete(gone.id)
    gaps = cadres.coverage_gaps(town.township_id, on)
    assert [(g.subject, g.record_id, g.count, g.required) for g in gaps] == [
        ("unit", u2, 1, 2),
        ("community", c2, 0, 2),
    ]
    assert gaps[0].description == "区卫生健康局：专职联点干部 1 名，少于要求的 2 名（缺 1 名）"
    assert gaps[1].description == "八一路社区：兼职顾问 0 名，少于要求的 2 名（缺 2 名）"
    # On 2026-06-01 乙三 is in post: the unit gap closes.
    assert [g.subject for g in cadres.coverage_gaps(town.township_id, date(2026, 6, 1))] == ["community"]
