"""Reading other people's workbooks: which sheet, which header row, which column is which (automatically,
by an explicit mapping, or by one remembered from last time), and what each cell means."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import pytest
from conftest import Township1
from excel.books import ident, ledger_digest, save_rows
from openpyxl import Workbook

from liandian_desktop.excel import (
    Fate,
    ImportOptions,
    WorkbookError,
    commit_plan,
    inspect_workbook,
    plan_import,
)
from liandian_desktop.excel.cells import CellError, read_cell
from liandian_desktop.excel.columns import RESIDENTS, FieldType, header_key, header_signature, match_headers
from liandian_desktop.store.engine import Store

OLD_LADY = ident(date(1950, 3, 5), 2)


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (("姓名", "身份证号码", "联系电话"), {0: "name", 1: "id_number", 2: "phone"}),
        (("名字", "证件号码", "手机号"), {0: "name", 1: "id_number", 2: "phone"}),
        (("*姓 名", "公民身份号码（必填）", "电话："), {0: "name", 1: "id_number", 2: "phone"}),
        (
            ("居民姓名", "居民身份证号码", "出生日期(yyyy-mm-dd)"),
            {0: "name", 1: "id_number", 2: "birth_date"},
        ),
        # someone else's phone is not the resident's phone
        (("姓名", "紧急联系人电话", "联系电话"), {0: "name", 2: "phone"}),
        (("姓名", "紧急联系人电话"), {0: "name"}),
        (("所属村（社区）", "村/社区"), {0: "community"}),
        (("是否低保", "残疾人", "独居"), {0: "flag:dibao", 1: "flag:disabled", 2: "flag:living_alone"}),
    ],
)
def test_header_matching_with_synonyms(headers: tuple[str, ...], expected: dict[int, str]) -> None:
    assert match_headers(headers, RESIDENTS) == expected


def test_header_keys_ignore_what_people_add() -> None:
    assert header_key("＊姓　名（必填）：") == header_key("姓名") == "姓名"
    assert header_signature(["姓名", "身份证号"]) == header_signature([" 姓名 ", "身份证号（必填）"])
    assert header_signature(["姓名", "身份证号"]) != header_signature(["身份证号", "姓名"])


@pytest.mark.parametrize(
    ("field", "raw", "value"),
    [
        ("name", "\u200b王\u3000秀英 ", "王 秀英"),  # zero-width space gone, full-width space folded
        ("household_no", 12.0, "12"),
        ("phone", 13812345678, "13812345678"),
        ("phone", 13812345678.0, "13812345678"),
        ("birth_date", "１９５０年３月５日", date(1950, 3, 5)),
        ("birth_date", 19500305, date(1950, 3, 5)),
        ("birth_date", datetime(1950, 3, 5, 0, 0), date(1950, 3, 5)),
        ("flag:dibao", "√", True),
        ("flag:dibao", "否", False),
        ("flag:dibao", "低保户", True),
        ("flag:dibao", 1, True),
        ("groups", "低保、残疾，独居; 优抚", ("低保", "残疾人", "独居老人", "优抚对象")),
        ("gender", "男性", "男"),
        ("address", "   ", None),
    ],
)
def test_cells_are_read_for_their_field(field: str, raw: object, value: object) -> None:
    assert read_cell(RESIDENTS.field(field), raw) == value


@pytest.mark.parametrize(
    ("field", "raw", "message"),
    [
        ("birth_date", "去年春天", "无法识别日期"),
        ("birth_date", time(9, 30), "只有时间"),
        ("flag:dibao", "可能", "应填“是”或“否”"),
        ("phone", 1381234567.5, "不是整数"),
        ("phone", "138****5678", "已被掩码"),
        ("id_number", "430102********0025", "已被掩码"),
        ("address", "#REF!", "Excel 错误值"),
    ],
)
def test_unreadable_cells_say_why(field: str, raw: object, message: str) -> None:
    with pytest.raises(CellError, match=message):
        read_cell(RESIDENTS.field(field), raw)


def test_other_typed_cells() -> None:
    from liandian_desktop.excel.columns import ATTENDANCE, DEMANDS

    signed = read_cell(ATTENDANCE.field("signed_at"), "2026年3月5日 9:30")
    assert isinstance(signed, datetime) and signed.tzinfo is not None
    assert (signed.hour, signed.minute) == (9, 30)
    assert read_cell(ATTENDANCE.field("signed_at"), datetime(2026, 3, 5, 9, 30)).tzinfo is not None  # type: ignore[union-attr]
    assert read_cell(DEMANDS.field("beneficiaries"), "30人") == 30
    with pytest.raises(CellError, match="应为整数"):
        read_cell(DEMANDS.field("beneficiaries"), "许多")
    assert ATTENDANCE.field("present").type is FieldType.FLAG


def test_the_sheet_with_the_header_is_chosen_and_hidden_sheets_are_skipped(
    store: Store, town: Township1, tmp_path: Path
) -> None:
    wb = Workbook()
    notes = wb.active
    assert notes is not None
    notes.title = "说明"
    notes.append(["本表由社区填写"])
    hidden = wb.create_sheet("旧表")
    hidden.append(["姓名", "身份证号", "村/社区"])
    hidden.append(["旧人", OLD_LADY, "识字岭社区"])
    hidden.sheet_state = "hidden"
    data = wb.create_sheet("花名册")
    data.append(["姓名", "身份证号", "村/社区"])
    data.append(["王秀英", OLD_LADY, "识字岭社区"])
    data.append(["姓名", "身份证号", "村/社区"])  # the header repeated on the next printed page
    data.append(["李伟", None, "八一路"])
    path = tmp_path / "book.xlsx"
    wb.save(path)
    plan = plan_import(store, "residents", path, ImportOptions(town.township_id))
    assert (
        plan.sheet == "花名册"
        and [r.fate for r in plan.rows] == [Fate.ADD, Fate.ADD]
        and plan.blank_rows == 1
    )
    layout = inspect_workbook(store, "residents", path, ImportOptions(town.township_id))
    assert layout.sheets == ("说明", "花名册") and layout.sample[0][0] == "王秀英"
    with pytest.raises(WorkbookError, match="没有找到可识别的表头"):
        plan_import(store, "residents", path, ImportOptions(town.township_id, sheet="说明"))
    with pytest.raises(WorkbookError):
        plan_import(store, "residents", path, ImportOptions(town.township_id, sheet="没有这张表"))


def _foreign(path: Path, name: str = "Name") -> Path:
    rows = [
        (name, "ID No.", "Mobile", "Village", "Remark"),
        ("王秀英", OLD_LADY, "13812345678", "识字岭社区", "ok"),
    ]
    return save_rows(path, rows, title="Residents export (from another system)")


def test_an_explicit_mapping_is_used_and_remembered_at_commit(
    store: Store, town: Township1, tmp_path: Path
) -> None:
    path = _foreign(tmp_path / "foreign.xlsx")
    with pytest.raises(WorkbookError, match="没有找到可识别的表头"):
        plan_import(store, "residents", path, ImportOptions(town.township_id))
    mapping: dict[str, str | None] = {
        "Name": "姓名",
        "ID No.": "id_number",
        "C": "手机号",  # by column letter
        "Village": "所属村（社区）",
        "Remark": None,  # ignored
    }
    twice = {**mapping, "Remark": "姓名"}
    with pytest.raises(WorkbookError, match="同一字段对应了多列"):
        plan_import(store, "residents", path, ImportOptions(town.township_id, mapping=twice))
    unknown = {**mapping, "Age": "备注"}
    with pytest.raises(WorkbookError, match="指定的列“Age”不在表头中"):
        plan_import(store, "residents", path, ImportOptions(town.township_id, mapping=unknown))
    bad_field = {**mapping, "C": "血型"}
    with pytest.raises(WorkbookError, match="不是居民名册的字段"):
        plan_import(store, "residents", path, ImportOptions(town.township_id, mapping=bad_field))
    before = ledger_digest(store.path)
    plan = plan_import(store, "residents", path, ImportOptions(town.township_id, mapping=mapping))
    assert plan.mapping_source == "explicit" and plan.header_row == 2
    assert plan.columns == {0: "name", 1: "id_number", 2: "phone", 3: "community"}
    assert plan.ignored_columns == ("Remark",)
    assert ledger_digest(store.path) == before  # planning remembers nothing
    commit_plan(store, plan)
    # Next month's file from the same system: no mapping needed.
    later = _foreign(tmp_path / "next.xlsx")
    again = plan_import(store, "residents", later, ImportOptions(town.township_id, on_duplicate="update"))
    assert again.mapping_source == "remembered" and again.columns == plan.columns
    assert again.rows[0].fate is Fate.SKIP
    # A different layout is not mistaken for it.
    with pytest.raises(WorkbookError):
        plan_import(
            store,
            "residents",
            _foreign(tmp_path / "other.xlsx", "Full name"),
            ImportOptions(town.township_id),
        )


def test_an_explicit_header_row(store: Store, town: Township1, tmp_path: Path) -> None:
    rows = [("说明：请勿修改",), ("Name", "Village"), ("王秀英", "识字岭社区")]
    path = save_rows(tmp_path / "h.xlsx", rows)
    plan = plan_import(
        store,
        "residents",
        path,
        ImportOptions(town.township_id, header_row=2, mapping={"A": "姓名", "B": "村/社区"}),
    )
    assert plan.header_row == 2 and plan.rows[0].fate is Fate.ADD


def test_inspect_reports_missing_required_columns(store: Store, town: Township1, tmp_path: Path) -> None:
    path = save_rows(tmp_path / "m.xlsx", [("姓名", "身份证号"), ("王秀英", OLD_LADY)])
    layout = inspect_workbook(store, "residents", path, ImportOptions(town.township_id))
    assert layout.missing == ("所属村（社区）",)
    assert (
        inspect_workbook(
            store, "residents", path, ImportOptions(town.township_id, community_id=town.community_ids[0])
        ).missing
        == ()
    )


def test_progress_is_reported(store: Store, town: Township1, tmp_path: Path) -> None:
    rows = [("姓名", "村/社区")] + [(f"王{chr(0x4E00 + i)}", "识字岭社区") for i in range(600)]
    path = save_rows(tmp_path / "p.xlsx", rows)
    seen: list[tuple[str, float]] = []
    plan = plan_import(
        store, "residents", path, ImportOptions(town.township_id), progress=lambda s, f: seen.append((s, f))
    )
    commit_plan(store, plan, progress=lambda s, f: seen.append((s, f)))
    stages = [s for s, _f in seen]
    assert stages[0] == "读取工作簿" and "校验" in stages and "写入台账" in stages and stages[-1] == "完成"
    fractions = [f for _s, f in seen]
    assert all(0.0 <= f <= 1.0 for f in fractions)
