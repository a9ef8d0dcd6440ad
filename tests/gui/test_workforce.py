"""培训与蹲点: training records (several trainees at once) and hours by trainee against 40, cadre days with a
duplicate day refused and days by cadre against 30, the fund with its use rate and per-resident allocation.
Dates are last year's (always in the past); the page opens on this year and the user picks last year."""

from __future__ import annotations

from datetime import date
from typing import Any

from liandian_desktop.gui.pages.workforce import WorkforceScreen
from liandian_desktop.gui.theme import GREEN, RED
from liandian_desktop.ledger.models import CadreDayKind, CadreKind, FundKind

LAST_YEAR = date.today().year - 1


def day(month: int, d: int) -> date:
    return date(LAST_YEAR, month, d)


def open_page(gui: Any) -> WorkforceScreen:
    page = gui.open("workforce")
    assert isinstance(page, WorkforceScreen)
    return page


def choose_last_year(gui: Any, browser: Any) -> None:
    browser.list.set_filter("year", LAST_YEAR)
    gui.qtbot.waitUntil(lambda: str(LAST_YEAR) in browser_heading(browser))
    gui.idle()


def browser_heading(browser: Any) -> str:
    if hasattr(browser, "figures"):
        return str(browser.figures.heading.text())
    return str(browser.summary_line.text())


def test_training_for_several_trainees_and_hours_against_the_target(gui: Any, town: Any) -> None:
    page = open_page(gui)
    b = page.training
    assert b.list.model.state.filters["year"] == date.today().year
    assert b.figures.heading.text() == f"{date.today().year} 年培训学时（目标每人 40 学时）"

    gui.click(b.buttons["new"])
    form = gui.form(b)
    form.editor("trainee_name").setPlainText("王芳\n李䶮\n")
    form.set_value("training_date", day(3, 10))
    form.editor("title").setText("社区工作者能力提升班")
    form.editor("hours").setText("30")
    gui.save(form, closes=False)
    assert form.error_text("hours") != ""  # more than a day's hours in one record
    form.editor("trainee_name").setPlainText("王芳\n李䶮3")
    form.editor("hours").setText("16")
    gui.save(form, closes=False)
    assert form.error_text("trainee_name") != ""  # a digit in a name: nothing was kept
    assert gui.ctx.training.list().total == 0
    form.editor("trainee_name").setPlainText("王芳\n李䶮")
    gui.save(form)
    assert [gui.texts(b, r)[1] for r in range(2)] == ["王芳", "李䶮"]
    assert gui.ctx.training.list().total == 2

    gui.ctx.training.record(town.township_id, "王芳", day(5, 8), "基层治理专题", 24)
    choose_last_year(gui, b)
    assert b.list.model.rowCount() == 3
    figures = b.figures
    assert figures.summary.text() == "2 人参加培训，1 人达标，1 人未达标（红色）"
    assert figures.texts(0) == ["李䶮", "16", "还差 24"]
    assert figures.texts(1) == ["王芳", "40", "达标"]
    assert figures.colour(0) == RED and figures.colour(1, 2) == GREEN

    figures.table.cellClicked.emit(1, 0)  # 王芳's records
    gui.qtbot.waitUntil(lambda: b.list.model.rowCount() == 2)
    assert {gui.texts(b, r)[1] for r in range(2)} == {"王芳"}


def test_a_cadre_and_several_names_is_refused(gui: Any, town: Any) -> None:
    cadre = gui.ctx.cadres.create(CadreKind.FULL_TIME, "赵建国", unit_id=town.unit_ids[0])
    b = open_page(gui).training
    gui.click(b.buttons["new"])
    form = gui.form(b)
    form.set_value("cadre_id", cadre.id)
    form.editor("trainee_name").setPlainText("王芳\n李四")
    form.set_value("training_date", day(3, 10))
    form.editor("title").setText("政策宣讲")
    form.editor("hours").setText("2")
    gui.save(form, closes=False)
    assert form.error_text("trainee_name") == "选了联点干部时只能录入一人"
    form.editor("trainee_name").setPlainText("")
    gui.save(form)
    assert gui.texts(b, 0)[1] == "赵建国"


def test_cadre_days_refuse_a_second_record_for_a_day_and_count_against_30(gui: Any, town: Any) -> None:
    cadres = gui.ctx.cadres
    zhao = cadres.create(
        CadreKind.FULL_TIME, "赵建国", unit_id=town.unit_ids[0], community_id=town.community_ids[1]
    )
    qian = cadres.create(
        CadreKind.FULL_TIME, "钱多多", unit_id=town.unit_ids[1], township_id=town.township_id
    )
    for i in range(30):
        gui.ctx.cadre_days.record(qian.id, town.community_ids[0], date.fromordinal(day(2, 1).toordinal() + i))
    page = open_page(gui)
    page.tabs.setCurrentWidget(page.days)
    b = page.days

    gui.click(b.buttons["new"])
    form = gui.form(b)
    form.set_value("cadre_id", zhao.id)
    assert form.editors["community_id"].get() == town.community_ids[1]  # the cadre's community
    form.set_value("day", day(6, 3))
    form.editor("work").setPlainText("入户走访独居老人 6 户")
    gui.save(form)
    assert gui.texts(b, 0)[1:5] == ["赵建国", "民政局", "八一路社区", "全天"]

    gui.click(b.buttons["new"])
    form = gui.form(b)
    form.set_value("cadre_id", zhao.id)
    form.set_value("day", day(6, 3))
    form.set_value("kind", CadreDayKind.HALF)
    gui.save(form, closes=False)
    assert (
        f"赵建国在 {day(6, 3).isoformat()} 已有蹲点记录（八一路社区），每人每天只记一条" in form.banner.text
    )
    form.set_value("day", day(6, 4))
    gui.save(form)

    choose_last_year(gui, b)
    figures = b.figures
    assert figures.summary.text() == "专职干部 2 名：1 名达标，1 名未达标（红色）"
    assert figures.texts(0) == ["赵建国", "民政局", "1.5", "还差 28.5"]
    assert figures.texts(1)[2:] == ["30", "达标"]
    assert figures.colour(0) == RED

    figures.table.cellClicked.emit(0, 0)  # 赵建国's days
    gui.qtbot.waitUntil(lambda: b.list.model.rowCount() == 2)

    # delete one, then undo from the status bar
    gui.select(b, lambda d: d.kind == CadreDayKind.HALF)
    gui.click(b.buttons["delete"])
    gui.answer(b, "删除")
    gui.qtbot.waitUntil(lambda: figures.texts(0)[2] == "1")
    gui.window.status.undo.button.click()
    gui.idle()
    gui.qtbot.waitUntil(lambda: figures.texts(0)[2] == "1.5")
    assert b.list.model.rowCount() == 2


def test_the_fund_summary_follows_the_year_and_the_community(gui: Any, town: Any) -> None:
    page = open_page(gui)
    page.tabs.setCurrentWidget(page.funds)
    b = page.funds
    c1 = town.community_ids[0]

    gui.click(b.buttons["new"])
    form = gui.form(b)
    form.set_value("kind", FundKind.ALLOCATION)
    form.set_value("community_id", c1)
    form.editor("year").setValue(LAST_YEAR)
    form.editor("amount").setText("100000")
    form.set_value("entry_date", day(1, 15))
    form.editor("voucher_no").setText("拨-001")
    gui.save(form)
    assert gui.texts(b, 0)[1:5] == [str(LAST_YEAR), "识字岭社区", "拨付", "100,000.00"]

    gui.click(b.buttons["new"])
    form = gui.form(b)
    form.set_value("community_id", c1)
    form.editor("year").setValue(LAST_YEAR)
    form.editor("amount").setText("90000")
    form.set_value("entry_date", day(9, 1))
    gui.save(form, closes=False)
    assert form.error_text("purpose") == "请填写支出用途"
    form.editor("purpose").setText("老年助餐点运营补贴")
    gui.save(form)

    choose_last_year(gui, b)
    assert b.list.model.rowCount() == 2
    s = b.summary
    assert (s.allocated, s.spent, s.population) == (100000, 90000, 8000)
    text = b.summary_line.text()
    assert "使用率 " in text and "90%" in text and GREEN.name() in text
    assert "12.50 元" in text and RED.name() in text  # 100 000 yuan for 8 000 residents

    b.list.set_filter("community_id", c1)  # 5 000 residents: 20 yuan each
    gui.qtbot.waitUntil(lambda: b.summary is not None and b.summary.population == 5000)
    assert "识字岭社区专项经费" in b.summary_line.text()
    assert "20.00 元" in b.summary_line.text() and RED.name() not in b.summary_line.text()

    b.list.search.setText("助餐")
    b.list.search.returnPressed.emit()
    gui.qtbot.waitUntil(lambda: b.list.model.rowCount() == 1)
    assert gui.texts(b, 0)[5] == "老年助餐点运营补贴"
