"""Background work, in the manner of Anki's ``taskman`` and Electrum's ``TaskThread``.

Every ledger call from a screen runs here, never on the GUI thread:

* **reads** go to a small pool (SQLite in WAL mode serves readers in parallel);
* **writes** go to a queue served by ONE thread (SQLite has one writer; a second writing thread would only
  wait on the lock, or fail with ``database is locked`` as Vorta #1081 did);
* the result, or the exception, comes back on the GUI thread through a queued signal;
* long work gets a :class:`TaskContext` to report progress and to check for cancellation; a progress dialog
  appears only if the task is still running after :data:`PROGRESS_DELAY_MS` (no flashing dialogs, and no
  ``processEvents()`` loops anywhere).

Errors: a :class:`LedgerError` is the ledger speaking to the user (its message is plain Chinese) and goes to
the task's ``on_error`` (a form puts it next to the field) or, failing that, to the error presenter; any other
exception is a bug: it is logged with its traceback and the user sees a short message.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from liandian_desktop.gui.qt import (
    QObject,
    QProgressDialog,
    Qt,
    QThreadPool,
    QTimer,
    QWidget,
    Signal,
    Slot,
    translate,
)
from liandian_desktop.ledger.errors import LedgerError

log = logging.getLogger(__name__)

PROGRESS_DELAY_MS = 500
READ_THREADS = 2


class Cancelled(Exception):
    """Raised inside a task when its token was cancelled (see :meth:`TaskContext.check`)."""


class TaskContext:
    """Handed to a task that asked for it: a cancellation token and a progress reporter."""

    def __init__(self, task: Task) -> None:
        self._task = task
        self._cancel = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def check(self) -> None:
        """Stop here if the user cancelled (raises :class:`Cancelled`)."""
        if self._cancel.is_set():
            raise Cancelled

    def progress(self, fraction: float, text: str = "") -> None:
        """Report progress in [0, 1]; safe to call from the worker thread."""
        self._task._progress_from_worker.emit(max(0.0, min(1.0, float(fraction))), text)


class Task(QObject):
    """One piece of background work. Lives on the GUI thread; its public signals fire there."""

    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    progressed = Signal(float, str)
    finished = Signal()

    # Emitted by the worker thread; queued to the slots below, which run on the GUI thread.
    _done_from_worker = Signal(object, object)
    _progress_from_worker = Signal(float, str)

    def __init__(self, fn: Callable[..., Any], *, wants_context: bool, name: str, is_write: bool) -> None:
        super().__init__()
        self.name = name
        self.is_write = is_write
        self.context = TaskContext(self)
        self.done = False
        self.result: Any = None
        self.error: BaseException | None = None
        self._fn = fn
        self._wants_context = wants_context
        self._done_from_worker.connect(self._on_done, Qt.ConnectionType.QueuedConnection)
        self._progress_from_worker.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)

    def cancel(self) -> None:
        self.context.cancel()

    def _run(self) -> None:  # on a worker thread
        # A queued read that nobody wants any more is skipped; a queued write always runs (the user saved).
        if self.context.cancelled and not self.is_write:
            self._done_from_worker.emit(None, Cancelled())
            return
        try:
            result = self._fn(self.context) if self._wants_context else self._fn()
        except BaseException as exc:
            self._done_from_worker.emit(None, exc)
        else:
            self._done_from_worker.emit(result, None)

    @Slot(object, object)
    def _on_done(self, result: Any, error: BaseException | None) -> None:
        self.done = True
        self.result, self.error = result, error
        if isinstance(error, Cancelled):
            self.cancelled.emit()
        elif error is not None:
            self.failed.emit(error)
        else:
            self.succeeded.emit(result)
        self.finished.emit()

    @Slot(float, str)
    def _on_progress(self, fraction: float, text: str) -> None:
        self.progressed.emit(fraction, text)


ErrorPresenter = Callable[[BaseException, str], None]


def describe_error(exc: BaseException) -> str:
    """What the user reads about a failure: the ledger's own words, or a short note for a bug."""
    if isinstance(exc, LedgerError):
        return exc.message
    return translate(
        "Tasks", "操作未能完成：程序遇到意外错误（{kind}）。详细信息已写入日志，请联系技术支持。"
    ).format(kind=type(exc).__name__)


def log_if_unexpected(exc: BaseException, what: str = "") -> None:
    if not isinstance(exc, (LedgerError, Cancelled)):
        log.error("unexpected error in %s", what or "a task", exc_info=exc)


class TaskManager(QObject):
    """Runs reads on a pool and writes on one writer thread; see the module docstring."""

    busy_changed = Signal(bool)
    task_failed = Signal(object)  # every failure, handled or not (the smoke run listens)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reads = QThreadPool(self)
        self._reads.setMaxThreadCount(READ_THREADS)
        self._writes = QThreadPool(self)
        self._writes.setMaxThreadCount(1)  # one writer: SQLite serialises writers anyway
        self._writes.setExpiryTimeout(-1)  # …and it stays the same thread for the whole session
        self._running: set[Task] = set()
        self._closed = False
        self.error_presenter: ErrorPresenter | None = None

    # -- submitting ----------------------------------------------------------------------------------
    def read(
        self,
        fn: Callable[..., Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        *,
        name: str = "",
        wants_context: bool = False,
        progress: str | None = None,
        parent: QWidget | None = None,
    ) -> Task:
        """Run ``fn()`` (or ``fn(context)``) on the read pool; ``on_done(result)`` on the GUI thread."""
        return self._submit(self._reads, fn, on_done, on_error, name, wants_context, progress, parent)

    def write(
        self,
        fn: Callable[..., Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        *,
        name: str = "",
        wants_context: bool = False,
        progress: str | None = None,
        parent: QWidget | None = None,
    ) -> Task:
        """Queue ``fn`` for the writer thread: writes run one at a time, in the order submitted."""
        return self._submit(self._writes, fn, on_done, on_error, name, wants_context, progress, parent)

    def _submit(
        self,
        pool: QThreadPool,
        fn: Callable[..., Any],
        on_done: Callable[[Any], None] | None,
        on_error: Callable[[BaseException], None] | None,
        name: str,
        wants_context: bool,
        progress: str | None,
        parent: QWidget | None,
    ) -> Task:
        is_write = pool is self._writes
        task = Task(
            fn, wants_context=wants_context, name=name or getattr(fn, "__name__", "task"), is_write=is_write
        )
        if self._closed and not is_write:
            task.context.cancel()
        if on_done is not None:
            task.succeeded.connect(on_done)
        task.failed.connect(lambda exc: self._failed(task, exc, on_error))
        task.finished.connect(lambda: self._finished(task))
        self._running.add(task)
        if len(self._running) == 1:
            self.busy_changed.emit(True)
        if progress is not None:
            self._progress_later(task, progress, parent)
        pool.start(task._run)
        return task

    def _failed(
        self, task: Task, exc: BaseException, on_error: Callable[[BaseException], None] | None
    ) -> None:
        log_if_unexpected(exc, task.name)
        self.task_failed.emit(exc)
        if on_error is not None:
            on_error(exc)
        elif self.error_presenter is not None:
            self.error_presenter(exc, describe_error(exc))
        else:
            log.warning("%s failed: %s", task.name, describe_error(exc))

    def _finished(self, task: Task) -> None:
        self._running.discard(task)
        if not self._running:
            self.busy_changed.emit(False)

    # -- progress ------------------------------------------------------------------------------------
    def _progress_later(self, task: Task, label: str, parent: QWidget | None) -> None:
        """Show a progress dialog only if the task is still running after PROGRESS_DELAY_MS."""
        state: dict[str, Any] = {"fraction": 0.0, "text": ""}

        def remember(fraction: float, text: str) -> None:
            state["fraction"], state["text"] = fraction, text

        task.progressed.connect(remember)

        def show() -> None:
            task.progress_checked = True  # type: ignore[attr-defined]  # tests wait for this
            if task.done:
                return
            dialog = QProgressDialog(label, translate("Tasks", "取消"), 0, 1000, parent)
            dialog.setWindowTitle(translate("Tasks", "请稍候"))
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setMinimumDuration(0)
            dialog.setAutoClose(False)
            dialog.setAutoReset(False)
            dialog.setValue(int(state["fraction"] * 1000))
            task.progressed.connect(lambda f, t: _update(dialog, label, f, t))
            dialog.canceled.connect(task.cancel)
            task.finished.connect(dialog.close)
            task.finished.connect(dialog.deleteLater)
            task.progress_dialog = dialog  # type: ignore[attr-defined]  # for tests
            dialog.show()

        QTimer.singleShot(PROGRESS_DELAY_MS, task, show)

    # -- lifetime ------------------------------------------------------------------------------------
    @property
    def pending(self) -> int:
        return len(self._running)

    def shutdown(self, timeout_ms: int = 10_000) -> bool:
        """Cancel reads and long cancellable work, then wait: a queued or running write is never dropped."""
        self._closed = True
        for task in list(self._running):
            if not task.is_write or task._wants_context:
                task.cancel()
        self._reads.clear()
        ok_reads = self._reads.waitForDone(timeout_ms)
        ok_writes = self._writes.waitForDone(timeout_ms)
        return bool(ok_reads and ok_writes)


def _update(dialog: QProgressDialog, label: str, fraction: float, text: str) -> None:
    dialog.setValue(int(fraction * 1000))
    dialog.setLabelText(f"{label}\n{text}" if text else label)
