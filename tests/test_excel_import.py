"""Importing a messy resident roster: every row's fate and reason, duplicates in the file and against the
ledger, and an import that fails at commit leaving the ledger exactly as it was."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from conftest import Township1
from excel.books import as_wps, fullwidth, ident, ledger_digest, read_sheet, save_rows

from liandian_desktop.excel import (
    Cancel,
    Fate,
    ImportCancelled,
    ImportOptions,
    ImportPlan,
    WorkbookError,
    commit_plan,
    plan_import,
    save_refusal_report,
)
from liandian_desktop.ledger.errors import ConflictError, LedgerError
from liandian_desktop.ledger.models import Gender, PersonalDataLog, Resident, SpecialGroup
from liandian_desktop.ledger.services.base import ListQuery
from liandian_desktop.ledger.services.people import ResidentService
from liandian_desktop.store.engine import Store

HEADER = (
    "序号",
    "姓名",
    "性别",
    "公民身份号码 ",
    "出生年月",
    "手机号",
    "所属社区",
    "家庭住址",
    "低保",
    "残疾人",
    "备注",
)

OLD_LADY = ident(date(1950, 3, 5), 2)  # female, born 1950-03-05
MAN_62 = ident(date(1962, 7, 1), 11)
MAN_54 = ident(date(1954, 10, 3), 13)
WOMAN_80 = ident(date(1980, 1, 1), 24)
FULLWIDTH_MAN = ident(date(1990, 12, 9), 35)
NUMBER_ID = ident(date(1970, 5, 6), 17)
FLOAT_ID = ident(date(1971, 5, 6), 19)
KNOWN = ident(date(1948, 2, 2), 41)  # already in the ledger
BAD_CHECK = ident(date(1985, 4, 4), 51)[:17] + ("0" if ident(date(1985, 4, 4), 51)[17] != "0" else "1")
WRONG_GENDER = ident(date(1991, 1, 1), 62)  # even: female
MERGED_A = ident(date(1999, 9, 9), 71)
MERGED_B = ident(date(1999, 9, 10), 72)
RARE = ident(date(2001, 6, 1), 81)


def messy_roster(path: Path) -> Path:
    rows: list[tuple[object, ...]] = [
        HEADER,
        (
            1,
            "王秀英",
            "女",
            OLD_LADY,
            datetime(1950, 3, 5),
            13812345678,
            "识字岭社区",
            "识字岭路12号",
            "是",
            "",
            "",
        ),
        (
            2,
            "\u3000李　伟 ",
            "男",
            fullwidth(FULLWIDTH_MAN),
            "",
            "１３９１２３４５６７８",
            "八一路",
            "八一路3号 ",
            "",
            "",
            "",
        ),
        (3, "赵国强", "男", int(NUMBER_ID), "", "13800000003", "识字岭社区", "", "", "", ""),
        (4, "钱多多", "女", float(FLOAT_ID), "", "13800000004", "识字岭社区", "", "", "", ""),
        (None, None, None, None, None, None, None, None, None, None, None),
        (5, "孙大爷", "男", MAN_62, "1962年7月1日", "13800000005", "识字岭", "", "否", "是", ""),
        (6, "周大伯", "", MAN_54, 20000, "13800000006", "430102001001", "", "", "", ""),
        (7, "吴阿姨", "女", WOMAN_80, 19800101, "0731-84561234", "八一路社区", "", "", "", ""),
        (8, "郑小明", "", "", "1990.3.5", "1381234", "识字岭社区", "", "", "", ""),
        (9, "冯小红", "", "", "", "13800000009", "幸福村", "", "", "", ""),
        (10, "王秀英", "女", OLD_LADY, "", "13800000010", "识字岭社区", "", "", "", "同一人又录了一遍"),
        (11, "陈老伯", "男", KNOWN, "", "13900000011", "识字岭社区", "", "", "", ""),
        (12, "褚一", "", BAD_CHECK, "", "", "识字岭社区", "", "", "", ""),
        (13, "卫二", "男", WRONG_GENDER, "", "", "识字岭社区", "", "", "", ""),
        (14, "张三1", "", "", "", "", "识字岭社区", "", "", "", ""),
        (15, None, "", "", "", "13800000015", "识字岭社区", "", "", "", ""),
        (16, "蒋五", "", "", "", "#N/A", "识字岭社区", "", "", "", ""),
        (17, "沈一", "", MERGED_A, "", "", "八一路社区", "同住 5 号", "", "", ""),
        (18, "沈二", "", MERGED_B, "", "", None, None, "", "", ""),
        (19, "王𠅤", "", RARE, "", "", "识字岭社区", "", "", "", ""),
        ("制表人：张三", None, None, None, None, None, None, None, None, None, None),
    ]
    return save_rows(
        path,
        rows,
        title="文艺路街道 2026 年居民花名册",
        notes=("填报单位：识字岭社区　　填报日期：2026年3月", ""),
        merges=("G22:G23", "H22:H23"),  # 村 and 住址 written once for two people
    )


# Rows in the sheet: title 1, notes 2–3, header 4, data from 5 (the blank row is 9, the footer 25).
EXPECTED = {
    5: (Fate.ADD, ""),
    6: (Fate.ADD, ""),
    7: (Fate.REFUSE, "第 7 行「公民身份号码」：身份证号码被保存成了数字"),
    8: (Fate.REFUSE, "第 8 行「公民身份号码」：身份证号码被保存成了数字"),
    10: (Fate.ADD, ""),
    11: (Fate.ADD, ""),
    12: (Fate.ADD, ""),
    13: (Fate.REFUSE, "第 13 行「手机号」：手机号码应为11位数字，以13–19开头；“1381234”不符合"),
    14: (Fate.REFUSE, "第 14 行「所属社区」：“幸福村”不是本乡镇（街道）的村或社区"),
    15: (Fate.REFUSE, "第 15 行「公民身份号码」：身份证号码与第 5 行相同，是重复记录"),
    16: (Fate.SKIP, "台账中已有（陈老伯（识字岭社区））"),
    17: (Fate.REFUSE, "第 17 行「公民身份号码」：身份证号码校验位不正确"),
    18: (Fate.REFUSE, "第 18 行「性别」：性别“男”与身份证号码不符"),
    19: (Fate.REFUSE, "第 19 行「姓名」：姓名不能包含数字"),
    20: (Fate.REFUSE, "第 20 行「姓名」：必填，不能为空"),
    21: (Fate.REFUSE, "第 21 行「手机号」：单元格是 Excel 错误值“#N/A”"),
    22: (Fate.ADD, ""),
    23: (Fate.ADD, ""),
    24: (Fate.ADD, ""),
}


def known_resident(store: Store, town: Township1) -> Resident:
    return ResidentService(store).create(
        town.township_id, town.community_ids[0], "陈老伯", id_number=KNOWN, phone="13900000000"
    )


def fates(plan: ImportPlan) -> dict[int, tuple[Fate, str]]:
    return {r.row: (r.fate, r.reason) for r in plan.rows}


def assert_rows(plan: ImportPlan, expected: dict[int, tuple[Fate, str]]) -> None:
    got = fates(plan)
    assert sorted(got) == sorted(expected), got
    for row, (fate, reason) in expected.items():
        assert got[row][0] is fate, (row, got[row])
        assert reason in got[row][1], (row, got[row][1])


def test_every_row_of_a_messy_roster_gets_its_fate_and_reason(
    store: Store, town: Township1, tmp_path: Path
) -> None:
    known_resident(store, town)
    plan = plan_import(
        store, "residents", messy_roster(tmp_path / "roster.xlsx"), ImportOptions(town.township_id)
    )
    assert plan.header_row == 4 and plan.sheet == "Sheet1"
    assert plan.blank_rows == 2  # the empty row and the footer note
    assert "序号" in plan.ignored_columns
    assert_rows(plan, EXPECTED)
    assert plan.counts() == {Fate.ADD: 8, Fate.UPDATE: 0, Fate.SKIP: 1, Fate.REFUSE: 10}
    assert plan.summary().startswith("居民名册：共 19 行：新增 8，更新 0，跳过 1，拒绝 10")
    by_row = {r.row: r for r in plan.rows}
    assert by_row[5].label == f"王秀英 {OLD_LADY[:6]}********{OLD_LADY[-4:]}"


def test_nothing_is_written_until_the_plan_is_committed(
    store: Store, town: Township1, tmp_path: Path
) -> None:
    before = ledger_digest(store.path)
    plan_import(store, "residents", messy_roster(tmp_path / "roster.xlsx"), ImportOptions(town.township_id))
    assert ledger_digest(store.path) == before


def test_commit_writes_the_valid_rows_cleaned(store: Store, town: Township1, tmp_path: Path) -> None:
    known_resident(store, town)
    plan = plan_import(
        store, "residents", messy_roster(tmp_path / "roster.xlsx"), ImportOptions(town.township_id)
    )
    result = commit_plan(store, plan)
    assert (result.added, result.updated, result.skipped, result.refused) == (8, 0, 1, 10)
    residents = {r.id_number: r for r in ResidentService(store).list(ListQuery(limit=None)).rows}
    assert len(residents) == 9
    lady = residents[OLD_LADY]
    assert (lady.name, lady.gender, lady.birth_date, lady.phone) == (
        "王秀英",
        Gender.FEMALE,
        date(1950, 3, 5),
        "13812345678",
    )
    assert lady.groups == {
        SpecialGroup.DIBAO,
        SpecialGroup.ELDERLY,
    }  # 低保 from the flag, 老年人 from the age
    assert lady.address == "识字岭路12号"
    li = residents[FULLWIDTH_MAN]
    assert (li.name, li.phone, li.address) == (
        "李伟",
        "13912345678",
        "八一路3号",
    )  # full-width folded, trimmed
    assert li.community_id == town.community_ids[1]  # "八一路" without 社区
    sun = residents[MAN_62]
    assert sun.groups == {SpecialGroup.DISABLED, SpecialGroup.ELDERLY}
    assert residents[MAN_54].birth_date == date(1954, 10, 3)  # Excel serial 20000
    assert residents[MAN_54].community_id == town.community_ids[0]  # by division code
    assert residents[WOMAN_80].phone == "0731-84561234"
    assert residents[MERGED_B].community_id == town.community_ids[1]  # filled from the merged cell
    assert residents[MERGED_B].address == "同住 5 号"
    assert residents[RARE].name == "王𠅤"
    assert NUMBER_ID not in residents and FLOAT_ID not in residents  # never stored with lost digits
    # Nameless ID-less row 11 (郑小明) was refused for its phone; 冯小红 for her village.
    names = {r.name for r in residents.values()}
    assert "郑小明" not in names and "冯小红" not in names
    assert plan.committed
    with pytest.raises(LedgerError, match="已经导入过"):
        commit_plan(store, plan)


def test_dates_in_every_spelling(store: Store, town: Township1, tmp_path: Path) -> None:
    spellings: list[object] = [
        "1950-03-05",
        "1950/3/5",
        "1950.3.5",
        "1950年3月5日",
        "19500305",
        19500305,
        datetime(1950, 3, 5),
        date(1950, 3, 5),
        18327,  # the Excel serial of 1950-03-05
        "１９５０．３．５",
        " 1950-03-05 00:00:00 ",
    ]
    rows = [("姓名", "出生日期", "村/社区")] + [
        (f"王{chr(0x4E00 + i)}", s, "识字岭社区") for i, s in enumerate(spellings)
    ]
    path = save_rows(tmp_path / "dates.xlsx", rows, formats={"B8": 'yyyy"年"m"月"d"日"'})
    plan = plan_import(store, "residents", path, ImportOptions(town.township_id))
    assert [r.fate for r in plan.rows] == [Fate.ADD] * len(spellings), [r.reason for r in plan.rows]
    assert {r.batch.values["birth_date"] for r in plan.rows if r.batch} == {date(1950, 3, 5)}


def test_duplicates_against_the_ledger_are_updated_when_asked(
    store: Store, town: Township1, tmp_path: Path
) -> None:
    known = known_resident(store, town)
    rows = [
        ("姓名", "身份证号", "联系电话", "村（社区）", "特殊群体"),
        ("陈老伯", KNOWN, "13900000011", "识字岭社区", "低保、残疾"),
        ("陈老伯", KNOWN, "13900000012", "识字岭社区", ""),
    ]
    path = save_rows(tmp_path / "again.xlsx", rows)
    plan = plan_import(store, "residents", path, ImportOptions(town.township_id, on_duplicate="update"))
    assert_rows(
        plan,
        {
            2: (Fate.UPDATE, ""),
            3: (Fate.REFUSE, "第 3 行「身份证号」：身份证号码与第 2 行相同，是重复记录"),
        },
    )
    update = plan.rows[0]
    assert update.matched == "陈老伯（识字岭社区）"
    assert [str(c) for c in update.changes] == [
        "联系电话：13900000000 → 13900000011",
        "特殊群体：老年人 → 老年人、残疾人、低保",
    ]
    commit_plan(store, plan)
    stored = ResidentService(store).get(known.id)
    assert stored.phone == "13900000011"
    assert stored.groups == {SpecialGroup.ELDERLY, SpecialGroup.DISABLED, SpecialGroup.DIBAO}
    # The same file again: nothing left to change.
    again = plan_import(store, "residents", path, ImportOptions(town.township_id, on_duplicate="update"))
    assert again.rows[0].fate is Fate.SKIP and "无需更新" in again.rows[0].reason


def test_a_flag_column_alone_changes_only_its_group(store: Store, town: Township1, tmp_path: Path) -> None:
    known = ResidentService(store).create(
        town.township_id, town.community_ids[0], "陈老伯", id_number=KNOWN, groups=["dibao"]
    )
    path = save_rows(
        tmp_path / "flags.xlsx",
        [("姓名", "身份证号", "社区", "独居老人", "残疾人"), ("陈老伯", KNOWN, "识字岭", "是", "否")],
    )
    plan = plan_import(store, "residents", path, ImportOptions(town.township_id, on_duplicate="update"))
    commit_plan(store, plan)
    assert ResidentService(store).get(known.id).groups == {
        SpecialGroup.DIBAO,
        SpecialGroup.ELDERLY,
        SpecialGroup.LIVING_ALONE,
    }


def test_a_failure_at_commit_leaves_the_ledger_exactly_as_it_was(
    store: Store, town: Township1, tmp_path: Path
) -> None:
    known_resident(store, town)
    plan = plan_import(
        store,
        "residents",
        messy_roster(tmp_path / "roster.xlsx"),
        ImportOptions(town.township_id, on_duplicate="update"),
    )
    assert plan.counts()[Fate.ADD] == 8 and plan.counts()[Fate.UPDATE] == 1
    before = ledger_digest(store.path)
    calls: list[tuple[str, float]] = []

    def explode(stage: str, fraction: float) -> None:
        calls.append((stage, fraction))
        if fraction > 0:  # after the rows were inserted, inside the transaction
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        commit_plan(store, plan, progress=explode)
    assert calls and calls[-1][1] > 0
    assert ledger_digest(store.path) == before
    assert not plan.committed
    assert commit_plan(store, plan).added == 8  # and the plan still commits afterwards


def test_a_cancelled_commit_writes_nothing(store: Store, town: Township1, tmp_path: Path) -> None:
    plan = plan_import(
        store, "residents", messy_roster(tmp_path / "roster.xlsx"), ImportOptions(town.township_id)
    )
    before = ledger_digest(store.path)
    cancel = Cancel()

    def cancel_midway(stage: str, fraction: float) -> None:
        if fraction > 0:
            cancel.cancel()

    with pytest.raises(ImportCancelled):
        commit_plan(store, plan, progress=cancel_midway, cancel=cancel)
    assert ledger_digest(store.path) == before


def test_cancelling_a_plan_stops_reading(store: Store, town: Township1, tmp_path: Path) -> None:
    cancel = Cancel()
    cancel.cancel()
    with pytest.raises(ImportCancelled):
        plan_import(
            store,
            "residents",
            messy_roster(tmp_path / "r.xlsx"),
            ImportOptions(town.township_id),
            cancel=cancel,
        )


def test_a_ledger_changed_since_the_plan_refuses_the_whole_commit(
    store: Store, town: Township1, tmp_path: Path
) -> None:
    plan = plan_import(
        store, "residents", messy_roster(tmp_path / "roster.xlsx"), ImportOptions(town.township_id)
    )
    ResidentService(store).create(town.township_id, town.community_ids[0], "王秀英", id_number=OLD_LADY)
    before = ledger_digest(store.path)
    with pytest.raises(ConflictError, match="预览之后台账已有变化"):
        commit_plan(store, plan)
    assert ledger_digest(store.path) == before


def test_a_deleted_record_to_update_refuses_the_whole_commit(
    store: Store, town: Township1, tmp_path: Path
) -> None:
    known = known_resident(store, town)
    plan = plan_import(
        store,
        "residents",
        messy_roster(tmp_path / "roster.xlsx"),
        ImportOptions(town.township_id, on_duplicate="update"),
    )
    ResidentService(store).delete(known.id)
    before = ledger_digest(store.path)
    with pytest.raises(ConflictError):
        commit_plan(store, plan)
    assert ledger_digest(store.path) == before


def test_the_refusal_report_gives_the_bad_rows_back_as_they_were(
    store: Store, town: Township1, tmp_path: Path
) -> None:
    plan = plan_import(
        store, "residents", messy_roster(tmp_path / "roster.xlsx"), ImportOptions(town.township_id)
    )
    report = tmp_path / "bad.xlsx"
    assert save_refusal_report(store, plan, report) == 10
    rows = read_sheet(report)
    header = rows[2]
    assert (
        header[: len(HEADER)] == tuple(h.strip() if h.endswith(" ") else h for h in HEADER)
        or header[1] == "姓名"
    )
    assert header[-2:] == ("原行号", "问题说明")
    body = rows[3:]
    assert [r[-2] for r in body] == [7, 8, 13, 14, 15, 17, 18, 19, 20, 21]
    number_row = body[0]
    assert isinstance(number_row[3], float) and number_row[3] == plan.rows[2].cells[3]  # as it was: a number
    assert "身份证号码被保存成了数字" in str(number_row[-1])
    assert body[2][5] == "1381234" and "手机号码应为11位数字" in str(body[2][-1])
    with store.session() as session:
        log = session.query(PersonalDataLog).one()
    assert log.action == "export" and log.people_count == 10 and log.unmasked
    assert "导入问题报告" in log.document


def test_a_corrected_report_imports(store: Store, town: Township1, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    plan = plan_import(
        store, "residents", messy_roster(tmp_path / "roster.xlsx"), ImportOptions(town.township_id)
    )
    commit_plan(store, plan)
    report = tmp_path / "bad.xlsx"
    save_refusal_report(store, plan, report)
    wb = load_workbook(report)
    ws = wb.active
    assert ws is not None
    ws.cell(4, 4).value = NUMBER_ID  # the village re-types the ID as text
    ws.cell(6, 6).value = "13812340000"  # fixes the phone
    wb.save(report)
    again = plan_import(store, "residents", report, ImportOptions(town.township_id))
    assert again.header_row == 3
    assert [r.row for r in again.rows if r.fate is Fate.ADD] == [4, 6]


def test_a_wps_saved_copy_imports_the_same(store: Store, town: Township1, tmp_path: Path) -> None:
    original = messy_roster(tmp_path / "roster.xlsx")
    wps = as_wps(original, tmp_path / "wps.xlsx")
    a = plan_import(store, "residents", original, ImportOptions(town.township_id))
    b = plan_import(store, "residents", wps, ImportOptions(town.township_id))
    assert fates(a) == fates(b)
    assert len(b.rows) == 19


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "文件是空的"),
        (b"name,id\n\xe7\x8e\x8b,1\n", "不是 Excel 工作簿"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500, "旧版 Excel（.xls）"),
        (b"PK\x03\x04 broken", "已损坏"),
    ],
)
def test_files_that_are_not_workbooks_are_refused_before_anything(
    store: Store, town: Township1, tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "file.xlsx"
    path.write_bytes(content)
    with pytest.raises(WorkbookError, match=message):
        plan_import(store, "residents", path, ImportOptions(town.township_id))


def test_a_word_document_is_not_a_workbook(store: Store, town: Township1, tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "letter.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(WorkbookError, match="不是 Excel 工作簿"):
        plan_import(store, "residents", path, ImportOptions(town.township_id))


def test_an_empty_workbook_is_refused(store: Store, town: Township1, tmp_path: Path) -> None:
    path = save_rows(tmp_path / "empty.xlsx", [])
    with pytest.raises(WorkbookError, match="工作簿是空的"):
        plan_import(store, "residents", path, ImportOptions(town.township_id))


def test_a_workbook_without_a_recognisable_header_is_refused(
    store: Store, town: Township1, tmp_path: Path
) -> None:
    path = save_rows(
        tmp_path / "odd.xlsx", [("Col A", "Col B", "Col C"), ("x", "y", "z")], title="某某统计表"
    )
    with pytest.raises(WorkbookError, match="没有找到可识别的表头"):
        plan_import(store, "residents", path, ImportOptions(town.township_id))


def test_a_header_without_a_required_column_is_refused(store: Store, town: Township1, tmp_path: Path) -> None:
    path = save_rows(tmp_path / "no_village.xlsx", [("姓名", "身份证号"), ("王秀英", OLD_LADY)])
    with pytest.raises(WorkbookError, match="缺少必填列：所属村（社区）"):
        plan_import(store, "residents", path, ImportOptions(town.township_id))
    plan = plan_import(
        store, "residents", path, ImportOptions(town.township_id, community_id=town.community_ids[1])
    )
    assert plan.rows[0].fate is Fate.ADD
    assert (
        plan.rows[0].batch is not None and plan.rows[0].batch.values["community_id"] == town.community_ids[1]
    )


def test_two_row_header_with_a_group_over_the_flags(store: Store, town: Township1, tmp_path: Path) -> None:
    rows = [
        ("姓名", "身份证号", "村/社区", "特殊群体", None, None),
        (None, None, None, "低保", "特困", "残疾人"),
        ("王秀英", OLD_LADY, "识字岭社区", "√", "", "√"),
    ]
    path = save_rows(tmp_path / "two.xlsx", rows, merges=("A1:A2", "B1:B2", "C1:C2", "D1:F1"))
    plan = plan_import(store, "residents", path, ImportOptions(town.township_id))
    assert plan.header_row == 1 and plan.rows[0].row == 3
    assert plan.rows[0].fate is Fate.ADD, plan.rows[0].reason
    assert plan.rows[0].batch is not None
    assert plan.rows[0].batch.values["special_groups"] == "dibao,disabled,elderly"
