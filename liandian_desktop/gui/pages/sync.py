"""数据同步: enrol this ledger with the county server, sync it, resolve conflicts and read sync issues.

Every call to the sync core runs through ``ctx.tasks``: reads (status, conflicts, issues) on the read pool,
enrolment, sync, resolving and 已阅 on the writer thread (they write the ledger). The sync shows its own
progress dialog at once (a poor line makes every sync slow) with the stage, done/total and 取消.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from liandian_desktop.gui.context import AppContext
from liandian_desktop.gui.i18n import fmt_datetime
from liandian_desktop.gui.qt import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from liandian_desktop.gui.screen import Screen
from liandian_desktop.gui.tasks import Task, TaskContext, describe_error
from liandian_desktop.gui.widgets import Banner, page_header
from liandian_desktop.sync.client import Issue, SyncClient, SyncProgress, SyncReport, SyncStatus
from liandian_desktop.sync.conflicts import ConflictItem, ConflictService
from liandian_desktop.sync.errors import SyncCancelled


@dataclass(frozen=True)
class SyncView:
    """Everything the page shows, read in one background task."""

    status: SyncStatus
    conflicts: list[ConflictItem]
    issues: list[Issue]


def wire_text(value: Any) -> str:
    return "" if value is None else str(value)


class SyncScreen(Screen):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.view: SyncView | None = None
        self.report: SyncReport | None = None
        self.progress_dialog: QProgressDialog | None = None
        self._cancel: threading.Event | None = None
        self._sync_task: Task | None = None

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(page_header(self.tr("数据同步"), self.tr("与乡镇办公室的县级服务器交换台账数据。")))
        self.banner = Banner()
        outer.addWidget(self.banner)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

        # -- enrolment -------------------------------------------------------------------------------
        self.enrol_box = QGroupBox(self.tr("注册到县级服务器"))
        form = QFormLayout(self.enrol_box)
        self.server_edit = QLineEdit()
        self.server_edit.setPlaceholderText("http://192.168.1.10:8080")
        self.code_edit = QLineEdit()
        self.enrol_button = QPushButton(self.tr("注册"))
        self.enrol_button.clicked.connect(self.enrol)
        self.enrol_error = QLabel()
        self.enrol_error.setWordWrap(True)
        self.enrol_error.setObjectName("FieldError")
        self.enrol_error.setStyleSheet("color: #b91c1c;")
        form.addRow(self.tr("服务器地址"), self.server_edit)
        form.addRow(self.tr("注册码"), self.code_edit)
        form.addRow("", self.enrol_button)
        form.addRow("", self.enrol_error)
        layout.addWidget(self.enrol_box)

        # -- status and 立即同步 -----------------------------------------------------------------------
        self.status_box = QGroupBox(self.tr("同步状态"))
        status_form = QFormLayout(self.status_box)
        self.server_label = QLabel()
        self.township_label = QLabel()
        self.device_label = QLabel()
        self.last_sync_label = QLabel()
        self.pending_label = QLabel()
        self.report_label = QLabel()
        self.report_label.setWordWrap(True)
        for label in (self.server_label, self.device_label):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        status_form.addRow(self.tr("服务器"), self.server_label)
        status_form.addRow(self.tr("乡镇（街道）"), self.township_label)
        status_form.addRow(self.tr("本设备"), self.device_label)
        status_form.addRow(self.tr("上次同步"), self.last_sync_label)
        status_form.addRow(self.tr("待上传"), self.pending_label)
        status_form.addRow(self.tr("同步结果"), self.report_label)
        self.sync_button = QPushButton(self.tr("立即同步"))
        self.sync_button.clicked.connect(self.sync)
        status_form.addRow("", self.sync_button)
        self.status_box.hide()
        layout.addWidget(self.status_box)

        # -- conflicts --------------------------------------------------------------------------------
        self.conflict_box = QGroupBox(self.tr("冲突"))
        conflict_layout = QVBoxLayout(self.conflict_box)
        self.conflicts = QTableWidget(0, 7)
        self.conflicts.setHorizontalHeaderLabels(
            [
                self.tr("记录"),
                self.tr("字段"),
                self.tr("现在的值"),
                self.tr("被替换的值"),
                self.tr("发现时间"),
                self.tr("保留现值"),
                self.tr("改用被替换的值"),
            ]
        )
        self.conflicts.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.conflicts.verticalHeader().hide()
        self.conflicts.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.conflicts.horizontalHeader().setStretchLastSection(True)
        self.conflicts.setMinimumHeight(140)
        self.no_conflicts = QLabel(self.tr("没有待处理的冲突。"))
        self.no_conflicts.setObjectName("Muted")
        conflict_layout.addWidget(self.no_conflicts)
        conflict_layout.addWidget(self.conflicts)
        layout.addWidget(self.conflict_box)

        # -- issues -----------------------------------------------------------------------------------
        self.issue_box = QGroupBox(self.tr("同步提示"))
        issue_layout = QVBoxLayout(self.issue_box)
        self.issues = QListWidget()
        self.issues.setWordWrap(True)
        self.issues.setMinimumHeight(100)
        issue_row = QHBoxLayout()
        self.seen_button = QPushButton(self.tr("已阅"))
        self.seen_button.clicked.connect(self.mark_seen)
        issue_row.addStretch(1)
        issue_row.addWidget(self.seen_button)
        issue_layout.addWidget(self.issues)
        issue_layout.addLayout(issue_row)
        layout.addWidget(self.issue_box)
        layout.addStretch(1)

    # -- the sync core (created on first use: it looks for the credential store) ------------------------
    @cached_property
    def client(self) -> SyncClient:
        return SyncClient(self.ctx.store, self.ctx.paths.data_dir)

    @cached_property
    def conflict_service(self) -> ConflictService:
        return ConflictService(self.ctx.store)

    # -- reading ------------------------------------------------------------------------------------------
    def start(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        client, conflicts = self.client, self.conflict_service

        def read() -> SyncView:
            return SyncView(client.status(), conflicts.list(), client.issues())

        def failed(exc: BaseException) -> None:
            self.banner.show_message(describe_error(exc), "error")
            self.mark_loaded()

        self.ctx.tasks.read(read, self.show_view, failed, name="sync_view")

    def show_view(self, view: SyncView) -> None:
        self.view = view
        status = view.status
        self.enrol_box.setVisible(not status.enrolled)
        self.status_box.setVisible(status.enrolled)
        self.server_label.setText(status.server_url)
        self.township_label.setText(status.township_name)
        self.device_label.setText(status.device_id)
        self.last_sync_label.setText(
            fmt_datetime(status.last_sync_at) if status.last_sync_at else self.tr("从未同步")
        )
        self.pending_label.setText(
            self.tr("{n} 条本机修改等待上传").format(n=status.pending)
            if status.pending
            else self.tr("没有等待上传的修改")
        )
        if self.report is None and status.last_result:
            self.report_label.setText(status.last_result)
        self._show_conflicts(view.conflicts)
        self._show_issues(view.issues)
        self.mark_loaded()

    def _show_conflicts(self, items: list[ConflictItem]) -> None:
        self.conflicts.setRowCount(0)
        self.no_conflicts.setVisible(not items)
        self.conflicts.setVisible(bool(items))
        for row, item in enumerate(items):
            self.conflicts.insertRow(row)
            cells = [
                f"{item.table} {item.row_id.hex[:8]}",
                item.field,
                wire_text(item.kept_value),
                wire_text(item.other_value),
                fmt_datetime(item.detected_at),
            ]
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                self.conflicts.setItem(row, column, cell)
            for column, value in ((5, item.kept_value), (6, item.other_value)):
                button = QPushButton(self.tr("采用此值"))
                button.setObjectName(f"adopt_{row}_{column}")
                button.clicked.connect(lambda _checked=False, i=item.id, v=value: self.resolve(i, v))
                self.conflicts.setCellWidget(row, column, button)

    def _show_issues(self, issues: list[Issue]) -> None:
        self.issues.clear()
        for issue in issues:
            text = f"{fmt_datetime(issue.at)}  {issue.message}"
            if issue.seen:
                text += self.tr("（已阅）")
            self.issues.addItem(text)
        if not issues:
            self.issues.addItem(self.tr("没有同步提示。"))
        self.seen_button.setEnabled(any(not i.seen for i in issues))

    # -- enrolment ----------------------------------------------------------------------------------------
    def enrol(self) -> None:
        url, code = self.server_edit.text().strip(), self.code_edit.text().strip()
        if not url or not code:
            self.enrol_error.setText(self.tr("请填写服务器地址和注册码。"))
            return
        self.enrol_error.setText(self.tr("正在连接县级服务器…"))
        self.enrol_button.setEnabled(False)
        client = self.client

        def enrolled(_enrolment: Any) -> None:
            self.enrol_button.setEnabled(True)
            self.enrol_error.clear()
            self.code_edit.clear()
            self.banner.show_message(self.tr("注册成功，可以开始同步。"), "info")
            self.refresh()

        def failed(exc: BaseException) -> None:
            self.enrol_button.setEnabled(True)
            self.enrol_error.setText(describe_error(exc))

        self.ctx.tasks.write(lambda: client.enrol(url, code), enrolled, failed, name="sync_enrol")

    # -- 立即同步 -------------------------------------------------------------------------------------------
    def sync(self) -> None:
        if self._sync_task is not None:
            return
        client = self.client
        cancel = threading.Event()
        self._cancel = cancel
        self.banner.clear()
        self.sync_button.setEnabled(False)

        def run(context: TaskContext) -> SyncReport:
            def progress(p: SyncProgress) -> None:
                if context.cancelled:  # the app is closing
                    cancel.set()
                counts = f"{p.done}/{p.total}" if p.total else (str(p.done) if p.done else "")
                text = f"{p.message}（{counts}）" if counts else p.message
                fraction = p.fraction
                context.progress(fraction if fraction is not None else -1.0, text)

            return client.sync(progress=progress, cancel=cancel)

        dialog = QProgressDialog(self.tr("正在与县级服务器同步…"), self.tr("取消"), 0, 1000, self)
        dialog.setWindowTitle(self.tr("数据同步"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setValue(0)
        self.progress_dialog = dialog
        task = self.ctx.tasks.write(run, self._synced, self._sync_failed, name="sync", wants_context=True)
        self._sync_task = task
        task.progressed.connect(self._progressed)
        dialog.canceled.connect(self.cancel_sync)
        task.finished.connect(self._sync_finished)
        dialog.show()

    def _progressed(self, fraction: float, text: str) -> None:
        dialog = self.progress_dialog
        if dialog is None:
            return
        dialog.setLabelText(text)
        if fraction > 0:  # clamped to [0, 1]; 0 when the total is not known yet
            dialog.setValue(int(fraction * 1000))

    def cancel_sync(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
        if self.progress_dialog is not None:
            self.progress_dialog.setLabelText(self.tr("正在取消，请稍候…"))

    def _synced(self, report: SyncReport) -> None:
        self.report = report
        self.report_label.setText(report.summary())
        if report.rejected:
            self.banner.show_message("\n".join(report.rejected), "warning")
        self.ctx.reload_lookups()  # the township and its communities may have arrived
        self.ctx.changed("sync")

    def _sync_failed(self, exc: BaseException) -> None:
        level = "info" if isinstance(exc, SyncCancelled) else "error"
        self.banner.show_message(describe_error(exc), level)

    def _sync_finished(self) -> None:
        self._sync_task = None
        self._cancel = None
        self.sync_button.setEnabled(True)
        if self.progress_dialog is not None:
            self.progress_dialog.close()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None
        self.refresh()

    # -- conflicts and issues ------------------------------------------------------------------------
    def resolve(self, conflict_id: Any, value: Any) -> None:
        service, actor = self.conflict_service, self.ctx.actor()

        def resolved(_item: Any) -> None:
            self.ctx.message.emit(self.tr("冲突已处理。"))
            self.ctx.changed("sync")
            self.refresh()

        self.ctx.tasks.write(
            lambda: service.resolve(conflict_id, value, actor),
            resolved,
            lambda exc: self.banner.show_message(describe_error(exc), "error"),
            name="sync_resolve",
        )

    def mark_seen(self) -> None:
        client = self.client
        self.ctx.tasks.write(
            client.mark_issues_seen,
            lambda _r: self.refresh(),
            lambda exc: self.banner.show_message(describe_error(exc), "error"),
            name="sync_issues_seen",
        )
