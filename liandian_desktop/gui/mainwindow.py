"""The main window: navigation on the left, the pages in a stack, the status bar. Nothing else lives here:
each page is its own module, created on its first visit."""

from __future__ import annotations

import uuid
from dataclasses import asdict, replace
from typing import Any

from liandian_desktop.gui.context import AppContext
from liandian_desktop.gui.forms import Field, RecordForm
from liandian_desktop.gui.navigation import PageSpec, page_specs
from liandian_desktop.gui.qt import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QSize,
    QStackedWidget,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
    translate,
)
from liandian_desktop.gui.screen import Screen
from liandian_desktop.gui.statusbar import StatusBar
from liandian_desktop.gui.tasks import log_if_unexpected
from liandian_desktop.gui.theme import app_font
from liandian_desktop.gui.widgets import inform
from liandian_desktop.ledger.errors import LedgerError
from liandian_desktop.ledger.services.overview import LedgerOverview
from liandian_desktop.settings import Settings

NAV_WIDTH = 188
KEY_ROLE = Qt.ItemDataRole.UserRole


class MainWindow(QMainWindow):
    page_shown = Signal(str)

    def __init__(self, ctx: AppContext, initial: LedgerOverview | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.specs: dict[str, PageSpec] = {}
        self.pages: dict[str, Screen] = {}
        self._pending: tuple[str, uuid.UUID | None] | None = None
        self.setWindowTitle(translate("MainWindow", "联点共建桌面端"))

        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)

        side = QWidget()
        side.setFixedWidth(NAV_WIDTH)
        side.setObjectName("Side")
        side.setStyleSheet("QWidget#Side { background: #20324d; }")
        column = QVBoxLayout(side)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        title = QLabel(translate("MainWindow", "联点共建"))
        title.setObjectName("NavTitle")
        title.setFont(app_font(14, bold=True))
        column.addWidget(title)
        self.township_label = QLabel(translate("MainWindow", "正在打开台账…"))
        self.township_label.setObjectName("NavSubtitle")
        self.township_label.setWordWrap(True)
        column.addWidget(self.township_label)
        self.nav = QListWidget()
        self.nav.setObjectName("Navigation")
        self.nav.setFont(app_font(10.5))
        self.nav.setIconSize(QSize(0, 0))
        self.nav.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        column.addWidget(self.nav, 1)
        self.settings_button = QPushButton(translate("MainWindow", "设置"))
        self.settings_button.setObjectName("SettingsButton")
        self.settings_button.setFlat(True)
        self.settings_button.clicked.connect(self.open_settings)
        column.addWidget(self.settings_button)
        row.addWidget(side)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(18, 14, 18, 8)
        self.stack = QStackedWidget()
        body_layout.addWidget(self.stack)
        row.addWidget(body, 1)
        self.setCentralWidget(central)

        for spec in page_specs():
            self.specs[spec.key] = spec
            if spec.separator_before:
                gap = QListWidgetItem("")
                gap.setFlags(Qt.ItemFlag.NoItemFlags)
                gap.setSizeHint(QSize(NAV_WIDTH, 10))
                self.nav.addItem(gap)
            item = QListWidgetItem(spec.title)
            item.setData(KEY_ROLE, spec.key)
            self.nav.addItem(item)
        self.nav.currentItemChanged.connect(self._nav_changed)

        self.status = StatusBar(ctx, initial)
        self.setStatusBar(self.status)
        ctx.navigate_requested.connect(self.navigate)
        ctx.ready.connect(self._ledger_ready)
        ctx.tasks.error_presenter = self.present_error

    # -- pages ---------------------------------------------------------------------------------------
    def page(self, key: str) -> Screen:
        """The page for ``key``, created (and started) on first use."""
        page = self.pages.get(key)
        if page is None:
            page = self.specs[key].factory(self.ctx)
            page.setObjectName(f"page_{key}")
            self.pages[key] = page
            self.stack.addWidget(page)
        if not page.started and self.ctx.loaded:
            page.started = True
            page.start()
        return page

    def navigate(self, key: str, record_id: uuid.UUID | None = None) -> None:
        if not self.ctx.loaded:
            self._pending = (key, record_id)
            return
        page = self.page(key)
        self.stack.setCurrentWidget(page)
        self._select_nav(key)
        if record_id is not None:
            page.show_record(record_id)
        else:
            page.refresh()
        self.page_shown.emit(key)

    def current_key(self) -> str:
        item = self.nav.currentItem()
        return str(item.data(KEY_ROLE)) if item is not None else ""

    def _select_nav(self, key: str) -> None:
        for i in range(self.nav.count()):
            item = self.nav.item(i)
            if item.data(KEY_ROLE) == key and self.nav.currentItem() is not item:
                self.nav.blockSignals(True)
                self.nav.setCurrentItem(item)
                self.nav.blockSignals(False)
                return

    def _nav_changed(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if item is not None and item.data(KEY_ROLE):
            self.navigate(str(item.data(KEY_ROLE)))

    def _ledger_ready(self) -> None:
        township = self.ctx.township
        if township is None:
            self.township_label.setText(translate("MainWindow", "台账中尚未建立乡镇（街道）"))
            self.setWindowTitle(translate("MainWindow", "联点共建桌面端"))
        else:
            self.township_label.setText(township.name)
            self.setWindowTitle(
                translate("MainWindow", "联点共建桌面端 — {township}").format(township=township.name)
            )
        if not self.pages:
            key, record_id = self._pending or ("overview", None)
            self._pending = None
            self.navigate(key, record_id)

    # -- settings --------------------------------------------------------------------------------------
    def open_settings(self) -> RecordForm:
        """Language, the operator's name (written into order events) and the default response limit."""
        current = self.ctx.settings
        path = self.ctx.paths.settings_file
        fields = [
            Field(
                "language",
                translate("MainWindow", "界面语言"),
                "choice",
                choices=[("zh_CN", "中文"), ("en", "English")],
                hint=translate("MainWindow", "重新启动后生效"),
            ),
            Field(
                "operator_name",
                translate("MainWindow", "操作人员"),
                hint=translate("MainWindow", "记入工单办理过程"),
            ),
            Field(
                "response_limit_hours",
                translate("MainWindow", "默认响应时限（小时）"),
                "int",
                minimum=1,
                maximum=720,
            ),
        ]

        def save(values: dict[str, Any]) -> Settings:
            changed = replace(current, **values)
            changed.save(path)
            return changed

        form = RecordForm(
            self, self.ctx.tasks, translate("MainWindow", "设置"), fields, save, initial=asdict(current)
        )
        form.saved.connect(self._settings_saved)
        self.settings_form = form
        form.open()
        return form

    def _settings_saved(self, settings: Settings) -> None:
        language_changed = settings.language != self.ctx.settings.language
        self.ctx.settings = settings
        text = translate("MainWindow", "设置已保存")
        if language_changed:
            text = translate("MainWindow", "设置已保存；界面语言将在重新启动后切换")
        self.ctx.message.emit(text)

    # -- errors nobody else took -----------------------------------------------------------------------
    def present_error(self, exc: BaseException, text: str) -> None:
        log_if_unexpected(exc, "background task")
        title = (
            translate("MainWindow", "未能完成")
            if isinstance(exc, LedgerError)
            else translate("MainWindow", "程序错误")
        )
        inform(self, title, text, error=True)
