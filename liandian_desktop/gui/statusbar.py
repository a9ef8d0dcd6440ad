"""The status bar: the offline state (records not yet synced, last sync), an undo offer after a delete,
and a busy note while background work runs."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from liandian_desktop.gui.context import AppContext
from liandian_desktop.gui.qt import QHBoxLayout, QLabel, QPushButton, QStatusBar, QTimer, QWidget, translate
from liandian_desktop.gui.syncstatus import SyncState, sync_state, sync_text
from liandian_desktop.gui.tasks import describe_error
from liandian_desktop.ledger.services.overview import LedgerOverview

log = logging.getLogger(__name__)
UNDO_SECONDS = 10
SYNC_REFRESH_MS = 1500


class UndoOffer(QWidget):
    """“已删除… 撤销” for UNDO_SECONDS after a delete; 撤销 runs the restore on the writer thread."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.button = QPushButton(translate("StatusBar", "撤销"))
        self.button.setObjectName("UndoButton")
        self.button.clicked.connect(self.undo)
        layout.addWidget(self.label)
        layout.addWidget(self.button)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self._restore: Callable[[], Any] | None = None
        self._on_restored: Callable[[Any], None] | None = None
        ctx.undo_offered.connect(self.offer)
        self.hide()

    def offer(self, text: str, restore: Callable[[], Any], on_restored: Callable[[Any], None]) -> None:
        self._restore, self._on_restored = restore, on_restored
        self.label.setText(text)
        self.button.setEnabled(True)
        self.show()
        self._timer.start(UNDO_SECONDS * 1000)

    def undo(self) -> None:
        restore, on_restored = self._restore, self._on_restored
        if restore is None or on_restored is None:
            return
        self._restore = self._on_restored = None
        self.button.setEnabled(False)
        self._timer.stop()

        def failed(exc: BaseException) -> None:
            self.label.setText(translate("StatusBar", "未能撤销：{why}").format(why=describe_error(exc)))
            self._timer.start(UNDO_SECONDS * 1000)

        def done(record: Any) -> None:
            self.hide()
            on_restored(record)

        self.ctx.tasks.write(restore, done, failed, name="undo_delete")


class StatusBar(QStatusBar):
    def __init__(
        self, ctx: AppContext, initial: LedgerOverview | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.undo = UndoOffer(ctx)
        self.addWidget(self.undo)
        self.busy = QLabel(translate("StatusBar", "正在处理…"))
        self.busy.setObjectName("Muted")
        self.busy.hide()
        self.addPermanentWidget(self.busy)
        self.sync = QLabel()
        self.sync.setObjectName("SyncStatus")
        self.addPermanentWidget(self.sync)
        ctx.tasks.busy_changed.connect(self.busy.setVisible)
        ctx.message.connect(lambda text: self.showMessage(text, 6000))
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(SYNC_REFRESH_MS)
        self._refresh.timeout.connect(self.refresh_sync)
        ctx.data_changed.connect(lambda _kind: self._refresh.start())
        # The overview the command line made before the window opened saves counting everything again.
        self.refresh_sync(initial if initial is not None and initial.path == ctx.store.path else None)

    def refresh_sync(self, summary: LedgerOverview | None = None) -> None:
        store = self.ctx.store

        def arrived(state: SyncState) -> None:
            self.sync.setText(sync_text(state))
            self.ctx.set_sync_state(state)

        self.ctx.tasks.read(lambda: sync_state(store, summary), arrived, name="sync_state")
