#!/usr/bin/env python3
"""GUI benchmark on the demo township at scale 25 (100k+ residents, 2.8M rows in all).

    .venv/bin/python bench/gui.py [--data-dir DIR] [--runs 5] [--save-baseline]

Without ``--data-dir`` the demo is built into a temporary folder first (about 40 s); with it, the ledger in
DIR is used as it is (build one with ``liandian --data-dir DIR demo --scale 25 --today 2026-11-20``).

Timed, each the median of ``--runs`` runs, in milliseconds:

* **start-up**: a fresh process (``python -c``) from its start to a usable main window: the imports, the
  ledger opened and summarised (as ``liandian gui`` does before the window), QApplication and the bundled
  fonts, the window shown, the township and lookups loaded and the overview page showing its figures.
  The migration check and the CLI's other sub-commands are not included; the end-to-end
  ``liandian gui --smoke`` wall time (every page visited) is printed apart.
* **open the largest list**: the residents page built and its first page of 200 shown (total counted).
* **Chinese search** (1 and 2 characters) and **sort by a header click**, on the residents list: from the
  request to the rows shown (the 250 ms typing pause of the search box is not counted).

Compared with ``bench/baseline-gui.json`` when present; ``--save-baseline`` writes it. Goals: start-up
≤ 1.5 s, search and sort ≤ 100 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
BASELINE = Path(__file__).with_name("baseline-gui.json")
TODAY = date(2026, 11, 20)
GOALS = {"startup": 1500.0, "search_1": 100.0, "search_2": 100.0, "sort": 100.0}

# The child process of the start-up measurement: prints the wall-clock time when the window is usable.
STARTUP_CHILD = r"""
import os, sys, time
from pathlib import Path
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from liandian_desktop.gui.app import application, open_window
from liandian_desktop.gui.qt import QTimer
from liandian_desktop.ledger.services.overview import overview
from liandian_desktop.settings import Paths, Settings
from liandian_desktop.store.engine import Store
data = Path(sys.argv[1])
store = Store(data / "ledger.sqlite3")
summary = overview(store)  # as `liandian gui` does before the window opens
app = application("zh_CN")
window, ctx = open_window(store, Paths(data), Settings(), summary)
window.resize(1366, 768)
window.show()
def ready():
    page = window.pages.get("overview")
    if page is not None and page.is_loaded:
        print(f"READY {time.time():.6f}", flush=True)
        app.quit()
    else:
        QTimer.singleShot(5, ready)
ctx.ready.connect(lambda: QTimer.singleShot(0, ready))
app.exec()
ctx.tasks.shutdown()
store.close()
os._exit(0)
"""


def machine() -> dict[str, Any]:
    from liandian_desktop.gui.qt import QT_VERSION

    return {
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "qt": QT_VERSION,
        "sqlite": sqlite3.sqlite_version,
    }


def startup_ms(data: Path) -> float:
    started = time.time()
    result = subprocess.run(
        [sys.executable, "-c", STARTUP_CHILD, str(data)], capture_output=True, text=True, timeout=120
    )
    for line in result.stdout.splitlines():
        if line.startswith("READY "):
            return (float(line.split()[1]) - started) * 1000
    raise RuntimeError(f"start-up run failed: {result.stderr[-2000:]}")


def smoke_seconds(data: Path) -> float:
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "liandian_desktop", "--data-dir", str(data), "gui", "--smoke"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-2000:])
    return time.perf_counter() - started


class InProcess:
    """The main window in this process, for the list timings."""

    def __init__(self, data: Path) -> None:
        from liandian_desktop.gui.app import application, open_window
        from liandian_desktop.settings import Paths, Settings
        from liandian_desktop.store.engine import Store

        self.app = application("zh_CN")
        self.store = Store(data / "ledger.sqlite3")
        self.window, self.ctx = open_window(self.store, Paths(data), Settings())
        self.window.resize(1366, 768)
        self.window.show()
        self.wait(self.ctx.ready, lambda: None, already=lambda: self.ctx.loaded)

    def wait(
        self, signal: Any, action: Callable[[], object], already: Callable[[], bool] | None = None
    ) -> float:
        """Run ``action`` and return the milliseconds until ``signal`` fires (an event loop, not a poll)."""
        from liandian_desktop.gui.qt import QtCore, QTimer

        loop = QtCore.QEventLoop()
        signal.connect(loop.quit)
        timer = QTimer()
        timer.setSingleShot(True)
        timer.timeout.connect(loop.quit)
        timer.start(60_000)
        started = time.perf_counter()
        action()
        if already is None or not already():
            loop.exec()
        elapsed = (time.perf_counter() - started) * 1000
        signal.disconnect(loop.quit)
        if not timer.isActive():
            raise RuntimeError("timed out")
        return elapsed

    def open_residents(self) -> tuple[float, Any]:
        from liandian_desktop.gui.pages.residents import ResidentsBrowser

        browser = ResidentsBrowser(self.ctx)
        browser.resize(1100, 600)
        browser.show()
        ms = self.wait(browser.list.model.loaded, browser.start)
        return ms, browser

    def close(self) -> None:
        self.ctx.tasks.shutdown()
        self.store.close()


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def row(label: str, *cells: str) -> str:
    return label + " " * max(0, 36 - width(label)) + "".join(" " * max(0, 12 - width(c)) + c for c in cells)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--data-dir", type=Path, help="a data folder with a demo ledger (default: build one)")
    parser.add_argument("--scale", type=float, default=25.0, help="demo scale when building (default 25)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each measurement (median shown)")
    parser.add_argument("--save-baseline", action="store_true", help=f"write {BASELINE.name}")
    parser.add_argument("--baseline", type=Path, default=BASELINE)
    args = parser.parse_args(argv)

    info = machine()
    print("机器: " + ", ".join(f"{k} {v}" for k, v in info.items()))
    temp = None
    if args.data_dir is None:
        from liandian_desktop.demo import build_demo
        from liandian_desktop.store.migrate import open_store

        temp = tempfile.TemporaryDirectory(prefix="liandian-bench-gui-")
        data = Path(temp.name)
        store = open_store(data / "ledger.sqlite3", data / "backups")
        started = time.perf_counter()
        summary = build_demo(store, scale=args.scale, today=TODAY)
        store.close()
        print(f"规模 {args.scale:g}: {summary.total:,} 行, 构建 {time.perf_counter() - started:.1f} 秒")
    else:
        data = args.data_dir
    try:
        return measure(data, args)
    finally:
        if temp is not None:
            temp.cleanup()


def measure(data: Path, args: argparse.Namespace) -> int:
    figures: dict[str, float] = {}
    labels: dict[str, str] = {}
    startup_ms(data)  # warm the file cache
    figures["startup"] = median([startup_ms(data) for _ in range(args.runs)])
    labels["startup"] = "启动到可用的主窗口（新进程）"

    gui = InProcess(data)
    try:
        opened: list[float] = []
        browser = None
        for _ in range(args.runs + 1):
            ms, browser = gui.open_residents()
            opened.append(ms)
        assert browser is not None
        figures["open_residents"] = median(opened[1:])
        labels["open_residents"] = f"打开居民列表（共 {browser.list.model.total:,} 人，首屏 200）"
        model = browser.list.model

        def timed(action: Callable[[], object]) -> float:
            return gui.wait(model.loaded, action)

        for key, text, label in (
            ("search_1", "王", "中文搜索“王”（1 字）"),
            ("search_2", "秀英", "中文搜索“秀英”（2 字）"),
        ):
            samples = []
            for _ in range(args.runs):
                samples.append(timed(lambda text=text: model.set_search(text)))
                hits = model.total
                timed(lambda: model.set_search(""))
            figures[key] = median(samples)
            labels[key] = f"{label}，命中 {hits:,} 人"
        header = browser.list.table.horizontalHeader()
        (birth,) = [i for i, c in enumerate(model.columns) if c.sort == "birth_date"]
        from liandian_desktop.gui.qt import Qt

        samples = []
        for i in range(args.runs * 2):
            order = Qt.SortOrder.AscendingOrder if i % 2 else Qt.SortOrder.DescendingOrder
            samples.append(timed(lambda order=order: header.setSortIndicator(birth, order)))
        figures["sort"] = median(samples)
        labels["sort"] = "点击表头排序（出生日期，10 万行）"
    finally:
        gui.close()

    figures["smoke_seconds"] = smoke_seconds(data)
    labels["smoke_seconds"] = "liandian gui --smoke 全程（秒，含 CLI）"

    baseline: dict[str, Any] = {}
    if args.baseline.exists():
        baseline = json.loads(args.baseline.read_text(encoding="utf-8"))
    before: dict[str, float] = baseline.get("figures", {})
    print()
    print(row("测量", "中位数", "目标", "基线", "比值"))
    for key, value in figures.items():
        goal = GOALS.get(key)
        old = before.get(key)
        unit = "s" if key.endswith("seconds") else "ms"
        print(
            row(
                labels[key],
                f"{value:.1f} {unit}" if unit == "s" else f"{value:.0f} ms",
                f"≤ {goal:.0f}" if goal else "–",
                f"{old:.1f}" if old is not None else "–",
                f"{value / old:.2f}×" if old else "–",
            )
        )
    missed = [key for key, goal in GOALS.items() if figures[key] > goal]
    if missed:
        print("未达目标: " + ", ".join(labels[k] for k in missed))
    if args.save_baseline:
        payload = {
            "machine": machine(),
            "runs": args.runs,
            "figures": {k: round(v, 2) for k, v in figures.items()},
        }
        args.baseline.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"\n已写入基线 {args.baseline}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
