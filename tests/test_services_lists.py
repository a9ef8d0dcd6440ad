"""The three lists: demand and supply validation, demand status, and match proposals worked out by hand."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from conftest import Township1

from liandian_desktop.ledger.catalogue import reference_id
from liandian_desktop.ledger.errors import ConflictError, NotFoundError, TransitionError, ValidationError
from liandian_desktop.ledger.models import (
    Activity,
    ActivityKind,
    DemandSource,
    DemandStatus,
    MatchStatus,
    SupplyKind,
    Urgency,
    utcnow,
)
from liandian_desktop.ledger.services.base import ListQuery
from liandian_desktop.ledger.services.lists import (
    DemandService,
    MatchService,
    SupplyService,
    distance_score,
    format_quantity,
    haversine_km,
    normalize_quarter,
)
from liandian_desktop.ledger.services.org import DivisionService, PairingService, UnitService
from liandian_desktop.ledger.services.people import ResidentService
from liandian_desktop.store.engine import Store

CODE_RE = re.compile(r"XQ2026Q3-[0-9ABCDEFGHJKMNPQRSTVWXYZ]{4}")


def invalid(field: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> str:
    with pytest.raises(ValidationError) as info:
        fn(*args, **kwargs)
    assert info.value.field == field, info.value
    return info.value.message


# ---------------------------------------------------------------------------------------------------------
# Demands
# ---------------------------------------------------------------------------------------------------------


def test_demand_create_normalises_quarter_and_generates_a_code(store: Store, town: Township1) -> None:
    demands = DemandService(store)
    demand = demands.create(
        town.township_id,
        town.community_ids[0],
        "2026年第3季度",
        "养老服务",
        item="C2-01",
        urgency="紧急",
        special_group="高龄老人",
        beneficiaries=12,
        raised_on="2026/7/8",
        description="  独居高龄老人午餐  ",
    )
    assert demand.quarter == "2026-Q3"
    assert CODE_RE.fullmatch(demand.code), demand.code
    assert demand.title == "老年助餐"  # from the item
    assert demand.category_id == reference_id("category", "C2")
    assert demand.item_id == reference_id("item", "C2-01")
    assert (demand.urgency, demand.special_group, demand.beneficiaries) == (
        Urgency.CRITICAL,
        "elderly_80",
        12,
    )
    assert (demand.raised_on, demand.description) == (date(2026, 7, 8), "独居高龄老人午餐")
    assert (demand.status, demand.source) == (DemandStatus.OPEN, DemandSource.COMMUNITY)
    codes = {
        demands.create(
            town.township_id, town.community_ids[1], "2026-Q3", "C1", "路灯", raised_on=date(2026, 7, 1)
        ).code
        for _ in range(40)
    }
    assert len(codes) == 40 and all(CODE_RE.fullmatch(c) for c in codes)


def test_demand_validation(store: Store, town: Township1) -> None:
    create = DemandService(store).create
    t, c1 = town.township_id, town.community_ids[0]
    ok: dict[str, Any] = {"raised_on": date(2026, 7, 1)}
    invalid("quarter", create, t, c1, "2026-Q5", "C2", "助餐", **ok)
    invalid("quarter", create, t, c1, "三季度", "C2", "助餐", **ok)
    assert "类别" in invalid("category_id", create, t, c1, "2026-Q3", "", "助餐", **ok)
    invalid("category_id", create, t, c1, "2026-Q3", "C9", "助餐", **ok)
    invalid("category_id", create, t, c1, "2026-Q3", uuid.uuid4(), "助餐", **ok)
    assert "养老服务" in invalid("item_id", create, t, c1, "2026-Q3", "C2", item="C4-01", **ok)
    invalid("item_id", create, t, c1, "2026-Q3", "C2", item="C2-99", **ok)
    invalid("title", create, t, c1, "2026-Q3", "C2", "  ", **ok)
    assert "2026-Q2" in invalid("raised_on", create, t, c1, "2026-Q2", "C2", "助餐", raised_on="2026-07-01")
    invalid("raised_on", create, t, c1, "2026-Q3", "C2", "助餐", raised_on="2026-02-30")
    invalid("raised_on", create, t, c1, "2099-Q3", "C2", "助餐", raised_on="2099-07-01")  # in the future
    invalid("urgency", create, t, c1, "2026-Q3", "C2", "助餐", urgency="特急", **ok)
    invalid("special_group", create, t, c1, "2026-Q3", "C2", "助餐", special_group="学生", **ok)
    invalid("beneficiaries", create, t, c1, "2026-Q3", "C2", "助餐", beneficiaries=0, **ok)
    invalid("beneficiaries", create, t, c1, "2026-Q3", "C2", "助餐", beneficiaries="3", **ok)
    invalid("community_id", create, t, uuid.uuid4(), "2026-Q3", "C2", "助餐", **ok)
    invalid("township_id", create, uuid.uuid4(), c1, "2026-Q3", "C2", "助餐", **ok)
    invalid("requester_name", create, t, c1, "2026-Q3", "C2", "助餐", source="resident", **ok)
    invalid("source", create, t, c1, "2026-Q3", "C2", "助餐", source="上级", **ok)
    # Raised in an earlier quarter and carried into this one: allowed.
    assert create(t, c1, "2026-Q3", "C2", "助餐", raised_on="2026-05-20").raised_on == date(2026, 5, 20)


def test_resident_demand_takes_the_requester_from_the_resident(store: Store, town: Township1) -> None:
    resident = ResidentService(store).create(town.township_id, town.community_ids[0], "陈𠅤")
    demands = DemandService(store)
    demand = demands.create(
        town.township_id,
        town.community_ids[0],
        "2026-Q3",
        "C5",
        "邻里纠纷",
        resident_id=resident.id,
        raised_on="2026-08-01",
    )
    assert (demand.source, demand.resident_id, demand.requester_name) == (
        DemandSource.RESIDENT,
        resident.id,
        "陈𠅤",
    )
    invalid(
        "resident_id",
        demands.create,
        town.township_id,
        town.community_ids[1],
        "2026-Q3",
        "C5",
        "邻里纠纷",
        resident_id=resident.id,
        raised_on="2026-08-01",
    )
    assert demands.list(ListQuery(search="𠅤")).total == 1


def test_demand_status_methods(store: Store, town: Township1) -> None:
    demands = DemandService(store)
    demand = demands.create(
        town.township_id, town.community_ids[0], "2026-Q3", "C1", "修路", raised_on="2026-07-02"
    )
    with pytest.raises(TransitionError):
        demands.mark_ordered(demand.id)
    with pytest.raises(TransitionError):
        demands.close(demand.id)
    with pytest.raises(TransitionError):
        demands.reopen(demand.id)
    assert demands.cancel(demand.id, "已由街道自行解决").status is DemandStatus.CANCELLED
    with pytest.raises(TransitionError):
        demands.edit(demand.id, title="修路灯")
    assert demands.reopen(demand.id).status is DemandStatus.OPEN
    assert demands.get(demand.id).status is DemandStatus.OPEN


def test_demand_edit(store: Store, town: Township1) -> None:
    demands = DemandService(store)
    demand = demands.create(
        town.township_id, town.community_ids[0], "2026-Q3", "C2", item="C2-02", raised_on="2026-07-02"
    )
    edited = demands.edit(demand.id, category="C4", quarter="2026q4", urgency="urgent")
    assert (edited.category_id, edited.item_id) == (reference_id("category", "C4"), None)
    assert (edited.quarter, edited.urgency, edited.title) == ("2026-Q4", Urgency.URGENT, "居家探访")
    assert edited.code == demand.code  # already printed: it keeps the quarter it was raised in
    invalid("item_id", demands.edit, demand.id, item="C2-01")
    assert demands.edit(demand.id, item="C4-01").item_id == reference_id("item", "C4-01")
    invalid("status", demands.edit, demand.id, status="closed")
    invalid("code", demands.edit, demand.id, code="XQ2026Q4-0000")


def test_demand_soft_delete_restore_and_search(store: Store, town: Township1) -> None:
    demands = DemandService(store)
    t, c1 = town.township_id, town.community_ids[0]
    meals = demands.create(t, c1, "2026-Q3", "C2", "高龄老人助餐", raised_on="2026-07-02")
    demands.create(t, c1, "2026-Q3", "C3", "四点半课堂", raised_on="2026-07-02")

    def titles(query: str) -> list[str]:
        return sorted(d.title for d in demands.list(ListQuery(search=query)).rows)

    assert titles("餐") == ["高龄老人助餐"]
    assert titles("助餐") == ["高龄老人助餐"]
    assert titles("四点半") == ["四点半课堂"]
    assert titles(meals.code.lower()[-4:].upper()) == ["高龄老人助餐"]
    demands.delete(meals.id)
    assert titles("餐") == []
    with pytest.raises(NotFoundError):
        demands.get(meals.id)
    demands.restore(meals.id)
    assert titles("餐") == ["高龄老人助餐"]


# ---------------------------------------------------------------------------------------------------------
# Supplies
# ---------------------------------------------------------------------------------------------------------


def test_supply_create_parses_capacity_and_categories(store: Store, town: Township1) -> None:
    supplies = SupplyService(store)
    funds = supplies.create(
        town.township_id,
        town.unit_ids[0],
        "2026 Q3",
        "资金",
        "助餐补贴",
        "1.2万元",
        category_codes="医疗健康，C2",
    )
    assert funds.code.startswith("GJ2026Q3-") and len(funds.code) == 13
    assert (funds.quarter, funds.kind, funds.capacity) == ("2026-Q3", SupplyKind.FUNDS, Decimal("12000.00"))
    assert funds.category_codes == "C2,C4"  # catalogue order
    talent = supplies.create(
        town.township_id,
        town.unit_ids[1],
        "2026-Q3",
        SupplyKind.TALENT,
        "医生下沉",
        "2.5",
        category_codes=["C4"],
        community_id=town.community_ids[1],
    )
    assert (talent.capacity, talent.community_id) == (Decimal("2.50"), town.community_ids[1])
    assert supplies.remaining(talent.id) == Decimal("2.50")


def test_supply_validation(store: Store, town: Township1) -> None:
    create = SupplyService(store).create
    t, u1 = town.township_id, town.unit_ids[0]
    invalid("capacity", create, t, u1, "2026-Q3", "talent", "医生", 0, category_codes="C4")
    invalid("capacity", create, t, u1, "2026-Q3", "talent", "医生", "-3", category_codes="C4")
    invalid("capacity", create, t, u1, "2026-Q3", "talent", "医生", "很多", category_codes="C4")
    assert "整数" in invalid(
        "capacity", create, t, u1, "2026-Q3", "project", "改造", "1.5", category_codes="C1"
    )
    assert "C9" in invalid(
        "category_codes", create, t, u1, "2026-Q3", "talent", "医生", 3, category_codes="C4,C9"
    )
    invalid("category_codes", create, t, u1, "2026-Q3", "talent", "医生", 3, category_codes=[])
    invalid("kind", create, t, u1, "2026-Q3", "时间", "医生", 3, category_codes="C4")
    invalid("quarter", create, t, u1, "2026-13", "talent", "医生", 3, category_codes="C4")
    invalid("title", create, t, u1, "2026-Q3", "talent", "", 3, category_codes="C4")
    invalid("unit_id", create, t, uuid.uuid4(), "2026-Q3", "talent", "医生", 3, category_codes="C4")
    invalid(
        "community_id",
        create,
        t,
        u1,
        "2026-Q3",
        "talent",
        "医生",
        3,
        category_codes="C4",
        community_id=uuid.uuid4(),
    )


# ---------------------------------------------------------------------------------------------------------
# Matching, worked out by hand
# ---------------------------------------------------------------------------------------------------------


@dataclass
class Scene:
    d1: uuid.UUID  # 识字岭 (c1), 养老 C2, normal
    d2: uuid.UUID  # 八一路 (c2), 养老 C2, critical, elderly
    d3: uuid.UUID  # 识字岭 (c1), 医疗 C4, urgent
    d5: uuid.UUID  # 八一路 (c2), 医疗 C4, normal, raised later than d3
    s1: uuid.UUID  # 民政局 (u1, paired with c1 only), talent, C2, 5 person-days, no coordinates
    s2: uuid.UUID  # 社工站 (u3, unpaired), talent, C2+C4, 3 person-days, 5 km north of c1
    s3: uuid.UUID  # 卫健局 (u2, paired with c1 and c2), goods, C4, 1 item, at c1
    s4: uuid.UUID  # 卫健局 (u2), funds, C2, 1000 yuan, earmarked for c2
    s5: uuid.UUID  # 民政局 (u1), talent, C2, next quarter


@pytest.fixture
def scene(store: Store, town: Township1) -> Scene:
    (u1, u2), (c1, c2) = town.unit_ids, town.community_ids
    divisions, units = DivisionService(store), UnitService(store)
    divisions.edit_community(c1, latitude=28.2, longitude=112.98)
    units.edit(u2, latitude=28.2, longitude=112.98)
    u3 = units.create(town.county_id, "区社会工作服务站", latitude=28.245, longitude=112.98).id
    demands, supplies = DemandService(store), SupplyService(store)
    t = town.township_id
    return Scene(
        d1=demands.create(t, c1, "2026-Q3", "C2", "助餐", raised_on="2026-07-10").id,
        d2=demands.create(
            t,
            c2,
            "2026-Q3",
            "C2",
            "独居老人探访",
            urgency="critical",
            special_group="elderly",
            raised_on="2026-08-01",
        ).id,
        d3=demands.create(t, c1, "2026-Q3", "C4", "慢病随访", urgency="urgent", raised_on="2026-07-05").id,
        d5=demands.create(t, c2, "2026-Q3", "C4", "健康讲座", raised_on="2026-07-20").id,
        s1=supplies.create(t, u1, "2026-Q3", "talent", "民政志愿者", 5, category_codes="C2").id,
        s2=supplies.create(t, u3, "2026-Q3", "talent", "社工服务", 3, category_codes="C2,C4").id,
        s3=supplies.create(t, u2, "2026-Q3", "goods", "血压计", 1, category_codes="C4").id,
        s4=supplies.create(
            t, u2, "2026-Q3", "funds", "助老资金", 1000, category_codes="C2", community_id=c2
        ).id,
        s5=supplies.create(t, u1, "2026-Q4", "talent", "下季度志愿者", 5, category_codes="C2").id,
    )


def test_scoring_helpers() -> None:
    assert haversine_km(28.2, 112.98, 28.245, 112.98) == pytest.approx(5.0037, abs=1e-3)
    assert haversine_km(28.2, 112.98, 28.2, 112.98) == 0.0
    assert distance_score(0.0) == Decimal("20.0")
    assert distance_score(5.0) == Decimal("10.0")
    assert distance_score(15.0) == Decimal("5.0")
    assert format_quantity(Decimal("1000.00")) == "1000"
    assert format_quantity(Decimal("2.50")) == "2.5"
    assert normalize_quarter("2026年三季度") == "2026-Q3"


def test_proposals_ordered_and_explained(store: Store, town: Township1, scene: Scene) -> None:
    matches = MatchService(store)
    proposals = matches.propose(town.township_id, "2026q3")
    got = [(p.demand_id, p.supply_id, p.score) for p in proposals]
    # By demand: critical+special d2, urgent d3, then normal d1 (07-10) before d5 (07-20).
    # d2 (c2): s4 paired 10+100+30+20 = 160; s1 (u1 not paired with c2) and s2 both 10+30+20 = 60, more
    #          capacity first (5 > 3). c2 has no coordinates: no distance.
    # d3 (c1): s3 paired, 0 km: 10+100+20+15 = 145; s2 unpaired, 5 km: 10+10+15 = 35.
    # d1 (c1): s1 paired, no coordinates: 110; s2 unpaired, 5 km: 20. s4 is earmarked for c2.
    # d5 (c2): s3 paired 110; s2 10. s5 belongs to the next quarter.
    assert got == [
        (scene.d2, scene.s4, Decimal("160.00")),
        (scene.d2, scene.s1, Decimal("60.00")),
        (scene.d2, scene.s2, Decimal("60.00")),
        (scene.d3, scene.s3, Decimal("145.00")),
        (scene.d3, scene.s2, Decimal("35.00")),
        (scene.d1, scene.s1, Decimal("110.00")),
        (scene.d1, scene.s2, Decimal("20.00")),
        (scene.d5, scene.s3, Decimal("110.00")),
        (scene.d5, scene.s2, Decimal("10.00")),
    ]
    by_pair = {(p.demand_id, p.supply_id): p for p in proposals}
    assert (
        by_pair[scene.d2, scene.s4].reasons
        == "类别匹配；结对单位；剩余容量 1000 元；紧急需求；特殊群体（老年人）"
    )
    assert by_pair[scene.d3, scene.s3].reasons == "类别匹配；结对单位；剩余容量 1 件；距离 0.0 km；较急需求"
    assert (
        by_pair[scene.d3, scene.s2].reasons == "类别匹配；非结对单位；剩余容量 3 人·天；距离 5.0 km；较急需求"
    )
    assert by_pair[scene.d1, scene.s1].reasons == "类别匹配；结对单位；剩余容量 5 人·天"
    assert by_pair[scene.d3, scene.s2].distance_km == pytest.approx(5.0, abs=0.01)
    assert (by_pair[scene.d1, scene.s1].paired, by_pair[scene.d1, scene.s2].paired) == (True, False)
    assert by_pair[scene.d1, scene.s2].unit_name == "区社会工作服务站"
    # Proposing writes nothing.
    assert matches.list().total == 0


def test_pairing_must_be_active_in_the_quarter(store: Store, town: Township1, scene: Scene) -> None:
    # A pairing that ended before the quarter is not a pairing for it.
    pairings = PairingService(store)
    u1_c1 = next(p for p in pairings.list().rows if p.unit_id == town.unit_ids[0])
    pairings.end_pairing(u1_c1.id, date(2026, 6, 30))
    # d1 (c1): s1 loses its 100 (10, no coordinates) and now ranks below s2 (10 + 10 for 5 km).
    got = [
        (p.supply_id, p.paired, p.score)
        for p in MatchService(store).propose(town.township_id, "2026-Q3")
        if p.demand_id == scene.d1
    ]
    assert got == [(scene.s2, False, Decimal("20.00")), (scene.s1, False, Decimal("10.00"))]


def test_save_proposals_replaces_undecided_ones(store: Store, town: Township1, scene: Scene) -> None:
    matches = MatchService(store)
    quarter = ListQuery(filters={"quarter": "2026-Q3"})
    first = matches.save_proposals(town.township_id, "2026-Q3", matches.propose(town.township_id, "2026-Q3"))
    assert len(first) == 9
    assert all(m.status is MatchStatus.PROPOSED for m in first)
    assert {(m.demand_id, m.supply_id, m.score) for m in first} >= {(scene.d2, scene.s4, Decimal("160.00"))}
    confirmed = next(m for m in first if (m.demand_id, m.supply_id) == (scene.d1, scene.s1))
    matches.confirm(confirmed.id, allocated=2)
    second = matches.save_proposals(town.township_id, "2026-Q3", matches.propose(town.township_id, "2026-Q3"))
    assert len(second) == 7  # d1 is matched now
    live = matches.list(quarter)
    assert live.total == 8  # 7 new proposals + the confirmed one
    # The 8 undecided first proposals are tombstones now: 8 + 8 live.
    assert matches.list(ListQuery(filters={"quarter": "2026-Q3"}, include_deleted=True)).total == 16
    assert matches.get(confirmed.id).status is MatchStatus.CONFIRMED
    with pytest.raises(NotFoundError):
        matches.get(first[0].id)  # d2–s4's first proposal was replaced


def test_save_proposals_checks_what_it_is_given(store: Store, town: Township1, scene: Scene) -> None:
    matches, demands = MatchService(store), DemandService(store)
    proposals = matches.propose(town.township_id, "2026-Q3")
    invalid("proposals", matches.save_proposals, town.township_id, "2026-Q4", proposals)
    without_d2 = [p for p in proposals if p.demand_id != scene.d2]
    first = matches.save_proposals(town.township_id, "2026-Q3", without_d2 + without_d2)  # duplicates once
    assert len(first) == 6
    demands.cancel(scene.d2)
    with pytest.raises(ConflictError):
        matches.save_proposals(town.township_id, "2026-Q3", proposals)
    # The failed save changed nothing: the earlier proposals are still live.
    assert {m.id for m in matches.list().rows} == {m.id for m in first}


def test_confirm_consumes_capacity_and_exhausted_supplies_drop_out(
    store: Store, town: Township1, scene: Scene
) -> None:
    matches, demands, supplies = MatchService(store), DemandService(store), SupplyService(store)
    saved = matches.save_proposals(town.township_id, "2026-Q3", matches.propose(town.township_id, "2026-Q3"))
    pick = {(m.demand_id, m.supply_id): m for m in saved}
    d3_s3 = matches.confirm(pick[scene.d3, scene.s3].id)  # goods: 1 item by default
    assert (d3_s3.status, d3_s3.allocated) == (MatchStatus.CONFIRMED, Decimal("1.00"))
    assert d3_s3.decided_at is not None and d3_s3.decided_at.tzinfo is not None
    assert demands.get(scene.d3).status is DemandStatus.MATCHED
    assert supplies.remaining(scene.s3) == Decimal("0.00")
    with pytest.raises(TransitionError):
        matches.confirm(d3_s3.id)
    # s3 is exhausted: d5 now gets only s2, and d3 (matched) is no longer proposed.
    after = matches.propose(town.township_id, "2026-Q3")
    assert [(p.demand_id, p.supply_id) for p in after if p.demand_id in (scene.d3, scene.d5)] == [
        (scene.d5, scene.s2)
    ]
    with pytest.raises(ConflictError) as info:
        matches.confirm(pick[scene.d5, scene.s3].id)
    assert "剩余容量 0 件" in info.value.message
    # Funds need an amount and cannot exceed what is left.
    invalid("allocated", matches.confirm, pick[scene.d2, scene.s4].id)
    invalid("allocated", matches.confirm, pick[scene.d2, scene.s4].id, allocated="0")
    with pytest.raises(ConflictError):
        matches.confirm(pick[scene.d2, scene.s4].id, allocated="1000.01")
    assert matches.confirm(pick[scene.d2, scene.s4].id, allocated="600").allocated == Decimal("600.00")
    # A demand can take several supplies; person-days may be fractional, within what is left.
    assert matches.confirm(pick[scene.d2, scene.s2].id, allocated="2.5").allocated == Decimal("2.50")
    with pytest.raises(ConflictError):
        matches.confirm(pick[scene.d1, scene.s2].id, allocated=1)  # 3 - 2.5 = 0.5 left
    assert supplies.remaining(scene.s2) == Decimal("0.50")
    # Capacity cannot be edited below what is confirmed.
    with pytest.raises(ConflictError):
        supplies.edit(scene.s4, capacity=500)
    with pytest.raises(ConflictError):
        supplies.edit(scene.s4, kind="talent")
    assert supplies.edit(scene.s4, capacity="800").capacity == Decimal("800.00")
    invalid("capacity", supplies.edit, scene.s3, capacity="0")
    invalid("category_codes", supplies.edit, scene.s3, category_codes="")
    invalid("quarter", supplies.edit, scene.s3, quarter="2026-Q4")
    with pytest.raises(ConflictError):
        supplies.delete(scene.s4)


def test_confirm_checks_the_meeting(store: Store, town: Township1, scene: Scene) -> None:
    matches = MatchService(store)
    saved = matches.save_proposals(town.township_id, "2026-Q3", matches.propose(town.township_id, "2026-Q3"))
    with store.transaction() as s:
        visit = Activity(
            township_id=town.township_id,
            code="HD1",
            kind=ActivityKind.VISIT,
            title="走访",
            starts_at=utcnow(),
        )
        meeting = Activity(
            township_id=town.township_id,
            code="HD2",
            kind=ActivityKind.MATCHING_MEETING,
            title="三季度供需对接会",
            starts_at=utcnow(),
        )
        s.add_all([visit, meeting])
    invalid("meeting_id", matches.confirm, saved[0].id, allocated=1, meeting_id=visit.id)
    invalid("meeting_id", matches.confirm, saved[0].id, allocated=1, meeting_id=uuid.uuid4())
    assert matches.get(saved[0].id).status is MatchStatus.PROPOSED
    assert matches.confirm(saved[0].id, allocated=1, meeting_id=meeting.id).meeting_id == meeting.id


def test_reject_and_withdraw_a_confirmation(store: Store, town: Township1, scene: Scene) -> None:
    matches, demands, supplies = MatchService(store), DemandService(store), SupplyService(store)
    saved = matches.save_proposals(town.township_id, "2026-Q3", matches.propose(town.township_id, "2026-Q3"))
    pick = {(m.demand_id, m.supply_id): m for m in saved}
    invalid("note", matches.reject, pick[scene.d1, scene.s2].id, "  ")
    rejected = matches.reject(pick[scene.d1, scene.s2].id, "距离太远")
    assert (rejected.status, rejected.note) == (MatchStatus.REJECTED, "距离太远")
    with pytest.raises(TransitionError):
        matches.reject(rejected.id, "再次否决")
    with pytest.raises(TransitionError):
        matches.confirm(rejected.id, allocated=1)
    # A rejected pair is not proposed again.
    again = matches.propose(town.township_id, "2026-Q3")
    assert [(p.supply_id) for p in again if p.demand_id == scene.d1] == [scene.s1]
    # Withdrawing a confirmation releases capacity and reopens the demand.
    confirmed = matches.confirm(pick[scene.d1, scene.s1].id, allocated=4)
    assert supplies.remaining(scene.s1) == Decimal("1.00")
    matches.reject(confirmed.id, "单位临时无法派员")
    assert supplies.remaining(scene.s1) == Decimal("5.00")
    assert demands.get(scene.d1).status is DemandStatus.OPEN
    # An ordered demand keeps its confirmed match.
    d3_s3 = matches.confirm(pick[scene.d3, scene.s3].id)
    demands.mark_ordered(scene.d3)
    with pytest.raises(TransitionError):
        matches.reject(d3_s3.id, "改主意")
    assert demands.close(scene.d3).status is DemandStatus.CLOSED
    with pytest.raises(TransitionError):
        demands.edit(scene.d3, description="补充说明")
    with pytest.raises(TransitionError):
        demands.cancel(scene.d3)


def test_cancelling_a_matched_demand_releases_capacity(store: Store, town: Township1, scene: Scene) -> None:
    matches, demands, supplies = MatchService(store), DemandService(store), SupplyService(store)
    saved = matches.save_proposals(town.township_id, "2026-Q3", matches.propose(town.township_id, "2026-Q3"))
    pick = {(m.demand_id, m.supply_id): m for m in saved}
    matches.confirm(pick[scene.d1, scene.s1].id, allocated=5)
    assert supplies.remaining(scene.s1) == Decimal("0.00")
    with pytest.raises(ConflictError):
        demands.delete(scene.d1)
    with pytest.raises(TransitionError):
        demands.edit(scene.d1, category="C3")
    assert demands.edit(scene.d1, title="助餐（午餐）").title == "助餐(午餐)"
    demands.cancel(scene.d1, "居民已搬离")
    assert supplies.remaining(scene.s1) == Decimal("5.00")
    assert matches.get(pick[scene.d1, scene.s1].id).note == "需求已取消：居民已搬离"
    assert matches.get(pick[scene.d1, scene.s2].id).status is MatchStatus.REJECTED
    demands.delete(scene.d1)
    assert demands.list(ListQuery(search="助餐")).total == 0
