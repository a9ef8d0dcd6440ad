"""Headless sync commands: ``liandian enrol``, ``liandian sync``, ``liandian sync-status``,
``liandian conflicts``, ``liandian conflict-resolve``.

Exit codes of ``enrol`` and ``sync``:

==== ==========================================================================================
0    done (``sync``: everything exchanged and the data checked equal to the county's)
1    done, with something to look at: changes the server refused, new conflicts, records repaired
2    not enrolled / bad input (see the message)
3    the server cannot be reached or the connection broke (nothing lost: run ``sync`` again)
4    the server refused the request (enrolment code, protocol version, format)
5    this device was revoked by the county
6    this device's change log no longer verifies (altered outside the app): sync stopped
130  interrupted / cancelled
==== ==========================================================================================

Progress goes to stderr, results to stdout.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import uuid
from typing import Any

from liandian_desktop.settings import Paths

EXIT_OK = 0
EXIT_ATTENTION = 1


def register(subparsers: Any) -> None:
    enrol = subparsers.add_parser("enrol", help="用县级签发的注册码把此台账注册到县级服务器")
    enrol.add_argument(
        "--server", required=True, metavar="URL", help="县级服务器地址，如 https://liandian.example.gov.cn"
    )
    enrol.add_argument("--code", required=True, help="一次性注册码")
    enrol.add_argument("--name", default="", help="设备名称（默认为计算机名）")
    enrol.set_defaults(handler=_enrol)

    sync = subparsers.add_parser("sync", help="与县级服务器同步（进度输出到标准错误）")
    sync.add_argument("--quiet", action="store_true", help="不输出进度")
    sync.set_defaults(handler=_sync)

    status = subparsers.add_parser("sync-status", help="同步状态：服务器、待上传的修改、冲突与问题")
    status.set_defaults(handler=_status)

    conflicts = subparsers.add_parser("conflicts", help="列出同步冲突")
    conflicts.add_argument("--all", action="store_true", help="包括已处理的")
    conflicts.set_defaults(handler=_conflicts)

    resolve = subparsers.add_parser("conflict-resolve", help="处理一个同步冲突")
    resolve.add_argument("id")
    choice = resolve.add_mutually_exclusive_group(required=True)
    choice.add_argument("--keep", action="store_true", help="保留现值")
    choice.add_argument("--other", action="store_true", help="改用被覆盖的值")
    choice.add_argument("--value", help="改为此 JSON 值")
    resolve.add_argument("--by", default="", help="处理人")
    resolve.set_defaults(handler=_resolve)


def _client(paths: Paths) -> Any:
    from liandian_desktop.store.migrate import open_store
    from liandian_desktop.sync.client import SyncClient

    store = open_store(paths.database, paths.backups)  # as liandian.cli.open_ledger: migrate first
    return store, SyncClient(store, paths.data_dir)


def _fail(exc: Any) -> int:
    print(f"错误：{exc.message}", file=sys.stderr)
    return int(exc.exit_code)


def _enrol(paths: Paths, args: argparse.Namespace) -> int:
    from liandian_desktop.sync.errors import SyncError

    store, client = _client(paths)
    try:
        enrolment = client.enrol(args.server, args.code, args.name)
    except SyncError as exc:
        return _fail(exc)
    finally:
        store.close()
    where = enrolment.township_name or "县级"
    print(f"已注册：{where}（设备 {enrolment.device_id[:8]}，服务器 {enrolment.server_url}）")
    print(f"凭据保存在：{client.credentials.description}")
    print("现在可以运行 liandian sync 同步数据。")
    return EXIT_OK


def _sync(paths: Paths, args: argparse.Namespace) -> int:
    from liandian_desktop.sync.client import SyncProgress
    from liandian_desktop.sync.errors import SyncError

    last = [""]

    def progress(event: SyncProgress) -> None:
        if args.quiet:
            return
        fraction = event.fraction
        line = event.message + (f" {fraction:.0%}" if fraction is not None else "")
        if line != last[0]:
            last[0] = line
            print(line, file=sys.stderr, flush=True)

    store, client = _client(paths)
    cancel = threading.Event()
    try:
        report = client.sync(progress=progress, cancel=cancel)
    except KeyboardInterrupt:
        cancel.set()
        print("已中断；已完成的部分已保存。", file=sys.stderr)
        return 130
    except SyncError as exc:
        return _fail(exc)
    finally:
        store.close()
    print(f"同步完成：{report.summary()}")
    traffic = report.traffic
    print(
        f"请求 {traffic.requests} 次，上传 {traffic.bytes_up} 字节，下载 {traffic.bytes_down} 字节，"
        f"用时 {report.seconds:.1f} 秒"
    )
    for line in report.rejected:
        print(f"  {line}")
    if report.conflicts:
        print("  有新的同步冲突：用 liandian conflicts 查看，liandian conflict-resolve 处理。")
    return EXIT_ATTENTION if report.needs_attention else EXIT_OK


def _status(paths: Paths, _args: argparse.Namespace) -> int:
    store, client = _client(paths)
    try:
        status = client.status()
        issues = client.issues(unseen_only=True)
    finally:
        store.close()
    if not status.enrolled:
        print("尚未注册到县级服务器。")
    else:
        print(f"服务器：{status.server_url}（{status.township_name or '县级'}）")
    print(f"设备：{status.device_id}")
    print(f"待上传的修改：{status.pending} 条")
    when = status.last_sync_at.astimezone().strftime("%Y-%m-%d %H:%M") if status.last_sync_at else "从未"
    print(f"上次同步：{when} {status.last_result}")
    print(f"待处理的冲突：{status.open_conflicts} 个")
    for issue in issues[:20]:
        print(f"  [{issue.kind}] {issue.message}")
    return EXIT_OK


def _conflicts(paths: Paths, args: argparse.Namespace) -> int:
    from liandian_desktop.sync.conflicts import ConflictService

    store, _client_unused = _client(paths)
    try:
        items = ConflictService(store).list(open_only=not args.all)
    finally:
        store.close()
    for c in items:
        print(
            f"{c.id}  {c.table}.{c.field}  记录 {c.row_id.hex[:8]}"
            f"  现值 {json.dumps(c.kept_value, ensure_ascii=False)}"
            f"  被覆盖的值 {json.dumps(c.other_value, ensure_ascii=False)}  {c.status}"
        )
    print(f"共 {len(items)} 个")
    return EXIT_OK


def _resolve(paths: Paths, args: argparse.Namespace) -> int:
    from liandian_desktop.sync.conflicts import ConflictService

    store, _client_unused = _client(paths)
    try:
        service = ConflictService(store)
        conflict_id = uuid.UUID(args.id)
        current = next((c for c in service.list(open_only=False) if c.id == conflict_id), None)
        if current is None:
            print("错误：没有这个冲突。", file=sys.stderr)
            return 2
        value = (
            current.kept_value if args.keep else current.other_value if args.other else json.loads(args.value)
        )
        service.resolve(conflict_id, value, args.by)
    finally:
        store.close()
    print("冲突已处理，下次同步时上传。")
    return EXIT_OK
