"""``liandian``: the desktop app, and its headless sub-commands.

Exit codes: 0 done; 1 the ledger needs an upgrade (``db check``); 2 refused (bad input, a database from a
newer version, not a ledger); 130 interrupted.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from liandian_desktop import __version__
from liandian_desktop.ledger.errors import LedgerError
from liandian_desktop.settings import ENV_DATA_DIR, Paths, resolve_paths

if TYPE_CHECKING:
    from liandian_desktop.store.engine import Store

EXIT_OK = 0
EXIT_NEEDS_UPGRADE = 1
EXIT_REFUSED = 2

# Areas that add their own sub-commands: each module has ``register(subparsers)``, which adds its parsers
# and sets ``handler=fn(paths, args) -> int`` on them.
COMMAND_MODULES: tuple[str, ...] = (
    "liandian_desktop.kpi.cli",
    "liandian_desktop.paper.cli",
    "liandian_desktop.sync.cli",
    "liandian_desktop.excel.cli",
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="liandian",
        description="联点共建桌面端。不带子命令时打开桌面程序。",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=f"数据文件夹（台账、备份、导出）；也可用环境变量 {ENV_DATA_DIR}；默认为当前用户的应用数据目录",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = sub.add_parser("demo", help="建立示范乡镇台账（确定性数据，用于演示与测试）")
    demo.add_argument("--scale", type=float, default=1.0, help="数据量倍数；25 约为十万行以上（默认 1）")
    demo.add_argument("--seed", type=int, default=20260301, help="随机种子（默认 20260301）")
    demo.add_argument("--today", type=date.fromisoformat, default=None, help="以哪一天为“今天”（YYYY-MM-DD）")

    db = sub.add_parser("db", help="数据库：升级、检查、备份")
    db_sub = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    db_sub.add_parser("upgrade", help="升级到本程序的数据库结构（升级前自动备份）")
    db_sub.add_parser("check", help="报告数据库结构版本、完整性与各类记录数（只读）")
    backup = db_sub.add_parser("backup", help="立即备份台账")
    backup.add_argument("--out", metavar="DIR", help="备份到此文件夹（默认为数据文件夹下的 backups）")

    gui = sub.add_parser("gui", help="打开桌面程序")
    gui.add_argument("--smoke", action="store_true", help="打开主窗口后立即退出（用于安装与持续集成检查）")

    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    paths = resolve_paths(args.data_dir)
    try:
        if getattr(args, "handler", None) is not None:
            result: int = args.handler(paths, args)
            return result
        if args.command == "demo":
            return _demo(paths, args.scale, args.seed, args.today)
        if args.command == "db":
            return {"upgrade": _db_upgrade, "check": _db_check, "backup": _db_backup}[args.db_command](
                paths, args
            )
        return _gui(paths, smoke=getattr(args, "smoke", False))
    except LedgerError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 130


def open_ledger(paths: Paths) -> Store:
    """Open (migrating first, after a backup) the ledger in ``paths``; for sub-command handlers."""
    from liandian_desktop.store.migrate import open_store

    return open_store(paths.database, paths.backups)


def _demo(paths: Paths, scale: float, seed: int, today: date | None) -> int:
    from liandian_desktop.demo.township import build_demo

    if scale <= 0:
        print("错误：--scale 必须大于 0", file=sys.stderr)
        return EXIT_REFUSED
    store = open_ledger(paths)
    started = time.perf_counter()
    last = [-1]

    def progress(stage: str, fraction: float) -> None:
        pct = int(fraction * 100)
        if pct // 10 != last[0] // 10 or pct == 100:
            last[0] = pct
            print(f"  {stage} {pct:3d}%", file=sys.stderr)

    try:
        summary = build_demo(store, seed=seed, scale=scale, today=today, progress=progress)
    finally:
        store.close()
    total = sum(summary.counts.values())
    print(f"示范乡镇已建立：{paths.database}")
    print(f"共 {total} 行，用时 {time.perf_counter() - started:.1f} 秒")
    for table, count in sorted(summary.counts.items()):
        print(f"  {table:28s} {count:>8d}")
    return EXIT_OK


def _db_upgrade(paths: Paths, _args: argparse.Namespace) -> int:
    from liandian_desktop.store.migrate import head_revision, upgrade

    backup = upgrade(paths.database, paths.backups)
    if backup is not None:
        print(f"升级前已备份：{backup}")
    print(f"数据库结构已是最新版本（{head_revision()}）：{paths.database}")
    return EXIT_OK


def _db_check(paths: Paths, _args: argparse.Namespace) -> int:
    import sqlite3

    from liandian_desktop.store.migrate import SchemaStatus, schema_state

    state = schema_state(paths.database)
    print(f"数据库：{paths.database}")
    print(state.describe())
    if state.status in (SchemaStatus.NEWER, SchemaStatus.FOREIGN):
        return EXIT_REFUSED
    if state.status is not SchemaStatus.AT_HEAD:
        return EXIT_NEEDS_UPGRADE
    conn = sqlite3.connect(f"file:{paths.database}?mode=ro", uri=True)
    try:
        verdict = conn.execute("PRAGMA quick_check").fetchone()[0]
        print("完整性检查：" + ("通过" if verdict == "ok" else f"发现问题：{verdict}"))
        if verdict != "ok":
            return EXIT_REFUSED
        from liandian_desktop.ledger.models import SYNCED_MODELS

        present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        for table in sorted(m.table_name() for m in SYNCED_MODELS):
            if table in present:
                live = conn.execute(f'SELECT count(*) FROM "{table}" WHERE deleted_at IS NULL').fetchone()[0]
                print(f"  {table:28s} {live:>8d}")
    finally:
        conn.close()
    return EXIT_OK


def _db_backup(paths: Paths, args: argparse.Namespace) -> int:
    from liandian_desktop.store.backup import backup_database
    from liandian_desktop.store.migrate import SchemaStatus, schema_state

    state = schema_state(paths.database)
    if state.status in (SchemaStatus.MISSING, SchemaStatus.EMPTY):
        print(f"错误：没有可备份的台账：{paths.database}", file=sys.stderr)
        return EXIT_REFUSED
    target = backup_database(paths.database, Path(args.out) if args.out else paths.backups, reason="manual")
    print(f"已备份到：{target}")
    return EXIT_OK


def _gui(paths: Paths, *, smoke: bool) -> int:
    from liandian_desktop.ledger.services.overview import overview

    try:
        store = open_ledger(paths)
    except LedgerError as exc:  # started from a shortcut: say it in a dialog, not only on stderr
        from liandian_desktop.gui.app import show_startup_error

        return show_startup_error(exc.message, smoke=smoke)
    try:
        summary = overview(store)
    finally:
        store.close()
    from liandian_desktop.gui.app import run

    return run(summary, smoke=smoke)


if __name__ == "__main__":
    sys.exit(main())
