"""The list framework: a table model over pages fetched from a ledger service's ``list()``, and the widget
around it (search box, filter combos, the table, a count).

* Pages of ``page_size`` rows are fetched on the read pool as the view scrolls (``canFetchMore`` /
  ``fetchMore``); nothing is fetched that is not about to be seen.
* Sorting and searching happen in SQL (``ListQuery.sort`` / ``.search``), never in a proxy model: a
  ``QSortFilterProxyModel`` over 100k Python rows takes tens of seconds to sort (PLATFORM-NOTES).
* Every (re)load carries a generation number; a slow old answer arriving after a newer query is dropped.
* After an edit, :meth:`RecordTableModel.upsert` / :meth:`remove` touch only the rows that changed.
* Cell texts are formatted once, on the worker thread, when a page arrives; only ``live`` columns (a
  countdown) are computed when painted.
* 导出 Excel (:class:`ExcelExport`, on every :class:`~liandian_desktop.gui.screen.RecordBrowser` whose
  records the Excel module can write): the same query without paging, ID numbers and phones masked unless
  the user confirms 导出完整信息; every export with personal data is logged by the Excel module.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from liandian_desktop.gui.i18n import fmt_date, fmt_datetime, fmt_decimal, yes_no
from liandian_desktop.gui.qt import (
    QAbstractItemView,
    QAbstractTableModel,
    QColor,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QKeyEvent,
    QLabel,
    QMenu,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPushButton,
    QStandardPaths,
    Qt,
    QTableView,
    QVBoxLayout,
    QWidget,
    Signal,
    translate,
)
from liandian_desktop.gui.tasks import Cancelled, Task, TaskContext, TaskManager, describe_error
from liandian_desktop.gui.vocab import label
from liandian_desktop.gui.widgets import Banner, FlowLayout, SearchBox, confirm
from liandian_desktop.ledger.services.base import ListQuery, Page, Service

if TYPE_CHECKING:  # the Excel module (openpyxl: 0.3 s) loads when an export or import first runs
    from liandian_desktop.excel import Cancel, ExportResult
    from liandian_desktop.gui.context import AppContext

PAGE_SIZE = 200
_ALIGN = {
    "left": Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
    "right": Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
    "center": Qt.AlignmentFlag.AlignCenter,
}
Index = QModelIndex | QPersistentModelIndex


def format_value(value: object) -> str:
    """How a stored value reads in a cell: enum labels, local times, '2.5' for Decimal('2.50')."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, Enum):
        return label(value)
    if isinstance(value, datetime):
        return fmt_datetime(value)
    if isinstance(value, date):
        return fmt_date(value)
    if isinstance(value, Decimal):
        return fmt_decimal(value)
    return str(value)


@dataclass(frozen=True)
class Column:
    """One column of a list.

    ``value`` reads the raw value off a record; ``display`` turns the record into the cell text (default:
    :func:`format_value` of the value). ``sort`` is the model attribute to ORDER BY when the header is
    clicked (None: not sortable). ``color`` gives the text colour (e.g. red when overdue). ``live`` columns
    are recomputed on every paint instead of once per page (countdowns).
    """

    header: str
    value: Callable[[Any], object]
    display: Callable[[Any], str] | None = None
    sort: str | None = None
    align: str = "left"
    color: Callable[[Any], QColor | None] | None = None
    tooltip: Callable[[Any], str] | None = None
    live: bool = False
    width: int = 0  # initial width in pixels (0: from the header)

    def text(self, record: Any) -> str:
        if self.display is not None:
            return self.display(record)
        return format_value(self.value(record))


def col(
    header: str,
    attr: str,
    *,
    sortable: bool = True,
    display: Callable[[Any], str] | None = None,
    **kwargs: Any,
) -> Column:
    """A column showing attribute ``attr``, sortable by it in SQL unless ``sortable=False``."""

    def getter(record: Any) -> object:
        return getattr(record, attr)

    return Column(header, getter, display=display, sort=attr if sortable else None, **kwargs)


def community_col(ctx: Any, header: str, *, width: int, empty: str = "", **kwargs: Any) -> Column:
    """The village/community column most lists have: the name from the lookups (not sortable in SQL), or
    ``empty`` for a record that belongs to no community."""
    return col(
        header,
        "community_id",
        sortable=False,
        width=width,
        display=lambda record: ctx.lookups.community_name(record.community_id) or empty,
        **kwargs,
    )


@dataclass(frozen=True)
class Filter:
    """A combo box above the list: the chosen value goes into ``ListQuery.filters[key]``."""

    key: str
    all_text: str  # the first entry, meaning no filter ("全部状态")
    choices: Callable[[], Sequence[tuple[object, str]]]


def enum_filter(key: str, enum_cls: type[Enum], all_text: str) -> Filter:
    return Filter(key, all_text, lambda: [(member, label(member)) for member in enum_cls])


@dataclass
class _Row:
    record: Any
    texts: list[str]


@dataclass
class _Answer:
    rows: list[_Row]
    total: int
    generation: int
    offset: int


@dataclass
class ListState:
    """What the user asked the list for (search, filters, sort); the model turns it into ListQuery."""

    search: str = ""
    filters: dict[str, Any] = field(default_factory=dict)
    sort: str | None = None
    descending: bool = False


class RecordTableModel(QAbstractTableModel):
    """Rows of one service's ``list()``, fetched a page at a time on the read pool."""

    loaded = Signal(int)  # total rows after a reload
    busy_changed = Signal(bool)
    load_failed = Signal(object)

    def __init__(
        self,
        tasks: TaskManager,
        fetch: Callable[[ListQuery], Page[Any]],
        columns: Sequence[Column],
        *,
        base_filters: Callable[[], dict[str, Any]] | None = None,
        page_size: int = PAGE_SIZE,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.fetch = fetch
        self.columns = list(columns)
        self.base_filters = base_filters or dict
        self.page_size = page_size
        self.state = ListState()
        self.total = 0
        self.has_loaded = False
        self._rows: list[_Row] = []
        self._index: dict[uuid.UUID, int] = {}
        self._generation = 0
        self._fetching_more = False
        self._busy = False

    # -- what the user asks for ------------------------------------------------------------------
    def query(self, offset: int) -> ListQuery:
        filters = {**self.base_filters(), **self.state.filters}
        return ListQuery(
            search=self.state.search,
            filters=filters,
            sort=self.state.sort,
            descending=self.state.descending,
            offset=offset,
            limit=self.page_size,
        )

    def set_search(self, text: str) -> None:
        if text != self.state.search:
            self.state.search = text
            self.reload()

    def set_filter(self, key: str, value: object) -> None:
        if value is None:
            changed = self.state.filters.pop(key, None) is not None
        else:
            changed = self.state.filters.get(key) != value
            self.state.filters[key] = value
        if changed:
            self.reload()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns) or self.columns[column].sort is None:
            return
        self.state.sort = self.columns[column].sort
        self.state.descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    def is_sortable(self, column: int) -> bool:
        return 0 <= column < len(self.columns) and self.columns[column].sort is not None

    # -- fetching --------------------------------------------------------------------------------
    def reload(self) -> None:
        """Fetch the first page again for the current state; any answer still on its way is dropped."""
        self._generation += 1
        self._fetching_more = False
        self._request(0, self._generation)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008 - Qt's name
        return not parent.isValid() and self.has_loaded and len(self._rows) < self.total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008 - Qt's name
        if parent.isValid() or self._fetching_more or not self.canFetchMore(parent):
            return
        self._fetching_more = True
        self._request(len(self._rows), self._generation)

    def _request(self, offset: int, generation: int) -> None:
        query = self.query(offset)
        columns = self.columns
        fetch = self.fetch

        def work() -> _Answer:
            page = fetch(query)
            rows = [_Row(r, [c.text(r) if not c.live else "" for c in columns]) for r in page.rows]
            return _Answer(rows, page.total, generation, offset)

        self._set_busy(True)
        self.tasks.read(work, self._arrived, self._failed, name="list_page")

    def _arrived(self, answer: _Answer) -> None:
        if answer.generation != self._generation:
            return  # a newer query was asked meanwhile: this answer is stale
        self._set_busy(False)
        if answer.offset == 0:
            self.beginResetModel()
            self._rows = answer.rows
            self.total = answer.total
            self._reindex()
            self.has_loaded = True
            self.endResetModel()
            self.loaded.emit(self.total)
            return
        self._fetching_more = False
        fresh = [r for r in answer.rows if r.record.id not in self._index]
        self.total = answer.total
        if fresh:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
            self._rows.extend(fresh)
            for i, row in enumerate(fresh, start=first):
                self._index[row.record.id] = i
            self.endInsertRows()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self._fetching_more = False
        self.load_failed.emit(exc)

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)

    @property
    def busy(self) -> bool:
        return self._busy

    # -- changes after an edit (only the rows concerned) ------------------------------------------
    def upsert(self, record: Any, *, at_top: bool = True, is_new: bool = True) -> int:
        """Show ``record`` as it is now: replace its row, or insert it (at the top) if it is not shown.

        ``is_new=False`` for an existing record brought into view (the total already counts it)."""
        row = _Row(record, [c.text(record) if not c.live else "" for c in self.columns])
        index = self._index.get(record.id)
        if index is not None:
            self._rows[index] = row
            self.dataChanged.emit(self.index(index, 0), self.index(index, len(self.columns) - 1))
            return index
        position = 0 if at_top else len(self._rows)
        self.beginInsertRows(QModelIndex(), position, position)
        self._rows.insert(position, row)
        if is_new:
            self.total += 1
        self._reindex()
        self.endInsertRows()
        return position

    def remove(self, record_id: uuid.UUID) -> None:
        index = self._index.get(record_id)
        if index is None:
            return
        self.beginRemoveRows(QModelIndex(), index, index)
        del self._rows[index]
        self.total = max(0, self.total - 1)
        self._reindex()
        self.endRemoveRows()

    def refresh_texts(self) -> None:
        """Re-format every cached row (after the lookups changed, e.g. a community was renamed)."""
        for row in self._rows:
            row.texts = [c.text(row.record) if not c.live else "" for c in self.columns]
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.columns) - 1))

    def refresh_live(self, first: int, last: int) -> None:
        """Repaint the live columns of rows first..last (the visible ones), nothing else."""
        if not self._rows:
            return
        first, last = max(0, first), min(len(self._rows) - 1, last)
        for c, column in enumerate(self.columns):
            if column.live and first <= last:
                self.dataChanged.emit(
                    self.index(first, c), self.index(last, c), [Qt.ItemDataRole.DisplayRole]
                )

    def _reindex(self) -> None:
        self._index = {row.record.id: i for i, row in enumerate(self._rows)}

    # -- reading the cache -------------------------------------------------------------------------
    def record(self, row: int) -> Any:
        return self._rows[row].record if 0 <= row < len(self._rows) else None

    def row_of(self, record_id: uuid.UUID) -> int | None:
        return self._index.get(record_id)

    def records(self) -> list[Any]:
        return [r.record for r in self._rows]

    def text(self, row: int, column: int) -> str:
        value = self.data(self.index(row, column))
        return str(value) if value is not None else ""

    # -- Qt's model interface ----------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row.record) if column.live else row.texts[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and column.color is not None:
            return column.color(row.record)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN.get(column.align, _ALIGN["left"])
        if role == Qt.ItemDataRole.ToolTipRole:
            if column.tooltip is not None:
                return column.tooltip(row.record)
            return row.texts[index.column()] if not column.live else None
        if role == Qt.ItemDataRole.UserRole:
            return row.record
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.columns[section].header
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return _ALIGN.get(self.columns[section].align, _ALIGN["left"])
        return None


class RecordTable(QTableView):
    """A table view with the keys a keyboard user expects: Enter opens, Delete deletes."""

    open_requested = Signal()
    delete_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.open_requested.emit()
            return
        if event.key() == Qt.Key.Key_Delete and self.currentIndex().isValid():
            self.delete_requested.emit()
            return
        super().keyPressEvent(event)


class RecordList(QWidget):
    """Search box and filters over a :class:`RecordTable` of a :class:`RecordTableModel`, with a count."""

    selection_changed = Signal(object)  # the selected record, or None
    activated = Signal(object)  # double-click or Enter on a record
    delete_requested = Signal(object)
    loaded = Signal(int)

    def __init__(
        self,
        tasks: TaskManager,
        fetch: Callable[[ListQuery], Page[Any]],
        columns: Sequence[Column],
        filters: Sequence[Filter] = (),
        *,
        search_placeholder: str = "",
        base_filters: Callable[[], dict[str, Any]] | None = None,
        page_size: int = PAGE_SIZE,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = RecordTableModel(
            tasks, fetch, columns, base_filters=base_filters, page_size=page_size, parent=self
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)

        # Two rows: the screen's buttons, then the search box and filters (a 1366-pixel laptop has room for
        # a dozen buttons or for the filters, not for both on one line).
        self.toolbar = FlowLayout()  # the screen's buttons go here (wrapping when the window is narrow)
        layout.addLayout(self.toolbar)
        bar = QHBoxLayout()
        bar.setSpacing(6)
        self.search = SearchBox(search_placeholder or translate("RecordList", "搜索"))
        self.search.search_changed.connect(self.model.set_search)
        bar.addWidget(self.search, 2)
        self.filter_boxes: dict[str, QComboBox] = {}
        self._filter_values: dict[
            str, list[object]
        ] = {}  # per combo entry (a QVariant would turn enums to str)
        self._filters = list(filters)
        for spec in self._filters:
            box = QComboBox()
            box.setObjectName(f"filter_{spec.key}")
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            box.setMaximumWidth(220)
            box.currentIndexChanged.connect(
                lambda i, k=spec.key: self.model.set_filter(k, self._filter_value(k, i))
            )
            self.filter_boxes[spec.key] = box
            self._filter_values[spec.key] = [None]
            bar.addWidget(box)
        bar.addStretch(1)
        self.list_bar = bar  # buttons about the whole list (导出 Excel) go at its right end
        layout.addLayout(bar)

        self.table = RecordTable()
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        metrics = header.fontMetrics()
        for i, column in enumerate(columns):
            # never narrower than the header's own text (English headers are longer than Chinese ones)
            needed = metrics.horizontalAdvance(column.header) + 20
            header.resizeSection(
                i, max(column.width, needed) if column.width else max(header.sectionSize(i), needed)
            )
        self._sort_section = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        header.sortIndicatorChanged.connect(self._sort_clicked)
        self.table.doubleClicked.connect(lambda _i: self._activate())
        self.table.open_requested.connect(self._activate)
        self.table.delete_requested.connect(lambda: self.delete_requested.emit(self.current()))
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._selection_changed())
        self.model.modelReset.connect(self._selection_changed)
        layout.addWidget(self.table, 1)

        footer = QHBoxLayout()
        self.count_label = QLabel()
        self.count_label.setObjectName("Muted")
        footer.addWidget(self.count_label)
        footer.addStretch(1)
        layout.addLayout(footer)
        self.model.loaded.connect(self._loaded)
        self.model.busy_changed.connect(lambda _b: self._update_count())
        self.model.rowsInserted.connect(lambda *_: self._update_count())
        self.model.rowsRemoved.connect(lambda *_: self._update_count())

    # -- filters -----------------------------------------------------------------------------------
    def fill_filters(self) -> None:
        """(Re)fill the filter combos from their choices, keeping what was chosen when still offered."""
        for spec in self._filters:
            box = self.filter_boxes[spec.key]
            chosen = self._filter_value(spec.key, box.currentIndex())
            values: list[object] = [None]
            box.blockSignals(True)
            box.clear()
            box.addItem(spec.all_text)
            for value, text in spec.choices():
                box.addItem(text)
                values.append(value)
            self._filter_values[spec.key] = values
            position = values.index(chosen) if chosen is not None and chosen in values else 0
            box.setCurrentIndex(position)
            box.blockSignals(False)

    def _filter_value(self, key: str, index: int) -> object:
        values = self._filter_values.get(key, [None])
        return values[index] if 0 <= index < len(values) else None

    def set_filter(self, key: str, value: object) -> None:
        """Choose a filter value as the user would (tests, and screens linking to a filtered list)."""
        values = self._filter_values[key]
        self.filter_boxes[key].setCurrentIndex(values.index(value) if value in values else 0)

    # -- sorting -----------------------------------------------------------------------------------
    def _sort_clicked(self, section: int, order: Qt.SortOrder) -> None:
        if not self.model.is_sortable(section):
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(self._sort_section, self._sort_order)
            header.blockSignals(False)
            return
        self._sort_section, self._sort_order = section, order
        self.model.sort(section, order)

    def sort_by(self, section: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort as a click on the header would (reloads)."""
        self.table.horizontalHeader().setSortIndicator(section, order)

    def set_initial_sort(self, attr: str, descending: bool = False) -> None:
        """The order before the user clicks a header (no reload: call before the first load)."""
        self.model.state.sort, self.model.state.descending = attr, descending
        for section, column in enumerate(self.model.columns):
            if column.sort == attr:
                order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
                header = self.table.horizontalHeader()
                header.blockSignals(True)
                header.setSortIndicator(section, order)
                header.blockSignals(False)
                self._sort_section, self._sort_order = section, order
                return

    # -- selection ---------------------------------------------------------------------------------
    def current(self) -> Any:
        index = self.table.currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)
        self.table.setCurrentIndex(self.model.index(row, 0))
        self.table.scrollTo(self.model.index(row, 0))

    def select_id(self, record_id: uuid.UUID) -> bool:
        row = self.model.row_of(record_id)
        if row is None:
            return False
        self.select_row(row)
        return True

    def _selection_changed(self) -> None:
        self.selection_changed.emit(self.current())

    def _activate(self) -> None:
        record = self.current()
        if record is not None:
            self.activated.emit(record)

    def visible_rows(self) -> tuple[int, int]:
        top = self.table.rowAt(0)
        bottom = self.table.rowAt(self.table.viewport().height() - 1)
        if top < 0:
            return (0, -1)
        return top, bottom if bottom >= 0 else self.model.rowCount() - 1

    # -- loading -----------------------------------------------------------------------------------
    def reload(self) -> None:
        self.model.reload()
        self._update_count()

    def _loaded(self, total: int) -> None:
        self._update_count()
        self.loaded.emit(total)

    def _update_count(self) -> None:
        if self.model.busy and not self.model.has_loaded:
            self.count_label.setText(translate("RecordList", "正在加载…"))
            return
        shown, total = self.model.rowCount(), self.model.total
        if total == 0:
            text = translate("RecordList", "没有符合条件的记录")
        elif shown >= total:
            text = translate("RecordList", "共 {total} 条").format(total=total)
        else:
            text = translate("RecordList", "共 {total} 条，已显示 {shown} 条（向下滚动加载更多）").format(
                total=total, shown=shown
            )
        self.count_label.setText(text)


def with_sort(column: Column, sort: str | None) -> Column:
    return replace(column, sort=sort)


# -- 导出 Excel: the list as the user sees it ---------------------------------------------------------------

# The records the Excel module can export, and whether they carry ID numbers or phones (masked unless the
# user asks for them whole). The same as ``excel.exportable`` (tests/gui/test_import_export.py keeps them
# equal), but known without importing the Excel module at start-up.
EXPORTABLE: dict[str, bool] = {
    "Resident": True,
    "Volunteer": True,
    "PairedUnit": True,
    "Cadre": True,
    "Attendance": True,
    "WorkOrder": True,
    "Demand": False,
    "Supply": False,
    "Activity": False,
    "Match": False,
}
XLSX_FILTER = "Excel (*.xlsx)"
T = TypeVar("T")


def export_query(model: RecordTableModel) -> ListQuery:
    """What the list shows (search, filters, sort), every row of it rather than the pages fetched so far."""
    return replace(model.query(0), offset=0, limit=None)


def excel_cancel(context: TaskContext) -> Cancel:
    """The Excel module's cancel flag, following the task's (the progress dialog's 取消 button)."""
    from liandian_desktop.excel import Cancel, ImportCancelled

    class Following(Cancel):
        def cancel(self) -> None:
            context.cancel()

        @property
        def cancelled(self) -> bool:
            return context.cancelled

        def check(self) -> None:
            if context.cancelled:
                raise ImportCancelled()

    return Following()


def run_excel(context: TaskContext, work: Callable[[Cancel], T]) -> T:
    """Run Excel work in a task: its progress goes to the task, and a cancel ends the task as cancelled
    (``Task.cancelled``) rather than failed."""
    from liandian_desktop.excel import ImportCancelled

    try:
        return work(excel_cancel(context))
    except ImportCancelled:
        raise Cancelled from None


def excel_progress(context: TaskContext) -> Callable[[str, float], None]:
    return lambda stage, fraction: context.progress(fraction, stage)


class Folders:
    """Where file dialogs open: the folder used last in this session, else 文档 (Documents)."""

    last = ""

    @classmethod
    def start(cls) -> Path:
        if cls.last:
            return Path(cls.last)
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return Path(documents) if documents else Path.home()

    @classmethod
    def used(cls, path: Path) -> None:
        cls.last = str(path.parent)


def save_dialog(parent: QWidget, title: str, file_name: str, chosen: Callable[[Path], object]) -> QFileDialog:
    """Ask where to save an .xlsx (window-modal, without a nested event loop); ``chosen(path)`` on 保存."""
    dialog = QFileDialog(parent, title, str(Folders.start() / file_name), XLSX_FILTER)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setDefaultSuffix("xlsx")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)

    def selected(name: str) -> None:
        path = Path(name)
        Folders.used(path)
        chosen(path)

    dialog.fileSelected.connect(selected)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def describe_export(result: ExportResult) -> str:
    """'已导出 120 行：D:/导出/居民_20260305.xlsx（身份证号、电话已打码；已记入个人信息使用日志）'."""
    notes = []
    if result.masks:
        notes.append(
            translate("ExcelExport", "含完整身份证号、电话")
            if result.unmasked
            else translate("ExcelExport", "身份证号、电话已打码")
        )
    if result.logged:
        notes.append(translate("ExcelExport", "已记入个人信息使用日志"))
    text = translate("ExcelExport", "已导出 {rows} 行：{path}").format(rows=result.rows, path=result.path)
    return text + (
        translate("ExcelExport", "（{notes}）").format(notes=translate("ExcelExport", "；").join(notes))
        if notes
        else ""
    )


class ExcelExport(QObject):
    """导出 Excel for one list: every row its search, filters and sort match, with ID numbers and phones
    masked; 导出完整信息 only after a confirmation. The file and its entry in the personal-data log are
    written on the writer thread (the log is a write), with progress and 取消."""

    exported = Signal(object)  # ExportResult

    def __init__(
        self,
        parent: QWidget,
        ctx: AppContext,
        service: Callable[[], Service],
        query: Callable[[], ListQuery],
        title: Callable[[], str],
        banner: Banner,
        *,
        masks: bool,
    ) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.ctx, self.service, self.query, self.title, self.banner = ctx, service, query, title, banner
        self.last_dialog: QWidget | None = None  # the confirmation or file dialog last opened (tests)
        self.button = QPushButton(translate("ExcelExport", "导出 Excel"))
        self.button.setObjectName("export_excel")
        self.total: Callable[[], int] | None = None  # how many rows the list's query matches, when known
        if masks:
            menu = QMenu(self.button)
            self.masked_action = menu.addAction("")
            self.masked_action.triggered.connect(lambda: self.request(False))
            self.whole_action = menu.addAction("")
            self.whole_action.triggered.connect(lambda: self.request(True))
            menu.aboutToShow.connect(self._name_actions)
            self._name_actions()
            self.button.setMenu(menu)
            self.button.setToolTip(
                translate(
                    "ExcelExport",
                    "按当前的搜索、筛选和排序导出全部符合条件的记录；身份证号、电话默认打码，"
                    "导出完整信息需确认并记入个人信息使用日志",
                )
            )
        else:
            self.button.clicked.connect(lambda: self.request(False))
            self.button.setToolTip(translate("ExcelExport", "按当前的搜索、筛选和排序导出全部符合条件的记录"))

    def _name_actions(self) -> None:
        """Say how many rows go out: all that match, not only the pages on screen."""
        total = self.total() if self.total is not None else None
        if total is None:
            self.masked_action.setText(translate("ExcelExport", "导出（身份证号、电话打码）"))
            self.whole_action.setText(translate("ExcelExport", "导出完整信息…"))
            return
        self.masked_action.setText(
            translate("ExcelExport", "导出全部 {n} 条（身份证号、电话打码）").format(n=total)
        )
        self.whole_action.setText(translate("ExcelExport", "导出全部 {n} 条完整信息…").format(n=total))

    def request(self, unmasked: bool, path: Path | None = None) -> None:
        """The user's 导出: confirm first when the numbers go out whole; then ask where (unless ``path``)."""
        if not unmasked:
            self._choose(False, path)
            return
        self.last_dialog = confirm(
            self.parent_widget,
            translate("ExcelExport", "导出完整信息"),
            translate("ExcelExport", "导出的表格将包含完整的身份证号码和电话号码。确定导出吗？"),
            lambda: self._choose(True, path),
            yes_text=translate("ExcelExport", "导出完整信息"),
            informative=translate(
                "ExcelExport",
                "请仅在确有需要时导出，并妥善保管文件。本次导出将记入个人信息使用日志（操作人、时间、范围、人数）。",
            ),
        )

    def _choose(self, unmasked: bool, path: Path | None) -> None:
        if path is not None:
            self.export_to(path, unmasked)
            return
        name = translate("ExcelExport", "{title}_{date}.xlsx").format(
            title=self.title(), date=self.ctx.now().astimezone().strftime("%Y%m%d")
        )
        self.last_dialog = save_dialog(
            self.parent_widget,
            translate("ExcelExport", "导出 Excel"),
            name,
            lambda chosen: self.export_to(chosen, unmasked),
        )

    def export_to(self, path: Path, unmasked: bool = False) -> Task:
        """Write the list to ``path`` (the file dialog calls this; tests call it directly)."""
        store, service, query, operator = self.ctx.store, self.service(), self.query(), self.ctx.actor()

        def work(context: TaskContext) -> ExportResult:
            from liandian_desktop.excel import export_list

            return run_excel(
                context,
                lambda cancel: export_list(
                    store,
                    service,
                    query,
                    path,
                    unmasked=unmasked,
                    operator=operator,
                    progress=excel_progress(context),
                    cancel=cancel,
                ),
            )

        task = self.ctx.tasks.write(
            work,
            self._done,
            lambda exc: self.banner.show_message(describe_error(exc), "error"),
            name="export_list",
            wants_context=True,
            progress=translate("ExcelExport", "正在导出 Excel…"),
            parent=self.parent_widget,
        )
        task.cancelled.connect(
            lambda: self.banner.show_message(translate("ExcelExport", "已取消导出，没有生成文件。"), "info")
        )
        return task

    def _done(self, result: ExportResult) -> None:
        text = describe_export(result)
        self.banner.show_message(text, "info")
        self.ctx.message.emit(text)
        self.exported.emit(result)
