"""Exports (lists as the user sees them, the three lists in the county layout), the personal-data log,
templates, and the round trip: export residents → import into an empty ledger → the same residents."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from conftest import Township1
from excel.books import ident, read_sheet
from openpyxl import load_workbook

from liandian_desktop.excel import (
    Fate,
    ImportKind,
    ImportOptions,
    commit_plan,
    export_list,
    export_three_lists,
    inspect_workbook,
    plan_import,
    write_template,
)
from liandian_desktop.ledger.models import (
    ActivityKind,
    Community,
    County,
    PersonalDataLog,
    Resident,
    Township,
)
from liandian_desktop.ledger.services.activities import ActivityService
from liandian_desktop.ledger.services.base import ListQuery
from liandian_desktop.ledger.services.lists import DemandService, MatchService, SupplyService
from liandian_desktop.ledger.services.orders import WorkOrderService
from liandian_desktop.ledger.services.org import CadreService, UnitService
from liandian_desktop.ledger.services.people import ResidentService
from liandian_desktop.ledger.services.volunteers import VolunteerService
from liandian_desktop.store.engine import Store
from liandian_desktop.store.migrate import open_store

TODAY = date.today()
QUARTER = f"{TODAY.year}-Q{(TODAY.month - 1) // 3 + 1}"


def logs(store: Store) -> list[PersonalDataLog]:
    with store.session() as session:
        return list(session.query(PersonalDataLog).order_by(PersonalDataLog.at))


def some_residents(store: Store, town: Township1) -> list[Resident]:
    service = ResidentService(store)
    c1, c2 = town.community_ids
    return [
        service.create(
            town.township_id,
            c1,
            "王秀英",
            id_number=ident(date(1950, 3, 5), 2),
            phone="13812345678",
            address="识字岭路12号",
            household_no="0012",
            groups=["dibao", "living_alone"],
            health_note="高血压",
            note="子女在外地",
        ),
        service.create(
            town.township_id, c1, "王𠅤", id_number=ident(date(1988, 8, 8), 31), phone="0731-84561234"
        ),
        service.create(town.township_id, c2, "阿依古丽·买买提", birth_date="1975-06-01", gender="女"),
        service.create(
            town.township_id, c2, "李伟", id_number=ident(date(2012, 1, 9), 17), groups=["left_behind_child"]
        ),
    ]


def test_a_list_export_masks_by_default_and_is_logged(store: Store, town: Township1, tmp_path: Path) -> None:
    some_residents(store, town)
    query = ListQuery(search="王", sort="name", limit=1)  # the screen shows one row; the export takes all
    result = export_list(store, ResidentService(store), query, tmp_path / "r.xlsx", operator="张专干")
    assert (result.rows, result.people, result.unmasked, result.logged) == (2, 2, False, True)
    rows = read_sheet(tmp_path / "r.xlsx")
    assert rows[0][0] == "居民名册" and "身份证号、电话已掩码" in str(rows[1][0])
    assert rows[2][:6] == ("姓名", "身份证号", "性别", "出生日期", "联系电话", "所属村（社区）")
    first = dict(zip(rows[2], rows[3], strict=True))
    assert first["姓名"] == "王秀英"  # sorted by name, as on screen
    assert first["身份证号"] == "430102********0025"[:6] + "********" + ident(date(1950, 3, 5), 2)[-4:]
    assert first["联系电话"] == "138****5678"
    assert first["特殊群体"] == "老年人、独居老人、低保"
    wb = load_workbook(tmp_path / "r.xlsx")
    ws = wb.active
    assert ws is not None and ws.cell(4, 2).number_format == "@"
    (log,) = logs(store)
    assert (log.action, log.document, log.people_count, log.unmasked, log.operator) == (
        "export",
        "居民名册导出",
        2,
        False,
        "张专干",
    )
    assert "身份证号（掩码）" in log.fields and "联系电话（掩码）" in log.fields
    assert "搜索“王”" in log.scope and log.target.endswith("r.xlsx") and log.township_id == town.township_id


def test_an_unmasked_export_is_logged_as_such(store: Store, town: Township1, tmp_path: Path) -> None:
    people = some_residents(store, town)
    query = ListQuery(filters={"community_id": town.community_ids[1]})
    result = export_list(store, ResidentService(store), query, tmp_path / "r.xlsx", unmasked=True)
    assert result.rows == 2 and result.unmasked
    rows = read_sheet(tmp_path / "r.xlsx")
    assert {r[1] for r in rows[3:]} == {None, people[3].id_number}
    (log,) = logs(store)
    assert log.unmasked and "身份证号（完整）" in log.fields and "community_id=八一路社区" in log.scope


def test_a_failed_export_leaves_no_file_and_no_log(
    store: Store, town: Township1, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    some_residents(store, town)

    def broken(src: object, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("liandian_desktop.excel.privacy.os.replace", broken)  # after the log row is added
    with pytest.raises(OSError, match="disk full"):
        export_list(store, ResidentService(store), None, tmp_path / "r.xlsx")
    assert logs(store) == [] and list(tmp_path.glob("*.xlsx")) == []


@pytest.fixture
def empty_ledger(tmp_path: Path, template_ledger: Path) -> Iterator[Store]:
    """A second ledger with the same township and communities (other ids) and no residents."""
    path = tmp_path / "other" / "ledger.sqlite3"
    path.parent.mkdir()
    shutil.copyfile(template_ledger, path)
    other = open_store(path, tmp_path / "other" / "backups")
    with other.transaction() as s:
        county = County(code="430102000000", name="芙蓉区")
        s.add(county)
        s.flush()
        township = Township(county_id=county.id, code="430102001000", name="文艺路街道")
        s.add(township)
        s.flush()
        s.add_all(
            [
                Community(township_id=township.id, code="430102001001", name="识字岭社区"),
                Community(township_id=township.id, code="430102001002", name="八一路社区"),
            ]
        )
    yield other
    other.close()


def _portable(store: Store) -> list[tuple[object, ...]]:
    with store.session() as session:
        communities = {c.id: c.name for c in session.query(Community)}
    return sorted(
        (
            r.name,
            r.id_number,
            r.gender,
            r.birth_date,
            r.phone,
            communities[r.community_id],
            r.address,
            r.household_no,
            r.special_groups,
            r.health_note,
            r.disability_note,
            r.note,
        )
        for r in ResidentService(store).list(ListQuery(limit=None)).rows
    )


def test_round_trip_export_then_import_into_an_empty_ledger(
    store: Store, town: Township1, empty_ledger: Store, tmp_path: Path
) -> None:
    some_residents(store, town)
    export_list(store, ResidentService(store), None, tmp_path / "all.xlsx", unmasked=True)
    (township,) = [t.id for t in _townships(empty_ledger)]
    plan = plan_import(empty_ledger, "residents", tmp_path / "all.xlsx", ImportOptions(township))
    assert [r.fate for r in plan.rows] == [Fate.ADD] * 4, [r.reason for r in plan.rows]
    commit_plan(empty_ledger, plan)
    assert _portable(empty_ledger) == _portable(store)


def _townships(store: Store) -> list[Township]:
    with store.session() as session:
        return list(session.query(Township))


def test_a_masked_export_cannot_be_imported_by_mistake(store: Store, town: Township1, tmp_path: Path) -> None:
    some_residents(store, town)
    export_list(store, ResidentService(store), None, tmp_path / "masked.xlsx")
    plan = plan_import(store, "residents", tmp_path / "masked.xlsx", ImportOptions(town.township_id))
    refused = [r for r in plan.rows if r.fate is Fate.REFUSE]
    assert len(refused) == 3  # the one without an ID number matches nobody and has no phone: added
    assert all("已被掩码" in r.reason for r in refused)


def test_every_list_exports_with_chinese_headers(store: Store, town: Township1, tmp_path: Path) -> None:
    some_residents(store, town)
    VolunteerService(store).register(
        town.township_id, "刘洋", ident(date(1990, 5, 1), 11), phone="13800001111"
    )
    CadreService(store).create("full_time", "周干部", unit_id=town.unit_ids[0], phone="13800005555")
    WorkOrderService(store).create(
        town.township_id,
        town.community_ids[0],
        "路灯不亮",
        requester_name="王秀英",
        requester_phone="13812345678",
    )
    ActivityService(store).create(
        town.township_id,
        town.community_ids[0],
        ActivityKind.SERVICE,
        "义诊",
        datetime.now(UTC) - timedelta(days=1),
    )
    cases = {
        "volunteers": (VolunteerService(store), "志愿者编号"),
        "units": (UnitService(store), "单位名称"),
        "cadres": (CadreService(store), "类型"),
        "demands": (DemandService(store), "需求编号"),
        "supplies": (SupplyService(store), "供给编号"),
        "orders": (WorkOrderService(store), "工单编号"),
        "activities": (ActivityService(store), "活动编号"),
        "matches": (MatchService(store), "季度"),
    }
    for name, (service, first_header) in cases.items():
        result = export_list(store, service, None, tmp_path / f"{name}.xlsx")
        rows = read_sheet(tmp_path / f"{name}.xlsx")
        assert rows[2][0] == first_header, name
        assert len(rows) == 3 + result.rows, name
    masked = read_sheet(tmp_path / "volunteers.xlsx")[3]
    assert (
        masked[3].endswith(ident(date(1990, 5, 1), 11)[-4:])
        and "*" in masked[3]
        and masked[6] == "138****1111"
    )


def test_three_lists_in_the_county_layout(store: Store, town: Township1, tmp_path: Path) -> None:
    demands, supplies, matches = DemandService(store), SupplyService(store), MatchService(store)
    d1 = demands.create(
        town.township_id,
        town.community_ids[0],
        QUARTER,
        "养老服务",
        item="老年助餐",
        requester_name="王秀英",
        beneficiaries=30,
    )
    demands.create(
        town.township_id, town.community_ids[1], QUARTER, "基础设施", "3栋路灯", special_group="disabled"
    )
    s1 = supplies.create(
        town.township_id, town.unit_ids[0], QUARTER, "funds", "助餐补贴", "20000", category_codes="C2"
    )
    supplies.create(
        town.township_id, town.unit_ids[1], QUARTER, "talent", "义诊医生", 12, category_codes="C4,C2"
    )
    saved = matches.save_proposals(town.township_id, QUARTER, matches.propose(town.township_id, QUARTER))
    confirmed = next(m for m in saved if m.demand_id == d1.id and m.supply_id == s1.id)
    matches.confirm(confirmed.id, allocated="5000")
    result = export_three_lists(store, town.township_id, QUARTER, tmp_path / "three.xlsx", operator="张专干")
    wb = load_workbook(tmp_path / "three.xlsx")
    assert wb.sheetnames == ["需求清单", "供给清单", "匹配清单"]
    year, q = QUARTER.split("-Q")
    ws = wb["需求清单"]
    assert ws["A1"].value == f"文艺路街道 {year}年第{q}季度 需求清单"
    assert "A1:M1" in {str(r) for r in ws.merged_cells.ranges}
    assert "乡镇（街道）：文艺路街道" in ws["A2"].value and f"季度：{year}年第{q}季度" in ws["A2"].value
    assert [c.value for c in ws[3]][:4] == ["序号", "需求编号", "村（社区）", "需求类别"]
    meal = next(r for r in ws.iter_rows(min_row=4, values_only=True) if r[5] == "老年助餐")
    assert (meal[3], meal[4], meal[9], meal[11], meal[12]) == ("养老服务", "老年助餐", 30, "王秀英", "已对接")
    assert ws["A6"].value.startswith("合计：需求 2 项，受益 31 人")
    supply_sheet = wb["供给清单"]
    funds = next(r for r in supply_sheet.iter_rows(values_only=True) if r[4] == "助餐补贴")
    assert (funds[6], funds[7], funds[8], funds[9]) == (20000, 5000, 15000, "元")
    totals = [
        r[0]
        for r in supply_sheet.iter_rows(values_only=True)
        if isinstance(r[0], str) and r[0].startswith("资金")
    ]
    assert totals == ["资金：1 项，容量 20000 元，已确认分配 5000 元"]
    match_sheet = wb["匹配清单"]
    first = [c.value for c in match_sheet[4]]
    assert first[7] == "已确认" and first[8] == 5000 and first[9] == "元"
    assert any(
        isinstance(r[0], str) and r[0].startswith("合计：建议")
        for r in match_sheet.iter_rows(values_only=True)
    )
    assert supply_sheet.print_title_rows == "$3:$3" or supply_sheet.print_title_rows == "3:3"
    assert result.people == 1
    (log,) = logs(store)
    assert log.document == "三张清单导出" and log.fields == "提出人" and log.people_count == 1


@pytest.mark.parametrize("kind", list(ImportKind))
def test_every_template_is_recognised_by_its_own_import(
    store: Store, town: Township1, tmp_path: Path, kind: ImportKind
) -> None:
    path = write_template(kind, tmp_path / f"{kind.value}.xlsx", store=store, township_id=town.township_id)
    wb = load_workbook(path)
    assert wb.sheetnames[:2] == [kind.label, "填表说明"]
    ranges = [str(dv.sqref) for dv in wb[kind.label].data_validations.dataValidation]
    assert len(ranges) == len(set(ranges))  # Excel "repairs" a file with overlapping validations
    layout = inspect_workbook(store, kind, path, ImportOptions(town.township_id))
    from liandian_desktop.excel import spec_of

    assert sorted(layout.columns.values()) == sorted(f.key for f in spec_of(kind).fields)
    assert layout.header.row == 1 and layout.source == "auto"


def test_the_resident_template_keeps_ids_as_text_and_offers_choices(
    store: Store, town: Township1, tmp_path: Path
) -> None:
    path = write_template("residents", tmp_path / "t.xlsx", store=store, township_id=town.township_id)
    wb = load_workbook(path)
    ws = wb["居民名册"]
    headers = [c.value for c in ws[1]]
    assert headers[:3] == ["*姓名", "身份证号", "性别"]
    id_col = headers.index("身份证号") + 1
    assert ws.cell(2, id_col).number_format == "@" and ws.cell(1000, id_col).number_format == "@"
    formulas = {dv.formula1 for dv in ws.data_validations.dataValidation if dv.formula1}
    assert '"男,女"' in formulas and '"是,否"' in formulas
    assert '"识字岭社区,八一路社区"' in formulas
    assert wb["填表说明"]["A1"].value == "居民名册导入模板 填表说明"
    notes = [r[0] for r in wb["填表说明"].iter_rows(values_only=True) if r[0]]
    assert any("文本" in str(n) for n in notes) and "身份证号" in notes
    # Filled in as a coordinator would (the ID typed into the text cell), it imports.
    ws.cell(2, 1, "王秀英")
    ws.cell(2, id_col, ident(date(1950, 3, 5), 2))
    ws.cell(2, headers.index("*所属村（社区）") + 1, "识字岭社区")
    ws.cell(2, headers.index("低保") + 1, "是")
    wb.save(path)
    plan = plan_import(store, "residents", path, ImportOptions(town.township_id))
    assert [r.fate for r in plan.rows] == [Fate.ADD], plan.rows[0].reason


def test_a_template_without_a_ledger_still_works(tmp_path: Path) -> None:
    path = write_template("supplies", tmp_path / "s.xlsx")
    wb = load_workbook(path)
    headers = [c.value for c in wb["供给清单"][1]]
    assert headers[:3] == ["供给编号", "*联点单位", "*季度"]
