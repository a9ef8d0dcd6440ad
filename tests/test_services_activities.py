"""Activities and their paper sign-in sheet (invite → walk-in → key back by row code), and evaluations."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from liandian_desktop.ledger.catalogue import reference_id
from liandian_desktop.ledger.errors import NotFoundError, ValidationError
from liandian_desktop.ledger.models import (
    ActivityKind,
    Attendance,
    AttendanceStatus,
    Community,
    EvaluationSource,
    Resident,
    Resolution,
    Satisfaction,
    Township,
    WorkOrder,
    utcnow,
)
from liandian_desktop.ledger.services.activities import ActivityService, EvaluationService
from liandian_desktop.ledger.services.base import CODE_ALPHABET, ListQuery
from liandian_desktop.store.engine import Store
from tests.conftest import Township1

T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai, a Monday


@pytest.fixture
def svc(store: Store) -> ActivityService:
    return ActivityService(store)


@pytest.fixture
def evals(store: Store) -> EvaluationService:
    return EvaluationService(store)


def add_residents(
    store: Store, town: Township1, names: list[str], township_id: uuid.UUID | None = None
) -> list[uuid.UUID]:
    township = township_id or town.township_id
    with store.transaction() as s:
        community_id = town.community_ids[0]
        if township_id is not None:
            community = Community(township_id=township, code="430102002001", name="外乡社区")
            s.add(community)
            s.flush()
            community_id = community.id
        rows = [Resident(township_id=township, community_id=community_id, name=n) for n in names]
        s.add_all(rows)
        s.flush()
        return [r.id for r in rows]


def other_township(store: Store, town: Township1) -> uuid.UUID:
    with store.transaction() as s:
        township = Township(county_id=town.county_id, code="430102002000", name="东屯渡街道")
        s.add(township)
        s.flush()
        return township.id


def meeting(
    svc: ActivityService, town: Township1, kind: ActivityKind | str = ActivityKind.MEETING
) -> uuid.UUID:
    return svc.create(
        town.township_id,
        town.community_ids[0],
        kind,
        "居民议事会",
        T0,
        T0 + timedelta(hours=2),
        place="活动室",
    ).id


# -- the activity ----------------------------------------------------------------------------------------


def test_create_generates_a_paper_code_and_normalises(svc: ActivityService, town: Township1) -> None:
    a = svc.create(
        town.township_id,
        town.community_ids[0],
        "志愿服务",
        "  健康　义诊 ",
        T0,
        T0 + timedelta(hours=3),
        place="社区卫生站",
        service_id=reference_id("service", "S03"),
        unit_id=town.unit_ids[1],
    )
    b = svc.create(town.township_id, None, ActivityKind.VISIT, "入户走访", T0)
    assert re.fullmatch(r"HD[0-9A-Z]{6}", a.code)
    assert set(a.code[2:]) <= set(CODE_ALPHABET)
    assert a.code != b.code
    assert a.kind is ActivityKind.VOLUNTEER
    assert a.title == "健康 义诊"
    stored = svc.get(a.id)
    assert stored.starts_at == T0
    assert stored.place == "社区卫生站"
    assert b.community_id is None and b.ends_at is None


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": "  "}, "title"),
        ({"title": "活" * 101}, "title"),
        ({"starts_at": datetime(2026, 3, 2, 9, 0)}, "starts_at"),
        ({"ends_at": T0}, "ends_at"),
        ({"ends_at": T0 - timedelta(minutes=1)}, "ends_at"),
        ({"ends_at": datetime(2026, 3, 2, 12, 0)}, "ends_at"),
        ({"kind": "聚餐"}, "kind"),
        ({"service_id": uuid.uuid4()}, "service_id"),
        ({"unit_id": uuid.uuid4()}, "unit_id"),
        ({"community_id": uuid.uuid4()}, "community_id"),
        ({"place": "地" * 101}, "place"),
    ],
)
def test_create_refuses_bad_input(
    svc: ActivityService, town: Township1, changes: dict[str, object], field: str
) -> None:
    args: dict[str, object] = {
        "township_id": town.township_id,
        "community_id": town.community_ids[0],
        "kind": ActivityKind.SERVICE,
        "title": "健康义诊",
        "starts_at": T0,
        "ends_at": T0 + timedelta(hours=1),
        **changes,
    }
    with pytest.raises(ValidationError) as err:
        svc.create(**args)  # type: ignore[arg-type]
    assert err.value.field == field
    assert svc.list().total == 0


def test_create_refuses_a_community_of_another_township(
    store: Store, svc: ActivityService, town: Township1
) -> None:
    elsewhere = other_township(store, town)
    with pytest.raises(ValidationError) as err:
        svc.create(elsewhere, town.community_ids[0], ActivityKind.SERVICE, "义诊", T0)
    assert err.value.field == "community_id"
    assert "识字岭社区" in err.value.message


def test_edit_applies_the_create_rules(svc: ActivityService, town: Township1) -> None:
    activity_id = meeting(svc, town)
    edited = svc.edit(activity_id, title="居民议事会（第二次）", place="会议室")
    assert (edited.title, edited.place) == ("居民议事会(第二次)", "会议室")  # full-width folded
    with pytest.raises(ValidationError) as err:
        svc.edit(activity_id, ends_at=T0 - timedelta(hours=1))
    assert err.value.field == "ends_at"
    with pytest.raises(ValidationError) as err:
        svc.edit(activity_id, code="HD000000")
    assert err.value.field == "code"
    assert svc.get(activity_id).title == "居民议事会(第二次)"


def test_soft_delete_and_restore(svc: ActivityService, town: Township1) -> None:
    activity_id = meeting(svc, town)
    svc.delete(activity_id)
    with pytest.raises(NotFoundError):
        svc.get(activity_id)
    with pytest.raises(NotFoundError):
        svc.sheet(activity_id)
    assert svc.list().total == 0
    assert svc.list(ListQuery(include_deleted=True)).total == 1
    svc.restore(activity_id)
    assert svc.get(activity_id).title == "居民议事会"
    assert svc.list().total == 1


# -- the sign-in sheet -----------------------------------------------------------------------------------


def test_invite_walk_in_and_key_back_from_paper(store: Store, svc: ActivityService, town: Township1) -> None:
    zhang, li, wang, zhao = add_residents(store, town, ["张喆", "李堃", "王𠅤", "赵玥"])
    activity_id = meeting(svc, town)

    rows = svc.invite(activity_id, [zhang, li, wang])
    assert [(r.row_code, r.name, r.status) for r in rows] == [
        ("001", "张喆", AttendanceStatus.INVITED),
        ("002", "李堃", AttendanceStatus.INVITED),
        ("003", "王𠅤", AttendanceStatus.INVITED),
    ]
    # Re-inviting is a no-op; a newcomer continues the sequence.
    assert svc.invite(activity_id, [li, zhang]) == []
    assert [r.row_code for r in svc.invite(activity_id, [li, zhao, zhao])] == ["004"]

    walk_in = svc.add_walk_in(activity_id, "钱 多多", "138 1234 5678")
    assert (walk_in.row_code, walk_in.name, walk_in.phone, walk_in.status) == (
        "005",
        "钱多多",
        "13812345678",
        AttendanceStatus.WALK_IN,
    )

    # Keyed back from the paper sheet: '1' and '001' are the same row.
    signed = T0 + timedelta(minutes=5)
    row = svc.mark(activity_id, "1", True, signed_at=signed)
    assert (row.row_code, row.status, row.signed_at) == ("001", AttendanceStatus.PRESENT, signed)
    svc.mark(activity_id, "002", False)
    svc.mark(activity_id, "005", True)
    # A correction of an earlier mark.
    svc.mark(activity_id, "004", True)
    svc.mark(activity_id, "004", False)

    sheet = svc.sheet(activity_id)
    assert [(r.row_code, r.name, r.status) for r in sheet] == [
        ("001", "张喆", AttendanceStatus.PRESENT),
        ("002", "李堃", AttendanceStatus.ABSENT),
        ("003", "王𠅤", AttendanceStatus.INVITED),
        ("004", "赵玥", AttendanceStatus.ABSENT),
        ("005", "钱多多", AttendanceStatus.WALK_IN),
    ]
    assert sheet[0].signed_at == signed and sheet[3].signed_at is None
    counts = svc.attendance_counts(activity_id)
    assert (counts.invited, counts.present, counts.absent, counts.unmarked, counts.walk_ins) == (
        4,
        1,
        2,
        1,
        1,
    )
    assert counts.attended == 2


def test_name_snapshot_does_not_follow_later_renames(
    store: Store, svc: ActivityService, town: Township1
) -> None:
    (resident_id,) = add_residents(store, town, ["孙昇"])
    activity_id = meeting(svc, town)
    svc.invite(activity_id, [resident_id])
    with store.transaction() as s:
        resident = s.get(Resident, resident_id)
        assert resident is not None
        resident.name = "孙升"
    assert svc.sheet(activity_id)[0].name == "孙昇"


def test_unknown_row_code_names_the_code(svc: ActivityService, town: Township1) -> None:
    activity_id = meeting(svc, town)
    svc.add_walk_in(activity_id, "周赟")
    with pytest.raises(NotFoundError) as err:
        svc.mark(activity_id, "099", True)
    assert "099" in err.value.message
    assert svc.sheet(activity_id)[0].status is AttendanceStatus.WALK_IN


def test_invite_refuses_unknown_and_foreign_residents(
    store: Store, svc: ActivityService, town: Township1
) -> None:
    activity_id = meeting(svc, town)
    foreign = add_residents(store, town, ["吴外"], township_id=other_township(store, town))
    (local,) = add_residents(store, town, ["郑本"])
    with pytest.raises(ValidationError) as err:
        svc.invite(activity_id, [local, *foreign])
    assert err.value.field == "resident_ids"
    with pytest.raises(ValidationError) as err:
        svc.invite(activity_id, [uuid.uuid4()])
    assert err.value.field == "resident_ids"
    assert svc.sheet(activity_id) == []  # the whole call rolled back


@pytest.mark.parametrize(
    ("name", "phone", "field"),
    [("", "", "name"), ("张3", "", "name"), ("王五", "12345", "phone"), ("王五", "1381234567x", "phone")],
)
def test_walk_in_refuses_bad_input(
    svc: ActivityService, town: Township1, name: str, phone: str, field: str
) -> None:
    activity_id = meeting(svc, town)
    with pytest.raises(ValidationError) as err:
        svc.add_walk_in(activity_id, name, phone)
    assert err.value.field == field
    assert svc.sheet(activity_id) == []


def test_hours_only_on_volunteer_activities(store: Store, svc: ActivityService, town: Township1) -> None:
    (resident_id,) = add_residents(store, town, ["冯一"])
    plain = meeting(svc, town)
    svc.invite(plain, [resident_id])
    with pytest.raises(ValidationError) as err:
        svc.mark(plain, "001", True, hours=2)
    assert err.value.field == "hours"
    assert "志愿服务" in err.value.message

    volunteer = meeting(svc, town, kind=ActivityKind.VOLUNTEER)
    svc.invite(volunteer, [resident_id])
    svc.add_walk_in(volunteer, "陈二")
    assert svc.mark(volunteer, "001", True, hours="2.5小时").hours == Decimal("2.50")
    assert svc.mark(volunteer, "002", True, hours=Decimal("1.25")).hours == Decimal("1.25")
    for bad in (0, 25, "1.234", "两小时"):
        with pytest.raises(ValidationError) as err:
            svc.mark(volunteer, "001", True, hours=bad)
        assert err.value.field == "hours"
    with pytest.raises(ValidationError) as err:
        svc.mark(volunteer, "001", False, hours=1)
    assert err.value.field == "hours"
    assert svc.sheet(volunteer)[0].hours == Decimal("2.50")  # refused marks changed nothing
    # Hours on the sheet keep the activity a volunteer one.
    with pytest.raises(ValidationError) as err:
        svc.edit(volunteer, kind=ActivityKind.MEETING)
    assert err.value.field == "kind"


def test_mark_refuses_contradictions(store: Store, svc: ActivityService, town: Township1) -> None:
    (resident_id,) = add_residents(store, town, ["褚三"])
    activity_id = meeting(svc, town)
    svc.invite(activity_id, [resident_id])
    svc.add_walk_in(activity_id, "卫四")
    with pytest.raises(ValidationError) as err:
        svc.mark(activity_id, "001", True, signed_at=datetime(2026, 3, 2, 9, 5))
    assert err.value.field == "signed_at"
    with pytest.raises(ValidationError) as err:
        svc.mark(activity_id, "001", False, signed_at=T0)
    assert err.value.field == "signed_at"
    with pytest.raises(ValidationError) as err:
        svc.mark(activity_id, "002", False)
    assert err.value.field == "present"
    assert [r.status for r in svc.sheet(activity_id)] == [AttendanceStatus.INVITED, AttendanceStatus.WALK_IN]


def test_removed_rows_keep_their_code(svc: ActivityService, town: Township1) -> None:
    activity_id = meeting(svc, town)
    svc.add_walk_in(activity_id, "蒋五")
    svc.add_walk_in(activity_id, "沈六")
    svc.remove_row(activity_id, "002")
    assert svc.add_walk_in(activity_id, "韩七").row_code == "003"
    assert [r.row_code for r in svc.sheet(activity_id)] == ["001", "003"]
    with pytest.raises(NotFoundError):
        svc.mark(activity_id, "002", True)
    assert svc.attendance_counts(activity_id).walk_ins == 2


def test_sheet_sorts_row_codes_as_numbers(store: Store, svc: ActivityService, town: Township1) -> None:
    activity_id = meeting(svc, town)
    with store.transaction() as s:
        for code in ("1000", "999", "010"):
            s.add(
                Attendance(township_id=town.township_id, activity_id=activity_id, name="杨八", row_code=code)
            )
    assert svc.add_walk_in(activity_id, "朱九").row_code == "1001"
    assert [r.row_code for r in svc.sheet(activity_id)] == ["010", "999", "1000", "1001"]


# -- evaluations -----------------------------------------------------------------------------------------


def work_order(store: Store, town: Township1, resident_id: uuid.UUID | None = None) -> uuid.UUID:
    with store.transaction() as s:
        order = WorkOrder(
            township_id=town.township_id,
            community_id=town.community_ids[1],
            code="GD123456",
            title="路灯不亮",
            ordered_at=T0,
            resident_id=resident_id,
        )
        s.add(order)
        s.flush()
        return order.id


def test_evaluate_an_activity_from_a_paper_form(
    svc: ActivityService, evals: EvaluationService, town: Township1
) -> None:
    activity_id = meeting(svc, town)
    when = T0 + timedelta(hours=3)
    e = evals.record(
        satisfaction="基本满意", evaluated_at=when, activity_id=activity_id, form_version="2026版"
    )
    stored = evals.get(e.id)
    assert stored.satisfaction is Satisfaction.BASICALLY_SATISFIED
    assert stored.resolution is None
    assert stored.form_version == "2026版"
    assert stored.source is EvaluationSource.PAPER
    assert (stored.township_id, stored.community_id) == (town.township_id, town.community_ids[0])
    assert stored.evaluated_at == when


def test_evaluate_a_work_order_needs_a_resolution(
    store: Store, evals: EvaluationService, town: Township1
) -> None:
    (resident_id,) = add_residents(store, town, ["许十"])
    order_id = work_order(store, town, resident_id)
    when = T0 + timedelta(days=2)
    with pytest.raises(ValidationError) as err:
        evals.record(satisfaction=Satisfaction.SATISFIED, evaluated_at=when, work_order_id=order_id)
    assert err.value.field == "resolution"
    e = evals.record(
        satisfaction="satisfied",
        resolution="部分解决",
        evaluated_at=when,
        work_order_id=order_id,
        source=EvaluationSource.PHONE,
        comment=" 修了一半 ",
    )
    assert e.resolution is Resolution.PARTLY
    assert e.community_id == town.community_ids[1]
    assert e.resident_id == resident_id  # taken from the order
    assert e.comment == "修了一半"
    assert e.source is EvaluationSource.PHONE
    # Storing an evaluation leaves the order's loop to WorkOrderService.
    with store.session() as s:
        order = s.get(WorkOrder, order_id)
        assert order is not None and order.evaluated_at is None


def test_evaluation_refuses_bad_input(
    store: Store, svc: ActivityService, evals: EvaluationService, town: Township1
) -> None:
    activity_id = meeting(svc, town)
    order_id = work_order(store, town)
    foreign = add_residents(store, town, ["外乡人"], township_id=other_township(store, town))[0]
    ok = T0 + timedelta(hours=3)
    cases: list[tuple[dict[str, object], str]] = [
        ({"activity_id": activity_id, "work_order_id": order_id, "resolution": "已解决"}, "work_order_id"),
        ({}, "work_order_id"),
        ({"activity_id": activity_id, "satisfaction": None}, "satisfaction"),
        ({"activity_id": activity_id, "satisfaction": " "}, "satisfaction"),
        ({"activity_id": activity_id, "satisfaction": "很好"}, "satisfaction"),
        ({"activity_id": activity_id, "resolution": "差不多"}, "resolution"),
        ({"activity_id": activity_id, "evaluated_at": utcnow() + timedelta(hours=1)}, "evaluated_at"),
        ({"activity_id": activity_id, "evaluated_at": datetime(2026, 3, 2, 12, 0)}, "evaluated_at"),
        ({"activity_id": activity_id, "evaluated_at": T0 - timedelta(minutes=1)}, "evaluated_at"),
        (
            {"work_order_id": order_id, "resolution": "已解决", "evaluated_at": T0 - timedelta(days=1)},
            "evaluated_at",
        ),
        ({"activity_id": activity_id, "source": "微信"}, "source"),
        ({"activity_id": activity_id, "form_version": "v" * 21}, "form_version"),
        ({"activity_id": activity_id, "resident_id": foreign}, "resident_id"),
    ]
    for changes, field in cases:
        args: dict[str, object] = {"satisfaction": Satisfaction.SATISFIED, "evaluated_at": ok, **changes}
        with pytest.raises(ValidationError) as err:
            evals.record(**args)  # type: ignore[arg-type]
        assert err.value.field == field, changes
    with pytest.raises(NotFoundError):
        evals.record(satisfaction="满意", evaluated_at=ok, activity_id=uuid.uuid4())
    assert evals.list().total == 0


def test_evaluation_soft_delete_and_restore(
    svc: ActivityService, evals: EvaluationService, town: Township1
) -> None:
    activity_id = meeting(svc, town)
    e = evals.record(satisfaction="不满意", evaluated_at=T0 + timedelta(hours=2), activity_id=activity_id)
    evals.delete(e.id)
    assert evals.list(ListQuery(filters={"activity_id": activity_id})).total == 0
    evals.restore(e.id)
    assert evals.get(e.id).satisfaction is Satisfaction.DISSATISFIED


def test_sheet_rows_are_stored_per_activity(store: Store, svc: ActivityService, town: Township1) -> None:
    first, second = meeting(svc, town), meeting(svc, town)
    svc.add_walk_in(first, "甲一")
    svc.add_walk_in(second, "乙二")
    assert svc.add_walk_in(second, "丙三").row_code == "002"
    with store.session() as s:
        codes = list(s.scalars(select(Attendance.row_code).where(Attendance.activity_id == first)))
    assert codes == ["001"]
