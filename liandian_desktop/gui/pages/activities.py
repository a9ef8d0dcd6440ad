"""活动与走访: activities and visits, and the sign-in sheet (签到表) keyed back from paper.

The sheet is made for the keyboard alone: type the row code printed on the paper (7 means 007), Space ticks
present (again: absent), Enter goes to the next row; for volunteer service the hours go in the 时长 column
(F2). Walk-ins are added with 现场加入; residents are invited from a searchable list.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from liandian_desktop.gui.context import AppContext
from liandian_desktop.gui.forms import Field, RecordForm, to_aware
from liandian_desktop.gui.i18n import fmt_decimal
from liandian_desktop.gui.listing import Column, Filter, RecordList, col, community_col, enum_filter
from liandian_desktop.gui.pages.residents import resident_columns
from liandian_desktop.gui.qt import (
    QAbstractItemView,
    QAbstractTableModel,
    QDateTime,
    QDialog,
    QFrame,
    QHBoxLayout,
    QKeyEvent,
    QLabel,
    QLineEdit,
    QModelIndex,
    QPersistentModelIndex,
    QPushButton,
    Qt,
    QTableView,
    QVBoxLayout,
    QWidget,
    Signal,
)
from liandian_desktop.gui.screen import BrowserScreen, RecordAction, RecordBrowser
from liandian_desktop.gui.tasks import describe_error
from liandian_desktop.gui.theme import GREEN, GREY, RED, app_font
from liandian_desktop.gui.vocab import label
from liandian_desktop.gui.widgets import Banner, muted, primary_button
from liandian_desktop.ledger.models import Activity, ActivityKind, Attendance, AttendanceStatus
from liandian_desktop.ledger.services.base import Service

Index = QModelIndex | QPersistentModelIndex
CODE, NAME, STATUS, HOURS = range(4)


def normalize_code(text: str) -> str:
    """What is typed off the paper: '7' and '07' mean row 007 (as the ledger reads it)."""
    code = text.strip().upper()
    return code.zfill(3) if code.isdigit() and len(code) < 3 else code


class SheetModel(QAbstractTableModel):
    """The rows of one sign-in sheet (a few hundred at most: the whole sheet is held)."""

    hours_entered = Signal(str, str)  # row code, hours text

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Attendance] = []
        self.volunteer = False
        self.headers = [
            self.tr("行号"),
            self.tr("姓名"),
            self.tr("签到"),
            self.tr("时长"),
        ]

    def set_rows(self, rows: list[Attendance], volunteer: bool) -> None:
        self.beginResetModel()
        self.rows, self.volunteer = list(rows), volunteer
        self.endResetModel()

    def replace(self, row: Attendance) -> int:
        for i, old in enumerate(self.rows):
            if old.id == row.id:
                self.rows[i] = row
                self.dataChanged.emit(self.index(i, 0), self.index(i, HOURS))
                return i
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows))
        self.rows.append(row)
        self.endInsertRows()
        return len(self.rows) - 1

    def row_of(self, code: str) -> int | None:
        for i, row in enumerate(self.rows):
            if row.row_code == code:
                return i
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else (4 if self.volunteer else 3)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == CODE:
                return row.row_code
            if column == NAME:
                return row.name
            if column == STATUS:
                if row.status == AttendanceStatus.INVITED:
                    return self.tr("未录")
                mark = "✓ " if row.status in (AttendanceStatus.PRESENT, AttendanceStatus.WALK_IN) else "✗ "
                return mark + label(row.status)
            if column == HOURS:
                return fmt_decimal(row.hours) if row.hours is not None else ""
        if role == Qt.ItemDataRole.ForegroundRole and column == STATUS:
            return {
                AttendanceStatus.PRESENT: GREEN,
                AttendanceStatus.WALK_IN: GREEN,
                AttendanceStatus.ABSENT: RED,
                AttendanceStatus.INVITED: GREY,
            }.get(row.status)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (CODE, HOURS):
            return Qt.AlignmentFlag.AlignCenter
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == HOURS and self.volunteer:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if index.isValid() and index.column() == HOURS and role == Qt.ItemDataRole.EditRole:
            self.hours_entered.emit(self.rows[index.row()].row_code, str(value).strip())
            return True  # the row is updated when the ledger has stored it
        return False

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None


class SheetTable(QTableView):
    """Keys: row-code characters jump to the row; Space ticks; Enter goes to the next row."""

    code_typed = Signal(str)
    toggle_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buffer = ""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, text = event.key(), event.text()
        model = self.model()
        if self.state() == QAbstractItemView.State.EditingState:
            super().keyPressEvent(event)
            return
        if key == Qt.Key.Key_Space:
            self.buffer = ""
            self.code_typed.emit("")
            if self.currentIndex().isValid():
                self.toggle_requested.emit(self.currentIndex().row())
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.buffer = ""
            self.code_typed.emit("")
            row = self.currentIndex().row() + 1
            if 0 <= row < model.rowCount():
                self.setCurrentIndex(model.index(row, CODE))
            return
        if key == Qt.Key.Key_Escape and self.buffer:
            self.buffer = ""
            self.code_typed.emit("")
            return
        if key == Qt.Key.Key_Backspace and self.buffer:
            self.buffer = self.buffer[:-1]
            self.code_typed.emit(self.buffer)
            self._jump()
            return
        if key == Qt.Key.Key_F2 and self.currentIndex().isValid() and model.columnCount() > HOURS:
            self.edit(model.index(self.currentIndex().row(), HOURS))
            return
        if text and text.isalnum() and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.buffer += text.upper()
            self.code_typed.emit(self.buffer)
            self._jump()
            return
        super().keyPressEvent(event)

    def _jump(self) -> None:
        model = self.model()
        assert isinstance(model, SheetModel)
        row = model.row_of(normalize_code(self.buffer)) if self.buffer else None
        if row is not None:
            self.setCurrentIndex(model.index(row, CODE))
            self.scrollTo(model.index(row, CODE))


class SignInSheet(QFrame):
    """The sheet of the selected activity: counts, row-code keying, invite, walk-ins."""

    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.activity: Activity | None = None
        self.last_dialog: QWidget | None = None
        self.setObjectName("Card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        self.heading = QLabel(self.tr("选择一项活动，录入签到表"))
        self.heading.setFont(app_font(12, bold=True))
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.counts = muted()
        self.counts.setObjectName("SheetCounts")
        layout.addWidget(self.counts)
        self.banner = Banner()
        layout.addWidget(self.banner)
        keys = QHBoxLayout()
        keys.addWidget(QLabel(self.tr("行号")))
        self.code_box = QLineEdit()
        self.code_box.setReadOnly(True)
        self.code_box.setMaximumWidth(70)
        self.code_box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        keys.addWidget(self.code_box)
        self.help = muted(self.tr("输入行号定位，空格键签到／缺席，回车到下一行"))
        self.help.setWordWrap(True)
        keys.addWidget(self.help, 1)
        layout.addLayout(keys)
        self.model = SheetModel(self)
        self.table = SheetTable()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAlternatingRowColors(True)
        self.table.code_typed.connect(self.code_box.setText)
        self.table.toggle_requested.connect(self.toggle_row)
        self.model.hours_entered.connect(self.enter_hours)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.invite_button = primary_button(self.tr("邀请居民"))
        self.invite_button.clicked.connect(self.invite)
        self.walk_in_button = QPushButton(self.tr("现场加入"))
        self.walk_in_button.clicked.connect(self.walk_in)
        self.remove_button = QPushButton(self.tr("删除该行"))
        self.remove_button.clicked.connect(self.remove_row)
        buttons.addWidget(self.invite_button)
        buttons.addWidget(self.walk_in_button)
        buttons.addStretch(1)
        buttons.addWidget(self.remove_button)
        layout.addLayout(buttons)
        self.show_activity(None)

    # -- loading -------------------------------------------------------------------------------------
    def show_activity(self, activity: Activity | None) -> None:
        self.activity = activity
        self.banner.clear()
        enabled = activity is not None
        for button in (self.invite_button, self.walk_in_button, self.remove_button):
            button.setEnabled(enabled)
        if activity is None:
            self.heading.setText(self.tr("选择一项活动，录入签到表"))
            self.counts.clear()
            self.model.set_rows([], False)
            return
        self.heading.setText(f"{activity.title}  {activity.code}")
        activities, activity_id = self.ctx.activities, activity.id

        def arrived(rows: list[Attendance]) -> None:
            if self.activity is None or self.activity.id != activity_id:
                return
            self.model.set_rows(rows, activity.kind == ActivityKind.VOLUNTEER)
            self.table.resizeColumnToContents(CODE)
            self.table.setColumnWidth(CODE, 56)
            self.table.setColumnWidth(NAME, 130)
            self.table.setColumnWidth(STATUS, 96)
            self.update_counts()
            if rows:
                self.table.setCurrentIndex(self.model.index(0, CODE))

        self.ctx.tasks.read(lambda: activities.sheet(activity_id), arrived, self.show_error, name="sheet")

    def update_counts(self) -> None:
        statuses = [r.status for r in self.model.rows]
        walk_ins = statuses.count(AttendanceStatus.WALK_IN)
        self.counts.setText(
            self.tr(
                "应到 {invited} 人 · 签到 {present} · 缺席 {absent} · 未录 {unmarked} · 现场加入 {walk}"
            ).format(
                invited=len(statuses) - walk_ins,
                present=statuses.count(AttendanceStatus.PRESENT),
                absent=statuses.count(AttendanceStatus.ABSENT),
                unmarked=statuses.count(AttendanceStatus.INVITED),
                walk=walk_ins,
            )
        )

    def show_error(self, exc: BaseException) -> None:
        self.banner.show_message(describe_error(exc), "error")

    def _stored(self, row: Attendance) -> None:
        self.model.replace(row)
        self.update_counts()
        self.banner.clear()
        self.ctx.changed("attendances")
        self.changed.emit()

    # -- keying the paper back -------------------------------------------------------------------------
    def toggle_row(self, index: int) -> None:
        """Space: 未录/缺席 → 签到, 签到 → 缺席 (a walk-in stays: they came)."""
        if self.activity is None or not 0 <= index < len(self.model.rows):
            return
        row = self.model.rows[index]
        if row.status == AttendanceStatus.WALK_IN:
            self.banner.show_message(
                self.tr("第 {code} 行是现场加入人员，不需要签到标记；如为误录请删除该行。").format(
                    code=row.row_code
                ),
                "info",
            )
            return
        present = row.status != AttendanceStatus.PRESENT
        self.mark(row.row_code, present)

    def mark(self, code: str, present: bool, hours: str | None = None) -> None:
        assert self.activity is not None
        activities, activity_id = self.ctx.activities, self.activity.id
        self.ctx.tasks.write(
            lambda: activities.mark(activity_id, code, present, hours=hours),
            self._stored,
            self.show_error,
            name="mark",
        )

    def enter_hours(self, code: str, text: str) -> None:
        self.mark(code, True, text or None)

    def mark_code(self, typed: str, present: bool = True) -> None:
        """Mark a row by the code read off the paper (as typing it and pressing Space would)."""
        self.mark(normalize_code(typed), present)

    # -- invitations and walk-ins ----------------------------------------------------------------------
    def invite(self) -> None:
        if self.activity is None:
            return
        dialog = InviteDialog(self.ctx, self.activity, self)
        dialog.invited.connect(self._invited)
        self.last_dialog = dialog
        dialog.open()

    def _invited(self, rows: list[Attendance]) -> None:
        for row in rows:
            self.model.replace(row)
        self.update_counts()
        self.ctx.changed("attendances")
        self.changed.emit()

    def walk_in(self) -> None:
        if self.activity is None:
            return
        activities, activity_id = self.ctx.activities, self.activity.id
        form = RecordForm(
            self,
            self.ctx.tasks,
            self.tr("现场加入：{title}").format(title=self.activity.title),
            [Field("name", self.tr("姓名"), required=True), Field("phone", self.tr("联系电话"))],
            lambda v: activities.add_walk_in(activity_id, v["name"], v["phone"]),
            save_text=self.tr("加入签到表"),
        )
        form.saved.connect(self._walked_in)
        self.last_dialog = form
        form.open()

    def _walked_in(self, row: Attendance) -> None:
        self._stored(row)
        index = self.model.row_of(row.row_code)
        if index is not None:
            self.table.setCurrentIndex(self.model.index(index, CODE))

    def remove_row(self) -> None:
        index = self.table.currentIndex()
        if self.activity is None or not index.isValid():
            return
        row = self.model.rows[index.row()]
        activities, activity_id = self.ctx.activities, self.activity.id
        from liandian_desktop.gui.widgets import confirm

        def removed(_result: Any) -> None:
            self.show_activity(self.activity)
            self.ctx.changed("attendances")

        self.last_dialog = confirm(
            self,
            self.tr("删除签到行"),
            self.tr("确定从签到表删除第 {code} 行“{name}”吗？该行号不会再被使用。").format(
                code=row.row_code, name=row.name
            ),
            lambda: self.ctx.tasks.write(
                lambda: activities.remove_row(activity_id, row.row_code), removed, self.show_error
            ),
            yes_text=self.tr("删除"),
        )


class InviteDialog(QDialog):
    """Choose residents (search, Ctrl/Shift-click for several) and put them on the sheet."""

    invited = Signal(list)

    def __init__(self, ctx: AppContext, activity: Activity, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.activity = ctx, activity
        self.setWindowTitle(self.tr("邀请居民：{title}").format(title=activity.title))
        self.resize(760, 520)
        layout = QVBoxLayout(self)
        hint = muted(
            self.tr("可搜索姓名、住址；按住 Ctrl 或 Shift 选择多人。已在签到表上的居民不会重复加入。")
        )
        layout.addWidget(hint)
        self.banner = Banner()
        layout.addWidget(self.banner)
        community = activity.community_id
        township = ctx.township

        def base() -> dict[str, Any]:
            filters: dict[str, Any] = {"township_id": township.id} if township is not None else {}
            if community is not None:
                filters["community_id"] = community
            return filters

        self.residents = RecordList(
            ctx.tasks,
            ctx.residents.list,
            resident_columns(ctx),
            search_placeholder=self.tr("搜索居民"),
            base_filters=base,
        )
        self.residents.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.residents.set_initial_sort("name")
        layout.addWidget(self.residents, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.invite_button = primary_button(self.tr("邀请所选居民"))
        self.invite_button.setDefault(True)
        self.invite_button.clicked.connect(self.submit)
        cancel = QPushButton(self.tr("取消"))
        cancel.clicked.connect(self.reject)
        buttons.addWidget(self.invite_button)
        buttons.addWidget(cancel)
        layout.addLayout(buttons)
        self.residents.reload()

    def selected_ids(self) -> list[uuid.UUID]:
        rows = sorted(index.row() for index in self.residents.table.selectionModel().selectedRows())
        return [self.residents.model.record(r).id for r in rows]

    def submit(self) -> None:
        ids = self.selected_ids()
        if not ids:
            self.banner.show_message(self.tr("请先选择要邀请的居民。"), "info")
            return
        activities, activity_id = self.ctx.activities, self.activity.id
        self.invite_button.setEnabled(False)

        def done(rows: list[Attendance]) -> None:
            self.invited.emit(rows)
            self.accept()

        def failed(exc: BaseException) -> None:
            self.invite_button.setEnabled(True)
            self.banner.show_message(describe_error(exc), "error")

        self.ctx.tasks.write(lambda: activities.invite(activity_id, ids), done, failed, name="invite")


class ActivitiesBrowser(RecordBrowser):
    kind = "activities"
    default_sort = ("starts_at", True)
    detail_width = 440

    def noun(self) -> str:
        return self.tr("活动", "noun")

    def title(self) -> str:
        return self.tr("活动与走访")

    def hint(self) -> str:
        return self.tr("服务活动、走访与会议；选中一项活动后，在右侧录入纸质签到表。")

    def search_hint(self) -> str:
        return self.tr("搜索名称、编号、地点、组织单位")

    def service(self) -> Service:
        return self.ctx.activities

    def columns(self) -> list[Column]:
        return [
            col(self.tr("开始时间"), "starts_at", width=122),
            col(self.tr("活动名称"), "title", width=190),
            col(self.tr("类型"), "kind", width=70),
            community_col(self.ctx, self.tr("村（社区）"), width=80, empty=self.tr("全乡镇")),
            col(self.tr("地点"), "place", width=110),
            col(self.tr("编号"), "code"),
        ]

    def filters(self) -> list[Filter]:
        return [
            enum_filter("kind", ActivityKind, self.tr("全部类型")),
            Filter("community_id", self.tr("全部村（社区）"), self.ctx.lookups.community_choices),
        ]

    def fields(self, record: Any | None) -> list[Field]:
        start = QDateTime.currentDateTime()
        start = start.addSecs(-start.time().second())
        return [
            Field("title", self.tr("活动名称"), required=True),
            Field("kind", self.tr("类型"), "choice", enum=ActivityKind, default=ActivityKind.SERVICE),
            Field(
                "community_id",
                self.tr("村（社区）"),
                "choice",
                choices=self.ctx.lookups.community_choices,
                none_text=self.tr("（全乡镇）"),
            ),
            Field("starts_at", self.tr("开始时间"), "datetime", required=True, default=to_aware(start)),
            Field("ends_at", self.tr("结束时间"), "datetime", default=to_aware(start) + timedelta(hours=2)),
            Field("place", self.tr("地点")),
            Field(
                "unit_id",
                self.tr("联点单位"),
                "choice",
                choices=self.ctx.lookups.unit_choices,
                none_text=self.tr("（无）"),
            ),
            Field("organiser", self.tr("组织单位")),
            Field("responsible", self.tr("负责人")),
            Field("description", self.tr("内容"), "textarea"),
        ]

    def create_record(self, values: dict[str, Any]) -> Any:
        values = dict(values)
        args = [values.pop(k) for k in ("community_id", "kind", "title", "starts_at", "ends_at")]
        return self.ctx.activities.create(self.ctx.township_id, *args, **values)

    def edit_record(self, record: Any, changes: dict[str, Any]) -> Any:
        return self.ctx.activities.edit(record.id, **changes)

    def record_actions(self) -> list[RecordAction]:
        return [
            RecordAction(
                self.tr("录入签到"), self._focus_sheet, name="sheet", tooltip=self.tr("把光标移到签到表")
            ),
            RecordAction(self.tr("打印签到表"), lambda a: self._print(a, "signin"), name="print_signin"),
            RecordAction(
                self.tr("打印测评表"),
                lambda a: self._print(a, "evaluation-activity"),
                name="print_evaluation",
            ),
        ]

    def _print(self, record: Any, kind: str) -> None:
        from liandian_desktop.gui.pages.paper import open_paper

        open_paper(self, self.ctx, kind, record)

    def _focus_sheet(self, _record: Any) -> None:
        self.sheet.table.setFocus()

    def detail_panel(self) -> QWidget:
        self.sheet = SignInSheet(self.ctx)
        return self.sheet

    def show_detail(self, record: Any | None) -> None:
        if record is None or self.sheet.activity is None or self.sheet.activity.id != record.id:
            self.sheet.show_activity(record)
        else:
            self.sheet.activity = record


class ActivitiesScreen(BrowserScreen):
    browser_class = ActivitiesBrowser
