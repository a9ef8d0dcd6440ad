"""The import wizard's steps as widgets (what the user sees and sets); the work behind them is in
``transfer_import``.

* :class:`ChooseStep`: what is imported and the file (dialog, path or drag and drop); 下载模板.
* :class:`MappingStep`: sheet, header row, each column's field or 不导入, the options.
* :class:`DoneStep`: what was written and where to go next.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from liandian_desktop.gui.qt import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QColor,
    QComboBox,
    QDragEnterEvent,
    QDropEvent,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    Qt,
    QTableWidget,
    QVBoxLayout,
    QWidget,
    Signal,
    translate,
)
from liandian_desktop.gui.theme import ACCENT, GREY, RED, app_font
from liandian_desktop.gui.widgets import Banner, muted, primary_button

CHOOSE, MAPPING, PREVIEW, DONE = range(4)
TEXT = QColor("#1f2a3a")
HEADER_ROWS = 30  # the Excel module looks for the header in the first 30 rows


@dataclass(frozen=True)
class KindInfo:
    """One kind of import as the wizard offers it."""

    key: str  # excel.ImportKind value
    label: str
    description: str
    page: str  # where the imported records are shown
    changed: str  # what ctx.data_changed reports after the import
    community: bool = False  # offer "every row belongs to this village"
    activity: bool = False  # offer "every row belongs to this activity"
    quarter: bool = False  # offer "every row belongs to this quarter"


def import_kinds() -> list[KindInfo]:
    return [
        KindInfo(
            "residents",
            translate("ImportWizard", "居民名册"),
            translate("ImportWizard", "村（社区）报来的花名册：姓名、身份证号、电话、住址、特殊群体"),
            "residents",
            "residents",
            community=True,
        ),
        KindInfo(
            "volunteers",
            translate("ImportWizard", "志愿者名册"),
            translate("ImportWizard", "志愿者登记表：姓名、证件号码、专业技能、服务类别"),
            "volunteers",
            "volunteers",
            community=True,
        ),
        KindInfo(
            "units",
            translate("ImportWizard", "联点单位"),
            translate("ImportWizard", "县直单位名单：单位名称、类型、联系人"),
            "org",
            "paired_units",
        ),
        KindInfo(
            "cadres",
            translate("ImportWizard", "联点干部与兼职顾问"),
            translate("ImportWizard", "干部名单：姓名、所属单位、联系村（社区）"),
            "org",
            "cadres",
        ),
        KindInfo(
            "demands",
            translate("ImportWizard", "需求清单"),
            translate("ImportWizard", "各村（社区）上报的需求：类别、事项、紧急程度"),
            "lists",
            "demands",
            community=True,
            quarter=True,
        ),
        KindInfo(
            "supplies",
            translate("ImportWizard", "供给清单"),
            translate("ImportWizard", "联点单位申报的供给：类型、名称、容量"),
            "lists",
            "supplies",
            quarter=True,
        ),
        KindInfo(
            "invitations",
            translate("ImportWizard", "活动邀请名单"),
            translate("ImportWizard", "要邀请参加某项活动的居民，导入后列入签到表"),
            "activities",
            "attendances",
            activity=True,
        ),
        KindInfo(
            "attendance",
            translate("ImportWizard", "签到记录"),
            translate("ImportWizard", "签到表的出席情况、签到时间、服务时长"),
            "activities",
            "attendances",
            activity=True,
        ),
    ]


def sample_text(value: object) -> str:
    """A cell as the mapping step shows it (an ID typed as a number shows as the number Excel kept)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return (
            value.strftime("%Y-%m-%d %H:%M") if value.time() != datetime.min.time() else f"{value:%Y-%m-%d}"
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return " ".join(str(value).split())


def quarters_around(today: date, before: int = 4, after: int = 1) -> list[tuple[str, str]]:
    """('2026-Q1', '2026年第1季度') for the quarters around ``today``, the current one first."""
    year, q = today.year, (today.month - 1) // 3 + 1
    index = year * 4 + q - 1
    found = []
    for i in [index, *range(index + after, index, -1), *range(index - 1, index - before - 1, -1)]:
        y, n = divmod(i, 4)
        found.append(
            (f"{y}-Q{n + 1}", translate("ImportWizard", "{year}年第{q}季度").format(year=y, q=n + 1))
        )
    return found


class ChoiceBox(QComboBox):
    """A combo of (value, text) with a first entry meaning None; values are kept in Python (a QVariant
    compares UUIDs by identity and turns enums into strings)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.values: list[Any] = [None]

    def set_choices(self, none_text: str, choices: list[tuple[Any, str]]) -> None:
        """Fill the list, keeping the chosen value when it is still offered (no change signal)."""
        current = self.value()
        self.blockSignals(True)
        self.clear()
        self.addItem(none_text)
        self.values = [None]
        for value, text in choices:
            self.addItem(text)
            self.values.append(value)
        self.setCurrentIndex(self.values.index(current) if current in self.values else 0)
        self.blockSignals(False)

    def value(self) -> Any:
        index = self.currentIndex()
        return self.values[index] if 0 <= index < len(self.values) else None

    def set_value(self, value: Any) -> None:
        self.setCurrentIndex(self.values.index(value) if value in self.values else 0)


class StepBar(QWidget):
    """① 选择文件 › ② 核对表头 › ③ 预览 › ④ 完成, the current step in colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        self.labels: list[QLabel] = []
        names = (
            translate("ImportWizard", "① 选择内容和文件"),
            translate("ImportWizard", "② 核对表头和选项"),
            translate("ImportWizard", "③ 预览检查结果"),
            translate("ImportWizard", "④ 完成"),
        )
        for i, name in enumerate(names):
            if i:
                arrow = QLabel("›")
                arrow.setStyleSheet(f"color: {GREY.name()};")
                layout.addWidget(arrow)
            label = QLabel(name)
            self.labels.append(label)
            layout.addWidget(label)
        layout.addStretch(1)
        self.set_step(CHOOSE)

    def set_step(self, step: int) -> None:
        for i, label in enumerate(self.labels):
            label.setFont(app_font(10.5, bold=i == step))
            color = ACCENT if i == step else ("#374151" if i < step else GREY.name())
            label.setStyleSheet(f"color: {color};")


def _size(size: int) -> str:
    if size >= 1024 * 1024:
        return translate("ImportWizard", "{n} MB").format(n=f"{size / 1024 / 1024:.1f}")
    return translate("ImportWizard", "{n} KB").format(n=max(1, round(size / 1024)))


class ChooseStep(QWidget):
    """Step 1: what is imported and from which file (a file can also be dropped here)."""

    file_dropped = Signal(object)  # Path

    def __init__(self, kinds: list[KindInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)

        what = QGroupBox(translate("ImportWizard", "导入什么"))
        grid = QGridLayout(what)
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(2)
        self.kind_group = QButtonGroup(self)
        self.kind_buttons: dict[str, QRadioButton] = {}
        for i, info in enumerate(kinds):
            button = QRadioButton(info.label)
            button.setObjectName(f"kind_{info.key}")
            button.setFont(app_font(10.5, bold=True))
            self.kind_group.addButton(button, i)
            self.kind_buttons[info.key] = button
            note = muted(info.description)
            note.setWordWrap(True)
            note.setContentsMargins(22, 0, 0, 8)
            row, column = divmod(i, 2)
            grid.addWidget(button, row * 2, column)
            grid.addWidget(note, row * 2 + 1, column)
        left = QVBoxLayout()
        left.setSpacing(12)
        left.addWidget(what)
        steps = QGroupBox(translate("ImportWizard", "导入会怎样进行"))
        sbox = QVBoxLayout(steps)
        for text in (
            translate(
                "ImportWizard",
                "1. 核对表头：系统自动找到表头所在的行，并把各列对应到台账的字段；认不出的列可以手动指定。",
            ),
            translate(
                "ImportWizard",
                "2. 逐行检查：每一行标出新增、更新、跳过或拒绝，被拒绝的行写明第几行、哪一列、什么问题。",
            ),
            translate(
                "ImportWizard",
                "3. 确认导入：检查和预览不会改动台账；点“确认导入”后一次写入，出错则全部不写入。",
            ),
            translate(
                "ImportWizard",
                "4. 拒绝清单：有问题的行可以原样导出并附上原因，发回村（社区）修改后直接导入。",
            ),
        ):
            line = muted(text)
            line.setWordWrap(True)
            sbox.addWidget(line)
        left.addWidget(steps)
        left.addStretch(1)
        layout.addLayout(left, 3)

        right = QVBoxLayout()
        right.setSpacing(12)
        source = QGroupBox(translate("ImportWizard", "哪个文件"))
        box = QVBoxLayout(source)
        row_layout = QHBoxLayout()
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("import_path")
        self.path_edit.setPlaceholderText(translate("ImportWizard", "选择或拖入 Excel 文件"))
        self.browse_button = QPushButton(translate("ImportWizard", "选择文件…"))
        row_layout.addWidget(self.path_edit, 1)
        row_layout.addWidget(self.browse_button)
        box.addLayout(row_layout)
        self.file_name = QLabel()
        self.file_name.setFont(app_font(11, bold=True))
        self.file_name.setWordWrap(True)
        self.file_info = muted()
        self.file_info.setWordWrap(True)
        box.addWidget(self.file_name)
        box.addWidget(self.file_info)
        hint = muted(
            translate(
                "ImportWizard",
                "支持 Excel、WPS 保存的 .xlsx 文件；也可以把文件直接拖到这个窗口。"
                "标题行、备注行、合并单元格、全角数字、各种日期写法都能识别，导入前会逐行检查并给出预览。",
            )
        )
        hint.setWordWrap(True)
        box.addWidget(hint)
        right.addWidget(source)

        template = QGroupBox(translate("ImportWizard", "没有现成的表格？"))
        tbox = QVBoxLayout(template)
        tnote = muted(
            translate(
                "ImportWizard",
                "下载导入模板发给村（社区）填写：表头、填表说明，以及本乡镇村（社区）、联点单位的下拉选项。",
            )
        )
        tnote.setWordWrap(True)
        tbox.addWidget(tnote)
        self.template_button = QPushButton(translate("ImportWizard", "下载导入模板…"))
        self.template_button.setObjectName("download_template")
        tbox.addWidget(self.template_button, 0, Qt.AlignmentFlag.AlignLeft)
        right.addWidget(template)
        right.addStretch(1)
        self.next_button = primary_button(translate("ImportWizard", "下一步：核对表头 →"))
        right.addWidget(self.next_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addLayout(right, 2)

    def show_file(self, path: Path | None) -> None:
        """The chosen file's name, size and date under the path (a path's end is what a box shows least)."""
        self.path_edit.setCursorPosition(0)
        if path is None:
            self.file_name.clear()
            self.file_info.clear()
            return
        self.file_name.setText(path.name)
        try:
            stat = path.stat()
        except OSError:
            self.file_name.setStyleSheet(f"color: {RED.name()};")
            self.file_info.setText(translate("ImportWizard", "找不到这个文件"))
            return
        self.file_name.setStyleSheet("")
        changed = datetime.fromtimestamp(stat.st_mtime).strftime("%Y-%m-%d %H:%M")
        self.file_info.setText(
            translate("ImportWizard", "{size}，修改于 {changed}；所在文件夹：{folder}").format(
                size=_size(stat.st_size), changed=changed, folder=path.parent
            )
        )

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        if urls and urls[0].isLocalFile():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            event.acceptProposedAction()
            self.file_dropped.emit(Path(urls[0].toLocalFile()))


class MappingStep(QWidget):
    """Step 2: sheet, header row, each column's field, the options."""

    SOURCE_COL, HEADER_COL, FIELD_COL, SAMPLE_COL = range(4)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)

        top = QHBoxLayout()
        top.setSpacing(8)
        self.file_label = QLabel()
        self.file_label.setFont(app_font(10.5, bold=True))
        top.addWidget(self.file_label)
        top.addSpacing(12)
        top.addWidget(QLabel(translate("ImportWizard", "工作表")))
        self.sheet_box = QComboBox()
        self.sheet_box.setObjectName("sheet")
        self.sheet_box.setMinimumWidth(120)
        top.addWidget(self.sheet_box)
        top.addSpacing(8)
        top.addWidget(QLabel(translate("ImportWizard", "表头所在行")))
        self.header_spin = QSpinBox()
        self.header_spin.setObjectName("header_row")
        self.header_spin.setRange(1, HEADER_ROWS)
        self.header_spin.setKeyboardTracking(False)  # one re-read per change, not per digit typed
        top.addWidget(self.header_spin)
        top.addSpacing(12)
        self.source_label = muted()
        top.addWidget(self.source_label, 1)
        layout.addLayout(top)

        self.missing = Banner()
        layout.addWidget(self.missing)

        body = QHBoxLayout()
        body.setSpacing(12)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("MappingTable")
        headers = [
            translate("ImportWizard", "列"),
            translate("ImportWizard", "表格中的表头"),
            translate("ImportWizard", "导入为"),
            translate("ImportWizard", "前几行的内容"),
        ]
        self.table.setHorizontalHeaderLabels(headers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(32)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        metrics = header.fontMetrics()
        for column, width in ((0, 44), (1, 170), (2, 200)):
            header.resizeSection(column, max(width, metrics.horizontalAdvance(headers[column]) + 24))
        body.addWidget(self.table, 1)

        options = QGroupBox(translate("ImportWizard", "导入选项"))
        options.setMinimumWidth(300)
        options.setMaximumWidth(360)
        form = QVBoxLayout(options)
        form.setSpacing(6)
        self.community_label = QLabel(translate("ImportWizard", "表中没有村（社区）列时，全部记入："))
        self.community_label.setWordWrap(True)
        self.community_box = ChoiceBox()
        self.community_box.setObjectName("option_community")
        self.activity_label = QLabel(translate("ImportWizard", "表中没有活动编号列时，全部记入活动："))
        self.activity_label.setWordWrap(True)
        self.activity_box = ChoiceBox()
        self.activity_box.setObjectName("option_activity")
        self.quarter_label = QLabel(translate("ImportWizard", "表中没有季度列时，全部记入："))
        self.quarter_label.setWordWrap(True)
        self.quarter_box = ChoiceBox()
        self.quarter_box.setObjectName("option_quarter")
        for widget in (
            self.community_label,
            self.community_box,
            self.activity_label,
            self.activity_box,
            self.quarter_label,
            self.quarter_box,
        ):
            form.addWidget(widget)
        form.addSpacing(6)
        duplicates = QLabel(translate("ImportWizard", "台账中已有的记录（同一身份证号、编号或名称）："))
        duplicates.setWordWrap(True)
        form.addWidget(duplicates)
        self.skip_radio = QRadioButton(translate("ImportWizard", "跳过，保留台账中的"))
        self.skip_radio.setObjectName("duplicate_skip")
        self.update_radio = QRadioButton(translate("ImportWizard", "用表格中的内容更新"))
        self.update_radio.setObjectName("duplicate_update")
        self.skip_radio.setChecked(True)
        self.duplicates = QButtonGroup(self)
        self.duplicates.addButton(self.skip_radio)
        self.duplicates.addButton(self.update_radio)
        form.addWidget(self.skip_radio)
        form.addWidget(self.update_radio)
        form.addSpacing(6)
        self.remember = QCheckBox(translate("ImportWizard", "记住这种表格的列对应"))
        self.remember.setObjectName("remember_mapping")
        self.remember.setChecked(True)
        self.remember.setToolTip(
            translate(
                "ImportWizard",
                "改动了列对应时，导入后记住：下次导入表头相同的表格（包括修改后的拒绝清单）会自动使用。",
            )
        )
        form.addWidget(self.remember)
        legend = muted(translate("ImportWizard", "带 * 的字段必须有对应的列（或在上面统一指定）。"))
        legend.setWordWrap(True)
        form.addWidget(legend)
        form.addStretch(1)
        body.addWidget(options)
        layout.addLayout(body, 1)

        buttons = QHBoxLayout()
        self.back_button = QPushButton(translate("ImportWizard", "← 上一步"))
        self.preview_button = primary_button(translate("ImportWizard", "检查并预览 →"))
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.preview_button)
        layout.addLayout(buttons)
        self.combos: list[QComboBox] = []


class DoneStep(QWidget):
    """Step 4: what was written, and where to go next."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 24, 0, 0)
        layout.setSpacing(10)
        self.title = QLabel(translate("ImportWizard", "✓ 导入完成"))
        self.title.setFont(app_font(15, bold=True))
        self.title.setStyleSheet("color: #2e7d32;")
        layout.addWidget(self.title)
        self.summary = QLabel()
        self.summary.setObjectName("ImportSummary")
        self.summary.setFont(app_font(11.5))
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.refused_note = muted()
        self.refused_note.setWordWrap(True)
        layout.addWidget(self.refused_note)
        buttons = QHBoxLayout()
        self.show_button = primary_button("")
        self.refusals_button = QPushButton(translate("ImportWizard", "保存拒绝清单…"))
        self.again_button = QPushButton(translate("ImportWizard", "导入下一个文件"))
        self.again_button.setObjectName("import_again")
        buttons.addWidget(self.show_button)
        buttons.addWidget(self.refusals_button)
        buttons.addWidget(self.again_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addStretch(1)
