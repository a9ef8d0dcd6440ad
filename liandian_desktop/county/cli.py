"""``liandian-county``: run the county server and administer it.

The database is ``--db URL`` (or ``LIANDIAN_COUNTY_DB``; PostgreSQL in production, e.g.
``postgresql+psycopg://user@host/liandian``), else an SQLite file in ``--data-dir`` (or
``LIANDIAN_COUNTY_DIR``, else the per-user data folder): ``liandian-county serve`` works on a fresh
machine with no set-up. The schema is created or upgraded before any command runs.

Exit codes: 0 done; 2 refused (bad input, not found); 130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from platformdirs import user_data_dir
from sqlalchemy import Engine

from liandian_desktop import __version__
from liandian_desktop.county import admin
from liandian_desktop.county.db import default_url, make_engine
from liandian_desktop.county.records import Stored
from liandian_desktop.ledger.errors import LedgerError

ENV_DB = "LIANDIAN_COUNTY_DB"
ENV_DIR = "LIANDIAN_COUNTY_DIR"
EXIT_OK = 0
EXIT_REFUSED = 2

log = logging.getLogger("liandian.county")


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stderr`` is when a record is emitted (it may be replaced after set-up)."""

    def emit(self, record: logging.LogRecord) -> None:
        self.stream = sys.stderr
        super().emit(record)


_installed: list[logging.Handler] = []


def setup_logging(verbose: bool, log_file: str | None) -> None:
    """Operator-readable lines (time, level, message in Chinese) on stderr and, if asked, in a file."""
    formatter = logging.Formatter("%(asctime)s %(levelname)-7s %(message)s", datefmt="%Y-%m-%d %H:%M:%S")
    handlers: list[logging.Handler] = [_StderrHandler()]
    if log_file:
        Path(log_file).parent.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.FileHandler(log_file, encoding="utf-8"))
    for name in ("liandian.county", "uvicorn.error"):
        logger = logging.getLogger(name)
        for old in _installed:
            logger.removeHandler(old)
        for handler in handlers:
            handler.setFormatter(formatter)
            logger.addHandler(handler)
        logger.setLevel(logging.DEBUG if verbose else logging.INFO)
        logger.propagate = False
    for old in _installed:
        old.close()
    _installed[:] = handlers


def database_url(args: argparse.Namespace) -> str:
    if args.db or os.environ.get(ENV_DB):
        return str(args.db or os.environ[ENV_DB])
    folder = args.data_dir or os.environ.get(ENV_DIR) or user_data_dir("LianDianCounty", appauthor=False)
    return default_url(Path(folder).expanduser().resolve())


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="liandian-county", description="联点共建县级服务器：运行与管理。")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--db", metavar="URL", help=f"数据库地址（也可用环境变量 {ENV_DB}）；默认为数据文件夹中的 SQLite"
    )
    parser.add_argument("--data-dir", metavar="DIR", help=f"数据文件夹（也可用环境变量 {ENV_DIR}）")
    parser.add_argument("--log-file", metavar="FILE", help="日志同时写入此文件")
    parser.add_argument("-v", "--verbose", action="store_true", help="输出调试日志")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    serve = sub.add_parser("serve", help="运行服务器")
    serve.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1；对外服务用 0.0.0.0）")
    serve.add_argument("--port", type=int, default=8765, help="端口（默认 8765）")

    sub.add_parser("db-upgrade", help="创建或升级数据库结构")

    county = sub.add_parser("county-create", help="建立县（区），并发布默认的需求分类与基本服务")
    county.add_argument("--code", required=True, help="12 位区划代码")
    county.add_argument("--name", required=True)
    county.add_argument("--no-catalogue", action="store_true", help="不发布默认目录")

    township = sub.add_parser("township-add", help="为县（区）添加乡镇/街道")
    township.add_argument("--county", required=True, help="县（区）的编号或区划代码")
    township.add_argument("--code", required=True, help="12 位区划代码")
    township.add_argument("--name", required=True)
    township.add_argument("--population", type=int, default=0)

    sub.add_parser("townships", help="列出乡镇/街道")

    code = sub.add_parser("code-issue", help="签发一次性注册码")
    target = code.add_mutually_exclusive_group(required=True)
    target.add_argument("--township", help="乡镇的编号、区划代码或名称")
    target.add_argument("--county-device", action="store_true", help="县级设备（可读写全部数据）")
    code.add_argument("--days", type=int, default=7, help="有效天数（默认 7）")
    code.add_argument("--note", default="", help="备注（如发给谁）")

    sub.add_parser("devices", help="列出设备")
    revoke = sub.add_parser("device-revoke", help="停用设备（之后它的任何请求都被拒绝）")
    revoke.add_argument("device")

    publish = sub.add_parser("publish", help="从 JSON 文件发布县级基础数据（联点单位、分类、基本服务等）")
    publish.add_argument("file", type=Path)
    sub.add_parser("publish-catalogue", help="发布默认的需求分类、服务项目、基本服务与积分规则")
    form = sub.add_parser("publish-form", help="发布（或更新）一份表单模板")
    form.add_argument("--code", required=True)
    form.add_argument("--name", required=True)
    form.add_argument("--file", type=Path, required=True)
    form.add_argument("--media-type", default="application/octet-stream")

    show = sub.add_parser("record-show", help="显示一条记录")
    show.add_argument("table")
    show.add_argument("id")
    setp = sub.add_parser("record-set", help="修改（或新建）一条记录：字段=JSON 值")
    setp.add_argument("table")
    setp.add_argument("id")
    setp.add_argument("values", nargs="+", metavar="FIELD=JSON")
    delete = sub.add_parser("record-delete", help="删除（标记删除）一条记录")
    delete.add_argument("table")
    delete.add_argument("id")

    conflicts = sub.add_parser("conflicts", help="列出同步冲突")
    conflicts.add_argument("--all", action="store_true", help="包括已处理的")
    resolve = sub.add_parser("conflict-resolve", help="处理冲突：选定字段的值")
    resolve.add_argument("id")
    choice = resolve.add_mutually_exclusive_group(required=True)
    choice.add_argument("--keep", action="store_true", help="保留现值")
    choice.add_argument("--other", action="store_true", help="改用被覆盖的值")
    choice.add_argument("--value", help="改为此 JSON 值")
    resolve.add_argument("--by", default="县级", help="处理人")

    alerts = sub.add_parser("alerts", help="列出需要关注的事件（变更日志被改动、记录被修复等）")
    alerts.add_argument("--ack", action="store_true", help="列出后标记为已读")

    imp = sub.add_parser("import-ledger", help="导入乡镇已有的台账文件（保留编号）")
    imp.add_argument("file", type=Path)
    imp.add_argument("--township", help="台账所属乡镇（台账中只有一个乡镇时可省略）")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    setup_logging(args.verbose, args.log_file)
    url = database_url(args)
    try:
        engine = make_engine(url)
        admin.init(engine)
        return run(engine, args, url)
    except (LedgerError, admin.AdminError) as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 130


def _print_record(stored: Stored) -> None:
    print(
        json.dumps(
            {"id": stored.row_id, "scope": stored.scope, "seq": stored.seq, **stored.data},
            ensure_ascii=False,
            indent=2,
        )
    )


def run(engine: Engine, args: argparse.Namespace, url: str) -> int:
    command = args.command
    if command == "serve":
        return serve(engine, args.host, args.port, url)
    if command == "db-upgrade":
        print(f"数据库结构已是最新：{url.split('@')[-1]}")
    elif command == "county-create":
        county_id = admin.create_county(engine, args.code, args.name, catalogue=not args.no_catalogue)
        print(f"已建立县（区）{args.name}：{county_id}")
    elif command == "township-add":
        county_id = admin.find(engine, "counties", args.county)
        township_id = admin.add_township(engine, county_id, args.code, args.name, args.population)
        print(f"已添加 {args.name}：{township_id}")
    elif command == "townships":
        for stored in admin.listing(engine, "townships"):
            print(f"{stored.row_id}  {stored.data.get('code')}  {stored.data.get('name')}")
    elif command == "code-issue":
        township = None if args.county_device else admin.find(engine, "townships", args.township)
        code = admin.issue_code(engine, township, args.days, args.note)
        print(f"注册码（{args.days} 天内有效，只能使用一次）：{code}")
    elif command == "devices":
        for d in admin.device_list(engine):
            state = "已停用" if d.revoked_at else ("已注册" if d.token_hash else "未注册")
            scope = "县级" if d.is_county else (d.township_id or "")
            seen = d.last_seen_at.strftime("%Y-%m-%d %H:%M") if d.last_seen_at else "从未同步"
            print(f"{d.id}  {state}  {scope}  {d.name}  最近同步：{seen}  已收变更：{d.chain_seq}")
    elif command == "device-revoke":
        done = admin.revoke(engine, args.device)
        print("已停用。" if done else "没有这个设备，或它已被停用。")
        return EXIT_OK if done else EXIT_REFUSED
    elif command == "publish":
        return report(admin.publish_file(engine, args.file))
    elif command == "publish-catalogue":
        return report(admin.publish_default_catalogue(engine))
    elif command == "publish-form":
        version = admin.publish_form(engine, args.code, args.name, args.file.read_bytes(), args.media_type)
        print(f"已发布表单 {args.code} 第 {version} 版")
    elif command == "record-show":
        found = admin.get(engine, args.table, args.id)
        if found is None:
            print("没有这条记录。", file=sys.stderr)
            return EXIT_REFUSED
        _print_record(found)
    elif command == "record-set":
        fields = {}
        for item in args.values:
            name, _, raw = item.partition("=")
            try:
                fields[name] = json.loads(raw)
            except ValueError:
                fields[name] = raw
        admin.edit_one(engine, args.table, args.id, fields)
        print("已修改。")
    elif command == "record-delete":
        from liandian_desktop.ledger.models.base import utcnow
        from liandian_desktop.sync.schema import datetime_to_wire

        admin.edit_one(engine, args.table, args.id, {"deleted_at": datetime_to_wire(utcnow())})
        print("已标记删除。")
    elif command == "conflicts":
        items = admin.conflicts(engine, open_only=not args.all)
        for c in items:
            print(
                f"{c.id}  {c.table}.{c.field}  记录 {c.row_id}  现值 {c.kept!r}（设备 {c.kept_device[:8]}）"
                f"  被覆盖 {c.other!r}（设备 {c.other_device[:8]}）  {c.status}"
            )
        print(f"共 {len(items)} 条")
    elif command == "conflict-resolve":
        conflict = next((c for c in admin.conflicts(engine, open_only=False) if c.id == args.id), None)
        if conflict is None:
            print("没有这条冲突记录。", file=sys.stderr)
            return EXIT_REFUSED
        value = conflict.kept if args.keep else conflict.other if args.other else json.loads(args.value)
        admin.resolve_conflict(engine, args.id, value, args.by)
        print("冲突已处理。")
    elif command == "alerts":
        rows = admin.alerts(engine)
        for a in rows:
            print(
                f"{a.at:%Y-%m-%d %H:%M:%S}  {a.kind}  设备 {a.device_id[:8]}  {a.tbl} {a.row_id}  {a.message}"
            )
        print(f"共 {len(rows)} 条")
        if args.ack:
            admin.acknowledge_alerts(engine)
    elif command == "import-ledger":
        township = admin.find(engine, "townships", args.township) if args.township else None
        result = admin.import_ledger(engine, args.file, township)
        print(
            f"已导入 {result.rows} 条记录；设备 {result.device_id} 的前 {result.chain_seq} 条变更视为已送达"
        )
    return EXIT_OK


def report(result: admin.EditResult) -> int:
    rejected = len(result.rejected)
    print(f"发布完成：新增或修改 {result.applied} 条，未变 {result.unchanged} 条，拒绝 {rejected} 条")
    for line in result.rejected:
        print(f"  拒绝：{line}", file=sys.stderr)
    return EXIT_REFUSED if result.rejected else EXIT_OK


def serve(engine: Engine, host: str, port: int, url: str) -> int:
    import uvicorn

    from liandian_desktop.county.app import CountyServer

    server = CountyServer(engine)
    where = url.split("@")[-1] if "@" in url else url
    log.info("联点共建县级服务器 %s 启动：http://%s:%d （数据库 %s）", __version__, host, port, where)
    uvicorn.run(server.app, host=host, port=port, log_config=None, access_log=False)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
