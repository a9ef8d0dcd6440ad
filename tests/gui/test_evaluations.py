"""满意度测评: the list of order and activity evaluations with the 满意率 of what is shown (counted by the
ledger), filters, search, keying activity evaluations one paper form after another, a link to the order,
and delete with undo."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from liandian_desktop.gui.pages.evaluations import EvaluationsScreen
from liandian_desktop.gui.theme import GREEN, RED
from liandian_desktop.ledger.models import (
    ActivityKind,
    EvaluationSource,
    Resolution,
    Satisfaction,
    utcnow,
)
from liandian_desktop.ledger.services.base import ListQuery


def evaluated_order(gui: Any, town: Any, title: str, satisfaction: Satisfaction) -> Any:
    orders, now = gui.ctx.orders, utcnow()
    order = orders.create(town.township_id, town.community_ids[0], title, ordered_at=now - timedelta(days=3))
    orders.dispatch(order.id, town.unit_ids[0], at=now - timedelta(days=3))
    orders.accept(order.id, at=now - timedelta(days=2, hours=23))
    orders.record_first_contact(order.id, at=now - timedelta(days=2, hours=22))
    orders.resolve(order.id, note="已修复", at=now - timedelta(days=2))
    orders.evaluate(order.id, satisfaction, Resolution.RESOLVED, at=now - timedelta(days=1))
    return order


def seed(gui: Any, town: Any) -> dict[str, Any]:
    now = utcnow()
    activity = gui.ctx.activities.create(
        town.township_id,
        town.community_ids[1],
        ActivityKind.SERVICE,
        "重阳节健康义诊",
        now - timedelta(days=2),
        now - timedelta(days=2) + timedelta(hours=3),
    )
    evaluations = gui.ctx.evaluations
    for level in (Satisfaction.VERY_SATISFIED, Satisfaction.BASICALLY_SATISFIED, Satisfaction.DISSATISFIED):
        evaluations.record(
            satisfaction=level,
            evaluated_at=now - timedelta(days=1),
            activity_id=activity.id,
            comment="排队时间太长" if level == Satisfaction.DISSATISFIED else "",
        )
    lamp = evaluated_order(gui, town, "楼道灯不亮", Satisfaction.SATISFIED)
    return {"activity": activity, "lamp": lamp}


def open_page(gui: Any) -> Any:
    page = gui.open("evaluations")
    assert isinstance(page, EvaluationsScreen)
    b = page.browser
    gui.qtbot.waitUntil(lambda: b.tally is not None)
    return b


def test_the_rate_of_what_is_shown_follows_the_filters_and_search(gui: Any, town: Any) -> None:
    seed(gui, town)
    b = open_page(gui)
    assert b.list.model.rowCount() == 4
    assert (b.tally.satisfied, b.tally.valid) == (3, 4)
    assert "满意率 75%　（满意 3 ÷ 有效测评 4；目标 ≥ 85%）" in b.rate_line.text()
    assert RED.name() in b.rate_line.text()

    b.list.set_filter("subject", "order")
    gui.qtbot.waitUntil(lambda: b.list.model.rowCount() == 1 and b.tally.valid == 1)
    gui.idle()
    assert GREEN.name() in b.rate_line.text() and "满意 1 ÷ 有效测评 1" in b.rate_line.text()
    assert gui.texts(b, 0)[1:5] == ["工单", "楼道灯不亮", "识字岭社区", "满意"]
    b.list.set_filter("subject", None)

    b.list.set_filter("satisfaction", Satisfaction.DISSATISFIED)
    gui.qtbot.waitUntil(lambda: b.list.model.rowCount() == 1 and b.tally.valid == 1)
    gui.idle()
    assert "满意率 0%" in b.rate_line.text()
    assert gui.texts(b, 0)[-1] == "排队时间太长"
    b.list.set_filter("satisfaction", None)

    b.list.set_filter("period", str(utcnow().year - 1))  # last year: none
    gui.qtbot.waitUntil(lambda: b.list.model.rowCount() == 0)
    gui.idle()
    assert "没有有效测评" in b.rate_line.text()
    b.list.set_filter("period", None)

    b.list.search.setText("义")  # one character of the activity's title
    b.list.search.returnPressed.emit()
    gui.qtbot.waitUntil(lambda: b.list.model.rowCount() == 3)
    gui.idle()
    assert (b.tally.satisfied, b.tally.valid) == (2, 3)


def test_an_evaluation_of_a_withdrawn_order_is_shown_apart(gui: Any, town: Any) -> None:
    orders, now = gui.ctx.orders, utcnow()
    order = evaluated_order(gui, town, "噪音扰民", Satisfaction.VERY_DISSATISFIED)
    orders.reopen(order.id, reason="居民不满意", at=now - timedelta(hours=20))
    orders.withdraw(order.id, reason="居民撤回诉求", at=now - timedelta(hours=10))
    evaluated_order(gui, town, "楼道灯不亮", Satisfaction.SATISFIED)
    b = open_page(gui)
    assert (b.tally.valid, b.tally.satisfied, b.tally.excluded) == (1, 1, 1)
    assert "另有 1 条所属工单已撤回或作废，不计入" in b.rate_line.text()


def test_activity_evaluations_are_keyed_one_form_after_another(gui: Any, town: Any) -> None:
    seeded = seed(gui, town)
    b = open_page(gui)
    gui.click(b.buttons["new"])
    form = gui.form(b)
    combo = form.editor("activity_id")
    assert combo.isEditable() and "重阳节健康义诊" in combo.itemText(1)

    # nothing chosen: said next to the fields, in the user's words
    form.set_value("activity_id", seeded["activity"].id)
    gui.save(form, closes=False)
    assert form.error_text("satisfaction") == "请选择满意度"
    form.set_value("satisfaction", Satisfaction.VERY_SATISFIED)
    form.set_value("source", EvaluationSource.PHONE)
    form.editor("comment").setPlainText("医生很耐心")
    gui.save(form)
    assert gui.texts(b, 0)[2] == "重阳节健康义诊" and gui.texts(b, 0)[-1] == "医生很耐心"
    gui.qtbot.waitUntil(lambda: b.tally is not None and b.tally.valid == 5)

    # the next form opens by itself, on the same activity and channel
    gui.qtbot.waitUntil(lambda: b.last_dialog is not form and b.last_dialog is not None)
    nxt = gui.form(b)
    assert nxt.editors["activity_id"].get() == seeded["activity"].id
    assert nxt.editors["source"].get() == EvaluationSource.PHONE
    nxt.set_value("satisfaction", Satisfaction.SATISFIED)
    nxt.set_value("again", False)
    gui.save(nxt)
    gui.idle()
    assert not (b.last_dialog is not nxt and b.last_dialog.isVisible())
    assert b.tally.valid == 6 and b.tally.satisfied == 5
    phone = gui.ctx.evaluations.list(ListQuery(filters={"source": EvaluationSource.PHONE})).total
    assert phone == 2


def test_an_order_evaluation_links_to_the_order_and_is_not_deleted_here(gui: Any, town: Any) -> None:
    seeded = seed(gui, town)
    b = open_page(gui)
    gui.select(b, lambda e: e.evaluation.work_order_id == seeded["lamp"].id)
    assert b.buttons["open_order"].isEnabled() and not b.buttons["open_activity"].isEnabled()
    assert not b.buttons["delete"].isEnabled()
    assert "工单 " in b.detail.text.toPlainText() and b.detail.heading.text() == "楼道灯不亮"
    gui.click(b.buttons["open_order"])
    gui.qtbot.waitUntil(lambda: gui.window.current_key() == "orders")
    orders = gui.window.pages["orders"].browser
    gui.qtbot.waitUntil(lambda: orders.current() is not None and orders.current().id == seeded["lamp"].id)


def test_an_activity_evaluation_is_deleted_and_restored(gui: Any, town: Any) -> None:
    seed(gui, town)
    b = open_page(gui)
    line = gui.select(b, lambda e: e.evaluation.comment == "排队时间太长")
    assert b.buttons["delete"].isEnabled()
    gui.click(b.buttons["delete"])
    gui.answer(b, "删除")
    assert b.list.model.row_of(line.id) is None
    gui.qtbot.waitUntil(lambda: b.tally.valid == 3)
    undo = gui.window.status.undo
    assert undo.isVisible() and "重阳节健康义诊" in undo.label.text()
    undo.button.click()
    gui.idle()
    assert b.list.model.row_of(line.id) is not None
    gui.qtbot.waitUntil(lambda: b.tally.valid == 4)
