"""活动与走访: invite residents, then key the paper sign-in sheet back with the keyboard alone."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from liandian_desktop.gui.pages.activities import ActivitiesScreen, InviteDialog
from liandian_desktop.gui.qt import QAbstractItemView, Qt
from liandian_desktop.ledger.models import ActivityKind, utcnow


def sheet_rows(sheet: Any) -> list[list[str]]:
    model = sheet.model
    return [
        [str(model.data(model.index(r, c)) or "") for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def test_invite_and_key_the_sheet_by_row_code(gui: Any, town: Any) -> None:
    for name in ("王秀英", "𠅤明", "赵䶮"):
        gui.ctx.residents.create(town.township_id, town.community_ids[0], name)
    page = gui.open("activities")
    assert isinstance(page, ActivitiesScreen)
    b = page.browser

    gui.click(b.buttons["new"])
    form = gui.form(b)
    form.editor("title").setText("健康义诊")
    form.set_value("community_id", town.community_ids[0])
    gui.save(form)
    assert gui.texts(b, 0)[1:4] == ["健康义诊", "服务活动", "识字岭社区"]
    sheet = b.sheet
    assert sheet.activity is not None and sheet.model.rowCount() == 0

    # invite everyone in the community
    sheet.invite_button.click()
    gui.qtbot.waitUntil(lambda: isinstance(sheet.last_dialog, InviteDialog))
    dialog = sheet.last_dialog
    gui.qtbot.waitUntil(lambda: dialog.residents.model.rowCount() == 3)
    assert dialog.residents.table.selectionMode() == QAbstractItemView.SelectionMode.ExtendedSelection
    dialog.residents.table.selectAll()
    dialog.invite_button.click()
    gui.qtbot.waitUntil(lambda: sheet.model.rowCount() == 3)
    gui.idle()
    assert [row[0] for row in sheet_rows(sheet)] == ["001", "002", "003"]
    assert {row[1] for row in sheet_rows(sheet)} == {"王秀英", "𠅤明", "赵䶮"}
    assert sheet.counts.text() == "应到 3 人 · 签到 0 · 缺席 0 · 未录 3 · 现场加入 0"

    # type 2, Space: row 002 present; Enter: on to 003; Space: present
    table = sheet.table
    table.setFocus()
    gui.qtbot.keyClick(table, Qt.Key.Key_2)
    assert sheet.code_box.text() == "2" and table.currentIndex().row() == 1
    gui.qtbot.keyClick(table, Qt.Key.Key_Space)
    gui.idle()
    gui.qtbot.keyClick(table, Qt.Key.Key_Return)
    assert table.currentIndex().row() == 2
    gui.qtbot.keyClick(table, Qt.Key.Key_Space)
    gui.idle()
    # 1, Space twice: present, then absent (a correction)
    gui.qtbot.keyClicks(table, "1")
    gui.qtbot.keyClick(table, Qt.Key.Key_Space)
    gui.idle()
    gui.qtbot.keyClick(table, Qt.Key.Key_Space)
    gui.idle()
    statuses = [row[2] for row in sheet_rows(sheet)]
    assert statuses == ["✗ 缺席", "✓ 已签到", "✓ 已签到"]
    assert sheet.counts.text() == "应到 3 人 · 签到 2 · 缺席 1 · 未录 0 · 现场加入 0"

    # a walk-in takes the next row code
    sheet.walk_in_button.click()
    form = gui.form(sheet)
    form.editor("name").setText("刘建国")
    gui.save(form)
    assert sheet_rows(sheet)[3][:3] == ["004", "刘建国", "✓ 现场加入"]
    assert gui.ctx.activities.attendance_counts(sheet.activity.id).attended == 3


def test_hours_for_a_volunteer_activity(gui: Any, town: Any) -> None:
    resident = gui.ctx.residents.create(town.township_id, town.community_ids[0], "周志愿")
    activity = gui.ctx.activities.create(
        town.township_id,
        town.community_ids[0],
        ActivityKind.VOLUNTEER,
        "清扫楼道",
        utcnow() - timedelta(hours=3),
    )
    gui.ctx.activities.invite(activity.id, [resident.id])
    b = gui.open("activities").browser
    gui.select(b, lambda a: a.id == activity.id)
    sheet = b.sheet
    gui.qtbot.waitUntil(lambda: sheet.model.rowCount() == 1)
    assert sheet.model.columnCount() == 4  # 时长 only for volunteer service
    index = sheet.model.index(0, 3)
    assert sheet.model.flags(index) & Qt.ItemFlag.ItemIsEditable
    sheet.model.setData(index, "2.5")
    gui.idle()
    assert sheet_rows(sheet)[0][2:] == ["✓ 已签到", "2.5"]
    # a bad number: the ledger's message, in the sheet's banner
    sheet.model.setData(index, "abc")
    gui.idle()
    assert sheet.banner.text != ""
