"""Screenshots of the main screens, from the demo township, for docs/screenshots/.

    python tools/screenshots.py                      # builds a demo ledger in a temporary folder
    python tools/screenshots.py --data-dir DIR       # or uses an existing ledger
    python tools/screenshots.py --language en        # the English UI (files get an -en suffix)

A real X server is used (Xvfb is started when there is no $DISPLAY; ``apt-get install xvfb
libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0``), at 1366×768 like a coordinator's laptop, with the local
clock of Asia/Shanghai. Each shot waits until every background task has answered (no sleeps).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "docs" / "screenshots"
WIDTH, HEIGHT = 1366, 768


def start_xvfb() -> subprocess.Popen[bytes] | None:
    if os.environ.get("DISPLAY"):
        return None
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        raise SystemExit(
            "no $DISPLAY and no Xvfb: apt-get install xvfb libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0"
        )
    for number in range(90, 110):
        if not Path(f"/tmp/.X11-unix/X{number}").exists() and not Path(f"/tmp/.X{number}-lock").exists():
            break
    process = subprocess.Popen(
        [xvfb, f":{number}", "-screen", "0", f"{WIDTH}x{HEIGHT}x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.environ["DISPLAY"] = f":{number}"
    for _ in range(200):  # the socket appears when the server is ready
        if Path(f"/tmp/.X11-unix/X{number}").exists():
            break
        subprocess.run(["sleep", "0.05"], check=False)
    return process


def build_demo(folder: Path) -> None:
    from liandian_desktop.demo.township import build_demo as build
    from liandian_desktop.store.migrate import open_store

    store = open_store(folder / "ledger.sqlite3", folder / "backups")
    try:
        build(store, scale=1.0, today=date.today())
    finally:
        store.close()


class Shooter:
    """Runs the steps one after another; each waits until the app has nothing left to do."""

    def __init__(self, app: Any, window: Any, ctx: Any, suffix: str) -> None:
        from liandian_desktop.gui.qt import QTimer

        self.app, self.window, self.ctx, self.suffix = app, window, ctx, suffix
        self.steps: list[tuple[str, Callable[[], Any]]] = []
        self.saved: list[Path] = []
        self._timer = QTimer()
        self._timer.setInterval(50)
        self._timer.timeout.connect(self._poll)
        self._quiet = 0

    def step(self, name: str, action: Callable[[], Any]) -> None:
        self.steps.append((name, action))

    def start(self) -> None:
        self._next()

    def _next(self) -> None:
        if not self.steps:
            self.app.quit()
            return
        self.name, action = self.steps.pop(0)
        action()
        self._quiet = 0
        self._timer.start()

    def _poll(self) -> None:
        page = self.window.stack.currentWidget()
        busy = self.ctx.tasks.pending or (page is not None and not getattr(page, "is_loaded", True))
        self._quiet = 0 if busy else self._quiet + 1
        if self._quiet < 6:  # 300 ms with nothing running: repaints are done
            return
        self._timer.stop()
        if self.name:
            screen = self.app.primaryScreen()
            image = screen.grabWindow(0, 0, 0, WIDTH, HEIGHT)
            path = OUT / f"{self.name}{self.suffix}.png"
            image.save(str(path))
            self.saved.append(path)
            print(f"  {path.relative_to(REPO)}")
        self._next()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data-dir", help="a data folder with a ledger (default: a fresh demo township)")
    parser.add_argument("--language", default="zh_CN", choices=("zh_CN", "en"))
    args = parser.parse_args(argv)
    os.environ["TZ"] = "Asia/Shanghai"
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    xvfb = start_xvfb()
    temp = None
    try:
        if args.data_dir:
            data = Path(args.data_dir)
        else:
            temp = tempfile.TemporaryDirectory(prefix="liandian-shots-")
            data = Path(temp.name)
            print("building the demo township…")
            build_demo(data)
        OUT.mkdir(parents=True, exist_ok=True)
        return shoot(data, args.language)
    finally:
        if temp is not None:
            temp.cleanup()
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait()


def shoot(data: Path, language: str) -> int:
    import time

    time.tzset()
    from liandian_desktop.gui.app import application, open_window
    from liandian_desktop.gui.qt import QTimer
    from liandian_desktop.ledger.models import ActivityKind, OrderStatus
    from liandian_desktop.settings import Paths, Settings
    from liandian_desktop.store.engine import Store

    app = application(language)
    store = Store(data / "ledger.sqlite3")
    window, ctx = open_window(store, Paths(data), Settings(language=language))
    window.setGeometry(0, 0, WIDTH, HEIGHT)
    window.show()
    shooter = Shooter(app, window, ctx, "" if language == "zh_CN" else "-en")

    def select(key: str, predicate: Callable[[Any], bool], browser: Any = None) -> None:
        page = window.pages[key]
        browser = browser or page.browser
        model = browser.list.model
        for row in range(model.rowCount()):
            if predicate(model.record(row)):
                browser.list.select_row(row)
                return

    def go(key: str) -> Callable[[], None]:
        return lambda: window.navigate(key)

    shooter.step("", go("overview"))
    shooter.step("01-overview", lambda: window.pages["overview"].refresh())
    shooter.step("", go("orders"))
    shooter.step("02-orders", lambda: select("orders", lambda o: o.status == OrderStatus.ACCEPTED))
    shooter.step("03-order-dispatch", lambda: _dispatch_form(window))
    shooter.step("", lambda: _close_dialogs(window))
    shooter.step("", go("activities"))
    shooter.step(
        "04-activities",
        lambda: select("activities", lambda a: a.kind == ActivityKind.VOLUNTEER and a.starts_at < ctx.now()),
    )
    shooter.step("05-sign-in-keyboard", lambda: _key_sheet(window))
    shooter.step("", go("org"))
    shooter.step("06-communities", lambda: None)
    shooter.step("07-pairings", lambda: window.pages["org"].tabs.setCurrentIndex(2))
    shooter.step("", go("residents"))
    shooter.step("08-residents", lambda: window.pages["residents"].browser.list.search.setText("𠅤"))
    shooter.step("", go("resources"))
    shooter.step("09-resources", lambda: window.pages["resources"].tabs.setCurrentIndex(1))
    shooter.step("", go("volunteers"))
    shooter.step(
        "10-volunteers", lambda: select("volunteers", lambda v: len(ctx.volunteers.records(v.id)) >= 3)
    )
    shooter.step("11-resident-form", lambda: _resident_form(window))
    shooter.step("", lambda: _close_dialogs(window))
    shooter.step("12-kpi-placeholder", go("kpi"))
    QTimer.singleShot(0, lambda: ctx.ready.connect(shooter.start) if not ctx.loaded else shooter.start())
    app.exec()
    ctx.tasks.shutdown()
    store.close()
    print(f"{len(shooter.saved)} screenshots in {OUT.relative_to(REPO)}")
    return 0


def _dispatch_form(window: Any) -> None:
    from liandian_desktop.ledger.models import OrderStatus

    browser = window.pages["orders"].browser
    model = browser.list.model
    for row in range(model.rowCount()):
        if model.record(row).status == OrderStatus.CREATED:
            browser.list.select_row(row)
            browser.buttons["dispatch"].click()
            return


def _resident_form(window: Any) -> None:
    window.navigate("residents")
    browser = window.pages["residents"].browser
    browser.list.select_row(0)
    browser.buttons["edit"].click()


def _close_dialogs(window: Any) -> None:
    from liandian_desktop.gui.qt import QApplication, QDialog

    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.reject()


def _key_sheet(window: Any) -> None:
    """Type row codes as a coordinator would: 2, Space; Enter; Space."""
    from liandian_desktop.gui.qt import QApplication, QEvent, QKeyEvent, Qt

    sheet = window.pages["activities"].browser.sheet
    table = sheet.table
    table.setFocus()
    for key, text in (
        (Qt.Key.Key_3, "3"),
        (Qt.Key.Key_Space, " "),
        (Qt.Key.Key_Return, "\r"),
        (Qt.Key.Key_Space, " "),
        (Qt.Key.Key_Return, "\r"),
        (Qt.Key.Key_Space, " "),
        (Qt.Key.Key_6, "6"),
    ):
        QApplication.sendEvent(
            table, QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, text)
        )


if __name__ == "__main__":
    sys.exit(main())
