#!/usr/bin/env python3
"""KPI dashboard benchmark on the demo township at scale 25 (20,000 work orders in 2026, 520k ledger rows).

    .venv/bin/python bench/dashboard.py [--data-dir DIR] [--scale 25] [--runs 5] [--save-baseline]

Without ``--data-dir`` the demo is built into a temporary folder first (about 80 s at scale 25, today
2026-11-20); with it, the ledger in DIR is used as it is. "Now" is pinned to the demo's today (read from the
ledger's demo mark), so the default period, the current month, holds a month of work.

Timed in one process (the main window open on the ledger, as a coordinator has it), each the median of
``--runs`` runs, in milliseconds, from the moment the page is asked for:

* **first open**: the first visit of 考核指标 in the session (``window.navigate("kpi")``): the page module
  and QtCharts load, the page is built, the figures computed: to the tiles shown, and to the charts shown
  (the 12-month trend and the per-community and per-unit bars). One sample: it happens once per session.
* **open**: a fresh dashboard page built and started (as on a first visit, the modules already loaded): to
  the tiles shown, and to the charts shown. Median of runs.
* **quarter**, **year**: picking 本季度 / 本年度 on the open page, to tiles and to charts.
* **assessment**: the 月度考核 tab's month (``assess_month``) from the request to the table shown.

Compared with ``bench/baseline-dashboard.json`` when present; ``--save-baseline`` writes it. Goal: the page
usable (tiles shown) in under a second for the current month.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
BASELINE = Path(__file__).with_name("baseline-dashboard.json")
TODAY = date(2026, 11, 20)
GOALS = {"open_tiles": 1000.0, "first_open_tiles": 1000.0}


def machine() -> dict[str, Any]:
    from liandian_desktop.gui.qt import QT_VERSION

    return {
        "platform": platform.platform(),
        "machine": platform.machine(),
        "processor": platform.processor() or "",
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "qt": QT_VERSION,
        "sqlite": sqlite3.sqlite_version,
    }


def demo_now(data: Path) -> datetime:
    """09:00 on the demo's today (Asia/Shanghai), from its ledger mark; the real now for other ledgers."""
    from liandian_desktop.demo.township import DEMO_META_KEY
    from liandian_desktop.kpi import LOCAL_TZ

    with sqlite3.connect(data / "ledger.sqlite3") as db:
        row = db.execute("SELECT value FROM ledger_meta WHERE key = ?", (DEMO_META_KEY,)).fetchone()
    if row:
        for part in str(row[0]).split(";"):
            if part.startswith("today="):
                day = date.fromisoformat(part.removeprefix("today="))
                return datetime(day.year, day.month, day.day, 9, 0, tzinfo=LOCAL_TZ)
    return datetime.now(LOCAL_TZ)


class Session:
    """The main window on the ledger, in this process."""

    def __init__(self, data: Path) -> None:
        from liandian_desktop.gui.app import application, open_window
        from liandian_desktop.settings import Paths, Settings
        from liandian_desktop.store.engine import Store

        self.app = application("zh_CN")
        self.store = Store(data / "ledger.sqlite3")
        self.window, self.ctx = open_window(self.store, Paths(data), Settings())
        now = demo_now(data)
        self.ctx.clock = lambda: now
        self.window.resize(1366, 768)
        self.window.show()
        self.until(lambda: self.ctx.loaded)
        self.until(lambda: self.ctx.tasks.pending == 0)

    def until(self, done: Callable[[], bool], timeout_s: float = 120.0) -> None:
        """Run the event loop until ``done()``, checking every 20 ms (a timer, not a busy loop: spinning
        here would take the GIL from the workers being timed)."""
        from liandian_desktop.gui.qt import QtCore, QTimer

        if done():
            return
        loop = QtCore.QEventLoop()
        poll = QTimer()
        poll.setInterval(20)
        poll.timeout.connect(lambda: loop.quit() if done() else None)
        give_up = QTimer()
        give_up.setSingleShot(True)
        give_up.timeout.connect(loop.quit)
        poll.start()
        give_up.start(int(timeout_s * 1000))
        loop.exec()
        poll.stop()
        if not done():
            raise RuntimeError("timed out")

    def timed(self, action: Callable[[], Any], signals: Callable[[], tuple[Any, Any]]) -> tuple[float, float]:
        """Milliseconds from ``action`` to the first emission of each of the two signals ``signals()``
        names once ``action`` has run (the page may not exist before it)."""
        from liandian_desktop.gui.qt import QtCore, QTimer

        marks: dict[str, float] = {}
        loop = QtCore.QEventLoop()

        def mark(name: str) -> None:
            marks.setdefault(name, time.perf_counter())
            if len(marks) == 2:
                loop.quit()

        on_tiles, on_charts = (lambda: mark("tiles")), (lambda: mark("charts"))
        give_up = QTimer()
        give_up.setSingleShot(True)
        give_up.timeout.connect(loop.quit)
        give_up.start(120_000)
        started = time.perf_counter()
        action()
        tiles, charts = signals()  # answers arrive through queued signals: none can have fired yet
        tiles.connect(on_tiles)
        charts.connect(on_charts)
        if len(marks) < 2:
            loop.exec()
        tiles.disconnect(on_tiles)
        charts.disconnect(on_charts)
        if len(marks) < 2:
            raise RuntimeError("timed out")
        self.until(lambda: self.ctx.tasks.pending == 0)
        return (marks["tiles"] - started) * 1000, (marks["charts"] - started) * 1000

    def close(self) -> None:
        self.ctx.tasks.shutdown()
        self.store.close()


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def row(label: str, *cells: str) -> str:
    return label + " " * max(0, 40 - width(label)) + "".join(" " * max(0, 12 - width(c)) + c for c in cells)


def measure(data: Path, runs: int) -> tuple[dict[str, float], dict[str, str]]:
    figures: dict[str, float] = {}
    labels: dict[str, str] = {}
    session = Session(data)
    try:
        window, ctx = session.window, session.ctx
        shown: dict[str, Any] = {}

        def first_open() -> None:
            window.navigate("kpi")
            shown["page"] = window.pages["kpi"]

        tiles, charts = session.timed(
            first_open, lambda: (shown["page"].dashboard.tiles_shown, shown["page"].dashboard.charts_shown)
        )
        page = shown["page"]
        orders = page.dashboard.report["orders_dispatched"].display()
        figures["first_open_tiles"], figures["first_open_charts"] = tiles, charts
        labels["first_open_tiles"] = "首次打开考核指标 → 指标卡片"
        labels["first_open_charts"] = "首次打开考核指标 → 图表"

        from liandian_desktop.gui.pages.kpi import DashboardTab

        opened: list[tuple[float, float]] = []
        for _ in range(runs):
            fresh = DashboardTab(ctx)
            fresh.resize(1160, 680)
            fresh.show()
            opened.append(session.timed(fresh.start, lambda f=fresh: (f.tiles_shown, f.charts_shown)))
            fresh.close()
            fresh.deleteLater()
        figures["open_tiles"] = median([t for t, _ in opened])
        figures["open_charts"] = median([c for _, c in opened])
        labels["open_tiles"] = f"打开看板（本月，派出工单 {orders} 张）→ 卡片"
        labels["open_charts"] = "打开看板（本月）→ 趋势与分列图表"

        dash = page.dashboard
        signals = (dash.tiles_shown, dash.charts_shown)
        today = ctx.now()
        from liandian_desktop.kpi.periods import month_period, quarter_period, year_period

        for key, text, period in (
            ("quarter", "切换到本季度", quarter_period(today.year, (today.month - 1) // 3 + 1)),
            ("year", "切换到本年度", year_period(today.year)),
        ):
            samples = []
            for _ in range(runs):
                dash._trend_cache.clear()  # the worst case: the trend is computed again too
                samples.append(session.timed(lambda p=period: dash.picker.set_period(p), lambda: signals))
                session.timed(
                    lambda: dash.picker.set_period(month_period(today.year, today.month)), lambda: signals
                )
            figures[f"{key}_tiles"] = median([t for t, _ in samples])
            figures[f"{key}_charts"] = median([c for _, c in samples])
            labels[f"{key}_tiles"] = f"{text} → 卡片"
            labels[f"{key}_charts"] = f"{text} → 图表"

        tab = page.assessment
        page.show_assessment()
        session.until(lambda: tab.assessment is not None)
        session.until(lambda: ctx.tasks.pending == 0)
        samples = []
        for _ in range(runs):
            ms, _ = session.timed(tab.run, lambda: (tab.assessed, tab.assessed))
            samples.append(ms)
        figures["assessment"] = median(samples)
        labels["assessment"] = f"月度考核（{len(tab.assessment.units)} 个单位）→ 表格"
    finally:
        session.close()
    return figures, labels


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--data-dir", type=Path, help="a data folder with a demo ledger (default: build one)")
    parser.add_argument("--scale", type=float, default=25.0, help="demo scale when building (default 25)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each measurement (median shown)")
    parser.add_argument("--save-baseline", action="store_true", help=f"write {BASELINE.name}")
    parser.add_argument("--baseline", type=Path, default=BASELINE)
    args = parser.parse_args(argv)

    info = machine()
    print("机器: " + ", ".join(f"{k} {v}" for k, v in info.items() if v))
    temp = None
    scale = args.scale
    if args.data_dir is None:
        from liandian_desktop.demo import build_demo
        from liandian_desktop.store.migrate import open_store

        temp = tempfile.TemporaryDirectory(prefix="liandian-bench-dashboard-")
        data = Path(temp.name)
        store = open_store(data / "ledger.sqlite3", data / "backups")
        started = time.perf_counter()
        summary = build_demo(store, scale=args.scale, today=TODAY)
        store.close()
        print(f"规模 {args.scale:g}: {summary.total:,} 行, 构建 {time.perf_counter() - started:.1f} 秒")
    else:
        data = args.data_dir
        scale = float("nan")
        print(f"台账: {data}")
    try:
        figures, labels = measure(data, args.runs)
    finally:
        if temp is not None:
            temp.cleanup()

    baseline: dict[str, Any] = {}
    if args.baseline.exists():
        baseline = json.loads(args.baseline.read_text(encoding="utf-8"))
    before: dict[str, float] = baseline.get("figures", {})
    if baseline.get("machine") and baseline["machine"] != info:
        print(
            "注意：基线来自另一台机器: " + ", ".join(f"{k} {v}" for k, v in baseline["machine"].items() if v)
        )
    print()
    print(row("测量（毫秒）", "中位数", "目标", "基线", "比值"))
    for key, value in figures.items():
        goal = GOALS.get(key)
        old = before.get(key)
        print(
            row(
                labels[key],
                f"{value:.0f}",
                f"≤ {goal:.0f}" if goal else "–",
                f"{old:.0f}" if old is not None else "–",
                f"{value / old:.2f}×" if old else "–",
            )
        )
    missed = [key for key, goal in GOALS.items() if figures[key] > goal]
    if missed:
        print("未达目标: " + ", ".join(labels[k] for k in missed))
    if args.save_baseline:
        payload = {
            "machine": info,
            "scale": scale if scale == scale else None,
            "runs": args.runs,
            "figures": {k: round(v, 1) for k, v in figures.items()},
        }
        args.baseline.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"\n已写入基线 {args.baseline}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
