"""资源池: offer a resource, book it, see a double booking refused, lend it and take it back."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from liandian_desktop.gui.pages.resources import ResourcesScreen
from liandian_desktop.ledger.models import BookingKind, ResourceKind


def aware(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour).astimezone()


def test_offer_book_refuse_double_booking_lend_and_return(gui: Any, town: Any) -> None:
    page = gui.open("resources")
    assert isinstance(page, ResourcesScreen)
    offers = page.offer_list

    gui.click(offers.buttons["new"])
    form = gui.form(offers)
    form.set_value("kind", ResourceKind.EQUIPMENT)
    form.editor("name").setText("便携式投影仪")
    form.editor("location").setText("街道党群服务中心")
    form.set_value("available_from", date.today() - timedelta(days=30))
    gui.save(form)
    assert gui.texts(offers, 0)[:4] == ["便携式投影仪", "设备", "1", "街道党群服务中心"]

    # 预约 / 借用 from the offer opens the booking form on the bookings tab
    tomorrow = date.today() + timedelta(days=1)
    gui.click(offers.buttons["book"])
    bookings = page.bookings
    assert page.tabs.currentWidget() is bookings
    form = gui.form(bookings)
    assert form.editor("offer_id").currentText() == "便携式投影仪"
    form.set_value("kind", BookingKind.LOAN)
    form.editor("borrower").setText("识字岭社区")
    form.set_value("starts_at", aware(tomorrow, 9))
    form.set_value("ends_at", aware(tomorrow, 17))
    gui.save(form)
    assert gui.texts(bookings, 0)[:4] == ["便携式投影仪", "识字岭社区", "借用", "已预约"]

    # the same afternoon for someone else: the ledger refuses, the form says why and stays open
    gui.click(bookings.buttons["new"])
    form = gui.form(bookings)
    form.set_value("offer_id", offers.list.model.record(0).id)
    form.editor("borrower").setText("八一路社区")
    form.set_value("starts_at", aware(tomorrow, 14))
    form.set_value("ends_at", aware(tomorrow, 16))
    gui.save(form, closes=False)
    assert form.isVisible()
    assert "重复预约" in form.banner.text and "识字岭社区" in form.banner.text
    form.reject()
    assert bookings.list.model.rowCount() == 1

    gui.select(bookings, lambda b: b.borrower == "识字岭社区")
    assert bookings.buttons["lend"].isEnabled() and bookings.buttons["cancel"].isEnabled()
    gui.click(bookings.buttons["lend"])
    gui.save(gui.form(bookings))
    assert gui.texts(bookings, 0)[3] == "借出中"
    assert not bookings.buttons["lend"].isEnabled() and not bookings.buttons["cancel"].isEnabled()
    gui.click(bookings.buttons["return"])
    gui.save(gui.form(bookings))
    assert gui.texts(bookings, 0)[3] == "已归还"
    assert gui.texts(bookings, 0)[7] != ""  # 归还时间
    assert not bookings.buttons["return"].isEnabled()
