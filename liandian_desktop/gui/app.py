"""Start-up of the desktop app: QApplication, the bundled fonts, the language, the ledger, the main window.

The command line (``liandian gui``) has already migrated the ledger (after a backup) and refused a database
from a newer version before this runs; :func:`show_startup_error` is the dialog for such refusals when the
app was started from a shortcut rather than a terminal.

``smoke=True`` opens the window, visits every page (each loads its first page of data), and exits 0, or 1
with the reasons printed.
"""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import sys
import time
from pathlib import Path

from liandian_desktop.gui import theme
from liandian_desktop.gui.context import AppContext
from liandian_desktop.gui.i18n import install_translators
from liandian_desktop.gui.mainwindow import MainWindow
from liandian_desktop.gui.qt import QApplication, QMessageBox, QObject, QTimer, translate
from liandian_desktop.gui.tasks import TaskManager, describe_error
from liandian_desktop.ledger.errors import LedgerError
from liandian_desktop.ledger.services.overview import LedgerOverview
from liandian_desktop.settings import Paths, Settings
from liandian_desktop.store.engine import Store

log = logging.getLogger(__name__)

SMOKE_PAGE_TIMEOUT_MS = 30_000
EXIT_OK, EXIT_FAILED, EXIT_REFUSED = 0, 1, 2


def application(language: str = "zh_CN") -> QApplication:
    """The QApplication with fonts, style and language (reused when one exists, as under pytest-qt)."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
        app.setApplicationName("LianDian")
        app.setApplicationDisplayName(translate("App", "联点共建桌面端"))
        app.setOrganizationName("LianDian")
    if not app.property("liandian_ready"):
        theme.load_fonts()
        theme.apply(app)
        app.setProperty("liandian_ready", True)
        app._liandian_translators = install_translators(app, language)  # type: ignore[attr-defined]
    return app


def setup_logging(paths: Paths) -> None:
    """A rotating log file in the data folder: unexpected errors are written there with their traceback."""
    root = logging.getLogger()
    if any(getattr(h, "liandian", False) for h in root.handlers):
        return
    try:
        paths.logs.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            paths.logs / "liandian.log", maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        return
    handler.liandian = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)


def show_startup_error(message: str, *, smoke: bool = False) -> int:
    """Tell the user why the ledger cannot be opened (a newer database, not a ledger, a locked file)."""
    print(f"错误：{message}", file=sys.stderr)
    if not smoke:
        application()
        box = QMessageBox()
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(translate("App", "无法打开台账"))
        box.setText(message)
        box.exec()  # nothing else is running yet: a plain modal dialog is right here
    return EXIT_REFUSED


def open_window(
    store: Store, paths: Paths, settings: Settings, initial: LedgerOverview | None = None
) -> tuple[MainWindow, AppContext]:
    """The main window on an open ledger (tests and the bench use this too). Loading starts at once."""
    tasks = TaskManager()
    ctx = AppContext(store, paths, settings, tasks)
    window = MainWindow(ctx, initial)
    ctx.reload_lookups()
    return window, ctx


def run(overview: LedgerOverview, *, smoke: bool = False) -> int:
    started = time.perf_counter()
    paths = Paths(Path(overview.path).parent)
    setup_logging(paths)
    settings = Settings.load(paths.settings_file)
    app = application(settings.language)
    try:
        store = Store(overview.path)
    except LedgerError as exc:
        return show_startup_error(exc.message, smoke=smoke)
    except Exception as exc:
        log.exception("cannot open %s", overview.path)
        return show_startup_error(
            translate("App", "无法打开台账文件 {path}：{why}").format(path=overview.path, why=exc),
            smoke=smoke,
        )
    window, ctx = open_window(store, paths, settings, overview)
    window.resize(1366, 768)
    screen = app.primaryScreen()
    if not smoke and screen is not None and screen.availableGeometry().width() <= 1440:
        window.showMaximized()
    else:
        window.show()

    smoke_run = SmokeRun(window, ctx, started) if smoke else None
    try:
        code = app.exec()
    finally:
        ctx.tasks.shutdown()
        store.close()
    if smoke_run is not None:
        return smoke_run.exit_code
    return code


class SmokeRun(QObject):
    """Visit every page in turn, waiting (by signals, never sleeping) for each to show its first data."""

    def __init__(self, window: MainWindow, ctx: AppContext, started: float) -> None:
        super().__init__(window)
        self.window, self.ctx, self.started = window, ctx, started
        self.keys = list(window.specs)
        self.failures: list[str] = []
        self.exit_code = EXIT_FAILED
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._timed_out)
        ctx.tasks.task_failed.connect(lambda exc: self.failures.append(describe_error(exc)))
        self._current = ""
        if ctx.loaded:
            QTimer.singleShot(0, self._next)
        else:
            ctx.ready.connect(self._next)
            self._timer.start(SMOKE_PAGE_TIMEOUT_MS)
            self._current = translate("Smoke", "（打开台账）")

    def _next(self) -> None:
        self._timer.stop()
        if self.failures:
            self._finish()
            return
        if not self.keys:
            self._finish()
            return
        key = self.keys.pop(0)
        self._current = key
        try:
            self.window.navigate(key)
            page = self.window.pages[key]
        except Exception as exc:
            log.exception("page %s failed to open", key)
            self.failures.append(f"{key}: {type(exc).__name__}: {exc}")
            self._finish()
            return
        if page.is_loaded:
            QTimer.singleShot(0, self._next)
        else:
            page.loaded.connect(self._next)
            self._timer.start(SMOKE_PAGE_TIMEOUT_MS)

    def _timed_out(self) -> None:
        self.failures.append(
            translate("Smoke", "页面“{page}”在 {seconds} 秒内没有加载完成").format(
                page=self._current, seconds=SMOKE_PAGE_TIMEOUT_MS // 1000
            )
        )
        self._finish()

    def _finish(self) -> None:
        with contextlib.suppress(RuntimeError, TypeError):
            self.ctx.ready.disconnect(self._next)
        elapsed = time.perf_counter() - self.started
        if self.failures:
            for failure in self.failures:
                print(f"冒烟检查失败：{failure}", file=sys.stderr)
            self.exit_code = EXIT_FAILED
        else:
            print(f"冒烟检查通过：{len(self.window.pages)} 个页面已打开并加载，用时 {elapsed:.1f} 秒")
            self.exit_code = EXIT_OK
        QTimer.singleShot(0, QApplication.quit)
