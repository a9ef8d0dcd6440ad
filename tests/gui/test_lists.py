"""三张清单与对接会: demands with the category → item cascade, supplies with capacity left, the meeting
(proposals in the background, confirm with an amount, a capacity overrun refused, reject), and a confirmed
match turned into a work order."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from liandian_desktop.gui.pages.lists import ListsScreen
from liandian_desktop.gui.qt import QPushButton, Qt
from liandian_desktop.ledger.models import (
    DemandStatus,
    MatchStatus,
    SpecialGroup,
    SupplyKind,
    Urgency,
)
from liandian_desktop.ledger.services.base import ListQuery
from liandian_desktop.ledger.validation import quarter_of

QUARTER = quarter_of(date.today())


def catalogue(gui: Any) -> tuple[Any, Any]:
    categories, items = gui.ctx.demands.catalogue()
    return categories, items


def open_lists(gui: Any) -> ListsScreen:
    page = gui.open("lists")
    assert isinstance(page, ListsScreen)
    return page


def test_a_demand_is_raised_with_the_category_item_cascade(gui: Any, town: Any) -> None:
    page = open_lists(gui)
    b = page.demands
    categories, items = catalogue(gui)
    elderly = next(c for c in categories if c.name == "养老服务")

    gui.click(b.buttons["new"])
    form = gui.form(b)
    assert form.editor("item_id").count() == 1  # nothing to choose before a category
    form.set_value("community_id", town.community_ids[0])
    form.set_value("category_id", elderly.id)
    names = [form.editor("item_id").itemText(i) for i in range(form.editor("item_id").count())]
    assert names[1:] == [i.name for i in items if i.category_id == elderly.id]
    assert "老年助餐" in names
    form.set_value("item_id", next(i.id for i in items if i.name == "老年助餐"))
    assert "老年助餐" in form.editor("title").placeholderText()
    form.set_value("urgency", Urgency.URGENT)
    form.set_value("special_group", SpecialGroup.ELDERLY_80)
    form.editor("beneficiaries").setValue(12)
    gui.save(form)

    row = gui.texts(b, 0)
    assert row[1:8] == ["老年助餐", "识字岭社区", "养老服务", QUARTER, "较急", "高龄老人", "12"]
    assert row[-1] == "待对接"

    # a title is needed when no item is chosen: said next to the field
    gui.click(b.buttons["new"])
    form = gui.form(b)
    form.set_value("community_id", town.community_ids[1])
    form.set_value("category_id", elderly.id)
    gui.save(form, closes=False)
    assert form.error_text("title") == "请填写需求标题或选择需求事项"
    form.editor("title").setText("独居老人需要上门探访")
    gui.save(form)
    assert b.list.model.rowCount() == 2

    # edit: the special group goes back to none
    gui.select(b, lambda d: d.title == "老年助餐")
    gui.click(b.buttons["edit"])
    form = gui.form(b)
    assert form.editor("special_group").currentText() == "高龄老人"
    assert form.editor("item_id").currentText() == "老年助餐"
    form.set_value("special_group", None)
    gui.save(form)
    assert gui.ctx.demands.list(ListQuery(search="老年助餐")).rows[0].special_group == ""


def test_demands_search_filter_sort_cancel_reopen_delete_undo(gui: Any, town: Any) -> None:
    categories, _ = catalogue(gui)
    demands = gui.ctx.demands
    tid, c1, c2 = town.township_id, *town.community_ids
    lamp = demands.create(tid, c1, QUARTER, categories[0].id, "路灯不亮", urgency=Urgency.CRITICAL)
    demands.create(tid, c2, QUARTER, categories[1].id, "助餐点太远")
    demands.create(tid, c2, "2026-Q1", categories[0].id, "道路坑洼", raised_on=date(2026, 2, 1))
    b = open_lists(gui).demands
    assert b.list.model.rowCount() == 3

    b.list.search.setText("灯")  # one Chinese character finds it
    b.list.search.returnPressed.emit()
    gui.qtbot.waitUntil(lambda: b.list.model.rowCount() == 1)
    assert gui.texts(b, 0)[1] == "路灯不亮"
    b.list.search.setText("")
    b.list.search.returnPressed.emit()
    gui.qtbot.waitUntil(lambda: b.list.model.rowCount() == 3)

    b.list.set_filter("quarter", "2026-Q1")
    gui.qtbot.waitUntil(lambda: b.list.model.rowCount() == 1)
    assert gui.texts(b, 0)[1] == "道路坑洼"
    b.list.set_filter("quarter", None)
    b.list.set_filter("community_id", c2)
    gui.qtbot.waitUntil(lambda: b.list.model.rowCount() == 2)
    b.list.set_filter("community_id", None)
    gui.idle()

    # sorting is done by the ledger: by title, both ways
    titles = sorted(["路灯不亮", "助餐点太远", "道路坑洼"])
    b.list.sort_by(1, Qt.SortOrder.AscendingOrder)
    gui.idle()
    assert gui.column(b, "标题") == titles
    b.list.sort_by(1, Qt.SortOrder.DescendingOrder)
    gui.idle()
    assert gui.column(b, "标题") == titles[::-1]

    gui.select(b, lambda d: d.id == lamp.id)
    assert b.buttons["cancel"].isEnabled() and not b.buttons["reopen"].isEnabled()
    gui.click(b.buttons["cancel"])
    form = gui.form(b)
    form.editor("reason").setPlainText("已由社区自行修复")
    gui.save(form)
    assert b.current().status == DemandStatus.CANCELLED
    assert b.list.model.text(b.list.model.row_of(lamp.id), 10) == "已取消"
    gui.click(b.buttons["reopen"])
    gui.idle()
    assert b.current().status == DemandStatus.OPEN

    gui.click(b.buttons["delete"])
    gui.answer(b, "删除")
    assert b.list.model.row_of(lamp.id) is None
    undo = gui.window.status.undo
    assert undo.isVisible() and "路灯不亮" in undo.label.text()
    undo.button.click()
    gui.idle()
    assert b.list.model.row_of(lamp.id) is not None
    assert demands.get(lamp.id).deleted_at is None
    filter_status = b.list.filter_boxes["status"]
    assert filter_status.itemText(0) == "全部状态"


def test_supplies_show_capacity_with_its_unit_and_what_is_left(gui: Any, town: Any) -> None:
    categories, _ = catalogue(gui)
    b = open_lists(gui).supplies
    gui.click(b.buttons["new"])
    form = gui.form(b)
    form.set_value("unit_id", town.unit_ids[0])
    form.set_value("kind", SupplyKind.FUNDS)
    assert form.editor("capacity").placeholderText() == "单位：元"
    form.editor("title").setText("民政局养老专项资金")
    form.editor("capacity").setText("50000")
    gui.save(form, closes=False)
    assert form.error_text("category_codes") == "请至少选择一个可服务的需求类别"
    form.set_value("category_codes", [categories[1].code, categories[0].code])
    gui.save(form)
    row = gui.texts(b, 0)
    assert row[1:8] == [
        "民政局养老专项资金",
        "民政局",
        QUARTER,
        "资金",
        "50000 元",
        "50000 元",
        f"{categories[0].name}、{categories[1].name}",
    ]

    # edit: the unit and the quarter are fixed; the capacity shows without trailing zeros
    gui.click(b.buttons["edit"])
    form = gui.form(b)
    assert not form.editor("unit_id").isEnabled()
    assert form.editor("capacity").text() == "50000"
    form.set_value("kind", SupplyKind.TALENT)
    form.editor("capacity").setText("2.5")
    gui.save(form)
    assert gui.texts(b, 0)[5:7] == ["2.5 人·天", "2.5 人·天"]

    # delete, then undo: the row comes back with what it has left
    gui.click(b.buttons["delete"])
    gui.answer(b, "删除")
    assert b.list.model.rowCount() == 0
    gui.window.status.undo.button.click()
    gui.idle()
    assert gui.texts(b, 0)[1] == "民政局养老专项资金" and gui.texts(b, 0)[6] == "2.5 人·天"


def seed_meeting(gui: Any, town: Any) -> dict[str, Any]:
    """Two open demands in community 1, and two supplies: one from a unit paired with it, one not."""
    categories, _ = catalogue(gui)
    infra = categories[0]
    tid, c1, _c2 = town.township_id, *town.community_ids
    demands, supplies = gui.ctx.demands, gui.ctx.supplies
    lamp = demands.create(tid, c1, QUARTER, infra.id, "路灯不亮", urgency=Urgency.CRITICAL)
    road = demands.create(tid, c1, QUARTER, infra.id, "道路坑洼")
    team = supplies.create(
        tid, town.unit_ids[0], QUARTER, SupplyKind.TALENT, "电工服务队", 2, category_codes=[infra.code]
    )
    return {"lamp": lamp, "road": road, "team": team}


def test_the_meeting_proposes_confirms_refuses_an_overrun_and_rejects(gui: Any, town: Any) -> None:
    seeded = seed_meeting(gui, town)
    page = open_lists(gui)
    page.tabs.setCurrentWidget(page.meeting)
    meeting = page.meeting
    assert meeting.quarter() == QUARTER
    assert "待对接需求 2 项，其中 0 项有待决定的建议" in meeting.summary.text()
    assert meeting.empty.isVisible() and "生成建议" in meeting.empty.text()

    with gui.qtbot.waitSignal(meeting.board_loaded, timeout=5000):
        gui.click(meeting.generate_button)
    gui.idle()
    tree = meeting.tree
    assert tree.topLevelItemCount() == 2
    first = tree.topLevelItem(0)
    assert "路灯不亮" in first.text(0)  # the critical demand comes first
    assert first.text(0).endswith("识字岭社区　·　紧急　·　受益 1 人　·　1 个候选")
    assert first.child(0).text(0) == "电工服务队"
    assert first.child(0).text(3) == "2 人·天"
    assert "结对单位" in first.child(0).text(4)
    assert "其中 2 项有待决定的建议（共 2 条）" in meeting.summary.text()

    # 3 person-days from 2: the ledger refuses, the form says why and stays open
    tree.setCurrentItem(first.child(0))
    gui.click(meeting.confirm_button)
    form = gui.form(meeting)
    form.editor("allocated").setText("3")
    gui.save(form, closes=False)
    assert "剩余容量 2 人·天，不足以分配 3 人·天" in form.banner.text
    form.editor("allocated").setText("2")
    with gui.qtbot.waitSignal(meeting.board_loaded, timeout=5000):
        gui.save(form)
    gui.idle()

    confirmed = meeting.confirmed
    assert confirmed.list.model.rowCount() == 1
    row = gui.texts(confirmed, 0)
    assert row[0].endswith("路灯不亮") and row[2] == "电工服务队" and row[4] == "2 人·天"
    assert row[-1] == "已对接"
    # the other demand's proposal now shows the supply used up
    assert tree.topLevelItemCount() == 1
    assert tree.topLevelItem(0).child(0).text(3) == "0 人·天"
    assert gui.ctx.demands.get(seeded["lamp"].id).status == DemandStatus.MATCHED
    assert page.supplies.list.model.record(0).remaining == Decimal("0")

    # rejecting needs a reason
    tree.setCurrentItem(tree.topLevelItem(0).child(0))
    gui.click(meeting.reject_button)
    form = gui.form(meeting)
    gui.save(form, closes=False)
    assert form.error_text("note") == "请填写否决理由"
    form.editor("note").setPlainText("路面归交通部门")
    with gui.qtbot.waitSignal(meeting.board_loaded, timeout=5000):
        gui.save(form)
    assert tree.topLevelItemCount() == 0
    assert "本季度没有待决定的建议" in meeting.empty.text()
    statuses = {m.status for m in gui.ctx.matches.list(ListQuery()).rows}
    assert statuses == {MatchStatus.CONFIRMED, MatchStatus.REJECTED}


def test_a_confirmed_match_becomes_a_work_order(gui: Any, town: Any) -> None:
    seeded = seed_meeting(gui, town)
    matches = gui.ctx.matches
    proposals = matches.propose(town.township_id, QUARTER)
    saved = matches.save_proposals(town.township_id, QUARTER, proposals)
    lamp_match = next(m for m in saved if m.demand_id == seeded["lamp"].id)
    matches.confirm(lamp_match.id, 1)

    page = open_lists(gui)
    page.tabs.setCurrentWidget(page.meeting)
    confirmed = page.meeting.confirmed
    gui.select(confirmed, lambda m: m.id == lamp_match.id)
    assert confirmed.buttons["to_order"].isEnabled() and not confirmed.buttons["open_order"].isEnabled()
    gui.click(confirmed.buttons["to_order"])
    form = gui.form(confirmed)
    assert form.editor("title").text() == "路灯不亮"
    assert form.editor("urgency").currentText() == "紧急"
    gui.save(form)

    (order,) = gui.ctx.orders.list(ListQuery(filters={"demand_id": seeded["lamp"].id})).rows
    assert order.title == "路灯不亮" and order.community_id == town.community_ids[0]
    assert order.urgency == Urgency.CRITICAL and "电工服务队" in order.description
    assert gui.ctx.demands.get(seeded["lamp"].id).status == DemandStatus.ORDERED
    assert gui.texts(confirmed, 0)[-1] == "已转工单"
    assert not confirmed.buttons["to_order"].isEnabled() and not confirmed.buttons["withdraw"].isEnabled()
    gui.qtbot.waitUntil(lambda: page.demands.list.model.text(0, 10) in ("已转工单", "待对接"))

    # 查看工单 opens the order on the orders page
    gui.click(confirmed.buttons["open_order"])
    gui.qtbot.waitUntil(lambda: gui.window.current_key() == "orders")
    orders = gui.window.pages["orders"].browser
    gui.qtbot.waitUntil(lambda: orders.current() is not None and orders.current().id == order.id)


def test_withdrawing_a_confirmation_gives_the_capacity_back(gui: Any, town: Any) -> None:
    seeded = seed_meeting(gui, town)
    matches = gui.ctx.matches
    saved = matches.save_proposals(town.township_id, QUARTER, matches.propose(town.township_id, QUARTER))
    lamp_match = next(m for m in saved if m.demand_id == seeded["lamp"].id)
    matches.confirm(lamp_match.id, 2)

    page = open_lists(gui)
    page.tabs.setCurrentWidget(page.meeting)
    confirmed = page.meeting.confirmed
    gui.select(confirmed, lambda m: m.id == lamp_match.id)
    gui.click(confirmed.buttons["withdraw"])
    form = gui.form(confirmed)
    form.editor("note").setPlainText("会后单位表示本季度排不开")
    gui.save(form)
    assert confirmed.list.model.rowCount() == 0
    assert gui.ctx.demands.get(seeded["lamp"].id).status == DemandStatus.OPEN
    gui.qtbot.waitUntil(lambda: page.meeting.tree.topLevelItemCount() == 1)
    assert page.meeting.tree.topLevelItem(0).child(0).text(3) == "2 人·天"


def test_proposing_runs_in_the_background_and_can_be_cancelled(gui: Any, town: Any, monkeypatch: Any) -> None:
    """A slow proposal shows the progress dialog; 取消 leaves the earlier proposals as they were."""
    import threading

    seed_meeting(gui, town)
    matches = gui.ctx.matches
    release = threading.Event()
    propose = matches.propose

    def slow(township_id: Any, quarter: str) -> Any:
        release.wait(5)
        return propose(township_id, quarter)

    monkeypatch.setattr(matches, "propose", slow)
    page = open_lists(gui)
    page.tabs.setCurrentWidget(page.meeting)
    meeting = page.meeting
    gui.click(meeting.generate_button)
    assert not meeting.generate_button.isEnabled()  # one run at a time
    task = meeting.task
    gui.qtbot.waitUntil(lambda: getattr(task, "progress_dialog", None) is not None, timeout=3000)
    dialog = task.progress_dialog
    assert dialog.isVisible() and dialog.labelText().startswith("正在生成匹配建议")
    (cancel,) = dialog.findChildren(QPushButton)
    with gui.qtbot.waitSignal(task.cancelled, timeout=5000):
        cancel.click()
        release.set()
    gui.idle()
    assert meeting.generate_button.isEnabled()
    assert matches.list(ListQuery()).total == 0  # nothing was saved
    assert meeting.tree.topLevelItemCount() == 0
