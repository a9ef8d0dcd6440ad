"""The volunteer roster (MCA Order 67): registration, service records and the 10-working-day rule, points
earned, corrected and redeemed, training, awards, and the certificate's data."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from liandian_desktop.ledger.catalogue import reference_id
from liandian_desktop.ledger.errors import ConflictError, NotFoundError, ValidationError
from liandian_desktop.ledger.models import (
    Activity,
    ActivityKind,
    CadreDay,
    Gender,
    PointsKind,
    PointsRule,
    Resident,
    VolunteerStatus,
)
from liandian_desktop.ledger.services.volunteers import VolunteerService, working_days_between
from liandian_desktop.ledger.validation import make_id_number
from liandian_desktop.store.engine import Store
from tests.conftest import Township1

ID_MAN = make_id_number("430102", date(1990, 5, 17), 123)
ID_WOMAN = make_id_number("430102", date(1985, 11, 2), 246)
MON = date(2026, 3, 2)  # a Monday


@pytest.fixture
def svc(store: Store) -> VolunteerService:
    return VolunteerService(store)


def register(
    svc: VolunteerService, town: Township1, id_number: str = ID_MAN, name: str = "张喆"
) -> uuid.UUID:
    return svc.register(
        town.township_id,
        name,
        id_number,
        phone="13812345678",
        region="识字岭社区",
        skills="急救",
        community_id=town.community_ids[0],
        registered_on=date(2026, 1, 5),
    ).id


def serve(
    svc: VolunteerService,
    volunteer_id: uuid.UUID,
    hours: object = 2,
    served: date = MON,
    recorded: date | None = None,
) -> tuple[uuid.UUID, bool]:
    result = svc.record_service(
        volunteer_id,
        "健康义诊",
        served,
        hours,
        "社区卫生站",
        "量血压",
        "区卫生健康局",
        "刘医生",
        recorded_on=recorded or served,
    )
    return result.record.id, result.late


# -- registration ----------------------------------------------------------------------------------------


def test_register_reads_the_id_number(svc: VolunteerService, town: Township1) -> None:
    v = svc.register(
        town.township_id,
        " 张  喆 ",
        ID_MAN.lower(),
        phone="138-1234-5678",
        service_categories="养老服务，C4",
        registered_on="2026年1月5日",
    )
    stored = svc.get(v.id)
    assert stored.name == "张喆"
    assert stored.id_number == ID_MAN
    assert (stored.gender, stored.birth_date) == (Gender.MALE, date(1990, 5, 17))
    assert stored.phone == "13812345678"
    assert stored.service_categories == "C2,C4"
    assert stored.registered_on == date(2026, 1, 5)
    assert stored.status is VolunteerStatus.ACTIVE
    assert stored.volunteer_no.startswith("ZY") and len(stored.volunteer_no) == 8
    woman = svc.get(register(svc, town, ID_WOMAN, "李玥"))
    assert (woman.gender, woman.birth_date) == (Gender.FEMALE, date(1985, 11, 2))
    assert woman.volunteer_no != stored.volunteer_no


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": "张3"}, "name"),
        ({"name": ""}, "name"),
        ({"id_number": ID_MAN[:17] + ("0" if ID_MAN[17] != "0" else "1")}, "id_number"),
        ({"id_number": ""}, "id_number"),
        ({"id_number": "4301021990051712"}, "id_number"),
        ({"gender": "女"}, "gender"),  # the number says 男
        ({"birth_date": date(1990, 5, 18)}, "birth_date"),
        ({"phone": "12345"}, "phone"),
        ({"service_categories": ["C9"]}, "service_categories"),
        ({"registered_on": date.today() + timedelta(days=1)}, "registered_on"),
        ({"community_id": uuid.uuid4()}, "community_id"),
        ({"resident_id": uuid.uuid4()}, "resident_id"),
        ({"region": "区" * 101}, "region"),
    ],
)
def test_register_refuses_bad_input(
    svc: VolunteerService, town: Township1, changes: dict[str, object], field: str
) -> None:
    args: dict[str, object] = {
        "township_id": town.township_id,
        "name": "王五",
        "id_number": ID_MAN,
        **changes,
    }
    with pytest.raises(ValidationError) as err:
        svc.register(**args)  # type: ignore[arg-type]
    assert err.value.field == field
    assert svc.list().total == 0


def test_id_number_unique_among_live_volunteers(svc: VolunteerService, town: Township1) -> None:
    first = register(svc, town)
    with pytest.raises(ConflictError) as err:
        register(svc, town, name="张三")
    assert "张喆" in err.value.message
    second = register(svc, town, ID_WOMAN, "李玥")
    with pytest.raises(ConflictError):
        svc.edit(second, id_number=ID_MAN)
    svc.delete(first)
    replacement = register(svc, town, name="张喆")  # the deleted one no longer holds the number
    with pytest.raises(ConflictError):
        svc.restore(first)
    svc.delete(replacement)
    svc.restore(first)
    assert svc.get(first).id_number == ID_MAN


def test_edit_volunteer(svc: VolunteerService, town: Township1) -> None:
    v = register(svc, town)
    edited = svc.edit(v, phone="0731-84561234", status="暂停", id_number=ID_WOMAN)
    assert (edited.phone, edited.status) == ("0731-84561234", VolunteerStatus.SUSPENDED)
    assert (edited.gender, edited.birth_date) == (Gender.FEMALE, date(1985, 11, 2))  # re-read from the number
    with pytest.raises(ValidationError) as err:
        svc.edit(v, volunteer_no="ZY000000")
    assert err.value.field == "volunteer_no"


def test_register_from_a_resident(store: Store, svc: VolunteerService, town: Township1) -> None:
    with store.transaction() as s:
        resident = Resident(township_id=town.township_id, community_id=town.community_ids[1], name="赵玥")
        s.add(resident)
        s.flush()
        resident_id = resident.id
    v = svc.register(town.township_id, "赵玥", ID_WOMAN, resident_id=resident_id)
    assert (v.resident_id, v.community_id) == (resident_id, town.community_ids[1])


def test_other_documents_take_gender_and_birth_as_given(svc: VolunteerService, town: Township1) -> None:
    v = svc.register(
        town.township_id,
        "陈大文",
        "H 1234 5678",
        id_type="港澳居民来往内地通行证",
        gender="男",
        birth_date="1980-01-02",
    )
    assert (v.id_number, v.gender, v.birth_date) == ("H12345678", Gender.MALE, date(1980, 1, 2))
    assert svc.certificate_data(v.id, MON, MON).id_number_masked == "H1*****78"


# -- service records and points --------------------------------------------------------------------------


def test_record_service_earns_points_by_rule_p01(
    store: Store, svc: VolunteerService, town: Township1
) -> None:
    v = register(svc, town)
    result = svc.record_service(
        v,
        "健康义诊",
        "2026-03-02",
        "2.5小时",
        "社区卫生站",
        "量血压",
        "区卫生健康局",
        "刘医生",
        recorded_on=MON,
    )
    record = result.record
    assert (record.hours, record.service_date, record.recorded_on) == (Decimal("2.50"), MON, MON)
    assert (record.organiser, record.responsible_person) == ("区卫生健康局", "刘医生")
    assert result.points is not None
    assert result.points.kind is PointsKind.EARN
    assert result.points.points == Decimal("25.00")  # 2.5 h × 10 points an hour
    assert result.points.record_id == record.id
    assert result.points.rule_id == reference_id("points_rule", "P01")
    assert (result.working_days, result.late) == (0, False)
    assert svc.balance(v) == Decimal("25.00")
    assert svc.total_hours(v) == Decimal("2.50")
    # Volunteer hours never touch the cadre-days ledger.
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(CadreDay)) == 0


def test_no_points_when_the_rule_is_inactive(store: Store, svc: VolunteerService, town: Township1) -> None:
    with store.transaction() as s:
        rule = s.get(PointsRule, reference_id("points_rule", "P01"))
        assert rule is not None
        rule.active = False
    v = register(svc, town)
    result = svc.record_service(v, "环境整治", MON, 3, organiser="识字岭社区", recorded_on=MON)
    assert result.points is None
    assert svc.balance(v) == Decimal("0.00")
    assert svc.total_hours(v) == Decimal("3.00")


def test_late_entry_flag_at_the_ten_working_day_boundary(svc: VolunteerService, town: Township1) -> None:
    """Service on Monday 2 March 2026. Working days after it: 3, 4, 5, 6 (Tue–Fri), 9–13, and Monday 16
    March is the 10th: still on time. Tuesday 17 March is the 11th: late."""
    v = register(svc, town)
    on_time = svc.record_service(v, "健康义诊", MON, 1, organiser="卫健局", recorded_on=date(2026, 3, 16))
    late = svc.record_service(v, "环境整治", MON, 1, organiser="社区", recorded_on=date(2026, 3, 17))
    assert (on_time.working_days, on_time.late) == (10, False)
    assert (late.working_days, late.late) == (11, True)
    # Late entries are kept, and earn their points.
    assert svc.total_hours(v) == Decimal("2.00")
    assert svc.balance(v) == Decimal("20.00")


def test_late_entry_over_a_weekend(svc: VolunteerService, town: Township1) -> None:
    """Service on Friday 6 March: the 10th working day is Friday 20 March; the weekend after adds none,
    so Sunday 22 March is on time and Monday 23 March (the 11th) is late."""
    v = register(svc, town)
    friday = date(2026, 3, 6)
    results = [
        svc.record_service(v, f"服务{i}", friday, 1, organiser="社区", recorded_on=day)
        for i, day in enumerate((date(2026, 3, 20), date(2026, 3, 22), date(2026, 3, 23)))
    ]
    assert [(r.working_days, r.late) for r in results] == [(10, False), (10, False), (11, True)]


def test_working_days_between() -> None:
    assert working_days_between(MON, MON) == 0
    assert working_days_between(MON, date(2026, 3, 6)) == 4
    assert working_days_between(date(2026, 3, 7), date(2026, 3, 9)) == 1  # Saturday → Monday
    assert working_days_between(MON, date(2026, 3, 30)) == 20
    assert working_days_between(date(2026, 3, 9), MON) == 0


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"hours": None}, "hours"),
        ({"hours": ""}, "hours"),
        ({"hours": 0}, "hours"),
        ({"hours": "24.5"}, "hours"),
        ({"hours": "1.125"}, "hours"),
        ({"activity_name": " "}, "activity_name"),
        ({"organiser": ""}, "organiser"),
        ({"service_date": None}, "service_date"),
        ({"service_date": date.today() + timedelta(days=1)}, "service_date"),
        ({"service_date": "2026-02-30"}, "service_date"),
        ({"recorded_on": date(2026, 3, 1)}, "recorded_on"),
        ({"recorded_on": date.today() + timedelta(days=1)}, "recorded_on"),
    ],
)
def test_record_service_refuses_bad_input(
    svc: VolunteerService, town: Township1, changes: dict[str, object], field: str
) -> None:
    v = register(svc, town)
    args: dict[str, object] = {
        "volunteer_id": v,
        "activity_name": "健康义诊",
        "service_date": MON,
        "hours": 2,
        "organiser": "区卫生健康局",
        "recorded_on": MON,
        **changes,
    }
    with pytest.raises(ValidationError) as err:
        svc.record_service(**args)  # type: ignore[arg-type]
    assert err.value.field == field
    assert svc.total_hours(v) == Decimal("0.00")
    assert svc.balance(v) == Decimal("0.00")


def test_no_more_than_24_hours_a_day(svc: VolunteerService, town: Township1) -> None:
    v = register(svc, town)
    serve(svc, v, 20)
    with pytest.raises(ValidationError) as err:
        serve(svc, v, "4.5")
    assert err.value.field == "hours"
    serve(svc, v, 4)
    serve(svc, v, 4, served=MON + timedelta(days=1))
    assert svc.total_hours(v) == Decimal("28.00")
    assert svc.total_hours(v, MON, MON) == Decimal("24.00")


def test_record_from_an_activity(store: Store, svc: VolunteerService, town: Township1) -> None:
    with store.transaction() as s:
        activity = Activity(
            township_id=town.township_id,
            community_id=town.community_ids[0],
            code="HDABC123",
            kind=ActivityKind.VOLUNTEER,
            title="敬老院慰问",
            starts_at=datetime(2026, 3, 4, 2, 0, tzinfo=UTC),
            place="市第一敬老院",
            organiser="区民政局",
            responsible="周主任",
        )
        s.add(activity)
        s.flush()
        activity_id = activity.id
    v = register(svc, town)
    result = svc.record_service(
        v, hours=3, content="打扫卫生", activity_id=activity_id, recorded_on=date(2026, 3, 5)
    )
    r = result.record
    assert (r.activity_name, r.service_date, r.place) == ("敬老院慰问", date(2026, 3, 4), "市第一敬老院")
    assert (r.organiser, r.responsible_person, r.content, r.activity_id) == (
        "区民政局",
        "周主任",
        "打扫卫生",
        activity_id,
    )
    with pytest.raises(ConflictError):
        svc.record_service(v, hours=1, activity_id=activity_id)
    with pytest.raises(NotFoundError):
        svc.record_service(v, hours=1, activity_id=uuid.uuid4())


def test_redeem_and_overdraw(svc: VolunteerService, town: Township1) -> None:
    v = register(svc, town)
    serve(svc, v, "2.5")  # 25 points
    entry = svc.redeem(v, 20, "洗衣液一瓶", on=MON)
    assert (entry.kind, entry.points, entry.item) == (PointsKind.REDEEM, Decimal("-20.00"), "洗衣液一瓶")
    assert svc.balance(v) == Decimal("5.00")
    with pytest.raises(ConflictError) as err:
        svc.redeem(v, "5.01", "毛巾", on=MON)
    assert "5.00" in err.value.message
    assert svc.balance(v) == Decimal("5.00")
    svc.redeem(v, "5", "毛巾", on=MON)  # exactly down to zero is allowed
    assert svc.balance(v) == Decimal("0.00")
    assert [e.kind for e in svc.points_history(v)] == [PointsKind.EARN, PointsKind.REDEEM, PointsKind.REDEEM]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"points": 0}, "points"),
        ({"points": -5}, "points"),
        ({"points": "abc"}, "points"),
        ({"points": "1.234"}, "points"),
        ({"points": True}, "points"),
        ({"item": ""}, "item"),
        ({"on": date.today() + timedelta(days=1)}, "on"),
    ],
)
def test_redeem_refuses_bad_input(
    svc: VolunteerService, town: Township1, changes: dict[str, object], field: str
) -> None:
    v = register(svc, town)
    serve(svc, v, 5)
    args: dict[str, object] = {"volunteer_id": v, "points": 10, "item": "大米", "on": MON, **changes}
    with pytest.raises(ValidationError) as err:
        svc.redeem(**args)  # type: ignore[arg-type]
    assert err.value.field == field
    assert svc.balance(v) == Decimal("50.00")


def test_correction_adjusts_points_without_editing_history(svc: VolunteerService, town: Township1) -> None:
    v = register(svc, town)
    record_id, _ = serve(svc, v, 3)  # 30 points
    result = svc.correct_record(record_id, hours="2.5", note="路途时间误计入服务时长")
    assert result.record.hours == Decimal("2.50")
    assert result.record.corrected_at is not None
    assert "3.00 → 2.50" in result.record.correction_note
    assert "路途时间误计入服务时长" in result.record.correction_note
    assert result.adjustment is not None
    assert (result.adjustment.kind, result.adjustment.points) == (PointsKind.ADJUST, Decimal("-5.00"))
    history = svc.points_history(v)
    assert [(e.kind, e.points) for e in history] == [
        (PointsKind.EARN, Decimal("30.00")),
        (PointsKind.ADJUST, Decimal("-5.00")),
    ]
    assert svc.balance(v) == Decimal("25.00")
    assert svc.total_hours(v) == Decimal("2.50")
    # A second correction, up this time, keeps both notes.
    again = svc.correct_record(record_id, hours=4, note="补记下午时段")
    assert again.adjustment is not None and again.adjustment.points == Decimal("15.00")
    assert svc.balance(v) == Decimal("40.00")
    assert again.record.correction_note.count("\n") == 1
    # A note alone (no change of hours) is kept with no points entry.
    assert svc.correct_record(record_id, note="负责人签字补齐").adjustment is None
    assert svc.balance(v) == Decimal("40.00")


def test_correction_refuses_bad_input(svc: VolunteerService, town: Township1) -> None:
    v = register(svc, town)
    record_id, _ = serve(svc, v, 3)
    serve(svc, v, 20)
    for hours, note, field in ((2, "", "note"), (0, "更正", "hours"), (5, "更正", "hours")):  # 5 + 20 > 24
        with pytest.raises(ValidationError) as err:
            svc.correct_record(record_id, hours=hours, note=note)
        assert err.value.field == field
    assert svc.total_hours(v) == Decimal("23.00")
    with pytest.raises(NotFoundError):
        svc.correct_record(uuid.uuid4(), hours=1, note="更正")


def test_delete_record_takes_its_points_back(svc: VolunteerService, town: Township1) -> None:
    v = register(svc, town)
    keep, _ = serve(svc, v, 1)
    wrong, _ = serve(svc, v, 2, served=MON + timedelta(days=1))
    entry = svc.delete_record(wrong, "录错志愿者")
    assert entry is not None and entry.points == Decimal("-20.00")
    assert svc.balance(v) == Decimal("10.00")
    assert svc.total_hours(v) == Decimal("1.00")
    assert [r.id for r in svc.records(v)] == [keep]
    with pytest.raises(NotFoundError):
        svc.correct_record(wrong, hours=1, note="更正")


def test_total_hours_in_a_period(svc: VolunteerService, town: Township1) -> None:
    v = register(svc, town)
    serve(svc, v, 1, served=date(2026, 1, 31))
    serve(svc, v, 2, served=date(2026, 2, 1))
    serve(svc, v, 4, served=date(2026, 2, 28))
    serve(svc, v, 8, served=date(2026, 3, 1))
    assert svc.total_hours(v) == Decimal("15.00")
    assert svc.total_hours(v, date(2026, 2, 1), date(2026, 2, 28)) == Decimal("6.00")  # both ends included
    assert svc.total_hours(v, start="2026-02-15") == Decimal("12.00")
    assert svc.total_hours(v, end=date(2026, 1, 31)) == Decimal("1.00")
    with pytest.raises(ValidationError) as err:
        svc.total_hours(v, date(2026, 3, 1), date(2026, 2, 1))
    assert err.value.field == "end"


# -- training, awards, certificate -----------------------------------------------------------------------


def test_training_and_awards(svc: VolunteerService, town: Township1) -> None:
    v = register(svc, town)
    t = svc.add_training(v, "2026-02-10", "应急救护培训", hours="3.5", organiser="区红十字会")
    assert (t.training_date, t.hours, t.volunteer_id) == (date(2026, 2, 10), Decimal("3.50"), v)
    assert svc.add_training(v, date(2026, 2, 11), "岗前培训").hours == Decimal(0)
    a = svc.add_award(v, date(2026, 3, 1), "优秀志愿者", level="区级", issuer="区文明办")
    assert (a.title, a.level, a.issuer) == ("优秀志愿者", "区级", "区文明办")
    # Neither earns points automatically.
    assert svc.balance(v) == Decimal("0.00")
    future = date.today() + timedelta(days=1)
    cases = [
        (lambda: svc.add_training(v, future, "培训"), "training_date"),
        (lambda: svc.add_training(v, MON, ""), "title"),
        (lambda: svc.add_training(v, MON, "培训", hours=30), "hours"),
        (lambda: svc.add_award(v, future, "优秀志愿者"), "award_date"),
        (lambda: svc.add_award(v, MON, " "), "title"),
        (lambda: svc.add_award(v, MON, "优秀志愿者", level="级" * 31), "level"),
    ]
    for call, field in cases:
        with pytest.raises(ValidationError) as err:
            call()
        assert err.value.field == field


def test_certificate_data(svc: VolunteerService, town: Township1) -> None:
    v = register(svc, town)
    serve(svc, v, "1.5", served=date(2026, 3, 9))
    serve(svc, v, 2, served=MON)
    serve(svc, v, 4, served=date(2026, 4, 1))  # outside the period
    cert = svc.certificate_data(v, MON, date(2026, 3, 31))
    assert cert.name == "张喆"
    assert cert.gender == "男"
    assert cert.id_number_masked == ID_MAN[:6] + "********" + ID_MAN[-4:]
    assert ID_MAN not in repr(cert)
    assert cert.total_hours == Decimal("3.50")
    assert [(r.service_date, r.hours) for r in cert.records] == [
        (MON, Decimal("2.00")),
        (date(2026, 3, 9), Decimal("1.50")),
    ]
    assert cert.records[0].organiser == "区卫生健康局"
    assert (cert.organisation, cert.community) == ("文艺路街道", "识字岭社区")
    assert (cert.period_start, cert.period_end, cert.issued_on) == (MON, date(2026, 3, 31), date.today())
    assert cert.volunteer_no == svc.get(v).volunteer_no


def test_volunteer_soft_delete_and_restore(svc: VolunteerService, town: Township1) -> None:
    v = register(svc, town)
    serve(svc, v, 1)
    svc.delete(v)
    with pytest.raises(NotFoundError):
        svc.balance(v)
    with pytest.raises(NotFoundError):
        serve(svc, v, 1)
    assert svc.list().total == 0
    svc.restore(v)
    assert svc.balance(v) == Decimal("10.00")
    assert svc.list().total == 1
