#!/usr/bin/env python3
"""Ledger benchmark: build the demo township at a scale, then time the common list and search queries.

    .venv/bin/python bench/ledger.py [--scale 25] [--runs 5] [--save-baseline]

Builds into a temporary folder (deleted afterwards), prints the machine, the rows built and the build time,
then the median of ``--runs`` timings (ms) of each query, run through the services' generic list (SQL sort and
search, first page of 200 plus the total). Compares with ``bench/baseline-ledger.json`` when it exists
(ratio = now / baseline; above 1 is slower); ``--save-baseline`` writes the figures of this run there.
Figures of speed belong here, not in the tests.
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
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import sqlalchemy

from liandian_desktop.demo import build_demo
from liandian_desktop.ledger.models import Demand, OrderStatus, Resident, Volunteer, WorkOrder
from liandian_desktop.ledger.services.base import ListQuery, Service
from liandian_desktop.ledger.validation import quarter_of
from liandian_desktop.store.engine import Store
from liandian_desktop.store.migrate import open_store

BASELINE = Path(__file__).with_name("baseline-ledger.json")
TODAY = date(2026, 11, 20)  # fixed, so every run builds the same rows


class Residents(Service):
    model = Resident


class WorkOrders(Service):
    model = WorkOrder


class Demands(Service):
    model = Demand


class Volunteers(Service):
    model = Volunteer


@dataclass(frozen=True)
class Query:
    key: str  # stable name in the baseline file
    label: str
    run: Callable[[Store], int]  # returns the number of matching rows


def _list(service: type[Service], query: ListQuery) -> Callable[[Store], int]:
    def run(store: Store) -> int:
        return service(store).list(query).total

    return run


QUERIES = (
    Query("residents_by_name", "居民 首页 按姓名排序", _list(Residents, ListQuery(sort="name"))),
    Query(
        "residents_search_1", "居民 搜索“王”（1字）", _list(Residents, ListQuery(search="王", sort="name"))
    ),
    Query(
        "residents_search_2",
        "居民 搜索“秀英”（2字）",
        _list(Residents, ListQuery(search="秀英", sort="name")),
    ),
    Query(
        "residents_search_3",
        "居民 搜索“刘建国”（3字）",
        _list(Residents, ListQuery(search="刘建国", sort="name")),
    ),
    Query("residents_phone", "居民 搜索电话“5678”", _list(Residents, ListQuery(search="5678", sort="name"))),
    Query(
        "orders_in_progress",
        "工单 办理中 按点单时间",
        _list(
            WorkOrders,
            ListQuery(filters={"status": OrderStatus.IN_PROGRESS}, sort="ordered_at", descending=True),
        ),
    ),
    Query(
        "orders_evaluated",
        "工单 已评单 按点单时间",
        _list(
            WorkOrders,
            ListQuery(filters={"status": OrderStatus.EVALUATED}, sort="ordered_at", descending=True),
        ),
    ),
    Query(
        "demands_quarter",
        f"需求清单 {quarter_of(TODAY)}",
        _list(Demands, ListQuery(filters={"quarter": quarter_of(TODAY)}, sort="code")),
    ),
    Query("volunteers_search", "志愿者 搜索“李”", _list(Volunteers, ListQuery(search="李", sort="name"))),
)


def machine() -> dict[str, Any]:
    return {
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "sqlalchemy": sqlalchemy.__version__,
    }


def time_query(store: Store, query: Query, runs: int) -> tuple[int, float]:
    rows = query.run(store)  # warm the page cache and the statement cache
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        query.run(store)
        samples.append((time.perf_counter() - started) * 1000)
    return rows, statistics.median(samples)


def ratio(now: float, before: float | None) -> str:
    return f"{now / before:.2f}×" if before else "–"


def num(value: float | None, places: int) -> str:
    return f"{value:.{places}f}" if value is not None else "–"


def width(text: str) -> int:
    """Display width: CJK characters take two columns."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def row(label: str, *cells: str) -> str:
    """A table row: the label padded to 34 columns, then cells right-aligned in 12 columns each."""
    return label + " " * max(0, 34 - width(label)) + "".join(" " * max(0, 12 - width(c)) + c for c in cells)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--scale", type=float, default=25.0, help="demo scale (default 25)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per query; the median is shown")
    parser.add_argument("--save-baseline", action="store_true", help=f"write {BASELINE.name}")
    parser.add_argument(
        "--baseline", type=Path, default=BASELINE, help="baseline file to compare with / write"
    )
    args = parser.parse_args(argv)

    info = machine()
    print("机器: " + ", ".join(f"{k} {v}" for k, v in info.items()))
    baseline: dict[str, Any] = {}
    if args.baseline.exists():
        baseline = json.loads(args.baseline.read_text(encoding="utf-8"))
        if baseline.get("scale") != args.scale:
            print(f"注意: 基线的规模是 {baseline.get('scale')}，本次是 {args.scale}，比值仅供参考")
    before: dict[str, float] = baseline.get("figures", {})

    with tempfile.TemporaryDirectory(prefix="liandian-bench-") as folder:
        store = open_store(Path(folder) / "ledger.sqlite3", Path(folder) / "backups")
        try:
            started = time.perf_counter()
            summary = build_demo(store, scale=args.scale, today=TODAY)
            build_seconds = time.perf_counter() - started
            print(f"规模 {args.scale:g}: {summary.total:,} 行, 构建 {build_seconds:.1f} 秒")
            print(
                f"  居民 {summary['residents']:,}  工单 {summary['work_orders']:,}  "
                f"签到 {summary['attendances']:,}  志愿服务记录 {summary['volunteer_service_records']:,}"
            )
            figures: dict[str, float] = {"build_seconds": round(build_seconds, 2)}
            results = []
            for query in QUERIES:
                rows, ms = time_query(store, query, args.runs)
                figures[query.key] = round(ms, 2)
                results.append((query, rows, ms))
        finally:
            store.close()  # checkpoints the WAL into the file
        size_mb = (Path(folder) / "ledger.sqlite3").stat().st_size / 2**20
        print(f"  数据库文件 {size_mb:.0f} MiB（含同步变更日志）")

    print()
    print(row("查询", "命中行数", "中位数 ms", "基线 ms", "比值"))
    old_build = before.get("build_seconds")
    print(
        row(
            "构建演示数据（秒）",
            f"{summary.total:,}",
            f"{build_seconds:.1f}",
            num(old_build, 1),
            ratio(build_seconds, old_build),
        )
    )
    for query, rows, ms in results:
        old = before.get(query.key)
        print(row(query.label, f"{rows:,}", f"{ms:.2f}", num(old, 2), ratio(ms, old)))

    if args.save_baseline:
        args.baseline.write_text(
            json.dumps(
                {
                    "machine": info,
                    "scale": args.scale,
                    "runs": args.runs,
                    "rows": summary.total,
                    "figures": figures,
                },
                ensure_ascii=False,
                indent=2,
            )
            + "\n",
            encoding="utf-8",
        )
        print(f"\n已写入基线 {args.baseline}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
