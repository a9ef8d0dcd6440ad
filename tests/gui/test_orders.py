"""工单: the closed loop as a coordinator drives it, and what the screen shows at each step."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from liandian_desktop.gui.pages.orders import OrdersScreen
from liandian_desktop.gui.theme import GREEN, RED
from liandian_desktop.ledger.models import utcnow

ALL_STEPS = (
    "dispatch",
    "redispatch",
    "accept",
    "first_contact",
    "resolve",
    "evaluate",
    "reopen",
    "withdraw",
    "invalidate",
)


def enabled_steps(browser: Any) -> set[str]:
    return {name for name in ALL_STEPS if browser.buttons[name].isEnabled()}


def test_the_closed_loop_from_order_to_evaluation(gui: Any, town: Any) -> None:
    page = gui.open("orders")
    assert isinstance(page, OrdersScreen)
    b = page.browser
    assert b.list.model.rowCount() == 0

    gui.click(b.buttons["new"])
    form = gui.form(b)
    form.editor("title").setText("3 栋路灯不亮")
    gui.save(form, closes=False)  # no community chosen: said next to the field, nothing written
    assert form.error_text("community_id") == "请选择村（社区）"
    form.set_value("community_id", town.community_ids[1])
    form.editor("title").setText("3 栋路灯不亮")
    form.editor("requester_name").setText("王秀英")
    gui.save(form)
    assert gui.texts(b, 0)[1:5] == ["3 栋路灯不亮", "八一路社区", "一般", "待派单"]
    assert gui.column(b, "响应时限") == ["未派单"]
    assert enabled_steps(b) == {"dispatch", "withdraw", "invalidate"}

    # 派单: the unit paired with the community comes first
    gui.click(b.buttons["dispatch"])
    form = gui.form(b)
    combo = form.editor("unit_id")
    assert combo.itemText(0) == "区卫生健康局（结对单位）"
    assert form.editor("response_limit_hours").value() == 24
    gui.save(form)
    assert gui.texts(b, 0)[4:6] == ["已派单", "卫健局"]
    (countdown,) = gui.column(b, "响应时限")
    assert countdown.startswith("剩余 23 小时") or countdown.startswith("剩余 24 小时"), countdown
    assert enabled_steps(b) == {"redispatch", "accept", "withdraw", "invalidate"}

    gui.click(b.buttons["accept"])
    gui.save(gui.form(b))
    assert gui.texts(b, 0)[4] == "已接单"

    gui.click(b.buttons["first_contact"])
    form = gui.form(b)
    form.editor("note").setPlainText("电话联系居民，约定明早上门")
    gui.save(form)
    assert gui.texts(b, 0)[4] == "办理中"
    (response,) = gui.column(b, "响应时限")
    assert response.startswith("已响应")
    model = b.list.model
    assert model.data(model.index(0, 7), 9) == GREEN  # Qt.ForegroundRole

    # 办结 without saying what was done: the ledger's message appears under the field
    gui.click(b.buttons["resolve"])
    form = gui.form(b)
    gui.save(form, closes=False)
    assert form.isVisible()
    assert form.error_text("note") == "请填写办理结果"
    form.editor("note").setPlainText("已更换灯泡")
    gui.save(form)
    assert gui.texts(b, 0)[4] == "已办结"
    assert enabled_steps(b) == {"evaluate", "reopen"}

    gui.click(b.buttons["evaluate"])
    form = gui.form(b)
    assert form.editor("satisfaction").currentText() == "满意"
    gui.save(form)
    assert gui.texts(b, 0)[4] == "已评单"
    assert enabled_steps(b) == {"reopen"}

    # the timeline in the detail panel
    gui.qtbot.waitUntil(lambda: len(b.detail.events) == 6)
    assert [step for _, step, _ in b.detail.events] == ["点单", "派单", "接单", "首次联系", "办结", "评单"]
    assert b.detail.events[1][2].startswith("卫健局")
    assert "满意／已解决" in b.detail.timeline.toPlainText()
    assert b.detail.values["status"].text() == "已评单"


def test_withdraw_needs_a_reason_and_shows_grey(gui: Any, town: Any) -> None:
    order = gui.ctx.orders.create(town.township_id, town.community_ids[0], "申请修缮活动室")
    b = gui.open("orders").browser
    gui.select(b, lambda o: o.id == order.id)
    gui.click(b.buttons["withdraw"])
    form = gui.form(b)
    gui.save(form, closes=False)
    assert form.error_text("reason") == "请填写原因"
    form.editor("reason").setPlainText("居民已自行解决")
    gui.save(form)
    assert gui.texts(b, 0)[4] == "已撤回"
    assert enabled_steps(b) == set()


def test_overdue_orders_are_red_and_the_countdown_moves(gui: Any, town: Any) -> None:
    now = utcnow()
    orders = gui.ctx.orders
    late = orders.create(
        town.township_id, town.community_ids[0], "楼道堆物", ordered_at=now - timedelta(days=3)
    )
    orders.dispatch(late.id, town.unit_ids[0], at=now - timedelta(hours=30))
    fresh = orders.create(
        town.township_id, town.community_ids[0], "路面坑洼", ordered_at=now - timedelta(hours=2)
    )
    orders.dispatch(fresh.id, town.unit_ids[0], at=now - timedelta(hours=1))
    b = gui.open("orders").browser
    model = b.list.model
    rows = {model.record(r).title: r for r in range(model.rowCount())}
    late_text = model.text(rows["楼道堆物"], 7)
    assert late_text.startswith("超时 6 小时"), late_text
    assert model.data(model.index(rows["楼道堆物"], 7), 9) == RED
    assert model.text(rows["路面坑洼"], 7).startswith("剩余 22 小时")

    # two hours later the visible countdowns change without reloading the list
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    gui.ctx.clock = lambda: now + timedelta(hours=2)
    b.tick()
    assert model.text(rows["路面坑洼"], 7).startswith("剩余 21 小时")
    assert resets == []


def test_delete_asks_first_and_can_be_undone_from_the_status_bar(gui: Any, town: Any) -> None:
    order = gui.ctx.orders.create(town.township_id, town.community_ids[0], "误录的工单")
    b = gui.open("orders").browser
    gui.select(b, lambda o: o.id == order.id)
    gui.click(b.buttons["delete"])
    gui.answer(b, "删除")
    assert b.list.model.rowCount() == 0
    undo = gui.window.status.undo
    assert undo.isVisible() and "误录的工单" in undo.label.text()
    undo.button.click()
    gui.idle()
    assert b.list.model.rowCount() == 1 and gui.texts(b, 0)[1] == "误录的工单"
    assert not undo.isVisible()
    assert gui.ctx.orders.get(order.id).deleted_at is None
