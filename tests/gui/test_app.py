"""The whole window: every page opens and loads; the overview links to records; the real app starts as a
subprocess on a temporary data folder (``liandian gui --smoke``); English comes from the .ts."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from liandian_desktop.gui.i18n import install_translators
from liandian_desktop.gui.navigation import page_specs
from liandian_desktop.gui.pages.kpi import KpiScreen
from liandian_desktop.gui.pages.overview import OverviewScreen
from liandian_desktop.gui.qt import QCoreApplication, QTranslator
from liandian_desktop.ledger.models import utcnow

REPO = Path(__file__).resolve().parents[2]


def test_every_page_opens_and_loads(gui: Any) -> None:
    keys = [spec.key for spec in page_specs()]
    assert keys[:2] == ["overview", "org"] and "kpi" in keys
    for key in keys:
        page = gui.open(key)
        assert gui.window.stack.currentWidget() is page
        assert gui.window.current_key() == key
    kpi = gui.window.pages["kpi"]
    assert isinstance(kpi, KpiScreen) and kpi.dashboard.report is not None  # the dashboard, not a placeholder
    status = gui.window.status.sync.text()
    assert status.startswith("离线工作 · 待同步 ") and status.endswith("从未同步")


def test_overview_lists_what_needs_doing_and_opens_it(gui: Any, town: Any) -> None:
    now = utcnow()
    orders = gui.ctx.orders
    late = orders.create(
        town.township_id, town.community_ids[0], "楼道灯坏了", ordered_at=now - timedelta(days=2)
    )
    orders.dispatch(late.id, town.unit_ids[1], at=now - timedelta(hours=30))
    page = gui.open("overview")
    assert isinstance(page, OverviewScreen)
    page.refresh()
    gui.idle()
    (item,) = page.item_texts("overdue")
    assert item.startswith(f"{late.code}  楼道灯坏了 · 识字岭社区 · 卫健局 · 超时 6 小时")
    assert page.overdue_card.figure.text() == "1"
    assert page.item_texts("gaps") == ["每个重点社区都有至少 2 个结对单位。"]

    page.overdue.itemClicked.emit(page.overdue.item(0))
    gui.idle()
    assert gui.window.current_key() == "orders"
    browser = gui.window.pages["orders"].browser
    gui.qtbot.waitUntil(lambda: browser.current() is not None and browser.current().id == late.id)
    assert browser.detail.heading.text() == f"{late.code}  楼道灯坏了"


def test_english_comes_from_the_translation_source(tmp_path: Path, qapp: Any, translation_tool: Any) -> None:
    tool = translation_tool
    qm = tmp_path / "liandian_en.qm"
    subprocess.run(
        [tool.tool("pyside6-lrelease"), str(tool.TS), "-qm", str(qm)], check=True, capture_output=True
    )
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    try:
        titles = [spec.title for spec in page_specs()]
        assert titles[:2] == ["Overview", "Communities & pairing"]
        assert QCoreApplication.translate("OrderStatus", "待派单") == "Awaiting dispatch"
    finally:
        QCoreApplication.removeTranslator(translator)
    assert page_specs()[0].title == "工作台概览"
    assert install_translators is not None


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory, template_ledger: Path) -> Path:
    """A small demo township in a data folder of its own."""
    import shutil

    from liandian_desktop.demo.township import build_demo
    from liandian_desktop.store.migrate import open_store

    folder = tmp_path_factory.mktemp("gui-demo")
    shutil.copyfile(template_ledger, folder / "ledger.sqlite3")
    store = open_store(folder / "ledger.sqlite3", folder / "backups")
    try:
        build_demo(store, scale=0.05, today=date.today())
    finally:
        store.close()
    return folder


def test_the_real_app_starts_visits_every_page_and_exits_0(demo_folder: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "liandian_desktop", "--data-dir", str(demo_folder), "gui", "--smoke"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert f"冒烟检查通过：{len(page_specs())} 个页面已打开并加载" in result.stdout
