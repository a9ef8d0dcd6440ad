"""Coverage, standard-service frequency, workforce and fund figures on a hand-made township.

The ``town`` fixture: 识字岭社区 (c1, key community, population 5000) and 八一路社区 (c2, 3000); 民政局 (u1)
paired with c1, 卫健局 (u2) paired with c1 and c2, all from 2026-01-01. Every figure is worked out in the
comments; March 2026 has 31 days, so a yearly target scales by 31/365.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from fractions import Fraction

import pytest
from sqlalchemy import select

from liandian_desktop.kpi import KpiReport, Role, Scope, compute_kpis, parse_period
from liandian_desktop.kpi.frequency import expected_count
from liandian_desktop.ledger.catalogue import reference_id
from liandian_desktop.ledger.models import (
    Activity,
    ActivityKind,
    Attendance,
    AttendanceStatus,
    Cadre,
    CadreDay,
    CadreDayKind,
    CadreKind,
    Frequency,
    FundEntry,
    FundKind,
    OrderStatus,
    Pairing,
    Resident,
    TrainingRecord,
    Volunteer,
    VolunteerStatus,
    WorkOrder,
)
from liandian_desktop.store.engine import Store
from tests.conftest import Township1

CST = timezone(timedelta(hours=8))
AS_OF = datetime(2026, 6, 1, 9, 0, tzinfo=CST)


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=CST)


def report(store: Store, town: Township1, period: str, scope: Scope | None = None) -> KpiReport:
    return compute_kpis(store, parse_period(period), scope or Scope.township(town.township_id), as_of=AS_OF)


def frac(rep: KpiReport, key: str) -> tuple[Fraction | None, Fraction | None]:
    return rep[key].numerator, rep[key].denominator


class Builder:
    def __init__(self, store: Store, town: Township1) -> None:
        self.store, self.town = store, town
        self.n = 0

    def _code(self, prefix: str) -> str:
        self.n += 1
        return f"{prefix}{self.n:04d}"

    def resident(self, name: str, community: int, groups: str = "") -> uuid.UUID:
        with self.store.transaction() as s:
            r = Resident(
                township_id=self.town.township_id,
                community_id=self.town.community_ids[community],
                name=name,
                special_groups=groups,
            )
            s.add(r)
            s.flush()
            return r.id

    def activity(
        self,
        when: str,
        community: int | None,
        *,
        service: str | None = None,
        kind: ActivityKind = ActivityKind.SERVICE,
        unit: int | None = None,
        signs: list[tuple[uuid.UUID | None, AttendanceStatus]] = (),
    ) -> uuid.UUID:  # type: ignore[assignment]
        with self.store.transaction() as s:
            a = Activity(
                township_id=self.town.township_id,
                community_id=None if community is None else self.town.community_ids[community],
                code=self._code("HD"),
                kind=kind,
                title="活动",
                starts_at=local(when),
                service_id=None if service is None else reference_id("service", service),
                unit_id=None if unit is None else self.town.unit_ids[unit],
            )
            s.add(a)
            s.flush()
            for resident_id, status in signs:
                s.add(
                    Attendance(
                        township_id=self.town.township_id,
                        activity_id=a.id,
                        resident_id=resident_id,
                        name="某某",
                        status=status,
                    )
                )
            return a.id

    def order(self, resident_id: uuid.UUID, community: int, when: str, status: OrderStatus) -> None:
        with self.store.transaction() as s:
            s.add(
                WorkOrder(
                    township_id=self.town.township_id,
                    community_id=self.town.community_ids[community],
                    code=self._code("GD"),
                    title="求助",
                    resident_id=resident_id,
                    status=status,
                    ordered_at=local(when),
                )
            )


@pytest.fixture
def b(store: Store, town: Township1) -> Builder:
    return Builder(store, town)


P, W, A, INV = (
    AttendanceStatus.PRESENT,
    AttendanceStatus.WALK_IN,
    AttendanceStatus.ABSENT,
    AttendanceStatus.INVITED,
)


def test_pairing_coverage(store: Store, town: Township1) -> None:
    rep = report(store, town, "2026-03")
    # snapshot 31 March: c1 has u1 and u2, c2 has u2 → both covered: 2/2; units 3 ÷ 2 communities
    assert frac(rep, "paired_coverage") == (2, 2)
    assert rep["units_per_community"].value == Fraction(3, 2)
    # the only key community, c1, has 2 units → 1/1
    assert frac(rep, "key_communities_two_units") == (1, 1)
    # u1's pairing with c1 ends on 15 March: on 31 March c1 has one unit left
    with store.transaction() as s:
        pairing = s.scalars(select(Pairing).where(Pairing.unit_id == town.unit_ids[0])).one()
        pairing.end_date = date(2026, 3, 15)
    rep = report(store, town, "2026-03")
    assert frac(rep, "key_communities_two_units") == (0, 1)
    assert rep["units_per_community"].value == 1  # (1 + 1) ÷ 2
    assert "重点社区应有至少 2 个" in rep["key_communities_two_units"].records[0].reason
    # a period before any pairing started: nobody covered
    before = report(store, town, "2025")
    assert frac(before, "paired_coverage") == (0, 2) and before["paired_coverage"].value == 0


def test_special_groups_volunteers_and_participation(store: Store, town: Township1, b: Builder) -> None:
    r1 = b.resident("张大爷", 0, "elderly")  # signs in at a March activity → served
    r2 = b.resident("李阿姨", 0, "dibao")  # places a work order in March → served
    r3 = b.resident("王叔", 0, "disabled")  # only invited (never signed in) → not served
    r4 = b.resident("赵奶奶", 0, "elderly_80")  # signed in in February only → not served in March
    r5 = b.resident("钱先生", 0)  # not a special group: outside that denominator
    r6 = b.resident("孙婆婆", 1, "tekun")  # her March order was invalid → not served
    b.activity(
        "2026-03-05 09:00", 0, signs=[(r1, P), (r5, P), (None, W), (r3, INV), (r2, A)]
    )  # 3 attendances
    b.activity("2026-03-06 09:00", 1, signs=[(r5, P), (r6, A)])  # 1 attendance (r5 came to c2's activity)
    b.activity("2026-02-20 09:00", 0, signs=[(r4, P)])  # February
    b.order(r2, 0, "2026-03-10 10:00", OrderStatus.DISPATCHED)
    b.order(r6, 1, "2026-03-11 10:00", OrderStatus.INVALID)
    with store.transaction() as s:
        tid, (c1, _c2) = town.township_id, town.community_ids
        for i, (community, registered, status) in enumerate(
            [
                (c1, date(2026, 1, 5), VolunteerStatus.ACTIVE),
                (c1, date(2026, 2, 5), VolunteerStatus.ACTIVE),
                (c1, date(2026, 3, 31), VolunteerStatus.ACTIVE),
                (c1, date(2026, 4, 2), VolunteerStatus.ACTIVE),  # registered after March
                (c1, date(2026, 1, 5), VolunteerStatus.LEFT),  # left the roster
                (None, date(2026, 1, 5), VolunteerStatus.ACTIVE),  # township-level, no community
            ]
        ):
            s.add(
                Volunteer(
                    township_id=tid,
                    community_id=community,
                    name=f"志愿者{i}",
                    registered_on=registered,
                    status=status,
                )
            )

    rep = report(store, town, "2026-03")
    # special groups: r1 r2 r3 r4 r6 = 5; served r1 (sign-in), r2 (order) = 2 → 2/5
    assert frac(rep, "special_groups_served") == (2, 5)
    got = {r.code: r.role for r in rep["special_groups_served"].records}
    assert got == {
        "张大爷": Role.HIT,
        "李阿姨": Role.HIT,
        "王叔": Role.MISS,
        "赵奶奶": Role.MISS,
        "孙婆婆": Role.MISS,
    }
    assert all(
        "dibao" not in r.reason and "低保" not in r.reason for r in rep["special_groups_served"].records
    )
    # volunteers: c1 active and registered by 31 March = 3, plus the township-level one = 4; ÷ 8000 residents
    assert frac(rep, "volunteer_share") == (4, 8000)
    assert rep["volunteer_share"].meets is False  # 0.05 % < 5 %
    # attendances in scope: 3 (c1) + 1 (c2) = 4 ÷ 8000; target 5 × 31/365 = 31/73 a resident
    assert frac(rep, "attendances_per_resident") == (4, 8000)
    assert rep["attendances_per_resident"].target.threshold == Fraction(31, 73)  # type: ignore[union-attr]
    # frequent: at least 31/73 ≈ 0.42 sign-ins, i.e. 1: r1 (1) and r5 (2) → 2 ÷ 8000
    assert frac(rep, "frequent_participant_share") == (2, 8000)

    c1_rep = report(store, town, "2026-03", Scope.community(town.community_ids[0]))
    assert frac(c1_rep, "special_groups_served") == (2, 4)  # r1 r2 of r1 r2 r3 r4
    assert frac(c1_rep, "volunteer_share") == (3, 5000)  # the township-level volunteer is not c1's
    assert frac(c1_rep, "attendances_per_resident") == (3, 5000)  # c1's activity only
    assert frac(c1_rep, "frequent_participant_share") == (2, 5000)  # r1, r5 live in c1
    c2_rep = report(store, town, "2026-03", Scope.community(town.community_ids[1]))
    assert frac(c2_rep, "special_groups_served") == (0, 1)
    # the year: r4's February sign-in now counts → 3/5; threshold 5 a year: nobody reaches it → 0
    year = report(store, town, "2026")
    assert frac(year, "special_groups_served") == (3, 5)
    assert frac(year, "frequent_participant_share") == (0, 8000)


def test_expected_counts_of_each_frequency() -> None:
    from liandian_desktop.kpi import DEFAULT_SETTINGS as S

    march, feb, q3 = parse_period("2026-03"), parse_period("2026-02"), parse_period("2026-Q3")
    assert expected_count(Frequency.WEEKLY, 5, feb, S)[0] == 20  # 28 days = 4 weeks × 5
    assert expected_count(Frequency.WEEKLY, 5, march, S)[0] == 22  # ⌊5 × 31/7⌋ = ⌊22.14⌋
    assert expected_count(Frequency.WEEKLY, 1, q3, S)[0] == 13  # ⌊92/7⌋
    assert expected_count(Frequency.DAILY, 2, march, S)[0] == 62
    assert expected_count(Frequency.MONTHLY, 1, q3, S)[0] == 3
    assert expected_count(Frequency.QUARTERLY, 1, march, S)[0] == 0  # ⌊1/3⌋: not judged in a month
    assert expected_count(Frequency.QUARTERLY, 1, q3, S)[0] == 1
    assert expected_count(Frequency.YEARLY, 1, parse_period("2026"), S)[0] == 1
    # March 2026: 31 days, 9 weekend days (Sundays 1 8 15 22 29, Saturdays 7 14 21 28) → 22 school days
    assert expected_count(Frequency.SCHOOL_DAY, 1, march, S)[0] == 22
    # Q3: July and August are vacation; September 2026 has 22 weekdays
    assert expected_count(Frequency.SCHOOL_DAY, 1, q3, S)[0] == 22
    # half of January and half of February: 17/31 + 14/28 months ≈ 1.05 → 1
    assert expected_count(Frequency.MONTHLY, 1, parse_period("2026-01-15..2026-02-14"), S)[0] == 1
    assert expected_count(Frequency.ON_DEMAND, 1, march, S)[0] == 0


def test_standard_service_frequency(store: Store, town: Township1, b: Builder) -> None:
    for day in range(1, 21):  # 老年助餐 S01 (weekly 5): 20 of ⌊5 × 31/7⌋ = 22
        b.activity(f"2026-03-{day:02d} 11:00", 0, service="S01")
    for day in (2, 9, 16, 23):  # 安全巡查 S11 (weekly 1): 4 of ⌊31/7⌋ = 4
        b.activity(f"2026-03-{day:02d} 15:00", 0, service="S11")
    b.activity("2026-03-10 09:00", 0, service="S03")  # 健康义诊 S03 (monthly 1): 2 of 1
    b.activity("2026-03-20 09:00", 0, service="S03")
    b.activity("2026-04-01 00:00", 0, service="S03")  # April (local), not March
    b.activity("2026-03-10 09:00", 0, service="S08")  # 政策宣讲 (quarterly): not judged in a month
    rep = report(store, town, "2026-03")
    # judged per community: S01 S02 S03 S05 S06 S07 S10 S11 = 8 (S04 on demand; S08 S09 S12 quarterly → 0)
    # c1: S01 20/22 = 10/11, S03 min(1, 2/1) = 1, S11 4/4 = 1, the other five 0 → Σ = 32/11; c2: Σ 0
    # 达标度 = (32/11) ÷ 16 = 2/11; 达标率 = 2 (S03, S11 in c1) ÷ 16 = 1/8
    assert frac(rep, "service_compliance") == (Fraction(32, 11), 16)
    assert rep["service_compliance"].value == Fraction(2, 11)
    assert frac(rep, "services_met_share") == (2, 16)
    rows = {(r.community, r.service_code): r for r in rep.services}
    assert (rows[("识字岭社区", "S01")].expected, rows[("识字岭社区", "S01")].actual) == (22, 20)
    assert rows[("识字岭社区", "S08")].judged is False and rows[("识字岭社区", "S08")].actual == 1
    excluded = [r for r in rep["service_compliance"].records if r.role is Role.EXCLUDED]
    assert len(excluded) == 2 * 3  # S08 S09 S12 in both communities
    # the unit paired with c1 only (u1) sees c1's 8 pairs: (32/11) ÷ 8 = 4/11
    u1 = report(store, town, "2026-03", Scope.unit(town.unit_ids[0]))
    assert u1["service_compliance"].value == Fraction(4, 11)


def test_cadre_days_and_training(store: Store, town: Township1) -> None:
    u1, u2 = town.unit_ids
    tid = town.township_id
    with store.transaction() as s:
        a = Cadre(kind=CadreKind.FULL_TIME, unit_id=u1, name="张三")
        gone = Cadre(kind=CadreKind.FULL_TIME, unit_id=u1, name="离任者", end_date=date(2026, 2, 28))
        advisor = Cadre(kind=CadreKind.ADVISOR, unit_id=u1, name="顾问")
        d = Cadre(kind=CadreKind.FULL_TIME, unit_id=u2, name="李四")
        s.add_all([a, gone, advisor, d])
        s.flush()
        c1, c2 = town.community_ids
        for cadre, community, day, kind in [
            (a, c1, 2, CadreDayKind.FULL),
            (a, c1, 3, CadreDayKind.FULL),
            (a, c1, 4, CadreDayKind.HALF),
            (d, c2, 2, CadreDayKind.FULL),
            (d, c2, 3, CadreDayKind.FULL),
            (d, c1, 31, CadreDayKind.FULL),
            (advisor, c1, 5, CadreDayKind.FULL),  # advisors have no days target
        ]:
            s.add(
                CadreDay(
                    township_id=tid,
                    cadre_id=cadre.id,
                    community_id=community,
                    day=date(2026, 3, day),
                    kind=kind,
                )
            )
        s.add(CadreDay(township_id=tid, cadre_id=a.id, community_id=c1, day=date(2026, 2, 27)))  # February
        s.add_all(
            [
                TrainingRecord(
                    township_id=tid,
                    cadre_id=a.id,
                    trainee_name="张三",
                    training_date=date(2026, 3, 9),
                    title="政策",
                    hours=Decimal(6),
                ),
                TrainingRecord(
                    township_id=tid,
                    community_id=c1,
                    trainee_name="王芳",
                    training_date=date(2026, 3, 10),
                    title="社工",
                    hours=Decimal(10),
                ),
                TrainingRecord(
                    township_id=tid,
                    community_id=c1,
                    trainee_name="王芳",
                    training_date=date(2026, 3, 11),
                    title="社工",
                    hours=Decimal("2.5"),
                ),
                TrainingRecord(
                    township_id=tid,
                    community_id=c1,
                    trainee_name="王芳",
                    training_date=date(2026, 4, 1),
                    title="四月",
                    hours=Decimal(8),
                ),
            ]
        )
    rep = report(store, town, "2026-03")
    # full-time cadres in post in March: 张三 (2.5 days: two full, one half), 李四 (3 days) → 5.5 ÷ 2 = 2.75
    assert frac(rep, "cadre_days_per_cadre") == (Fraction(11, 2), 2)
    # target 30 × 31/365 = 186/73 ≈ 2.548 days: met on average; 张三 misses, 李四 meets → 1/2
    assert rep["cadre_days_per_cadre"].target.threshold == Fraction(186, 73)  # type: ignore[union-attr]
    assert rep["cadre_days_per_cadre"].meets is True
    assert frac(rep, "cadre_days_met") == (1, 2)
    # training: 张三 6 h, 李四 0 h, 王芳 12.5 h (April's 8 h excluded) → 18.5 ÷ 3 = 37/6
    assert frac(rep, "training_hours_per_worker") == (Fraction(37, 2), 3)
    # target 40 × 31/365 = 248/73 ≈ 3.40 h: 张三 and 王芳 reach it → 2/3
    assert frac(rep, "training_met") == (2, 3)
    # unit scope: u2's only cadre 李四 → 3 days ÷ 1, training 0 ÷ 1
    u2_rep = report(store, town, "2026-03", Scope.unit(u2))
    assert frac(u2_rep, "cadre_days_per_cadre") == (3, 1)
    assert frac(u2_rep, "training_hours_per_worker") == (0, 1)
    # community c2: cadres without a community whose unit is paired with c2 → 李四
    c2_rep = report(store, town, "2026-03", Scope.community(town.community_ids[1]))
    assert {r.code for r in c2_rep["cadre_days_per_cadre"].records} == {"李四"}


def test_funds(store: Store, town: Township1) -> None:
    c1, c2 = town.community_ids
    with store.transaction() as s:
        for community, year, kind, amount, day in [
            (c1, 2026, FundKind.ALLOCATION, 100000, date(2026, 1, 10)),
            (c1, 2026, FundKind.EXPENSE, 30000, date(2026, 2, 1)),
            (c1, 2026, FundKind.EXPENSE, 10000, date(2026, 4, 5)),  # after March
            (c2, 2026, FundKind.ALLOCATION, 60000, date(2026, 3, 20)),
            (c2, 2026, FundKind.EXPENSE, 50000, date(2026, 3, 25)),
            (c2, 2025, FundKind.ALLOCATION, 99999, date(2025, 3, 1)),  # another budget year
        ]:
            s.add(
                FundEntry(
                    township_id=town.township_id,
                    community_id=community,
                    year=year,
                    kind=kind,
                    amount=Decimal(amount),
                    entry_date=day,
                )
            )
    rep = report(store, town, "2026-03")
    # 2026 budget, entries by 31 March: allocated 160000, spent 80000 → 1/2; 160000 ÷ 8000 = 20 yuan: met
    assert frac(rep, "fund_use_rate") == (80000, 160000) and rep["fund_use_rate"].meets is False
    assert frac(rep, "fund_per_resident") == (160000, 8000) and rep["fund_per_resident"].meets is True
    q2 = report(store, town, "2026-Q2")
    # by 30 June: spent 90000 → 9/16
    assert q2["fund_use_rate"].value == Fraction(9, 16)
    c2_rep = report(store, town, "2026-03", Scope.community(c2))
    assert c2_rep["fund_use_rate"].value == Fraction(5, 6) and c2_rep["fund_per_resident"].value == 20
    nothing = report(store, town, "2024")
    assert nothing["fund_use_rate"].value is None and nothing["fund_use_rate"].note == "期内没有拨付记录"
