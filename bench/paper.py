#!/usr/bin/env python3
"""Paper benchmark: a 500-person sign-in sheet and the township's inspection PDFs, in seconds and bytes.

    .venv/bin/python bench/paper.py [--scale 1] [--runs 5] [--save-baseline]

Builds the demo township into a temporary folder (deleted afterwards), adds a meeting with 500 invitees,
then prints the median of ``--runs`` timings of each document, with its size and page count. The first
render of the process (which also loads the fonts) is shown apart. Goal: 500 persons ≤ 1 s and ≤ 300 KB.
Compares with ``bench/baseline-paper.json`` when it exists (ratio = now / baseline; above 1 is slower or
bigger); ``--save-baseline`` writes this run's figures there. Figures of speed belong here, not in tests.
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
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from liandian_desktop.ledger.models import Activity, ActivityKind, Attendance, Community, Resident
from liandian_desktop.paper.document import PaperDocument
from liandian_desktop.paper.evaluation import render_evaluation
from liandian_desktop.paper.inspection import render_inspection
from liandian_desktop.paper.privacy import Copy
from liandian_desktop.paper.signin import render_signin
from liandian_desktop.store.engine import Store
from liandian_desktop.store.migrate import open_store

BASELINE = Path(__file__).with_name("baseline-paper.json")
TODAY = date(2026, 11, 20)  # fixed, so every run builds the same rows
CODE = "HDBENCH500"
GOAL_SECONDS, GOAL_BYTES = 1.0, 300 * 1024


def machine() -> dict[str, Any]:
    return {
        "platform": platform.platform(),
        "machine": platform.machine(),
        "processor": platform.processor() or "",
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
    }


def width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def pad(text: str, columns: int) -> str:
    return text + " " * max(0, columns - width(text))


def add_meeting(store: Store, township_id: Any, people: int) -> None:
    """A township meeting with ``people`` invitees from the demo's residents."""
    with store.transaction() as s:
        community = s.scalars(select(Community).where(Community.township_id == township_id)).first()
        residents = s.scalars(select(Resident).order_by(Resident.name).limit(people)).all()
        assert community is not None and len(residents) == people, "the demo is too small"
        when = datetime.combine(TODAY - timedelta(days=2), datetime.min.time(), UTC) + timedelta(hours=1)
        meeting = Activity(
            township_id=township_id,
            community_id=community.id,
            code=CODE,
            kind=ActivityKind.MEETING,
            title="全镇居民代表大会",
            starts_at=when,
            ends_at=when + timedelta(hours=3),
            place="镇政府大礼堂",
            organiser="云岭镇人民政府",
            responsible="黎琳",
        )
        s.add(meeting)
        s.flush()
        for n, r in enumerate(residents, 1):
            s.add(
                Attendance(
                    township_id=township_id,
                    activity_id=meeting.id,
                    resident_id=r.id,
                    name=r.name,
                    phone=r.phone,
                    row_code=f"{n:03d}",
                )
            )


def measure(work: Callable[[], PaperDocument], runs: int) -> tuple[float, PaperDocument]:
    samples, document = [], None
    for _ in range(runs):
        started = time.perf_counter()
        document = work()
        samples.append(time.perf_counter() - started)
    assert document is not None
    return statistics.median(samples), document


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--scale", type=float, default=1.0, help="demo scale (default 1: one township)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per case; the median is shown")
    parser.add_argument("--people", type=int, default=500, help="invitees on the big sign-in sheet")
    parser.add_argument("--save-baseline", action="store_true", help=f"write {BASELINE.name}")
    parser.add_argument(
        "--baseline", type=Path, default=BASELINE, help="baseline file to compare with / write"
    )
    args = parser.parse_args(argv)
    from liandian_desktop.demo import build_demo

    info = machine()
    print("机器: " + ", ".join(f"{k} {v}" for k, v in info.items() if v))
    baseline: dict[str, Any] = {}
    if args.baseline.exists():
        baseline = json.loads(args.baseline.read_text(encoding="utf-8"))
        if baseline.get("scale") != args.scale:
            print(f"注意: 基线的规模是 {baseline.get('scale')}，本次是 {args.scale}，比值仅供参考")
    before: dict[str, dict[str, float]] = baseline.get("figures", {})
    year = f"{TODAY - timedelta(days=364)}..{TODAY}"
    quarter = f"{TODAY.year}-Q{(TODAY.month - 1) // 3 + 1}"

    results: list[tuple[str, str, float, PaperDocument]] = []
    with tempfile.TemporaryDirectory(prefix="liandian-bench-paper-") as folder:
        store = open_store(Path(folder) / "ledger.sqlite3", Path(folder) / "backups")
        try:
            started = time.perf_counter()
            summary = build_demo(store, scale=args.scale, today=TODAY)
            add_meeting(store, summary.township_id, args.people)
            print(f"规模 {args.scale:g}: {summary.total:,} 行，构建 {time.perf_counter() - started:.1f} 秒")
            started = time.perf_counter()
            first = render_signin(store, CODE)
            cold = time.perf_counter() - started
            print(f"首次渲染（含加载字体）: {args.people} 人签到表 {cold:.2f} 秒")
            cases: list[tuple[str, str, Callable[[], PaperDocument]]] = [
                ("signin_500", f"{args.people} 人签到表（内部版）", lambda: render_signin(store, CODE)),
                (
                    "signin_500_public",
                    f"{args.people} 人签到表（公示版）",
                    lambda: render_signin(store, CODE, copy=Copy(public=True)),
                ),
                ("evaluation_100", "测评表 100 份", lambda: render_evaluation(store, CODE, copies=100)),
                (
                    "inspection_quarter",
                    f"全镇督查材料 {quarter}",
                    lambda: render_inspection(store, period=quarter, as_of=summary.as_of, today=TODAY),
                ),
                (
                    "inspection_year",
                    "全镇督查材料 近 12 个月",
                    lambda: render_inspection(store, period=year, as_of=summary.as_of, today=TODAY),
                ),
            ]
            assert first.pages > 0
            for key, label, work in cases:
                seconds, document = measure(work, args.runs)
                results.append((key, label, seconds, document))
        finally:
            store.close()

    print()
    print(
        f"{pad('文件', 34)}{'秒(中位数)':>12}{'KB':>9}{'页':>6}"
        f"{'基线秒':>9}{'比值':>8}{'基线KB':>9}{'比值':>8}"
    )
    figures: dict[str, dict[str, float]] = {}
    for key, label, seconds, document in results:
        size = len(document.pdf)
        figures[key] = {"seconds": round(seconds, 3), "bytes": size, "pages": document.pages}
        old = before.get(key, {})
        old_s, old_b = old.get("seconds"), old.get("bytes")
        print(
            f"{pad(label, 34)}{seconds:>12.3f}{size / 1024:>9.0f}{document.pages:>6}"
            f"{(old_s or float('nan')):>9.3f}{(f'{seconds / old_s:.2f}×' if old_s else '–'):>8}"
            f"{((old_b or 0) / 1024 or float('nan')):>9.0f}{(f'{size / old_b:.2f}×' if old_b else '–'):>8}"
        )
    sheet = figures["signin_500"]
    verdict = "达到" if sheet["seconds"] <= GOAL_SECONDS and sheet["bytes"] <= GOAL_BYTES else "未达到"
    print(f"\n目标（{args.people} 人 ≤ {GOAL_SECONDS:g} 秒且 ≤ {GOAL_BYTES // 1024} KB）：{verdict}")

    if args.save_baseline:
        payload = {
            "machine": info,
            "scale": args.scale,
            "runs": args.runs,
            "people": args.people,
            "rows": summary.total,
            "figures": figures,
        }
        args.baseline.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"\n已写入基线 {args.baseline}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
