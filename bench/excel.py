"""How long a 20,000-row resident roster takes to preview (plan) and import (commit).

    .venv/bin/python bench/excel.py                 # 20,000 rows, median of 3 runs
    .venv/bin/python bench/excel.py --rows 50000 --runs 5
    .venv/bin/python bench/excel.py --save-baseline # write bench/baseline-excel.json

The roster looks like one from the field: a merged title, a notes row, valid 18-digit ID numbers as text
(validation.make_id_number), phones as numbers, birth dates in four spellings, full-width digits, and some
bad rows (IDs typed as numbers, bad phones, unknown villages, duplicates in the file and in the ledger).
Each run plans and commits on a fresh copy of a ledger that already holds 2,000 residents.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import openpyxl
from openpyxl import Workbook

from liandian_desktop.excel import Fate, ImportOptions, commit_plan, plan_import
from liandian_desktop.ledger.catalogue import seed_catalogue
from liandian_desktop.ledger.services.org import DivisionService
from liandian_desktop.ledger.validation import make_id_number
from liandian_desktop.store.migrate import open_store

BASELINE = Path(__file__).with_name("baseline-excel.json")
REGIONS = ("430102", "430103", "430104", "430111", "430121", "430181")
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
)
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红建国建华志强文明海燕晓东喆堃玥"
_PLACES = ["红星", "光明", "前进", "和平", "幸福", "新华", "东风", "胜利", "长青", "团结", "友谊", "建设"]
VILLAGES = [f"{name}{'社区' if i % 3 else '村'}" for i, name in enumerate(_PLACES)]


def _person(rng: random.Random, n: int) -> tuple[str, str, date]:
    birth = date(1930, 1, 1) + timedelta(days=rng.randrange(0, 365 * 80))
    seq = n % 1000
    return (
        rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2)))),
        make_id_number(rng.choice(REGIONS), birth, seq),
        birth,
    )


def _date_text(rng: random.Random, day: date) -> object:
    style = rng.randrange(4)
    if style == 0:
        return day
    if style == 1:
        return f"{day.year}.{day.month}.{day.day}"
    if style == 2:
        return f"{day.year}年{day.month}月{day.day}日"
    return day.isoformat()


def build_roster(path: Path, rows: int, existing: list[str], seed: int = 7) -> dict[str, int]:
    """Write the roster; returns how many rows of each planted kind it has."""
    rng = random.Random(seed)
    wb = Workbook()  # not write-only: like Excel, it writes the sheet's <dimension> first
    ws = wb.active
    assert ws is not None
    ws.title = "花名册"
    ws.append(["某街道居民花名册（2026年）"])
    ws.append(["填报说明：身份证号请用文本格式"])
    ws.append(
        [
            "序号",
            "姓名",
            "公民身份号码",
            "性别",
            "出生日期",
            "手机号",
            "所属村（社区）",
            "家庭住址",
            "低保",
            "残疾人",
            "备注",
        ]
    )
    planted = {
        "ok": 0,
        "id_as_number": 0,
        "bad_phone": 0,
        "unknown_village": 0,
        "dup_in_file": 0,
        "in_ledger": 0,
    }
    seen: list[str] = []
    taken: set[str] = set(existing)
    for n in range(rows):
        name, number, birth = _person(rng, n)
        while number in taken:
            name, number, birth = _person(rng, rng.randrange(10**6))
        village = rng.choice(VILLAGES)
        phone: object = int(f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}")
        id_cell: object = number
        roll = rng.random()
        if roll < 0.01:
            id_cell = float(number[:17] + "0")  # typed as a number: Excel keeps 15 digits
            planted["id_as_number"] += 1
        elif roll < 0.015:
            phone = "1381234"
            planted["bad_phone"] += 1
        elif roll < 0.02:
            village = "不存在村"
            planted["unknown_village"] += 1
        elif roll < 0.03 and seen:
            id_cell = rng.choice(seen)
            birth = date(int(id_cell[6:10]), int(id_cell[10:12]), int(id_cell[12:14]))
            planted["dup_in_file"] += 1
        elif roll < 0.04 and existing:
            id_cell = rng.choice(existing)
            birth = date(int(id_cell[6:10]), int(id_cell[10:12]), int(id_cell[12:14]))
            planted["in_ledger"] += 1
        else:
            planted["ok"] += 1
        if isinstance(id_cell, str) and id_cell == number:
            seen.append(number)
            taken.add(number)
        if rng.random() < 0.05 and isinstance(phone, int):
            phone = "".join(chr(ord(c) + 0xFEE0) for c in str(phone))  # full-width digits
        ws.append(
            [
                n + 1,
                name + (" " if rng.random() < 0.05 else ""),
                id_cell,
                "",
                _date_text(rng, birth),
                phone,
                village,
                f"{village}{rng.randrange(1, 200)}号",
                "是" if rng.random() < 0.03 else "",
                "是" if rng.random() < 0.02 else "",
                "",
            ]
        )
    ws.merge_cells("A1:K1")
    wb.save(path)
    return planted


def build_ledger(folder: Path, existing: int) -> tuple[Path, object, list[str]]:
    """A township with 12 villages and ``existing`` residents (imported the same way)."""
    store = open_store(folder / "ledger.sqlite3", folder / "backups")
    with store.transaction() as session:
        seed_catalogue(session)
    divisions = DivisionService(store)
    county = divisions.create_county("430102000000", "芙蓉区")
    township = divisions.create_township(county.id, "430102001000", "示范街道")
    for i, name in enumerate(VILLAGES, start=1):
        divisions.create_community(township.id, f"430102001{i:03d}", name)
    seed_roster = folder / "seed.xlsx"
    build_roster(seed_roster, existing, [], seed=1)
    plan = plan_import(store, "residents", seed_roster, ImportOptions(township.id))
    commit_plan(store, plan)
    numbers = [
        str(r.batch.values["id_number"]) for r in plan.rows if r.fate is Fate.ADD and r.batch is not None
    ]
    store.engine.dispose()
    with sqlite3.connect(folder / "ledger.sqlite3") as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return folder / "ledger.sqlite3", township.id, numbers


def machine() -> dict[str, object]:
    return {
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "openpyxl": openpyxl.__version__,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--existing", type=int, default=2_000, help="residents already in the ledger")
    parser.add_argument("--save-baseline", action="store_true")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "base").mkdir()
        base, township_id, numbers = build_ledger(folder / "base", args.existing)
        roster = folder / "roster.xlsx"
        started = time.perf_counter()
        planted = build_roster(roster, args.rows, numbers)
        write_seconds = time.perf_counter() - started
        plans: list[float] = []
        commits: list[float] = []
        cpu_plans: list[float] = []
        cpu_commits: list[float] = []
        counts: dict[str, int] = {}
        for run in range(args.runs):
            run_dir = folder / f"run{run}"
            run_dir.mkdir()
            shutil.copyfile(base, run_dir / "ledger.sqlite3")
            store = open_store(run_dir / "ledger.sqlite3", run_dir / "backups")
            try:
                options = ImportOptions(township_id, on_duplicate="update")  # type: ignore[arg-type]
                t0, c0 = time.perf_counter(), time.process_time()
                plan = plan_import(store, "residents", roster, options)
                t1, c1 = time.perf_counter(), time.process_time()
                commit_plan(store, plan)
                t2, c2 = time.perf_counter(), time.process_time()
            finally:
                store.close()
            plans.append(t1 - t0)
            commits.append(t2 - t1)
            cpu_plans.append(c1 - c0)
            cpu_commits.append(c2 - c1)
            counts = {fate.value: n for fate, n in plan.counts().items()}
    figures = {
        "rows": args.rows,
        "plan_seconds": round(statistics.median(plans), 3),
        "commit_seconds": round(statistics.median(commits), 3),
        "total_seconds": round(statistics.median(p + c for p, c in zip(plans, commits, strict=True)), 3),
        "plan_cpu_seconds": round(statistics.median(cpu_plans), 3),
        "commit_cpu_seconds": round(statistics.median(cpu_commits), 3),
    }
    print(f"machine: {json.dumps(machine(), ensure_ascii=False)}")
    print(f"roster: {args.rows} rows written in {write_seconds:.1f} s; planted {json.dumps(planted)}")
    print(f"fates: {json.dumps(counts)}")
    plan_s, commit_s, total_s = (figures[k] for k in ("plan_seconds", "commit_seconds", "total_seconds"))
    print(
        f"median of {args.runs}: plan {plan_s:.2f} s, commit {commit_s:.2f} s, total {total_s:.2f} s"
        f"  (runs: plan {[round(p, 2) for p in plans]}, commit {[round(c, 2) for c in commits]})"
    )
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"cpu (this process): plan {figures['plan_cpu_seconds']:.2f} s, "
        f"commit {figures['commit_cpu_seconds']:.2f} s; load average {load} on {os.cpu_count()} cpus"
    )
    if BASELINE.exists():
        baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
        old = baseline.get("figures", {})
        if old.get("rows") == args.rows:
            for key in (
                "plan_seconds",
                "commit_seconds",
                "total_seconds",
                "plan_cpu_seconds",
                "commit_cpu_seconds",
            ):
                if old.get(key):
                    ratio = figures[key] / old[key]
                    print(f"  {key}: {figures[key]:.2f} s vs baseline {old[key]:.2f} s ({ratio:.2f}×)")
        else:
            print(f"  baseline is for {old.get('rows')} rows; not compared")
    if args.save_baseline:
        BASELINE.write_text(
            json.dumps({"machine": machine(), "figures": figures}, ensure_ascii=False, indent=2) + "\n",
            encoding="utf-8",
        )
        print(f"baseline saved: {BASELINE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
