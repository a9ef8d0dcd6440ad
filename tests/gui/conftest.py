"""GUI fixtures: the real main window on the test's own ledger (tests/conftest.py's ``store``/``town``),
driven as a user would. Waiting is done with qtbot.waitSignal/waitUntil, never with sleep."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from liandian_desktop.gui.app import application, open_window
from liandian_desktop.gui.context import AppContext
from liandian_desktop.gui.forms import RecordForm
from liandian_desktop.gui.mainwindow import MainWindow
from liandian_desktop.gui.qt import QApplication, QMessageBox, QWidget
from liandian_desktop.gui.screen import RecordBrowser, Screen
from liandian_desktop.settings import Paths, Settings
from liandian_desktop.store.engine import Store

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent


@pytest.fixture(scope="session")
def translation_tool() -> Any:
    """tools/build_translations.py as a module (tools/ is not a package on sys.path)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "build_translations", REPO / "tools" / "build_translations.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in tests/gui needs Qt: mark it ``gui`` (``-m "not gui"`` skips them)."""
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.gui)


@pytest.fixture(scope="session")
def qapp_cls() -> type[QApplication]:
    return QApplication


@pytest.fixture
def app(qapp: QApplication) -> QApplication:
    """The QApplication with the bundled fonts, the style and Chinese."""
    return application("zh_CN")


class Gui:
    """The main window of one test, with helpers that act as the user does."""

    def __init__(self, qtbot: Any, window: MainWindow, ctx: AppContext) -> None:
        self.qtbot, self.window, self.ctx = qtbot, window, ctx

    def idle(self, timeout: int = 5000) -> None:
        """Wait until every background read and write has come back."""
        self.qtbot.waitUntil(lambda: self.ctx.tasks.pending == 0, timeout=timeout)

    def open(self, key: str) -> Screen:
        self.window.navigate(key)
        page = self.window.pages[key]
        self.qtbot.waitUntil(lambda: page.is_loaded, timeout=5000)
        self.idle()
        return page

    def click(self, button: Any) -> None:
        assert button.isEnabled(), f"{button.text()} is disabled"
        button.click()

    def form(self, browser: RecordBrowser | Any) -> RecordForm:
        self.qtbot.waitUntil(
            lambda: isinstance(browser.last_dialog, RecordForm) and browser.last_dialog.isVisible()
        )
        form = browser.last_dialog
        assert isinstance(form, RecordForm)
        return form

    def save(self, form: RecordForm, *, closes: bool = True) -> None:
        form.save_button.click()
        if closes:
            self.qtbot.waitUntil(lambda: not form.isVisible() or not form.saving, timeout=5000)
            errors = {n: form.error_text(n) for n in form.editors if form.error_text(n)}
            assert not form.isVisible(), f"the form stayed open: {form.banner.text!r} {errors}"
        else:
            self.qtbot.waitUntil(lambda: not form.saving, timeout=5000)
        self.idle()

    def answer(self, browser: Any, button_text: str) -> None:
        """Click ``button_text`` in the confirmation the browser just opened."""
        box = browser.last_dialog
        assert isinstance(box, QMessageBox)
        (button,) = [b for b in box.buttons() if b.text() == button_text]
        button.click()
        self.idle()

    def select(self, browser: RecordBrowser, predicate: Callable[[Any], bool]) -> Any:
        model = browser.list.model
        for row in range(model.rowCount()):
            if predicate(model.record(row)):
                browser.list.select_row(row)
                return model.record(row)
        raise AssertionError("no such row")

    def texts(self, browser: RecordBrowser, row: int) -> list[str]:
        model = browser.list.model
        return [model.text(row, c) for c in range(model.columnCount())]

    def column(self, browser: RecordBrowser, header: str) -> list[str]:
        model = browser.list.model
        (c,) = [i for i, col in enumerate(model.columns) if col.header == header]
        return [model.text(r, c) for r in range(model.rowCount())]


def make_gui(qtbot: Any, store: Store, tmp_path: Any, settings: Settings | None = None) -> Iterator[Gui]:
    window, ctx = open_window(store, Paths(tmp_path), settings or Settings(operator_name="测试员"))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitUntil(lambda: ctx.loaded and window.pages.get("overview") is not None, timeout=5000)
    gui = Gui(qtbot, window, ctx)
    gui.idle()
    yield gui
    ctx.tasks.shutdown()
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QWidget) and widget is not window and widget.isVisible():
            widget.close()


@pytest.fixture
def gui(qtbot: Any, app: QApplication, store: Store, town: Any, tmp_path: Any) -> Iterator[Gui]:
    """The main window on the hand-made township of tests/conftest.py."""
    yield from make_gui(qtbot, store, tmp_path)
