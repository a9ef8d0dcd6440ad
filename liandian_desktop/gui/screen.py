"""Screens: a page of the main window (:class:`Screen`), and the building block most pages are made of
(:class:`RecordBrowser`): one kind of record with its list, 新建/编辑/删除 (soft delete, confirmed, undoable
from the status bar), extra actions enabled per record, and an optional detail panel.

Adding a screen (see ``gui/pages/``): subclass RecordBrowser, declare ``columns()``, ``fields()``,
``create_record()``/``edit_record()`` (service calls; they run on the writer thread), and register a
:class:`~liandian_desktop.gui.navigation.PageSpec`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from liandian_desktop.gui.context import AppContext
from liandian_desktop.gui.forms import Field, RecordForm
from liandian_desktop.gui.listing import EXPORTABLE, Column, ExcelExport, Filter, RecordList, export_query
from liandian_desktop.gui.qt import (
    QKeySequence,
    QPushButton,
    QShortcut,
    QShowEvent,
    QSplitter,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
    translate,
)
from liandian_desktop.gui.tasks import describe_error
from liandian_desktop.gui.widgets import Banner, confirm, page_header
from liandian_desktop.ledger.services.base import ListQuery, Page, Service


class Screen(QWidget):
    """A page of the main window. ``start()`` runs on the first visit (after the ledger's lookups are in);
    ``loaded`` fires once the page has shown its first data (the smoke run waits for it)."""

    loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.started = False
        self.is_loaded = False

    def start(self) -> None:
        """Load the page's data. Called once, on the first visit."""
        self.mark_loaded()

    def refresh(self) -> None:
        """Called on later visits; pages that summarise other pages' data reload here."""

    def show_record(self, record_id: uuid.UUID) -> None:
        """Bring a record into view (a link from the overview)."""

    def mark_loaded(self) -> None:
        if not self.is_loaded:
            self.is_loaded = True
            self.loaded.emit()


@dataclass
class RecordAction:
    """A button over a list: ``run(record)`` on click; enabled while ``enabled(record)`` holds."""

    text: str
    run: Callable[[Any], object]
    enabled: Callable[[Any], bool] = lambda record: record is not None
    shortcut: str = ""
    tooltip: str = ""
    name: str = ""  # objectName, for tests and style


class RecordBrowser(QWidget):
    """One kind of record: list, search, sort, filters, create/edit forms, delete with undo, actions.

    Subclasses set ``kind`` (what ``ctx.data_changed`` reports), say what a record is called (``noun()``)
    and implement the hooks
    below. Everything that touches the ledger runs through ``ctx.tasks``.
    """

    loaded = Signal()
    record_changed = Signal(object)  # a record was saved or changed state (the row is already updated)

    kind = ""
    can_create = True
    can_edit = True
    can_delete = True
    searchable = True  # False for records the ledger has no search columns for
    detail_width = 310  # initial width of the detail panel, pixels
    default_sort: tuple[str, bool] | None = None  # (attribute, descending) before the user sorts
    exportable: bool | None = None  # 导出 Excel: None = when the Excel module can write these records

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, header: bool = False) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.is_loaded = False
        self.last_dialog: QWidget | None = None  # the form or confirmation last opened (tests use it)
        self._pending_select: uuid.UUID | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        if header:
            layout.addWidget(page_header(self.title(), self.hint()))
        self.banner = Banner()
        layout.addWidget(self.banner)
        self.list = RecordList(
            ctx.tasks,
            self.fetch,
            self.columns(),
            self.filters(),
            search_placeholder=self.search_hint(),
            base_filters=self.base_filters,
        )
        if not self.searchable:
            self.list.search.hide()
        if self.default_sort is not None:
            self.list.set_initial_sort(*self.default_sort)
        self.list.selection_changed.connect(self._selection_changed)
        self.list.activated.connect(self._activated)
        self.list.delete_requested.connect(lambda record: self.delete(record) if record is not None else None)
        self.list.loaded.connect(self._first_load)
        self.list.model.load_failed.connect(
            lambda exc: self.banner.show_message(describe_error(exc), "error")
        )
        self.buttons: dict[str, QPushButton] = {}
        self._actions: list[RecordAction] = []
        for action in self._standard_actions() + self.record_actions():
            self.add_action(action)
        detail = self.detail_panel()
        if detail is not None:
            splitter = QSplitter(Qt.Orientation.Horizontal)
            splitter.addWidget(self.list)
            splitter.addWidget(detail)
            splitter.setStretchFactor(0, 1)
            splitter.setStretchFactor(1, 0)
            splitter.setSizes([10_000, self.detail_width])
            splitter.setChildrenCollapsible(False)
            layout.addWidget(splitter, 1)
        else:
            layout.addWidget(self.list, 1)
        self.ctx.ready.connect(self._lookups_reloaded)
        self._announcing = False  # this browser is the one reporting a change of its kind
        self._stale = False  # changed elsewhere while hidden: read again when shown
        self.ctx.data_changed.connect(self._changed_elsewhere)
        self.excel_export = self._excel_export()
        self._update_actions(None)
        for keys, slot in (("Ctrl+F", self.list.search.setFocus), ("F5", self.list.reload)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    # -- hooks for subclasses ------------------------------------------------------------------------
    def noun(self) -> str:
        """What one record is called in messages and dialog titles (“工单”)."""
        return ""

    def title(self) -> str:
        return self.noun()

    def search_hint(self) -> str:
        return ""

    def hint(self) -> str:
        return ""

    def service(self) -> Service:
        raise NotImplementedError

    def fetch(self, query: ListQuery) -> Page[Any]:
        """Runs on the read pool."""
        return self.service().list(query)

    township_scoped = True  # the model has ``township_id``: show only this township's records

    def base_filters(self) -> dict[str, Any]:
        """Filters always applied (default: the township)."""
        if self.township_scoped and self.ctx.township is not None:
            return {"township_id": self.ctx.township.id}
        return {}

    def columns(self) -> list[Column]:
        raise NotImplementedError

    def filters(self) -> list[Filter]:
        return []

    def fields(self, record: Any | None) -> list[Field]:
        """The form for a new record (``record`` None) or for editing one."""
        return []

    def initial(self, record: Any) -> dict[str, Any]:
        """The form's starting values for ``record`` (default: its attributes named like the fields)."""
        return {f.name: getattr(record, f.name, None) for f in self.fields(record)}

    def create_record(self, values: dict[str, Any]) -> Any:
        """Writer thread: create the record from the form's values; return it."""
        raise NotImplementedError

    def edit_record(self, record: Any, changes: dict[str, Any]) -> Any:
        """Writer thread: apply the changed fields; return the record as stored."""
        raise NotImplementedError

    def describe(self, record: Any) -> str:
        """How messages name the record: “工单 GD8K2M4Q（路灯不亮）”."""
        for attr in ("title", "name", "borrower", "code"):
            value = getattr(record, attr, None)
            if value:
                return f"{self.noun()}“{value}”"
        return self.noun()

    def record_actions(self) -> list[RecordAction]:
        return []

    def detail_panel(self) -> QWidget | None:
        return None

    def show_detail(self, record: Any | None) -> None:
        """Fill the detail panel for the selected record (None: nothing selected)."""

    # -- the standard actions ------------------------------------------------------------------------
    def _standard_actions(self) -> list[RecordAction]:
        actions = []
        if self.can_create:
            actions.append(
                RecordAction(
                    translate("RecordBrowser", "新建"),
                    lambda _r: self.open_form(None),
                    enabled=lambda _r: self.ctx.township is not None,
                    shortcut="Ctrl+N",
                    name="new",
                )
            )
        if self.can_edit:
            actions.append(
                RecordAction(translate("RecordBrowser", "编辑"), self.open_form, shortcut="", name="edit")
            )
        if self.can_delete:
            actions.append(RecordAction(translate("RecordBrowser", "删除"), self.delete, name="delete"))
        return actions

    def add_action(self, action: RecordAction) -> QPushButton:
        button = QPushButton(action.text)
        button.setObjectName(action.name or action.text)
        if action.tooltip:
            button.setToolTip(action.tooltip)
        button.clicked.connect(lambda: action.run(self.current()))
        if action.shortcut:
            shortcut = QShortcut(QKeySequence(action.shortcut), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda: button.click() if button.isEnabled() else None)
            button.setToolTip(f"{action.tooltip or action.text}（{action.shortcut}）")
        self.list.toolbar.addWidget(button)
        self.buttons[action.name or action.text] = button
        self._actions.append(action)
        return button

    def current(self) -> Any:
        return self.list.current()

    def _update_actions(self, record: Any) -> None:
        for action in self._actions:
            self.buttons[action.name or action.text].setEnabled(bool(action.enabled(record)))

    def _selection_changed(self, record: Any) -> None:
        self._update_actions(record)
        self.show_detail(record)

    def _activated(self, record: Any) -> None:
        if self.can_edit:
            self.open_form(record)

    # -- 导出 Excel -------------------------------------------------------------------------------------
    def _excel_export(self) -> ExcelExport | None:
        """The 导出 Excel button at the right of the search bar, when the Excel module can write the records
        this list shows (its own ``fetch`` may show something else: then only ``exportable = True``)."""
        if self.exportable is False:
            return None
        try:
            name = self.service().model.__name__
        except NotImplementedError:
            return None
        plain_fetch = type(self).fetch is RecordBrowser.fetch
        if name not in EXPORTABLE or not (plain_fetch or self.exportable):
            return None
        export = ExcelExport(
            self,
            self.ctx,
            self.service,
            lambda: export_query(self.list.model),
            self.title,
            self.banner,
            masks=EXPORTABLE[name],
        )
        export.total = lambda: self.list.model.total
        self.list.list_bar.addWidget(export.button)
        return export

    # -- loading -------------------------------------------------------------------------------------
    def start(self) -> None:
        self.list.fill_filters()
        self.list.reload()

    def _first_load(self, _total: int) -> None:
        self._update_actions(self.current())
        if not self.is_loaded:
            self.is_loaded = True
            self.loaded.emit()
        pending, self._pending_select = self._pending_select, None
        if pending is not None:
            self.show_record(pending)

    def _changed_elsewhere(self, kind: str) -> None:
        """Records of this kind were changed by another screen (an Excel import, keying paper back): the
        list is read again when it is next shown. A list on show is left as it is (it updates its own rows,
        and the user's selection stays put)."""
        if kind != self.kind or not self.kind or self._announcing:
            return
        if self.is_loaded and not self.isVisible():
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            current = self.current()
            if current is not None:
                self._pending_select = current.id  # selected again once the rows are back
            self.list.reload()

    def _announce(self) -> None:
        self._announcing = True
        try:
            self.ctx.changed(self.kind)
        finally:
            self._announcing = False

    def _lookups_reloaded(self) -> None:
        self.list.fill_filters()
        self.list.model.refresh_texts()

    def show_record(self, record_id: uuid.UUID) -> None:
        """Select a record, fetching it first when it is not among the rows loaded so far."""
        if not self.is_loaded or self.list.model.busy:
            self._pending_select = record_id  # after the first page arrives
            return
        if self.list.select_id(record_id):
            return
        service = self.service()

        def arrived(record: Any) -> None:
            self.list.select_row(self.list.model.upsert(record, is_new=False))

        self.ctx.tasks.read(lambda: service.get(record_id), arrived, self.show_error)

    # -- create / edit -------------------------------------------------------------------------------
    def open_form(self, record: Any | None) -> RecordForm | None:
        fields = self.fields(record)
        if not fields:
            return None
        if record is None:
            title = translate("RecordBrowser", "新建{noun}").format(noun=self.noun())
            form = RecordForm(self, self.ctx.tasks, title, fields, self.create_record)
        else:
            title = translate("RecordBrowser", "编辑{what}").format(what=self.describe(record))
            form = RecordForm(
                self,
                self.ctx.tasks,
                title,
                fields,
                lambda changes: self.edit_record(record, changes),
                initial=self.initial(record),
                only_changes=True,
            )
        form.saved.connect(self.record_saved)
        self.last_dialog = form
        form.open()
        return form

    def record_saved(self, record: Any) -> None:
        """Show a saved record: its row only (inserted at the top when new), and select it."""
        if record is None:
            return
        row = self.list.model.upsert(record)
        self.list.select_row(row)
        self._update_actions(record)
        self.show_detail(record)
        self.banner.clear()
        self._announce()
        self.record_changed.emit(record)

    def run_write(
        self, fn: Callable[[], Any], *, done: str = "", on_done: Callable[[Any], None] | None = None
    ) -> None:
        """Run a service call that changes a record, then update its row; errors go to the banner."""

        def finished(record: Any) -> None:
            if record is not None and hasattr(record, "id"):
                self.record_saved(record)
            if done:
                self.ctx.message.emit(done)
            if on_done is not None:
                on_done(record)

        self.ctx.tasks.write(fn, finished, self.show_error)

    def show_error(self, exc: BaseException) -> None:
        self.banner.show_message(describe_error(exc), "error")

    # -- soft delete with undo -----------------------------------------------------------------------
    def delete(self, record: Any) -> None:
        if record is None or not self.can_delete:
            return
        what = self.describe(record)
        self.last_dialog = confirm(
            self,
            translate("RecordBrowser", "删除确认"),
            translate("RecordBrowser", "确定删除{what}吗？").format(what=what),
            lambda: self._really_delete(record),
            yes_text=translate("RecordBrowser", "删除"),
            informative=translate("RecordBrowser", "删除后可在 10 秒内点击状态栏的“撤销”恢复。"),
        )

    def delete_record(self, record_id: uuid.UUID) -> None:
        """Writer thread: the soft delete (services keep the row as a tombstone)."""
        self.service().delete(record_id)

    def restore_record(self, record_id: uuid.UUID) -> Any:
        """Writer thread: undo the soft delete; returns the record as restored."""
        service = self.service()
        service.restore(record_id)
        return service.get(record_id)

    def _really_delete(self, record: Any) -> None:
        record_id = record.id
        what = self.describe(record)

        def deleted(_result: Any) -> None:
            self.list.model.remove(record_id)
            self._announce()
            self.ctx.offer_undo(
                translate("RecordBrowser", "已删除{what}").format(what=what),
                lambda: self.restore_record(record_id),
                self._restored,
            )

        self.ctx.tasks.write(lambda: self.delete_record(record_id), deleted, self.show_error)

    def _restored(self, record: Any) -> None:
        self.record_saved(record)
        self.ctx.message.emit(
            translate("RecordBrowser", "已撤销删除：{what}").format(what=self.describe(record))
        )


class BrowserScreen(Screen):
    """A page that is one :class:`RecordBrowser` under a header (its ``title()`` and ``hint()``)."""

    browser_class: type[RecordBrowser]

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.browser = self.browser_class(ctx, header=True)
        self.browser.loaded.connect(self.mark_loaded)
        layout.addWidget(self.browser, 1)

    def start(self) -> None:
        self.browser.start()

    def show_record(self, record_id: uuid.UUID) -> None:
        self.browser.show_record(record_id)


def column_texts(browser: RecordBrowser, row: int) -> list[str]:
    model = browser.list.model
    return [model.text(row, c) for c in range(model.columnCount())]


def choices_of(pairs: Sequence[tuple[Any, str]]) -> Callable[[], Sequence[tuple[Any, str]]]:
    return lambda: pairs
