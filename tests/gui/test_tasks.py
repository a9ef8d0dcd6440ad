"""The task runner: results on the GUI thread, one writer, errors routed, cancellation, a late progress
dialog."""

from __future__ import annotations

import logging
import threading
from typing import Any

import pytest

from liandian_desktop.gui.qt import QPushButton
from liandian_desktop.gui.tasks import Cancelled, TaskContext, TaskManager, describe_error
from liandian_desktop.ledger.errors import ConflictError


@pytest.fixture
def tasks(qapp: Any) -> Any:
    manager = TaskManager()
    yield manager
    manager.shutdown()


def test_results_come_back_on_the_gui_thread(qtbot: Any, tasks: TaskManager) -> None:
    seen: dict[str, Any] = {}

    def work() -> int:
        seen["worker"] = threading.current_thread()
        return 42

    def done(value: int) -> None:
        seen["value"], seen["callback"] = value, threading.current_thread()

    task = tasks.read(work, done)
    with qtbot.waitSignal(task.finished, timeout=3000):
        pass
    assert seen["value"] == 42
    assert seen["callback"] is threading.main_thread()
    assert seen["worker"] is not threading.main_thread()


def test_writes_run_one_at_a_time_in_order_on_one_thread(qtbot: Any, tasks: TaskManager) -> None:
    order: list[int] = []
    threads: set[int] = set()
    running = [0]
    overlap = [False]
    lock = threading.Lock()

    def write(i: int) -> None:
        with lock:
            running[0] += 1
            overlap[0] |= running[0] > 1
        threads.add(threading.get_ident())
        order.append(i)
        with lock:
            running[0] -= 1

    for i in range(30):
        tasks.write(lambda i=i: write(i))
    qtbot.waitUntil(lambda: tasks.pending == 0, timeout=5000)
    assert order == list(range(30))
    assert len(threads) == 1 and not overlap[0]


def test_ledger_errors_go_to_on_error_and_bugs_are_logged(
    qtbot: Any, tasks: TaskManager, caplog: pytest.LogCaptureFixture
) -> None:
    got: list[BaseException] = []

    def refuse() -> None:
        raise ConflictError("该时段已被预约")

    tasks.read(refuse, on_error=got.append)
    qtbot.waitUntil(lambda: bool(got))
    assert describe_error(got[0]) == "该时段已被预约"

    presented: list[str] = []
    tasks.error_presenter = lambda exc, text: presented.append(text)

    def bug() -> None:
        raise KeyError("oops")

    with caplog.at_level(logging.ERROR):
        tasks.read(bug)
        qtbot.waitUntil(lambda: bool(presented))
    assert "意外错误（KeyError）" in presented[0]
    assert any("oops" in (r.exc_text or "") or r.exc_info for r in caplog.records)


def test_cancellation_and_a_progress_dialog_only_for_slow_work(qtbot: Any, tasks: TaskManager) -> None:
    release = threading.Event()

    def slow(ctx: TaskContext) -> None:
        for i in range(1000):
            ctx.progress(i / 1000, f"第 {i} 项")
            ctx.check()
            release.wait(0.01)

    task = tasks.write(slow, wants_context=True, progress="正在导入…")
    qtbot.waitUntil(lambda: getattr(task, "progress_dialog", None) is not None, timeout=3000)
    dialog = task.progress_dialog  # type: ignore[attr-defined]
    assert dialog.isVisible() and dialog.labelText().startswith("正在导入…")
    (cancel,) = dialog.findChildren(QPushButton)
    assert cancel.text() == "取消"
    with qtbot.waitSignal(task.cancelled, timeout=3000):
        cancel.click()
    assert isinstance(task.error, Cancelled)

    quick = tasks.read(lambda ctx: 1, wants_context=True, progress="正在读取…")
    qtbot.waitUntil(lambda: quick.done)
    qtbot.waitUntil(lambda: getattr(quick, "progress_checked", False), timeout=3000)  # the delay has passed
    assert getattr(quick, "progress_dialog", None) is None  # work already done shows no dialog
