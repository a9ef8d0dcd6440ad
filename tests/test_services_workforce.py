"""Training hours, cadre days (蹲点, one a day, half days count 0.5) and the special fund's figures."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from decimal import Decimal

import pytest

from liandian_desktop.ledger.errors import ConflictError, NotFoundError, ValidationError
from liandian_desktop.ledger.models import (
    Cadre,
    CadreDayKind,
    CadreKind,
    Community,
    County,
    FundKind,
    PairedUnit,
    Township,
)
from liandian_desktop.ledger.services.base import ListQuery
from liandian_desktop.ledger.services.workforce import CadreDayService, FundService, TrainingService
from liandian_desktop.store.engine import Store
from tests.conftest import Township1

JAN1 = date(2026, 1, 1)


@pytest.fixture
def training(store: Store) -> TrainingService:
    return TrainingService(store)


@pytest.fixture
def days(store: Store) -> CadreDayService:
    return CadreDayService(store)


@pytest.fixture
def funds(store: Store) -> FundService:
    return FundService(store)


def add_cadre(store: Store, name: str, **fields: object) -> uuid.UUID:
    with store.transaction() as s:
        cadre = Cadre(name=name, **fields)
        s.add(cadre)
        s.flush()
        return cadre.id


# -- training --------------------------------------------------------------------------------------------


def test_training_hours_by_trainee(store: Store, training: TrainingService, town: Township1) -> None:
    cadre = add_cadre(store, "刘干部", unit_id=town.unit_ids[0])
    training.record(town.township_id, "", date(2026, 2, 3), "政策解读", 24, cadre_id=cadre)
    training.record(town.township_id, "刘干部", date(2026, 6, 3), "群众工作方法", "16小时", cadre_id=cadre)
    training.record(town.township_id, "陈社工", "2026-03-10", "社会工作实务", "7.5", organiser="区民政局")
    training.record(town.township_id, "陈社工", date(2025, 12, 31), "去年的培训", 8)  # another year
    training.record(
        town.township_id, "王网格", date(2026, 4, 1), "网格化管理", 2, community_id=town.community_ids[1]
    )
    rows = training.hours_by_trainee(town.township_id, 2026)
    assert [(r.trainee_name, r.cadre_id, r.hours, r.meets_target) for r in rows] == [
        ("王网格", None, Decimal("2.00"), False),
        ("陈社工", None, Decimal("7.50"), False),
        ("刘干部", cadre, Decimal("40.00"), True),  # exactly the 40-hour target
    ]
    assert training.hours_by_trainee(town.township_id, 2026, target=2)[0].meets_target is True
    assert [r.hours for r in training.hours_by_trainee(town.township_id, 2025)] == [Decimal("8.00")]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"hours": 0}, "hours"),
        ({"hours": "24.01"}, "hours"),
        ({"hours": None}, "hours"),
        ({"hours": "1.255"}, "hours"),
        ({"trainee_name": ""}, "trainee_name"),
        ({"trainee_name": "Zhang3"}, "trainee_name"),
        ({"training_date": date.today() + timedelta(days=1)}, "training_date"),
        ({"title": ""}, "title"),
        ({"cadre_id": uuid.uuid4()}, "cadre_id"),
        ({"community_id": uuid.uuid4()}, "community_id"),
    ],
)
def test_training_refuses_bad_input(
    training: TrainingService, town: Township1, changes: dict[str, object], field: str
) -> None:
    args: dict[str, object] = {
        "township_id": town.township_id,
        "trainee_name": "陈社工",
        "training_date": date(2026, 3, 10),
        "title": "社会工作实务",
        "hours": 3,
        **changes,
    }
    with pytest.raises(ValidationError) as err:
        training.record(**args)  # type: ignore[arg-type]
    assert err.value.field == field
    if field == "hours":
        assert "培训时长" in err.value.message
    assert training.list().total == 0


def test_training_soft_delete_and_restore(training: TrainingService, town: Township1) -> None:
    record = training.record(town.township_id, "陈社工", date(2026, 3, 10), "实务", 6)
    training.delete(record.id)
    assert training.hours_by_trainee(town.township_id, 2026) == []
    training.restore(record.id)
    assert [r.hours for r in training.hours_by_trainee(town.township_id, 2026)] == [Decimal("6.00")]


# -- cadre days ------------------------------------------------------------------------------------------


def test_one_record_per_cadre_per_day(store: Store, days: CadreDayService, town: Township1) -> None:
    cadre = add_cadre(store, "刘干部", unit_id=town.unit_ids[0], community_id=town.community_ids[0])
    first = days.record(cadre, town.community_ids[0], date(2026, 3, 2), work="走访独居老人")
    assert (first.kind, first.township_id, first.work) == (
        CadreDayKind.FULL,
        town.township_id,
        "走访独居老人",
    )
    with pytest.raises(ConflictError) as err:
        days.record(
            cadre, town.community_ids[1], "2026-03-02", CadreDayKind.HALF
        )  # even in another community
    assert "2026-03-02" in err.value.message
    assert days.days_in_year(cadre, 2026) == Decimal(1)
    # After a soft delete the day is free; restoring the old one then clashes.
    days.delete(first.id)
    days.record(cadre, town.community_ids[1], date(2026, 3, 2), "半天")
    with pytest.raises(ConflictError):
        days.restore(first.id)
    assert days.days_in_year(cadre, 2026) == Decimal("0.5")


def test_days_in_year_counts_half_days(store: Store, days: CadreDayService, town: Township1) -> None:
    cadre = add_cadre(store, "刘干部", unit_id=town.unit_ids[0])
    c1 = town.community_ids[0]
    days.record(cadre, c1, date(2026, 1, 5))
    days.record(cadre, c1, date(2026, 1, 6), CadreDayKind.HALF)
    days.record(cadre, c1, date(2026, 1, 7), "全天")
    days.record(cadre, c1, date(2026, 1, 8), "half")
    days.record(cadre, c1, date(2025, 12, 31))  # the year before
    assert days.days_in_year(cadre, 2026) == Decimal("3.0")
    assert days.days_in_year(cadre, 2025) == Decimal(1)
    assert days.days_in_year(cadre, 2024) == Decimal(0)


def test_cadre_day_refuses_bad_input(store: Store, days: CadreDayService, town: Township1) -> None:
    cadre = add_cadre(
        store, "刘干部", unit_id=town.unit_ids[0], start_date=date(2026, 2, 1), end_date=date(2026, 6, 30)
    )
    c1 = town.community_ids[0]
    cases: list[tuple[dict[str, object], str]] = [
        ({"day": date.today() + timedelta(days=1)}, "day"),
        ({"day": date(2026, 1, 31)}, "day"),  # before taking up the post
        ({"day": date(2026, 7, 1)}, "day"),  # after leaving it
        ({"day": "2026-13-01"}, "day"),
        ({"kind": "一天"}, "kind"),
        ({"community_id": uuid.uuid4()}, "community_id"),
    ]
    for changes, field in cases:
        args: dict[str, object] = {"cadre_id": cadre, "community_id": c1, "day": date(2026, 3, 2), **changes}
        with pytest.raises(ValidationError) as err:
            days.record(**args)  # type: ignore[arg-type]
        assert err.value.field == field, changes
    with pytest.raises(NotFoundError):
        days.record(uuid.uuid4(), c1, date(2026, 3, 2))
    with pytest.raises(ValidationError) as err:
        days.days_in_year(cadre, 1999)
    assert err.value.field == "year"
    assert days.list().total == 0


def test_cadres_below_target(store: Store, days: CadreDayService, town: Township1) -> None:
    c1, c2 = town.community_ids
    with store.transaction() as s:
        county = s.get(County, town.county_id)
        assert county is not None
        township = Township(county_id=county.id, code="430102002000", name="东屯渡街道")
        s.add(township)
        s.flush()
        elsewhere = Community(township_id=township.id, code="430102002001", name="外乡社区")
        unpaired = PairedUnit(county_id=county.id, name="区教育局")
        s.add_all([elsewhere, unpaired])
        s.flush()
        elsewhere_id, unpaired_id = elsewhere.id, unpaired.id
    full = add_cadre(store, "满勤", unit_id=town.unit_ids[0], community_id=c1)
    short = add_cadre(store, "差半天", unit_id=town.unit_ids[1], community_id=c2)
    idle = add_cadre(store, "零天", unit_id=town.unit_ids[1], township_id=town.township_id)
    by_unit = add_cadre(store, "靠结对", unit_id=town.unit_ids[0])  # belongs through the unit's pairing
    add_cadre(store, "顾问", kind=CadreKind.ADVISOR, community_id=c1)  # advisors have no target
    add_cadre(store, "外乡干部", unit_id=town.unit_ids[0], community_id=elsewhere_id)
    add_cadre(store, "未结对单位", unit_id=unpaired_id)
    add_cadre(store, "已离任", unit_id=town.unit_ids[0], community_id=c1, end_date=date(2025, 12, 31))
    for i in range(30):
        days.record(full, c1, JAN1 + timedelta(days=i))
    for i in range(29):
        days.record(short, c2, JAN1 + timedelta(days=i))
    days.record(short, c2, JAN1 + timedelta(days=29), CadreDayKind.HALF)
    for i in range(10):
        days.record(by_unit, c1, JAN1 + timedelta(days=i))
    rows = days.cadres_below_target(town.township_id, 2026)
    assert [(r.name, r.days, r.shortfall) for r in rows] == [
        ("零天", Decimal(0), Decimal(30)),
        ("靠结对", Decimal(10), Decimal(20)),
        ("差半天", Decimal("29.5"), Decimal("0.5")),
    ]
    assert [r.cadre_id for r in rows] == [idle, by_unit, short]
    assert [r.name for r in days.cadres_below_target(town.township_id, 2026, target=10)] == ["零天"]


# -- funds -----------------------------------------------------------------------------------------------


def test_fund_use_rate_and_per_resident_worked_out_by_hand(funds: FundService, town: Township1) -> None:
    c1, c2 = town.community_ids  # populations 5,000 and 3,000
    funds.allocate(c1, 2026, "10万", date(2026, 1, 15), unit_id=town.unit_ids[0], voucher_no="拨-001")
    funds.spend(c1, 2026, "85,000.00", date(2026, 6, 30), "老年助餐补贴")
    funds.allocate(c2, 2026, Decimal("50000"), date(2026, 1, 15))
    funds.spend(c2, 2026, 30000, date(2026, 5, 1), "路灯维修")
    funds.allocate(c2, 2025, 99999, date(2025, 1, 15))  # another year

    one = funds.summary(2026, community_id=c1)
    # 85,000 ÷ 100,000 = 0.85 (meets 85 %); 100,000 ÷ 5,000 = 20.00 yuan a resident (meets 20).
    assert (one.allocated, one.spent, one.population) == (Decimal("100000.00"), Decimal("85000.00"), 5000)
    assert (one.use_rate, one.per_resident) == (Decimal("0.8500"), Decimal("20.00"))
    assert one.meets_use_rate and one.meets_per_resident

    town_sum = funds.summary(2026, township_id=town.township_id)
    # 115,000 ÷ 150,000 = 0.76666… → 0.7667; 150,000 ÷ 8,000 = 18.75.
    assert (town_sum.allocated, town_sum.spent, town_sum.population) == (
        Decimal("150000.00"),
        Decimal("115000.00"),
        8000,
    )
    assert (town_sum.use_rate, town_sum.per_resident) == (Decimal("0.7667"), Decimal("18.75"))
    assert not town_sum.meets_use_rate and not town_sum.meets_per_resident

    empty = funds.summary(2024, community_id=c1)
    assert (empty.allocated, empty.use_rate, empty.meets_use_rate) == (Decimal("0.00"), None, False)


def test_fund_entries_refuse_bad_input(funds: FundService, town: Township1) -> None:
    c1 = town.community_ids[0]
    cases = [
        (lambda: funds.allocate(c1, 2026, 0, JAN1), "amount"),
        (lambda: funds.allocate(c1, 2026, -100, JAN1), "amount"),
        (lambda: funds.allocate(c1, 2026, "1.234", JAN1), "amount"),
        (lambda: funds.allocate(c1, 2026, "一百元", JAN1), "amount"),
        (lambda: funds.allocate(c1, 1999, 100, JAN1), "year"),
        (lambda: funds.allocate(c1, True, 100, JAN1), "year"),
        (lambda: funds.allocate(c1, 2026, 100, date.today() + timedelta(days=1)), "entry_date"),
        (lambda: funds.allocate(c1, 2026, 100, JAN1, unit_id=uuid.uuid4()), "unit_id"),
        (lambda: funds.spend(c1, 2026, 100, JAN1, " "), "purpose"),
        (lambda: funds.summary(2026), "township_id"),
        (lambda: funds.summary(2026, township_id=town.township_id, community_id=c1), "township_id"),
    ]
    for call, field in cases:
        with pytest.raises(ValidationError) as err:
            call()
        assert err.value.field == field
    assert funds.list().total == 0


def test_fund_soft_delete_and_restore(funds: FundService, town: Township1) -> None:
    c1 = town.community_ids[0]
    funds.allocate(c1, 2026, 1000, JAN1)
    expense = funds.spend(c1, 2026, 500, JAN1, "购买图书")
    assert expense.kind is FundKind.EXPENSE
    funds.delete(expense.id)
    assert funds.summary(2026, community_id=c1).spent == Decimal("0.00")
    assert funds.list(ListQuery(filters={"kind": FundKind.EXPENSE})).total == 0
    funds.restore(expense.id)
    assert funds.summary(2026, community_id=c1).use_rate == Decimal("0.5000")
