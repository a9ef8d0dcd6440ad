#!/usr/bin/env python3
"""KPI benchmark: build the demo township at a scale, then time the KPI engine on it.

    .venv/bin/python bench/kpi.py [--scale 25] [--runs 5] [--save-baseline]

Builds into a temporary folder (deleted afterwards) and prints the median of ``--runs`` timings (ms) of:
the township's quarter figures (calendar and working-hours clock), one unit's quarter figures, a month's unit
assessment, and ``explain_order`` for 100 orders (the time for all 100). Compares with
``bench/baseline-kpi.json`` when it exists (ratio = now / baseline; above 1 is slower); ``--save-baseline``
writes this run's figures there. Figures of speed belong here, not in the tests.
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
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from liandian_desktop.kpi import (
    DEFAULT_SETTINGS,
    Scope,
    assess_month,
    compute_kpis,
    explain_order,
    parse_period,
)
from liandian_desktop.ledger.models import PairedUnit, WorkOrder
from liandian_desktop.store.engine import Store
from liandian_desktop.store.migrate import open_store

BASELINE = Path(__file__).with_name("baseline-kpi.json")
TODAY = date(2026, 11, 20)  # fixed, so every run builds the same rows
QUARTER = "2026-Q3"
MONTH = "2026-10"


def machine() -> dict[str, Any]:
    return {
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
    }


def median_ms(work: Callable[[], object], runs: int) -> float:
    work()  # warm the page cache and the statement cache
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def ratio(now: float, before: float | None) -> str:
    return f"{now / before:5.2f}×" if before else "    –"


def width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def pad(text: str, columns: int) -> str:
    return text + " " * max(0, columns - width(text))


def cases(store: Store, township_id: Any, as_of: datetime) -> list[tuple[str, str, Callable[[], object]]]:
    quarter, month = parse_period(QUARTER), parse_period(MONTH)
    working = replace(DEFAULT_SETTINGS, clock=replace(DEFAULT_SETTINGS.clock, mode="working"))
    with store.session() as session:
        unit_id = session.scalars(select(PairedUnit.id).order_by(PairedUnit.name).limit(1)).one()
        codes = list(session.scalars(select(WorkOrder.code).order_by(WorkOrder.code).limit(100)))
    township = Scope.township(township_id)

    def explain_100() -> None:
        for code in codes:
            explain_order(store, code, as_of=as_of)

    return [
        (
            "township_quarter",
            f"乡镇 {QUARTER} 全部指标（自然小时）",
            lambda: compute_kpis(store, quarter, township, as_of=as_of),
        ),
        (
            "township_quarter_working",
            f"乡镇 {QUARTER} 全部指标（工作小时）",
            lambda: compute_kpis(store, quarter, township, settings=working, as_of=as_of),
        ),
        (
            "township_year",
            "乡镇 2026 全年全部指标",
            lambda: compute_kpis(store, parse_period("2026"), township, as_of=as_of),
        ),
        (
            "unit_quarter",
            f"单位 {QUARTER} 全部指标",
            lambda: compute_kpis(store, quarter, Scope.unit(unit_id), as_of=as_of),
        ),
        (
            "assessment_month",
            f"{MONTH} 月度考核（全部单位）",
            lambda: assess_month(store, month, township_id, as_of=as_of),
        ),
        ("explain_100_orders", f"解释 {len(codes)} 张工单（合计）", explain_100),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--scale", type=float, default=25.0, help="demo scale (default 25)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per case; the median is shown")
    parser.add_argument("--save-baseline", action="store_true", help=f"write {BASELINE.name}")
    parser.add_argument(
        "--baseline", type=Path, default=BASELINE, help="baseline file to compare with / write"
    )
    args = parser.parse_args(argv)
    try:
        from liandian_desktop.demo import build_demo
    except ImportError:
        print("liandian_desktop.demo 不存在：没有演示乡镇可测，跳过 KPI 基准。")
        return 0

    info = machine()
    print("机器: " + ", ".join(f"{k} {v}" for k, v in info.items()))
    baseline: dict[str, Any] = {}
    if args.baseline.exists():
        baseline = json.loads(args.baseline.read_text(encoding="utf-8"))
        if baseline.get("scale") != args.scale:
            print(f"注意: 基线的规模是 {baseline.get('scale')}，本次是 {args.scale}，比值仅供参考")
    before: dict[str, float] = baseline.get("figures", {})

    with tempfile.TemporaryDirectory(prefix="liandian-bench-kpi-") as folder:
        store = open_store(Path(folder) / "ledger.sqlite3", Path(folder) / "backups")
        try:
            started = time.perf_counter()
            summary = build_demo(store, scale=args.scale, today=TODAY)
            print(
                f"规模 {args.scale:g}: {summary.total:,} 行（工单 {summary['work_orders']:,}，签到 "
                f"{summary['attendances']:,}），构建 {time.perf_counter() - started:.1f} 秒"
            )
            results = []
            for key, label, work in cases(store, summary.township_id, summary.as_of):
                results.append((key, label, median_ms(work, args.runs)))
        finally:
            store.close()

    print()
    print(f"{pad('操作', 40)}{'中位数 ms':>12}{'基线 ms':>10}{'比值':>8}")
    figures: dict[str, float] = {}
    for key, label, ms in results:
        figures[key] = round(ms, 2)
        old = before.get(key)
        print(f"{pad(label, 40)}{ms:>12.1f}{(old if old else float('nan')):>10.1f}{ratio(ms, old):>8}")

    if args.save_baseline:
        payload = {
            "machine": info,
            "scale": args.scale,
            "runs": args.runs,
            "rows": summary.total,
            "figures": figures,
        }
        args.baseline.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"\n已写入基线 {args.baseline}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
