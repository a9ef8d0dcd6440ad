"""导入与导出: a messy roster through the import wizard (mapping, preview with reasons, nothing written
before 确认导入, the residents in their list after it), cancelling, a commit that fails, the refusal report,
and exports of a filtered list (masked, logged; whole numbers only after a confirmation) and of the three
lists."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from excel.books import fullwidth, ident, ledger_digest, read_sheet, save_rows
from openpyxl import Workbook

from liandian_desktop.excel import exportable
from liandian_desktop.gui.listing import EXPORTABLE
from liandian_desktop.gui.pages.transfer import TransferScreen
from liandian_desktop.gui.pages.transfer_import import ImportWizard
from liandian_desktop.gui.pages.transfer_steps import CHOOSE, DONE, MAPPING, PREVIEW
from liandian_desktop.gui.qt import QApplication, QMessageBox, QProgressDialog, QPushButton
from liandian_desktop.ledger import models
from liandian_desktop.ledger.models import PersonalDataLog, Synced
from liandian_desktop.store.engine import Store

HEADER = ("序号", "名字", "性别", "公民身份号码", "手机号", "居住村组", "家庭住址", "低保")
LADY = ident(date(1950, 3, 5), 2)
LI = ident(date(1990, 12, 9), 35)
AS_NUMBER = ident(date(1970, 5, 6), 17)
KNOWN = ident(date(1948, 2, 2), 41)
RARE = ident(date(2001, 6, 1), 81)
MERGED_A = ident(date(1999, 9, 9), 71)
MERGED_B = ident(date(1999, 9, 10), 72)


def messy_roster(path: Path) -> Path:
    """A village's roster: a title and a note above the header, a column (居住村组) no rule recognises, an
    ID typed as a number, full-width digits, a bad phone, an unknown village, a person twice, someone
    already in the ledger, a blank row, a village written once for two people (merged), a rare character."""
    rows: list[tuple[object, ...]] = [
        HEADER,
        (1, "王秀英", "女", LADY, "13812345678", "识字岭社区", "识字岭路12号", "是"),
        (2, "\u3000李　伟 ", "男", fullwidth(LI), "１３９１２３４５６７８", "八一路", "八一路3号", ""),
        (3, "赵国强", "男", int(AS_NUMBER), "13800000003", "识字岭社区", "", ""),
        (None,) * 8,
        (4, "郑小明", "", "", "1381234", "识字岭社区", "", ""),
        (5, "冯小红", "", "", "13800000005", "幸福村", "", ""),
        (6, "王秀英", "女", LADY, "13800000006", "识字岭社区", "", ""),
        (7, "陈老伯", "男", KNOWN, "13900000011", "识字岭社区", "", ""),
        (8, "沈一", "", MERGED_A, "", "八一路社区", "同住 5 号", ""),
        (9, "沈二", "", MERGED_B, "", None, None, ""),
        (10, "王𠅤", "", RARE, "", "识字岭社区", "", ""),
    ]
    return save_rows(
        path,
        rows,
        title="文艺路街道居民花名册",
        notes=("填报单位：识字岭社区　　填报日期：2026年3月",),
        merges=("F12:F13", "G12:G13"),
    )


# Title row 1, note row 2, header row 3, data from row 4 (row 7 is blank; 沈一 and 沈二 are rows 12–13).
ADDED = ["王秀英", "李伟", "沈一", "沈二", "王𠅤"]
REASONS = {
    6: "第 6 行「公民身份号码」：身份证号码被保存成了数字",
    8: "第 8 行「手机号」：手机号码应为11位数字，以13–19开头；“1381234”不符合",
    9: "第 9 行「居住村组」：“幸福村”不是本乡镇（街道）的村或社区",
    10: "第 10 行「公民身份号码」：身份证号码与第 4 行相同，是重复记录",
}


def transfer_page(gui: Any) -> TransferScreen:
    page = gui.open("excel")
    assert isinstance(page, TransferScreen)
    return page


def open_file(gui: Any, wizard: ImportWizard, kind: str, path: Path) -> None:
    wizard.choose_kind(kind)
    wizard.set_file(path)
    with gui.qtbot.waitSignal(wizard.layout_ready, timeout=10_000):
        gui.click(wizard.choose.next_button)
    assert wizard.step == MAPPING


def preview(gui: Any, wizard: ImportWizard) -> None:
    with gui.qtbot.waitSignal(wizard.plan_ready, timeout=20_000):
        gui.click(wizard.mapping.preview_button)
    assert wizard.step == PREVIEW
    gui.idle()


def column_of(wizard: ImportWizard, header: str) -> int:
    table = wizard.mapping.table
    (row,) = [r for r in range(table.rowCount()) if table.item(r, 1).text() == header]
    return row


def know_chen(gui: Any, town: Any) -> None:
    gui.ctx.residents.create(town.township_id, town.community_ids[0], "陈老伯", id_number=KNOWN)


def logs(store: Store) -> list[PersonalDataLog]:
    with store.session() as session:
        return list(session.query(PersonalDataLog).order_by(PersonalDataLog.created_at))


def test_a_messy_roster_goes_through_mapping_preview_and_confirm(
    gui: Any, town: Any, store: Store, tmp_path: Path
) -> None:
    know_chen(gui, town)
    residents = gui.open("residents").browser
    assert residents.list.model.rowCount() == 1  # loaded before the import: it must show the new rows after
    wizard = transfer_page(gui).wizard
    open_file(gui, wizard, "residents", messy_roster(tmp_path / "花名册.xlsx"))

    # the mapping step: header found under the title, columns matched, the unknown one missing in red
    m = wizard.mapping
    assert m.header_spin.value() == 3 and m.sheet_box.currentText() == "Sheet1"
    assert [m.table.item(r, 1).text() for r in range(m.table.rowCount())] == list(HEADER)
    assert wizard.chosen_columns() == {
        1: "name",
        2: "gender",
        3: "id_number",
        4: "phone",
        6: "address",
        7: "flag:dibao",
    }
    assert "王秀英" in m.table.item(1, 3).text()  # the first rows are shown beside each header
    assert m.missing.isVisible() and "缺少必填列：所属村（社区）" in m.missing.text
    assert m.missing.property("level") == "error"
    assert not m.preview_button.isEnabled()
    wizard.set_field(column_of(wizard, "居住村组"), "community")
    assert not m.missing.isVisible() and m.preview_button.isEnabled()
    wizard.set_field(column_of(wizard, "家庭住址"), "community")  # one field, one column: 居住村组 is freed
    assert wizard.chosen_columns().get(5) is None and "F 列不再导入" in wizard.banner.text
    wizard.set_field(5, "community")
    wizard.set_field(6, "address")

    before = ledger_digest(store.path)
    preview(gui, wizard)
    p = wizard.preview_step
    assert [p.filter_buttons[f].text() for f in (None, "add", "update", "skip", "refuse")] == [
        "全部 10",
        "新增 5",
        "更新 0",
        "跳过 1",
        "拒绝 4",
    ]
    assert p.model.fate == "refuse"  # what needs attention is shown first
    rows = {int(p.model.texts(r)[0]): p.model.texts(r) for r in range(p.model.rowCount())}
    assert sorted(rows) == sorted(REASONS)
    for number, reason in REASONS.items():
        assert rows[number][1] == "拒绝" and reason in rows[number][3]
    p.show_fate("skip")
    assert p.model.rowCount() == 1 and "台账中已有（陈老伯（识字岭社区））" in p.model.texts(0)[3]
    p.show_fate("add")
    assert [p.model.texts(r)[2].split(" ")[0] for r in range(p.model.rowCount())] == ADDED
    assert p.model.texts(0)[2] == f"王秀英 {LADY[:6]}********{LADY[-4:]}"  # masked in the preview too
    assert "空行" in p.blank_note.text() and "序号" in p.blank_note.text()
    assert p.commit_button.text() == "确认导入（新增 5 条，更新 0 条）"
    assert ledger_digest(store.path) == before  # nothing is written before 确认导入

    with gui.qtbot.waitSignal(wizard.committed, timeout=10_000) as committed:
        gui.click(p.commit_button)
    assert (committed.args[0].added, committed.args[0].refused) == (5, 4)
    assert wizard.step == DONE
    assert wizard.done.summary.text() == "居民名册：新增 5 条，更新 0 条；跳过 1 行，拒绝 4 行。"
    gui.idle()

    # the refusal report: the refused rows as they were, the reason beside each, logged
    report = tmp_path / "退回.xlsx"
    with gui.qtbot.waitSignal(wizard.file_saved, timeout=5000):
        wizard.save_refusals(report)
    sheet = read_sheet(report)
    assert sheet[2][: len(HEADER)] == HEADER and sheet[2][-2:] == ("原行号", "问题说明")
    body = sheet[3:]
    assert [r[-2] for r in body] == sorted(REASONS)
    assert isinstance(body[0][3], float)  # as it was: a number (its last digits lost, as in the file)
    assert REASONS[6] in str(body[0][-1])
    (log,) = logs(store)
    assert "导入问题报告" in log.document and log.people_count == 4 and log.operator == "测试员"
    assert "已保存拒绝清单（4 行）" in wizard.banner.text and wizard.folder_button.isVisible()

    # the residents list, loaded before the import, shows them (names cleaned, rare character intact)
    gui.click(wizard.done.show_button)
    assert gui.window.current_key() == "residents"
    gui.qtbot.waitUntil(lambda: residents.list.model.rowCount() == 6, timeout=5000)
    assert sorted(gui.column(residents, "姓名")) == sorted([*ADDED, "陈老伯"])
    li = gui.ctx.residents.list(_query(town, search="李伟")).rows[0]
    assert (li.id_number, li.phone, li.community_id) == (LI, "13912345678", town.community_ids[1])
    shen = gui.ctx.residents.list(_query(town, search="沈二")).rows[0]
    assert shen.community_id == town.community_ids[1]  # the merged village cell

    gui.open("excel")
    # the changed columns were remembered: the same layout comes back mapped
    gui.click(wizard.done.again_button)
    assert wizard.step == CHOOSE
    open_file(gui, wizard, "residents", tmp_path / "花名册.xlsx")
    assert wizard.layout_ is not None and wizard.layout_.source == "remembered"
    assert wizard.chosen_columns()[5] == "community" and not m.missing.isVisible()


def _query(town: Any, search: str) -> Any:
    from liandian_desktop.ledger.services.base import ListQuery

    return ListQuery(search=search, filters={"township_id": town.township_id})


def test_cancelling_the_preview_of_a_large_file(gui: Any, town: Any, store: Store, tmp_path: Path) -> None:
    """20,000 rows: the window keeps answering (progress arrives), 取消 in the progress dialog stops the
    check, and the user is back at the mapping with nothing written."""
    path = tmp_path / "big.xlsx"
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("花名册")
    ws.append(["姓名", "身份证号", "所属社区", "联系电话"])
    for i in range(20_000):
        born = date(1940 + i % 60, 1 + i % 12, 1 + i % 28)
        ws.append([f"王{chr(0x4E00 + i % 700)}", ident(born, i % 1000), "识字岭社区", f"138{i:08d}"])
    wb.save(path)
    wizard = transfer_page(gui).wizard
    open_file(gui, wizard, "residents", path)
    before = ledger_digest(store.path)

    gui.click(wizard.mapping.preview_button)
    task = wizard.task
    assert task is not None and task.name == "plan_import"
    gui.qtbot.waitUntil(lambda: "%" in wizard.status.text(), timeout=5000)  # progress while it runs
    gui.qtbot.waitUntil(lambda: getattr(task, "progress_dialog", None) is not None, timeout=5000)
    dialog = task.progress_dialog  # type: ignore[attr-defined]
    assert isinstance(dialog, QProgressDialog) and "正在逐行检查" in dialog.labelText()
    with gui.qtbot.waitSignal(task.cancelled, timeout=10_000):
        (cancel,) = [b for b in dialog.findChildren(QPushButton) if b.text() == "取消"]
        cancel.click()
    gui.idle()
    assert wizard.step == MAPPING and wizard.plan is None and wizard.task is None
    assert "已取消检查" in wizard.banner.text
    assert wizard.mapping.preview_button.isEnabled()
    assert ledger_digest(store.path) == before


def test_a_commit_that_fails_leaves_the_ledger_as_it_was(
    gui: Any, town: Any, store: Store, tmp_path: Path
) -> None:
    wizard = transfer_page(gui).wizard
    open_file(gui, wizard, "residents", messy_roster(tmp_path / "花名册.xlsx"))
    wizard.set_field(5, "community")
    preview(gui, wizard)
    # meanwhile someone keys 王秀英 in by hand: the plan no longer matches the ledger
    gui.ctx.residents.create(town.township_id, town.community_ids[0], "王秀英", id_number=LADY)
    before = ledger_digest(store.path)
    gui.click(wizard.preview_step.commit_button)
    gui.qtbot.waitUntil(lambda: "台账没有任何改动" in wizard.banner.text, timeout=10_000)
    assert "预览之后台账已有变化" in wizard.banner.text
    assert wizard.banner.property("level") == "error"
    assert ledger_digest(store.path) == before
    assert wizard.step == PREVIEW and wizard.result is None

    with gui.qtbot.waitSignal(wizard.plan_ready, timeout=10_000):
        gui.click(wizard.preview_step.recheck_button)  # 重新检查: she is now a duplicate, skipped
    assert wizard.preview_step.filter_buttons["skip"].text() == "跳过 1"
    with gui.qtbot.waitSignal(wizard.committed, timeout=10_000) as committed:
        gui.click(wizard.preview_step.commit_button)
    assert committed.args[0].added == 5  # 李伟, 陈老伯, 沈一, 沈二, 王𠅤


def test_sheet_and_header_row_can_be_chosen(gui: Any, town: Any, tmp_path: Path) -> None:
    """A workbook whose header no rule recognises opens on row 1 with a warning; choosing the header row
    and the columns by hand makes it importable. A second sheet can be chosen."""
    path = tmp_path / "名单.xlsx"
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "说明"
    ws.append(["这张表由网格员填写", "请勿改动"])
    ws.append(["编号", "人员", "组别"])
    ws.append([1, "周大伯", "八一路社区"])
    other = wb.create_sheet("花名册")
    other.append(["姓名", "村（社区）"])
    other.append(["吴阿姨", "识字岭社区"])
    wb.save(path)
    wizard = transfer_page(gui).wizard
    open_file(gui, wizard, "residents", path)
    m = wizard.mapping
    assert wizard.layout_ is not None and wizard.layout_.sheet == "花名册"  # the sheet that looks like one
    assert [m.sheet_box.itemText(i) for i in range(m.sheet_box.count())] == ["说明", "花名册"]

    with gui.qtbot.waitSignal(wizard.layout_ready, timeout=5000):
        wizard.set_sheet("说明")
    assert m.header_spin.value() == 1 and "没有找到可识别的表头" in wizard.banner.text
    with gui.qtbot.waitSignal(wizard.layout_ready, timeout=5000):
        wizard.set_header_row(2)
    assert [m.table.item(r, 1).text() for r in range(m.table.rowCount())] == ["编号", "人员", "组别"]
    assert "周大伯" in m.table.item(1, 3).text()
    assert "姓名" in m.missing.text and "所属村（社区）" in m.missing.text
    wizard.set_field(1, "name")
    wizard.set_field(2, "community")
    assert not m.missing.isVisible()
    preview(gui, wizard)
    assert wizard.preview_step.filter_buttons["add"].text() == "新增 1"
    assert wizard.preview_step.model.texts(0)[2] == "周大伯"


def test_a_roster_without_a_village_column_takes_the_chosen_village(
    gui: Any, town: Any, tmp_path: Path
) -> None:
    path = save_rows(tmp_path / "a.xlsx", [("姓名", "身份证号"), ("吴阿姨", ident(date(1980, 1, 1), 24))])
    wizard = transfer_page(gui).wizard
    open_file(gui, wizard, "residents", path)
    m = wizard.mapping
    assert m.community_box.isVisible() and not m.activity_box.isVisible()
    assert "缺少必填列：所属村（社区）" in m.missing.text and "右侧选项" in m.missing.text
    m.community_box.set_value(town.community_ids[1])
    assert not m.missing.isVisible()
    preview(gui, wizard)
    with gui.qtbot.waitSignal(wizard.committed, timeout=10_000):
        gui.click(wizard.preview_step.commit_button)
    (wu,) = gui.ctx.residents.list(_query(town, search="吴阿姨")).rows
    assert wu.community_id == town.community_ids[1]


def test_a_template_for_the_chosen_kind(gui: Any, town: Any, tmp_path: Path) -> None:
    wizard = transfer_page(gui).wizard
    wizard.choose_kind("volunteers")
    assert wizard.choose.template_button.text() == "下载“志愿者名册”导入模板…"
    target = tmp_path / "模板.xlsx"
    with gui.qtbot.waitSignal(wizard.file_saved, timeout=10_000):
        wizard.write_template(target)
    header = read_sheet(target)[0]
    assert "*姓名" in header and "*身份证号" in header and "专业技能" in header
    assert "已生成“志愿者名册”导入模板" in wizard.banner.text


# -- exports -----------------------------------------------------------------------------------------------


def residents_for_export(gui: Any, town: Any) -> None:
    c1, c2 = town.community_ids
    people = [
        ("王一", c1, ident(date(1950, 1, 1), 11), "13800000001"),
        ("王二", c1, ident(date(1951, 1, 1), 13), "13800000002"),
        ("李三", c1, ident(date(1952, 1, 1), 15), "13800000003"),
        ("王四", c2, ident(date(1953, 1, 1), 17), "13800000004"),
    ]
    for name, community, number, phone in people:
        gui.ctx.residents.create(town.township_id, community, name, id_number=number, phone=phone)


def filtered_residents(gui: Any, town: Any) -> Any:
    browser = gui.open("residents").browser
    browser.list.set_filter("community_id", town.community_ids[0])
    gui.qtbot.waitUntil(lambda: not browser.list.model.busy and browser.list.model.rowCount() == 3)
    browser.list.search.setText("王")
    gui.qtbot.waitUntil(
        lambda: browser.list.model.state.search == "王" and not browser.list.model.busy, timeout=3000
    )
    assert gui.column(browser, "姓名") == ["王一", "王二"]
    return browser


def test_exporting_a_filtered_list_writes_those_rows_masked_and_logs_it(
    gui: Any, town: Any, store: Store, tmp_path: Path
) -> None:
    residents_for_export(gui, town)
    browser = filtered_residents(gui, town)
    export = browser.excel_export
    assert export is not None and export.button.isVisible() and export.button.menu() is not None
    target = tmp_path / "居民.xlsx"
    with gui.qtbot.waitSignal(export.exported, timeout=10_000):
        export.request(False, target)
    sheet = read_sheet(target)
    header = sheet[2]
    body = [dict(zip(header, row, strict=True)) for row in sheet[3:]]
    assert [r["姓名"] for r in body] == ["王一", "王二"]  # exactly what the list shows, in its order
    first = ident(date(1950, 1, 1), 11)
    assert body[0]["身份证号"] == f"{first[:6]}********{first[-4:]}"
    assert body[0]["联系电话"] == "138****0001"
    assert "搜索“王”" in str(sheet[1][0]) and "已掩码" in str(sheet[1][0])
    (log,) = logs(store)
    assert (log.action, log.people_count, log.unmasked, log.operator) == ("export", 2, False, "测试员")
    assert "识字岭社区" in log.scope and "搜索“王”" in log.scope
    assert "已导出 2 行" in browser.banner.text and "已打码" in browser.banner.text


def test_an_unmasked_export_needs_a_confirmation(gui: Any, town: Any, store: Store, tmp_path: Path) -> None:
    residents_for_export(gui, town)
    browser = filtered_residents(gui, town)
    export = browser.excel_export
    target = tmp_path / "完整.xlsx"

    export.request(True, target)
    box = export.last_dialog
    assert isinstance(box, QMessageBox) and "完整的身份证号码" in box.text()
    (no,) = [b for b in box.buttons() if b.text() == "取消"]
    no.click()
    gui.idle()
    assert not target.exists() and logs(store) == []

    export.request(True, target)
    box = export.last_dialog
    assert isinstance(box, QMessageBox) and "个人信息使用日志" in box.informativeText()
    with gui.qtbot.waitSignal(export.exported, timeout=10_000):
        (yes,) = [b for b in box.buttons() if b.text() == "导出完整信息"]
        yes.click()
    body = read_sheet(target)[3:]
    assert body[0][1] == ident(date(1950, 1, 1), 11) and body[0][4] == "13800000001"
    (log,) = logs(store)
    assert log.unmasked and log.people_count == 2


def test_lists_offer_export_where_the_excel_module_can_write_them(gui: Any, town: Any) -> None:
    models_ = [m for m in vars(models).values() if isinstance(m, type) and issubclass(m, Synced)]
    assert {m.__name__: exportable(m)[1] for m in models_ if exportable(m)[0]} == EXPORTABLE
    page = gui.open("org")
    assert page.communities.excel_export is None  # communities: nothing to export
    assert page.units.excel_export is not None
    assert page.units.excel_export.button.menu() is not None  # contact phones: masked or whole
    activities = gui.open("activities").browser
    assert activities.excel_export is not None and activities.excel_export.button.menu() is None


def test_the_three_lists_of_a_quarter(gui: Any, town: Any, store: Store, tmp_path: Path) -> None:
    from liandian_desktop.ledger.validation import quarter_of

    quarter = quarter_of(datetime.now().date())
    gui.ctx.demands.create(
        town.township_id, town.community_ids[0], quarter, "C1", "路灯不亮", requester_name="王秀英"
    )
    page = transfer_page(gui)
    panel = page.export
    page.tabs.setCurrentWidget(panel)
    assert panel.quarter() == quarter
    gui.qtbot.waitUntil(lambda: "需求 1 条" in panel.quarter_counts.text(), timeout=5000)
    target = tmp_path / "三张清单.xlsx"
    task = panel.export_three_lists(target)
    assert task is not None
    with gui.qtbot.waitSignal(task.finished, timeout=10_000):
        pass
    from openpyxl import load_workbook

    assert load_workbook(target).sheetnames == ["需求清单", "供给清单", "匹配清单"]
    assert "已导出" in panel.banner.text and panel.folder_button.isVisible()
    (log,) = logs(store)
    assert log.document == "三张清单导出" and log.people_count == 1


@pytest.fixture(autouse=True)
def _no_dialog_left(qapp: QApplication) -> Any:
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, (QMessageBox, QProgressDialog)) and widget.isVisible():
            widget.close()
