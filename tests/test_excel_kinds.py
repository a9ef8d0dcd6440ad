"""Every other kind of import: volunteers, paired units, cadres, demands, supplies, invitation lists and
past attendance, each with its own duplicates and references."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import Township1
from excel.books import ident, ledger_digest, save_rows

from liandian_desktop.excel import Fate, ImportOptions, ImportPlan, WorkbookError, commit_plan, plan_import
from liandian_desktop.ledger.models import (
    ActivityKind,
    AttendanceStatus,
    CadreKind,
    DemandSource,
    SupplyKind,
    Urgency,
    VolunteerStatus,
)
from liandian_desktop.ledger.services.activities import ActivityService
from liandian_desktop.ledger.services.base import ListQuery
from liandian_desktop.ledger.services.lists import DemandService, MatchService, SupplyService
from liandian_desktop.ledger.services.org import CadreService, UnitService
from liandian_desktop.ledger.services.people import ResidentService
from liandian_desktop.ledger.services.volunteers import VolunteerService
from liandian_desktop.store.engine import Store

TODAY = date.today()
QUARTER = f"{TODAY.year}-Q{(TODAY.month - 1) // 3 + 1}"


def reasons(plan: ImportPlan) -> dict[int, tuple[Fate, str]]:
    return {r.row: (r.fate, r.reason) for r in plan.rows}


def check(plan: ImportPlan, expected: dict[int, tuple[Fate, str]]) -> None:
    got = reasons(plan)
    assert sorted(got) == sorted(expected), got
    for row, (fate, text) in expected.items():
        assert got[row][0] is fate and text in got[row][1], (row, got[row])


# ---------------------------------------------------------------------------------------------------------
# Volunteers
# ---------------------------------------------------------------------------------------------------------

VOL_A = ident(date(1990, 5, 1), 11)
VOL_B = ident(date(1992, 6, 2), 22)


def test_volunteers_link_to_residents_and_refuse_duplicates(
    store: Store, town: Township1, tmp_path: Path
) -> None:
    resident = ResidentService(store).create(town.township_id, town.community_ids[1], "刘洋", id_number=VOL_A)
    rows = [
        ("姓名", "证件号码", "手机号码", "专业技能", "服务意向", "注册日期", "状态"),
        ("刘洋", VOL_A, "13800001111", "理发", "养老服务、文化体育", "2025/12/1", ""),
        ("林静", VOL_B, "13800002222", "", "不存在的类别", "", ""),
        ("林静", VOL_B, "13800002222", "", "", "", "在册"),
        ("赵雷", "", "13800003333", "", "", "", ""),
        ("钱七", ident(date(1993, 1, 1), 33), "", "", "", "2099-01-01", ""),
    ]
    plan = plan_import(
        store, "volunteers", save_rows(tmp_path / "v.xlsx", rows), ImportOptions(town.township_id)
    )
    check(
        plan,
        {
            2: (Fate.ADD, ""),
            3: (Fate.REFUSE, "第 3 行「服务意向」：服务类别“不存在的类别”不在需求分类目录中"),
            4: (Fate.ADD, ""),
            5: (Fate.REFUSE, "第 5 行「证件号码」：必填，不能为空"),
            6: (Fate.REFUSE, "第 6 行「注册日期」：登记日期（2099-01-01）不能晚于今天"),
        },
    )
    commit_plan(store, plan)
    volunteers = {v.id_number: v for v in VolunteerService(store).list(ListQuery(limit=None)).rows}
    liu = volunteers[VOL_A]
    assert liu.resident_id == resident.id and liu.community_id == town.community_ids[1]
    assert liu.service_categories == "C2,C6" and liu.registered_on == date(2025, 12, 1)
    assert liu.volunteer_no.startswith("ZY") and len(liu.volunteer_no) == 8
    assert volunteers[VOL_B].status is VolunteerStatus.ACTIVE
    again = plan_import(
        store, "volunteers", save_rows(tmp_path / "v2.xlsx", rows[:2]), ImportOptions(town.township_id)
    )
    assert again.rows[0].fate is Fate.SKIP and "编号 ZY" in again.rows[0].reason


# ---------------------------------------------------------------------------------------------------------
# Paired units and cadres
# ---------------------------------------------------------------------------------------------------------


def test_units_by_name_update_or_skip(store: Store, town: Township1, tmp_path: Path) -> None:
    rows = [
        ("单位全称", "单位简称", "单位性质", "联系人", "联系电话"),
        ("区民政局", "民政局", "党政机关", "张科长", "0731-84000000"),
        ("区教育局", "教育局", "党政机关", "李老师", "13800004444"),
        ("区教育局", "", "", "", ""),
        ("区文旅局", "", "外星机构", "", ""),
    ]
    path = save_rows(tmp_path / "u.xlsx", rows)
    plan = plan_import(store, "units", path, ImportOptions(town.township_id, on_duplicate="update"))
    check(
        plan,
        {
            2: (Fate.UPDATE, ""),
            3: (Fate.ADD, ""),
            4: (Fate.REFUSE, "第 4 行「单位全称」：单位名称与第 3 行相同，是重复记录"),
            5: (Fate.REFUSE, "第 5 行「单位性质」：单位类型“外星机构”无效"),
        },
    )
    assert [str(c) for c in plan.rows[0].changes] == [
        "联系人：（空） → 张科长",
        "联系电话：（空） → 0731-84000000",
    ]
    commit_plan(store, plan)
    units = {u.name: u for u in UnitService(store).list(ListQuery(limit=None)).rows}
    assert units["区民政局"].contact_name == "张科长" and units["区教育局"].county_id == town.county_id
    skipped = plan_import(store, "units", path, ImportOptions(town.township_id))
    assert [r.fate for r in skipped.rows[:2]] == [Fate.SKIP, Fate.SKIP]


def test_cadres_and_advisors(store: Store, town: Township1, tmp_path: Path) -> None:
    cadre_id = ident(date(1980, 3, 3), 15)
    rows = [
        ("类型", "姓名", "身份证号", "联系电话", "派出单位", "联点社区", "职务", "到岗日期"),
        ("专职", "周干部", cadre_id, "13800005555", "卫健局", "", "科员", "2026年1月5日"),
        ("兼职顾问", "吴顾问", "", "13800006666", "", "八一路社区", "退休教师", ""),
        ("专职联点干部", "郑干部", "", "", "", "识字岭社区", "", ""),
        ("专职联点干部", "王干部", "", "", "不存在局", "", "", ""),
        ("", "周干部", cadre_id, "", "卫健局", "", "", ""),
    ]
    plan = plan_import(store, "cadres", save_rows(tmp_path / "c.xlsx", rows), ImportOptions(town.township_id))
    check(
        plan,
        {
            2: (Fate.ADD, ""),
            3: (Fate.ADD, ""),
            4: (Fate.REFUSE, "第 4 行「派出单位」：专职联点干部必须选择所属联点单位"),
            5: (Fate.REFUSE, "第 5 行「派出单位」：联点单位“不存在局”不在台账中"),
            6: (Fate.REFUSE, "第 6 行「身份证号」：身份证号码与第 2 行相同，是重复记录"),
        },
    )
    commit_plan(store, plan)
    cadres = {c.name: c for c in CadreService(store).list(ListQuery(limit=None)).rows}
    zhou, wu = cadres["周干部"], cadres["吴顾问"]
    assert (zhou.kind, zhou.unit_id, zhou.township_id) == (
        CadreKind.FULL_TIME,
        town.unit_ids[1],
        town.township_id,
    )
    assert zhou.start_date == date(2026, 1, 5)
    assert (wu.kind, wu.community_id) == (CadreKind.ADVISOR, town.community_ids[1])


# ---------------------------------------------------------------------------------------------------------
# Demands and supplies
# ---------------------------------------------------------------------------------------------------------


def test_demands_with_catalogue_names_and_quarters(store: Store, town: Township1, tmp_path: Path) -> None:
    raised = TODAY.replace(day=1)
    rows = [
        (
            "村(社区)",
            "需求类别",
            "需求事项",
            "需求标题",
            "紧急程度",
            "特殊群体",
            "受益人数",
            "提出日期",
            "提出人",
        ),
        ("识字岭社区", "养老服务", "老年助餐", "", "急", "老年人", "30人", raised, "王秀英"),
        ("八一路社区", "C1", "路灯照明", "3栋门口路灯不亮", "", "", 5.0, raised.isoformat(), ""),
        ("八一路社区", "基础设施", "老年助餐", "错配的事项", "", "", "", "", ""),
        ("识字岭社区", "养老服务", "老年助餐", "", "", "", "", raised, ""),
        ("八一路社区", "不存在", "", "标题", "", "", "", "", ""),
        ("八一路社区", "文化体育", "", "", "", "", "", "", ""),
    ]
    plan = plan_import(
        store, "demands", save_rows(tmp_path / "d.xlsx", rows), ImportOptions(town.township_id)
    )
    check(
        plan,
        {
            2: (Fate.ADD, ""),
            3: (Fate.ADD, ""),
            4: (Fate.REFUSE, "第 4 行「需求事项」：事项“老年助餐”不属于类别“基础设施”"),
            5: (Fate.REFUSE, "村/社区、季度和需求标题与第 2 行相同，是重复记录"),
            6: (Fate.REFUSE, "第 6 行「需求类别」：需求类别“不存在”不存在"),
            7: (Fate.REFUSE, "第 7 行「需求标题」：请填写需求标题或选择需求事项"),
        },
    )
    commit_plan(store, plan)
    demands = {d.title: d for d in DemandService(store).list(ListQuery(limit=None)).rows}
    meal = demands["老年助餐"]
    assert (meal.quarter, meal.urgency, meal.special_group, meal.beneficiaries) == (
        QUARTER,
        Urgency.URGENT,
        "elderly",
        30,
    )
    assert meal.source is DemandSource.RESIDENT and meal.requester_name == "王秀英"
    assert meal.code.startswith(f"XQ{QUARTER.replace('-', '')}-")
    assert demands["3栋门口路灯不亮"].source is DemandSource.COMMUNITY
    # Re-importing by code updates that demand.
    update = [
        ("需求编号", "受益人数", "所属村（社区）", "需求类别"),
        (meal.code, 45, "识字岭社区", "养老服务"),
    ]
    again = plan_import(
        store,
        "demands",
        save_rows(tmp_path / "d2.xlsx", update),
        ImportOptions(town.township_id, on_duplicate="update"),
    )
    assert again.rows[0].fate is Fate.UPDATE and [str(c) for c in again.rows[0].changes] == [
        "受益人数：30 → 45"
    ]


def test_supplies_and_the_quarter_option(store: Store, town: Township1, tmp_path: Path) -> None:
    rows = [
        ("联点单位", "供给类型", "供给名称", "可服务类别", "容量"),
        ("民政局", "资金", "助餐补贴", "养老服务", "1.2万"),
        ("区卫生健康局", "人才", "义诊医生", "医疗健康、养老服务", 12),
        ("卫健局", "场地", "会议室", "文化体育", 2.5),
        ("卫健局", "物资", "轮椅", "", 3),
    ]
    path = save_rows(tmp_path / "s.xlsx", rows)
    with pytest.raises(WorkbookError, match="缺少必填列：季度"):
        plan_import(store, "supplies", path, ImportOptions(town.township_id))
    plan = plan_import(store, "supplies", path, ImportOptions(town.township_id, quarter="2026-Q3"))
    check(
        plan,
        {
            2: (Fate.ADD, ""),
            3: (Fate.ADD, ""),
            4: (Fate.REFUSE, "第 4 行「容量」：场地类供给以“场次”计，应为整数"),
            5: (Fate.REFUSE, "第 5 行「可服务类别」：必填，不能为空"),
        },
    )
    commit_plan(store, plan)
    supplies = {s.title: s for s in SupplyService(store).list(ListQuery(limit=None)).rows}
    assert (
        supplies["助餐补贴"].capacity == Decimal("12000.00") and supplies["助餐补贴"].kind is SupplyKind.FUNDS
    )
    assert supplies["义诊医生"].category_codes == "C2,C4" and supplies["义诊医生"].quarter == "2026-Q3"
    assert MatchService(store).list().total == 0


# ---------------------------------------------------------------------------------------------------------
# Sign-in sheets
# ---------------------------------------------------------------------------------------------------------


def _activity(
    store: Store, town: Township1, kind: ActivityKind = ActivityKind.VOLUNTEER
) -> tuple[str, object]:
    starts = datetime.now(UTC) - timedelta(days=3)
    activity = ActivityService(store).create(
        town.township_id, town.community_ids[0], kind, "助老理发", starts
    )
    return activity.code, activity.id


def test_invitation_list_by_id_number_or_name(store: Store, town: Township1, tmp_path: Path) -> None:
    residents = ResidentService(store)
    a = residents.create(
        town.township_id, town.community_ids[0], "王秀英", id_number=ident(date(1950, 3, 5), 2)
    )
    b = residents.create(town.township_id, town.community_ids[0], "李伟", phone="13800000001")
    residents.create(town.township_id, town.community_ids[0], "张伟", phone="13800000002")
    residents.create(town.township_id, town.community_ids[1], "张伟", phone="13800000003")
    code, activity_id = _activity(store, town)
    ActivityService(store).invite(activity_id, [b.id])  # already on the sheet
    rows = [
        ("姓名", "身份证号", "电话"),
        ("王秀英", a.id_number, ""),
        ("李伟", "", ""),
        ("张伟", "", ""),
        ("张伟", "", "13800000003"),
        ("不存在", "", ""),
        ("王秀英", "", ""),
    ]
    path = save_rows(tmp_path / "i.xlsx", rows)
    with pytest.raises(WorkbookError, match="缺少必填列：活动编号"):
        plan_import(store, "invitations", path, ImportOptions(town.township_id))
    plan = plan_import(store, "invitations", path, ImportOptions(town.township_id, activity_id=activity_id))
    check(
        plan,
        {
            2: (Fate.ADD, ""),
            3: (Fate.SKIP, "台账中已有（李伟（签到表第 001 行））"),
            4: (Fate.REFUSE, "第 4 行「姓名」：台账中有 2 位居民名为“张伟”，请填写身份证号码"),
            5: (Fate.ADD, ""),
            6: (Fate.REFUSE, "第 6 行「姓名」：台账中没有名为“不存在”的居民"),
            7: (Fate.REFUSE, "第 7 行「姓名」：与第 2 行是签到表上的同一人"),
        },
    )
    commit_plan(store, plan)
    sheet = ActivityService(store).sheet(activity_id)  # type: ignore[arg-type]
    assert [(r.row_code, r.name) for r in sheet] == [("001", "李伟"), ("002", "王秀英"), ("003", "张伟")]
    assert code.startswith("HD")


def test_past_attendance_marks_rows_and_adds_walk_ins(store: Store, town: Township1, tmp_path: Path) -> None:
    residents = ResidentService(store)
    a = residents.create(
        town.township_id, town.community_ids[0], "王秀英", id_number=ident(date(1950, 3, 5), 2)
    )
    b = residents.create(town.township_id, town.community_ids[0], "李伟")
    c = residents.create(town.township_id, town.community_ids[0], "赵六")
    code, activity_id = _activity(store, town)
    meeting_code, _meeting = _activity(store, town, ActivityKind.MEETING)
    ActivityService(store).invite(activity_id, [a.id, b.id, c.id])  # type: ignore[arg-type]
    rows = [
        ("活动编号", "行号", "姓名", "身份证号", "是否到场", "签到时间", "服务时长"),
        (code, "1", "王秀英", "", "√", "2026-03-05 09:30", 2),
        (code, "", "李伟", "", "缺席", "", ""),
        (code, "", "路人甲", "", "是", "", "1.5"),
        (code, "", "路人乙", "", "否", "", ""),
        (code, "9", "某某", "", "是", "", ""),
        (meeting_code, "", "钱八", "", "是", "", 2),
        ("HD0000XX", "", "孙九", "", "是", "", ""),
        (code, "", "赵六", "", "是", "", ""),
        (code, "", "赵六", "", "是", "", ""),
    ]
    path = save_rows(tmp_path / "att.xlsx", rows)
    plan = plan_import(store, "attendance", path, ImportOptions(town.township_id))
    check(
        plan,
        {
            2: (Fate.UPDATE, ""),
            3: (Fate.UPDATE, ""),
            4: (Fate.ADD, ""),
            5: (Fate.SKIP, "此人不在签到表上，且未到场，无需登记"),
            6: (Fate.REFUSE, "第 6 行「行号」：签到表中没有行号“009”"),
            7: (Fate.REFUSE, "第 7 行「服务时长」：只有“志愿服务”活动才登记服务时长"),
            8: (Fate.REFUSE, "第 8 行「活动编号」：活动编号“HD0000XX”不在台账中"),
            9: (Fate.UPDATE, ""),
            10: (Fate.REFUSE, "第 10 行「姓名」：与第 9 行是签到表上的同一人"),
        },
    )
    commit_plan(store, plan)
    sheet = {r.name: r for r in ActivityService(store).sheet(activity_id)}  # type: ignore[arg-type]
    assert sheet["王秀英"].status is AttendanceStatus.PRESENT and sheet["王秀英"].hours == Decimal("2.00")
    assert sheet["王秀英"].signed_at is not None
    assert sheet["李伟"].status is AttendanceStatus.ABSENT
    walk_in = sheet["路人甲"]
    assert (walk_in.status, walk_in.row_code, walk_in.hours) == (
        AttendanceStatus.WALK_IN,
        "004",
        Decimal("1.50"),
    )
    # The same file again: marked rows are skipped unless asked to update.
    again = plan_import(store, "attendance", path, ImportOptions(town.township_id))
    assert again.rows[0].fate is Fate.SKIP and again.rows[2].fate is Fate.SKIP


def test_a_failing_sheet_commit_writes_nothing(store: Store, town: Township1, tmp_path: Path) -> None:
    residents = ResidentService(store)
    a = residents.create(town.township_id, town.community_ids[0], "王秀英")
    _code, activity_id = _activity(store, town)
    path = save_rows(tmp_path / "i.xlsx", [("姓名",), ("王秀英",)])
    plan = plan_import(store, "invitations", path, ImportOptions(town.township_id, activity_id=activity_id))  # type: ignore[arg-type]
    ActivityService(store).invite(activity_id, [a.id])  # type: ignore[arg-type]
    before = ledger_digest(store.path)
    with pytest.raises(Exception, match="预览之后签到表已有变化"):
        commit_plan(store, plan)
    assert ledger_digest(store.path) == before
