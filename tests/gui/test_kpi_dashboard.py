"""考核指标, driven as a coordinator would, on the demo township (scale 1, today 2026-11-20): the tiles show
the engine's figures, each drill-down shows exactly the figure's records, the charts agree with the engine,
the monthly assessment ranks and colours the units, innovation needs evidence, a closed month is refused.

The expected values come from the engine itself (``compute_kpis``, ``assess_month``, …) on the same ledger,
period, scope and moment: the screen must show what the engine says, not a second computation of its own.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from liandian_desktop.gui.pages.kpi import KpiScreen
from liandian_desktop.gui.pages.kpi_records import ExplanationDialog, RecordsDialog
from liandian_desktop.gui.qt import QApplication, QMessageBox, Qt
from liandian_desktop.gui.theme import AMBER, RED
from liandian_desktop.kpi import (
    ListColour,
    Role,
    Scope,
    assess_month,
    compute_kpis,
    explain_order,
    parse_period,
    stored_results,
)
from liandian_desktop.kpi.archive import replaced_rows
from liandian_desktop.kpi.breakdown import breakdown, monthly_trend
from liandian_desktop.ledger.models import InnovationScore
from liandian_desktop.store.engine import Store
from liandian_desktop.store.migrate import open_store

from .conftest import Gui, make_gui

TODAY = date(2026, 11, 20)


@dataclass(frozen=True)
class Demo:
    path: Path
    township_id: Any
    as_of: datetime  # 2026-11-20 00:00 Asia/Shanghai: "now" for the whole test


@pytest.fixture(scope="module")
def demo_ledger(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    from liandian_desktop.demo import build_demo

    folder = tmp_path_factory.mktemp("kpi-demo")
    store = open_store(folder / "ledger.sqlite3", folder / "backups")
    summary = build_demo(store, scale=1.0, today=TODAY)
    with store.engine.connect() as conn:  # fold the WAL into the file before tests copy it
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return Demo(folder / "ledger.sqlite3", summary.township_id, summary.as_of)


@pytest.fixture
def demo_store(demo_ledger: Demo, tmp_path: Path) -> Iterator[Store]:
    shutil.copyfile(demo_ledger.path, tmp_path / "ledger.sqlite3")
    store = Store(tmp_path / "ledger.sqlite3")
    yield store
    store.close()


@pytest.fixture
def kpi_gui(
    qtbot: Any, app: QApplication, demo_store: Store, demo_ledger: Demo, tmp_path: Path
) -> Iterator[Gui]:
    for gui in make_gui(qtbot, demo_store, tmp_path / "profile"):
        gui.ctx.clock = lambda: demo_ledger.as_of
        yield gui


def open_kpi(gui: Gui) -> KpiScreen:
    gui.window.navigate("kpi")
    page = gui.window.pages["kpi"]
    assert isinstance(page, KpiScreen)
    gui.qtbot.waitUntil(lambda: page.is_loaded, timeout=10_000)
    gui.qtbot.waitUntil(lambda: page.dashboard.charts_ready, timeout=10_000)
    gui.idle(10_000)
    return page


def reload_and_wait(gui: Gui, page: KpiScreen, change: Any) -> None:
    dash = page.dashboard
    with gui.qtbot.waitSignal(dash.charts_shown, timeout=10_000):
        change()
    gui.idle(10_000)


def expected_state(figure: Any) -> str:
    if figure.value is None:
        return "none"
    if figure.meets is None:
        return "plain"
    return "met" if figure.meets else "missed"


def check_tiles(page: KpiScreen, report: Any) -> None:
    for key, tile in page.dashboard.tiles.items():
        figure = report[key]
        assert tile.value_text() == figure.display(), key
        assert tile.state == expected_state(figure), key
        if figure.target is not None:
            assert figure.target_display() in tile.detail.text(), key


def test_tiles_show_the_engine_figures_for_each_period_and_scope(
    kpi_gui: Gui, demo_store: Store, demo_ledger: Demo
) -> None:
    page = open_kpi(kpi_gui)
    dash = page.dashboard
    township = Scope.township(demo_ledger.township_id)
    november = parse_period("2026-11")
    assert dash.picker.period() == november  # the month of "today" by default
    report = compute_kpis(demo_store, november, township, as_of=demo_ledger.as_of)
    check_tiles(page, report)
    states = {t.state for t in dash.tiles.values()}
    assert {"met", "missed", "plain"} <= states  # the demo meets some targets and misses others
    table = dash.figure_table.rows_model
    assert [f.key for f in table.rows] == list(report.figures)  # every figure, not just the tiles

    community = next(c for c in kpi_gui.ctx.lookups.communities.values() if c.is_key)
    quarter = parse_period("2026-Q3")
    reload_and_wait(kpi_gui, page, lambda: dash.set_scope(Scope.community(community.id)))
    reload_and_wait(kpi_gui, page, lambda: dash.picker.set_period(quarter))
    assert dash.report is not None and dash.report.scope.name == community.name
    check_tiles(
        page, compute_kpis(demo_store, quarter, Scope.community(community.id), as_of=demo_ledger.as_of)
    )

    unit = sorted(kpi_gui.ctx.lookups.units.values(), key=lambda u: u.name)[0]
    custom = parse_period("2026-02-01..2026-04-15")
    reload_and_wait(kpi_gui, page, lambda: dash.set_scope(Scope.unit(unit.id)))
    reload_and_wait(kpi_gui, page, lambda: dash.picker.set_period(custom))
    check_tiles(page, compute_kpis(demo_store, custom, Scope.unit(unit.id), as_of=demo_ledger.as_of))

    # Before the programme started there is nothing to count: 无数据 in grey, never 0 %.
    reload_and_wait(kpi_gui, page, lambda: dash.set_scope(township))
    reload_and_wait(kpi_gui, page, lambda: dash.picker.set_period(parse_period("2025-06")))
    for key in ("response_rate", "resolution_rate", "satisfaction_rate", "mean_response_hours"):
        assert dash.tiles[key].value_text() == "无数据"
        assert dash.tiles[key].state == "none"


def test_tiles_come_before_the_charts_and_the_charts_are_the_engines(
    kpi_gui: Gui, demo_store: Store, demo_ledger: Demo
) -> None:
    order: list[str] = []
    kpi_gui.window.navigate("kpi")
    page = kpi_gui.window.pages["kpi"]
    assert isinstance(page, KpiScreen)
    dash = page.dashboard
    dash.tiles_shown.connect(lambda: order.append("tiles"))
    dash.charts_shown.connect(lambda: order.append("charts"))
    # the page started on navigate: the first answer is on its way; ask again to watch the order
    reload_and_wait(kpi_gui, page, dash.reload)
    assert order == ["tiles", "charts"]

    scope, period = Scope.township(demo_ledger.township_id), parse_period("2026-11")
    trend = monthly_trend(demo_store, scope, period, as_of=demo_ledger.as_of)
    assert [piece.name for piece in dash.trend or []] == [p.name for p in trend]
    assert trend[-1].name == "2026-11" and len(trend) == 12
    _categories, lines, keys = dash.trend_lines()
    response = lines[keys.index("response_rate")]
    for i, piece in enumerate(trend):  # the plotted points are each month's figure
        engine = compute_kpis(demo_store, piece.period, scope, as_of=demo_ledger.as_of)["response_rate"]
        assert response.values[i] == (None if engine.number is None else engine.number * 100)

    # a point of the trend opens that month's records
    month = len(trend) - 2
    dash._trend_clicked(keys.index("resolution_rate"), month)
    dialog = wait_records(kpi_gui, dash.last_dialog)
    engine_month = compute_kpis(demo_store, trend[month].period, scope, as_of=demo_ledger.as_of)
    assert lines_of(dialog.shown_records()) == lines_of(engine_month["resolution_rate"].records)
    assert trend[month].name in dialog.windowTitle()
    dialog.close()

    pieces, key = dash.bar_slices("community")
    assert key == "response_rate"
    engine = breakdown(demo_store, period, scope, as_of=demo_ledger.as_of)
    assert {p.name for p in pieces} == {c.name for c in engine.communities}
    numbers = [p[key].number for p in pieces if p[key].number is not None]
    assert numbers == sorted(numbers)  # furthest from the target on top
    for piece in pieces[:3]:
        assert piece.id is not None
        own = compute_kpis(demo_store, period, Scope.community(piece.id), as_of=demo_ledger.as_of)[key]
        assert (piece[key].numerator, piece[key].denominator) == (own.numerator, own.denominator)

    # the ledger changed elsewhere: the next visit computes again (and only then)
    asked = dash.generation
    page.refresh()
    assert dash.generation == asked
    kpi_gui.ctx.changed("work_orders")
    with kpi_gui.qtbot.waitSignal(dash.charts_shown, timeout=10_000):
        page.refresh()
    assert dash.generation == asked + 1


def wait_records(gui: Gui, dialog: Any) -> RecordsDialog:
    assert isinstance(dialog, RecordsDialog)
    gui.qtbot.waitUntil(lambda: dialog.is_loaded, timeout=10_000)
    return dialog


def lines_of(records: Any) -> list[tuple[str, str, str, str]]:
    return [(r.kind, r.code, r.role.value, r.reason) for r in records]


def test_drill_down_shows_exactly_the_figures_records(
    kpi_gui: Gui, demo_store: Store, demo_ledger: Demo
) -> None:
    page = open_kpi(kpi_gui)
    dash = page.dashboard
    scope, period = Scope.township(demo_ledger.township_id), parse_period("2026-11")
    report = compute_kpis(demo_store, period, scope, as_of=demo_ledger.as_of)

    kpi_gui.qtbot.mouseClick(dash.tiles["response_rate"], Qt.MouseButton.LeftButton)
    dialog = wait_records(kpi_gui, dash.last_dialog)
    expected = report["response_rate"].records
    assert lines_of(dialog.shown_records()) == lines_of(expected)
    assert dialog.count.text() == f"共 {len(expected)} 条"
    dialog.show_role(Role.MISS)
    assert lines_of(dialog.shown_records()) == lines_of(r for r in expected if r.role is Role.MISS)
    assert dialog.shown_records(), "the demo has late orders in November"
    dialog.close()

    # a coverage tile, whose records the engine reads from the database when asked
    kpi_gui.qtbot.mouseClick(dash.tiles["special_groups_served"], Qt.MouseButton.LeftButton)
    dialog = wait_records(kpi_gui, dash.last_dialog)
    assert lines_of(dialog.shown_records()) == lines_of(report["special_groups_served"].records)
    dialog.close()

    # a bar: the records of that community's figure, as compute_kpis gives them for the community
    dash.community_page.metric_box.setCurrentIndex(2)  # 解决率
    pieces, key = dash.bar_slices("community")
    assert key == "resolution_rate"
    piece = next(p for p in pieces if p[key].records)
    assert piece.id is not None
    dialog = wait_records(kpi_gui, dash.open_bar("community", piece, key))
    own = compute_kpis(demo_store, period, Scope.community(piece.id), as_of=demo_ledger.as_of)[key]
    assert lines_of(dialog.shown_records()) == lines_of(own.records)
    assert piece.name in dialog.windowTitle()

    # double-click an order: its explanation, then the order itself in the 工单 screen
    record = dialog.shown_records()[0]
    assert record.kind == "work_order" and record.id is not None
    dialog.table.select(0)
    dialog.table.row_activated.emit(record)
    kpi_gui.qtbot.waitUntil(lambda: isinstance(dialog.explanation, ExplanationDialog), timeout=5000)
    explanation = dialog.explanation
    assert isinstance(explanation, ExplanationDialog)
    assert (
        explanation.text.toPlainText() == explain_order(demo_store, record.id, as_of=demo_ledger.as_of).text()
    )
    explanation.open_button.click()
    kpi_gui.qtbot.waitUntil(lambda: kpi_gui.window.current_key() == "orders", timeout=5000)
    orders = kpi_gui.window.pages["orders"]
    kpi_gui.qtbot.waitUntil(
        lambda: orders.browser.current() is not None and orders.browser.current().id == record.id,
        timeout=10_000,
    )


def open_assessment(gui: Gui) -> Any:
    page = open_kpi(gui)
    tab = page.assessment
    with gui.qtbot.waitSignal(tab.assessed, timeout=10_000):
        page.show_assessment()
    gui.idle()
    return tab


def test_assessment_ranks_units_and_colours_the_lists(
    kpi_gui: Gui, demo_store: Store, demo_ledger: Demo
) -> None:
    tab = open_assessment(kpi_gui)
    assert tab.current_month().month_key == "2026-10"  # the last month that has ended
    engine = assess_month(demo_store, "2026-10", demo_ledger.township_id, as_of=demo_ledger.as_of)
    model = tab.units.rows_model
    shown = [(model.text(r, 0), model.text(r, 1), model.text(r, 5)) for r in range(model.rowCount())]
    assert shown == [(str(u.rank), u.unit_name, f"{u.total:.2f}") for u in engine.units]
    colours = {u.colour for u in engine.units}
    assert {ListColour.YELLOW, ListColour.BLACK} <= colours  # the demo puts units on both lists
    for row, unit in enumerate(engine.units):
        index = model.index(row, 6)
        text = model.data(index)
        if unit.colour is ListColour.YELLOW:
            assert text == "黄榜" and model.data(index, Qt.ItemDataRole.ForegroundRole) == AMBER
        elif unit.colour is ListColour.BLACK:
            assert text == "黑榜" and model.data(index, Qt.ItemDataRole.BackgroundRole) is not None
        elif unit.colour is ListColour.RED:
            assert text == "红榜" and model.data(index, Qt.ItemDataRole.ForegroundRole) == RED
        assert (model.text(row, 7) == "启动") == unit.assistance_plan

    last = len(engine.units) - 1
    tab.units.select(last)
    unit = engine.units[last]
    assert unit.unit_name in tab.heading.text()
    assert [i.key for i in tab.indicators.rows_model.rows] == [i.key for i in unit.indicators]
    assert unit.placement.reason in tab.summary.text()
    # an indicator's records open like a figure's
    indicator = next(i for i in unit.indicators if i.key == "response_rate")
    dialog = wait_records(kpi_gui, tab.open_indicator(indicator))
    assert lines_of(dialog.shown_records()) == lines_of(indicator.records)


def test_innovation_without_evidence_is_refused_beside_the_field(
    kpi_gui: Gui, demo_store: Store, demo_ledger: Demo
) -> None:
    tab = open_assessment(kpi_gui)
    tab.units.select(0)
    unit = tab.units.current()
    tab.score_edit.setText("12")
    tab.evidence_edit.setPlainText("")
    tab.innovate_button.click()
    kpi_gui.idle()
    message = tab.field_error("evidence")
    assert "佐证" in message and "不予登记" in message  # the engine's words, beside the evidence field
    assert tab.field_error("score") == ""
    with demo_store.session() as session:
        assert session.query(InnovationScore).filter_by(unit_id=unit.unit_id, deleted_at=None).count() == 0

    tab.score_edit.setText("12")
    tab.evidence_edit.setPlainText("牵头建成银龄课堂，签到表与照片已归档")
    with kpi_gui.qtbot.waitSignal(tab.assessed, timeout=10_000):
        tab.innovate_button.click()
    kpi_gui.idle()
    assert tab.field_error("evidence") == ""
    current = tab.units.current()
    assert current.unit_id == unit.unit_id  # the same unit stays selected after the re-run
    assert current.innovation == 12
    assert "银龄课堂" in tab.innovation_note.text()


def test_a_closed_month_is_refused_and_can_be_recomputed_on_purpose(
    kpi_gui: Gui, demo_store: Store, demo_ledger: Demo
) -> None:
    tab = open_assessment(kpi_gui)
    township, month = demo_ledger.township_id, "2026-10"
    with kpi_gui.qtbot.waitSignal(tab.assessed, timeout=10_000):
        tab.save_button.click()
    kpi_gui.idle()
    units = len(tab.assessment.units)
    assert len(stored_results(demo_store, township, month)) == units
    assert "存档" in tab.status.text() and "尚未" not in tab.status.text()
    assert tab.force_button.isHidden()

    tab.save_button.click()  # again: the engine refuses, and says why
    kpi_gui.idle()
    assert "已于" in tab.banner.text and "存档" in tab.banner.text
    assert not tab.force_button.isHidden()
    assert replaced_rows(demo_store, township, month) == []

    tab.force_button.click()
    box = tab.last_dialog
    assert isinstance(box, QMessageBox)
    (cancel,) = [b for b in box.buttons() if b.text() == "取消"]
    cancel.click()  # asked first: nothing happens on 取消
    kpi_gui.idle()
    assert replaced_rows(demo_store, township, month) == []

    tab.force_button.click()
    with kpi_gui.qtbot.waitSignal(tab.saved, timeout=10_000):
        kpi_gui.answer(tab, "强制重算")
    kpi_gui.idle()
    assert len(replaced_rows(demo_store, township, month)) == units  # the old results kept as history
    assert len(stored_results(demo_store, township, month)) == units
    assert "强制重算" in tab.banner.text


def test_exports_hold_the_same_figures(
    kpi_gui: Gui, demo_store: Store, demo_ledger: Demo, tmp_path: Path
) -> None:
    import openpyxl

    page = open_kpi(kpi_gui)
    dash = page.dashboard
    report = compute_kpis(
        demo_store, parse_period("2026-11"), Scope.township(demo_ledger.township_id), as_of=demo_ledger.as_of
    )
    dash.export_json(tmp_path / "kpi.json")
    kpi_gui.idle()
    assert json.loads((tmp_path / "kpi.json").read_text(encoding="utf-8")) == json.loads(
        json.dumps(report.to_json(), ensure_ascii=False)
    )
    dash.export_excel(tmp_path / "kpi.xlsx")
    kpi_gui.idle()
    assert "已导出" in dash.banner.text
    book = openpyxl.load_workbook(tmp_path / "kpi.xlsx")
    assert {"指标", "服务频次", "月度趋势", "各村（社区）", "各联点单位"} <= set(book.sheetnames)
    rows = {row[1]: row for row in book["指标"].iter_rows(values_only=True) if row[1]}
    response = report["response_rate"]
    assert rows["响应率"][2] == round(float(response.value or 0) * 100, 1)
    assert rows["响应率"][5] == ("达标" if response.meets else "未达标")

    tab = open_assessment(kpi_gui)
    tab.export_excel(tmp_path / "assessment.xlsx")
    kpi_gui.idle()
    sheet = openpyxl.load_workbook(tmp_path / "assessment.xlsx")["月度考核"]
    names = [row[1] for row in sheet.iter_rows(min_row=6, values_only=True) if row[1]]
    assert names == [u.unit_name for u in tab.assessment.units]
