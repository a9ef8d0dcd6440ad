"""志愿者: register, record service hours (points follow), redeem, and an overdraw refused."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from liandian_desktop.gui.pages.volunteers import CertificateDialog, VolunteersScreen

ID_NUMBER = "11010519491231002X"


def test_register_record_service_redeem_and_overdraw(gui: Any, town: Any) -> None:
    page = gui.open("volunteers")
    assert isinstance(page, VolunteersScreen)
    b = page.browser

    gui.click(b.buttons["new"])
    form = gui.form(b)
    form.editor("name").setText("李䶮")
    form.editor("id_number").setText(ID_NUMBER)
    form.set_value("community_id", town.community_ids[0])
    gui.save(form)
    assert gui.texts(b, 0)[1:4] == ["李䶮", "女", "识字岭社区"]

    gui.click(b.buttons["record_service"])
    form = gui.form(b)
    form.editor("activity_name").setText("敬老院陪伴")
    form.set_value("service_date", date.today() - timedelta(days=1))
    form.editor("hours").setText("3")
    gui.save(form)
    gui.qtbot.waitUntil(lambda: b.detail.balance.text() == "积分余额：30 分")
    assert b.detail.hours.text() == "服务 1 次，累计 3 小时"
    assert b.detail.records.item(0, 2).text() == "敬老院陪伴"

    # 50 points from a balance of 30: refused, and the form says so
    gui.click(b.buttons["redeem"])
    form = gui.form(b)
    form.editor("points").setText("50")
    form.editor("item").setText("保温杯")
    gui.save(form, closes=False)
    assert "积分余额为 30.00 分，不足以兑换 50.00 分" in form.banner.text
    form.editor("points").setText("20")
    gui.save(form)
    gui.qtbot.waitUntil(lambda: b.detail.balance.text() == "积分余额：10 分")
    assert b.detail.points.item(0, 2).text() == "-20"

    # the certificate's data
    gui.click(b.buttons["certificate"])
    gui.save(gui.form(b))
    gui.qtbot.waitUntil(lambda: isinstance(b.last_dialog, CertificateDialog))
    text = b.last_dialog.text.toPlainText()
    assert "李䶮" in text and "3 小时（1 次）" in text and "110105********002X" in text
    b.last_dialog.close()


def test_hours_are_checked_next_to_the_field(gui: Any, town: Any) -> None:
    gui.ctx.volunteers.register(town.township_id, "张三", ID_NUMBER)
    b = gui.open("volunteers").browser
    gui.select(b, lambda v: v.name == "张三")
    gui.click(b.buttons["record_service"])
    form = gui.form(b)
    form.editor("activity_name").setText("清扫")
    form.editor("hours").setText("30")
    gui.save(form, closes=False)
    assert form.error_text("hours") != ""
    assert form.error_text("activity_name") == ""
