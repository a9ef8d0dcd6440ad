"""``liandian import KIND FILE.xlsx`` and ``liandian export KIND FILE.xlsx`` (and ``export template``).

Import exit codes: 0 every row went in (or was a duplicate skipped as asked); 3 some rows were refused
(the others went in, in one transaction, unless --dry-run); 4 the file itself cannot be used (not an
.xlsx, empty, no recognisable header) and nothing was written. Other refusals (no township, a commit
that failed) are the application's usual 2.
"""

from __future__ import annotations

import argparse
import sys
import uuid
from pathlib import Path
from typing import Any, Final

from liandian_desktop.excel.columns import ImportKind, spec_of
from liandian_desktop.excel.export import ExportResult, export_list, export_records, export_three_lists
from liandian_desktop.excel.importing import commit_plan, plan_import
from liandian_desktop.excel.plan import Fate, ImportOptions, ImportPlan
from liandian_desktop.excel.report import save_refusal_report
from liandian_desktop.excel.templates import write_template
from liandian_desktop.excel.workbook import WorkbookError
from liandian_desktop.ledger.errors import LedgerError
from liandian_desktop.ledger.models import Attendance
from liandian_desktop.ledger.services.activities import ActivityService
from liandian_desktop.ledger.services.base import ListQuery, Service
from liandian_desktop.ledger.services.lists import DemandService, MatchService, SupplyService
from liandian_desktop.ledger.services.orders import WorkOrderService
from liandian_desktop.ledger.services.org import CadreService, DivisionService, UnitService
from liandian_desktop.ledger.services.people import ResidentService
from liandian_desktop.ledger.services.volunteers import VolunteerService
from liandian_desktop.ledger.validation import format_quarter, normalize_text, parse_quarter, quarter_of
from liandian_desktop.settings import Paths, Settings
from liandian_desktop.store.engine import Store

EXIT_OK: Final = 0
EXIT_REFUSED: Final = 2
EXIT_SOME_REFUSED: Final = 3
EXIT_UNREADABLE: Final = 4

EXPORT_KINDS: Final = (
    "residents",
    "volunteers",
    "units",
    "cadres",
    "demands",
    "supplies",
    "orders",
    "activities",
    "invitations",
    "attendance",
    "matches",
    "three-lists",
)


def register(sub: Any) -> None:
    kinds = ", ".join(k.value for k in ImportKind)
    imp = sub.add_parser(
        "import",
        help="从 Excel（.xlsx）导入：居民、志愿者、联点单位、干部、需求、供给、邀请名单、出席记录",
        description=f"KIND：{kinds}。有效行在一个事务中导入，有问题的行被拒绝并列出原因。",
    )
    imp.add_argument("kind", choices=[k.value for k in ImportKind], metavar="KIND", help=kinds)
    imp.add_argument("file", metavar="FILE.xlsx")
    imp.add_argument("--dry-run", action="store_true", help="只检查并报告，不写入台账")
    imp.add_argument("--report", metavar="BAD.xlsx", help="把被拒绝的行（原样）和原因写入此文件")
    imp.add_argument(
        "--on-duplicate",
        choices=("update", "skip"),
        default="skip",
        help="台账中已有的记录：更新或跳过（默认跳过）",
    )
    imp.add_argument("--community", metavar="NAME_OR_CODE", help="没有村/社区列时，所有行属于此村/社区")
    imp.add_argument("--activity", metavar="CODE", help="邀请名单、出席记录所属的活动编号")
    imp.add_argument("--quarter", metavar="2026-Q3", help="需求、供给没有季度列时使用的季度")
    imp.add_argument("--township", metavar="NAME_OR_CODE", help="台账中有多个乡镇/街道时指定")
    imp.add_argument("--sheet", metavar="NAME", help="工作表名称（默认自动选择）")
    imp.add_argument("--header-row", type=int, metavar="N", help="表头所在行号（默认自动识别）")
    imp.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="列=字段",
        help="指定列与字段的对应，如 --map 'C=身份证号' --map '户主=' （字段留空表示忽略该列）；可重复",
    )
    imp.set_defaults(handler=_import)

    exp = sub.add_parser(
        "export",
        help="导出为 Excel；export template KIND FILE.xlsx 生成导入模板",
        description=f"KIND：{', '.join(EXPORT_KINDS)}；或 template KIND FILE.xlsx。身份证号与电话默认掩码。",
    )
    exp.add_argument("kind", choices=(*EXPORT_KINDS, "template"), metavar="KIND")
    exp.add_argument("args", nargs="+", metavar="FILE.xlsx")
    exp.add_argument(
        "--unmasked", action="store_true", help="身份证号、电话导出完整号码（会记录在个人信息日志中）"
    )
    exp.add_argument("--quarter", metavar="2026-Q3", help="需求、供给、匹配、三张清单的季度")
    exp.add_argument("--community", metavar="NAME_OR_CODE", help="只导出此村/社区")
    exp.add_argument("--activity", metavar="CODE", help="邀请名单/出席记录：活动编号")
    exp.add_argument("--search", default="", help="与列表的搜索框相同")
    exp.add_argument("--township", metavar="NAME_OR_CODE", help="台账中有多个乡镇/街道时指定")
    exp.set_defaults(handler=_export)


# ---------------------------------------------------------------------------------------------------------
# Shared
# ---------------------------------------------------------------------------------------------------------


def _open(paths: Paths) -> Store:
    from liandian_desktop.cli import open_ledger

    return open_ledger(paths)


def _township(store: Store, wanted: str | None) -> uuid.UUID:
    rows = DivisionService(store).townships.list(ListQuery(limit=None, sort="code")).rows
    if wanted:
        text = normalize_text(wanted)
        found = [t for t in rows if text in (t.code, t.name)]
        if len(found) != 1:
            raise LedgerError(f"台账中没有乡镇/街道“{wanted}”")
        return uuid.UUID(str(found[0].id))
    if not rows:
        raise LedgerError("台账中还没有乡镇/街道，请先建立台账（或运行 liandian demo）")
    if len(rows) > 1:
        names = "、".join(t.name for t in rows)
        raise LedgerError(f"台账中有多个乡镇/街道（{names}），请用 --township 指定")
    return uuid.UUID(str(rows[0].id))


def _community(store: Store, township_id: uuid.UUID, wanted: str | None) -> uuid.UUID | None:
    if not wanted:
        return None
    from liandian_desktop.excel.importers.base import References

    return References(store, township_id).community(wanted, "community")


def _activity(store: Store, township_id: uuid.UUID, wanted: str | None) -> uuid.UUID | None:
    if not wanted:
        return None
    from liandian_desktop.excel.importers.base import References

    return References(store, township_id).activity(wanted, "activity")


def _operator(paths: Paths) -> str:
    return Settings.load(paths.settings_file).operator_name


def _mapping(items: list[str]) -> dict[str, str | None] | None:
    if not items:
        return None
    mapping: dict[str, str | None] = {}
    for item in items:
        column, sep, target = item.partition("=")
        if not sep or not column.strip():
            raise LedgerError(f"--map 的格式应为“列=字段”，收到“{item}”")
        mapping[column.strip()] = target.strip() or None
    return mapping


# ---------------------------------------------------------------------------------------------------------
# Import
# ---------------------------------------------------------------------------------------------------------


def _import(paths: Paths, args: argparse.Namespace) -> int:
    store = _open(paths)
    try:
        township_id = _township(store, args.township)
        options = ImportOptions(
            township_id=township_id,
            on_duplicate=args.on_duplicate,
            community_id=_community(store, township_id, args.community),
            activity_id=_activity(store, township_id, args.activity),
            quarter=format_quarter(*parse_quarter(args.quarter)) if args.quarter else None,
            mapping=_mapping(args.map),
            sheet=args.sheet,
            header_row=args.header_row,
        )
        try:
            plan = plan_import(store, args.kind, Path(args.file), options)
        except WorkbookError as exc:
            print(f"错误：{exc.message}", file=sys.stderr)
            print("未写入任何数据。", file=sys.stderr)
            return EXIT_UNREADABLE
        _print_plan(plan)
        if args.report:
            count = save_refusal_report(store, plan, Path(args.report), operator=_operator(paths))
            print(f"问题报告已保存：{args.report}（{count} 行）")
        if args.dry_run:
            print("试运行（--dry-run）：未写入台账。")
        else:
            result = commit_plan(store, plan)
            print(result.summary())
        return EXIT_SOME_REFUSED if plan.refused else EXIT_OK
    finally:
        store.close()


def _print_plan(plan: ImportPlan) -> None:
    print(f"文件：{plan.source.name}　工作表：{plan.sheet}　表头：第 {plan.header_row} 行")
    mapped = "、".join(
        f"{plan.headers[col]}→{spec_of(plan.kind).field(key).header}"
        for col, key in sorted(plan.columns.items())
    )
    print(f"列对应：{mapped}")
    if plan.ignored_columns:
        print(f"未导入的列：{'、'.join(plan.ignored_columns)}")
    print(plan.summary())
    for row in plan.refused:
        for problem in row.problems:
            print(f"  拒绝 {problem}")
    skipped = plan.of(Fate.SKIP)
    if skipped:
        print(
            f"跳过 {len(skipped)} 行（台账中已有）："
            + "、".join(str(r.row) for r in skipped[:50])
            + ("…" if len(skipped) > 50 else "")
        )


# ---------------------------------------------------------------------------------------------------------
# Export
# ---------------------------------------------------------------------------------------------------------


def _export(paths: Paths, args: argparse.Namespace) -> int:
    if args.kind == "template":
        if len(args.args) != 2 or args.args[0] not in {k.value for k in ImportKind}:
            kinds = ", ".join(k.value for k in ImportKind)
            print(f"错误：用法为 liandian export template KIND FILE.xlsx（KIND：{kinds}）", file=sys.stderr)
            return EXIT_REFUSED
        return _template(paths, ImportKind(args.args[0]), Path(args.args[1]), args.township)
    if len(args.args) != 1:
        print("错误：用法为 liandian export KIND FILE.xlsx", file=sys.stderr)
        return EXIT_REFUSED
    target = Path(args.args[0])
    store = _open(paths)
    try:
        township_id = _township(store, args.township)
        community_id = _community(store, township_id, args.community)
        operator = _operator(paths)
        quarter = format_quarter(*parse_quarter(args.quarter)) if args.quarter else None
        if args.kind == "three-lists":
            from datetime import date

            result = export_three_lists(
                store, township_id, quarter or quarter_of(date.today()), target, operator=operator
            )
        elif args.kind in ("invitations", "attendance"):
            activity_id = _activity(store, township_id, args.activity)
            if activity_id is None:
                print("错误：请用 --activity 指定活动编号", file=sys.stderr)
                return EXIT_REFUSED
            rows = ActivityService(store).sheet(activity_id)
            result = export_records(
                store,
                Attendance,
                rows,
                target,
                scope=f"活动 {args.activity}",
                township_id=township_id,
                unmasked=args.unmasked,
                operator=operator,
            )
        else:
            service, filters = _list_of(store, args.kind, township_id)
            if community_id is not None and args.kind not in ("units", "supplies", "matches"):
                filters["community_id"] = community_id
            if quarter and args.kind in ("demands", "supplies", "matches"):
                filters["quarter"] = quarter
            query = ListQuery(search=args.search, filters=filters, limit=None)
            result = export_list(store, service, query, target, unmasked=args.unmasked, operator=operator)
        _print_export(result)
        return EXIT_OK
    finally:
        store.close()


def _list_of(store: Store, kind: str, township_id: uuid.UUID) -> tuple[Service, dict[str, Any]]:
    township = {"township_id": township_id}
    if kind == "units":
        county_id = DivisionService(store).townships.get(township_id).county_id
        return UnitService(store), {"county_id": county_id}
    services: dict[str, type[Service]] = {
        "residents": ResidentService,
        "volunteers": VolunteerService,
        "cadres": CadreService,
        "demands": DemandService,
        "supplies": SupplyService,
        "orders": WorkOrderService,
        "activities": ActivityService,
        "matches": MatchService,
    }
    return services[kind](store), dict(township)


def _print_export(result: ExportResult) -> None:
    print(f"已导出 {result.rows} 行：{result.path}")
    if result.logged:
        masked = f"，身份证号/电话{'为完整号码' if result.unmasked else '已掩码'}" if result.masks else ""
        print(f"含个人信息（{result.people} 人{masked}），已记入个人信息使用日志。")


def _template(paths: Paths, kind: ImportKind, target: Path, township: str | None) -> int:
    store: Store | None = None
    township_id: uuid.UUID | None = None
    if paths.database.exists():
        store = _open(paths)
        try:
            township_id = _township(store, township)
        except LedgerError:
            township_id = None
    try:
        write_template(kind, target, store=store, township_id=township_id)
    finally:
        if store is not None:
            store.close()
    print(f"已生成{kind.label}导入模板：{target}")
    return EXIT_OK
