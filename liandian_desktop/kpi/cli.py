"""``liandian kpi``: the figures, one order's explanation, the monthly assessment, from the command line.

    liandian kpi --period 2026-Q3 [--scope township|community:<代码或名称>|unit:<名称>|county] [--json]
                 [--records N] [--explain KEY] [--as-of 2026-10-01T09:00]
    liandian kpi explain <工单编号> [--as-of ...]
    liandian kpi assess --month 2026-03 [--save [--force]] [--detail] [--json]
    liandian kpi innovate --unit <名称> --month 2026-03 --score 15 --evidence "…" [--by 张三] [--force]
    liandian kpi settings

Periods: 2026 · 2026-Q3 · 2026-03 · 2026-01-01..2026-03-31 (Asia/Shanghai dates). ``--json`` prints stable
keys with numbers as numbers and rates as fractions (0.95, not "95%").
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from typing import Any

from liandian_desktop.cli import EXIT_OK, EXIT_REFUSED, open_ledger
from liandian_desktop.ledger.errors import ValidationError
from liandian_desktop.settings import Paths

from .archive import save_assessment
from .assessment import assess_month
from .explain import explain_order_in, find_orders
from .innovation import record_innovation
from .periods import LOCAL_TZ, parse_month, parse_period
from .report import compute_kpis
from .scope import find_scope, only_township
from .settings import load_settings


def _as_of(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"时间应写作 2026-10-01T09:00（北京时间），当前为 {text}") from None
    return value if value.tzinfo else value.replace(tzinfo=LOCAL_TZ)


def register(subparsers: Any) -> None:
    kpi = subparsers.add_parser(
        "kpi",
        help="联点共建指标：响应率、解决率、满意率、覆盖与队伍，月度考核",
        description="按期间与范围计算指标（目标与实际并列），解释单张工单，月度考核与红黄黑榜。",
    )
    kpi.add_argument("--period", help="期间：2026、2026-Q3、2026-03 或 2026-01-01..2026-03-31")
    kpi.add_argument(
        "--scope",
        default="township",
        help="范围：township（默认）、community:<代码或名称>、unit:<名称>、county",
    )
    kpi.add_argument("--json", action="store_true", help="输出 JSON（比例为小数，如 0.95）")
    kpi.add_argument("--records", type=int, default=0, metavar="N", help="每项指标列出前 N 条依据记录")
    kpi.add_argument(
        "--explain", metavar="KEY", help="只说明一项指标（口径、目标与全部依据记录），如 response_rate"
    )
    kpi.add_argument("--as-of", type=_as_of, default=None, help="以此时刻判断工单是否超时（默认现在）")
    kpi.set_defaults(handler=_figures)
    sub = kpi.add_subparsers(dest="kpi_command", metavar="ACTION")

    explain = sub.add_parser("explain", help="说明一张工单为何按时或超时、是否解决、是否满意、为何不计入")
    explain.add_argument("code", help="工单编号，如 GD7K2M9Q")
    explain.add_argument("--as-of", type=_as_of, default=None, help="以此时刻判断（默认现在）")
    explain.set_defaults(handler=_explain)

    assess = sub.add_parser("assess", help="月度单位考核（过程 40 + 结果 40 + 创新 20）、排名与红黄黑榜")
    assess.add_argument("--month", required=True, help="月份，如 2026-03")
    assess.add_argument("--township", default=None, help="乡镇（街道）代码或名称（台账只有一个时可省略）")
    assess.add_argument("--save", action="store_true", help="存档本月结果（存档后不再重算）")
    assess.add_argument(
        "--force", action="store_true", help="与 --save 同用：重算已存档的月份，原结果保留为历史"
    )
    assess.add_argument("--detail", action="store_true", help="列出每个单位各项指标的值、权重与得分")
    assess.add_argument("--json", action="store_true", help="输出 JSON")
    assess.add_argument("--as-of", type=_as_of, default=None, help="以此时刻计算（默认现在）")
    assess.set_defaults(handler=_assess)

    innovate = sub.add_parser("innovate", help="登记单位月度创新加分（必须附佐证）")
    innovate.add_argument("--unit", required=True, help="联点单位名称或简称")
    innovate.add_argument("--month", required=True, help="月份，如 2026-03")
    innovate.add_argument("--score", required=True, help="分数（0 至创新部分满分）")
    innovate.add_argument("--evidence", required=True, help="佐证说明：做了什么、有哪些材料可查")
    innovate.add_argument("--by", default="", help="评分人")
    innovate.add_argument("--township", default=None, help="乡镇（街道）代码或名称（台账只有一个时可省略）")
    innovate.add_argument("--force", action="store_true", help="该月已存档时仍然修改")
    innovate.set_defaults(handler=_innovate)

    settings = sub.add_parser("settings", help="显示本乡镇（街道）生效的指标设置（JSON）")
    settings.add_argument("--township", default=None, help="乡镇（街道）代码或名称")
    settings.set_defaults(handler=_settings)


def _print_json(data: dict[str, Any]) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _township(session: Any, text: str | None) -> Any:
    return only_township(session) if not text else find_scope(session, f"township:{text}").id


def _figures(paths: Paths, args: argparse.Namespace) -> int:
    if not args.period:
        print(
            "错误：请用 --period 指定期间，如 --period 2026-Q3（或使用子命令 explain / assess）",
            file=sys.stderr,
        )
        return EXIT_REFUSED
    period = parse_period(args.period)
    store = open_ledger(paths)
    try:
        with store.session() as session:
            scope = find_scope(session, args.scope)
        report = compute_kpis(store, period, scope, as_of=args.as_of)
    finally:
        store.close()
    if args.explain:
        if args.explain not in report.figures:
            raise ValidationError("explain", f"没有指标“{args.explain}”。可选：{'、'.join(report.figures)}")
        if args.json:
            _print_json({args.explain: report[args.explain].to_json(with_records=True)})
        else:
            print("\n".join(report.explain(args.explain)))
        return EXIT_OK
    if args.json:
        _print_json(report.to_json(with_records=args.records > 0))
    else:
        print(report.text(records=args.records))
    return EXIT_OK


def _explain(paths: Paths, args: argparse.Namespace) -> int:
    store = open_ledger(paths)
    try:
        with store.session() as session:
            found = find_orders(session, args.code)
            if not found:
                print(f"错误：找不到工单 {args.code}", file=sys.stderr)
                return EXIT_REFUSED
            texts = [explain_order_in(session, order_id, as_of=args.as_of).text() for order_id in found]
    finally:
        store.close()
    print("\n\n".join(texts))
    return EXIT_OK


def _assess(paths: Paths, args: argparse.Namespace) -> int:
    if args.force and not args.save:
        print("错误：--force 只能与 --save 一起使用", file=sys.stderr)
        return EXIT_REFUSED
    month = parse_month(args.month)
    store = open_ledger(paths)
    try:
        with store.session() as session:
            township_id = _township(session, args.township)
        result = assess_month(store, month, township_id, as_of=args.as_of)
        saved = save_assessment(store, result, force=args.force) if args.save else None
    finally:
        store.close()
    if args.json:
        data = result.to_json()
        data["saved"] = saved is not None
        _print_json(data)
    else:
        print(result.text(detail=args.detail))
        if saved is not None:
            print(
                f"\n已存档 {month.month_key}：{saved} 个单位"
                + ("（已替换原存档，原结果保留为历史）" if args.force else "")
            )
    return EXIT_OK


def _innovate(paths: Paths, args: argparse.Namespace) -> int:
    store = open_ledger(paths)
    try:
        with store.session() as session:
            township_id = _township(session, args.township)
            unit_id = find_scope(session, f"unit:{args.unit}").id
        row = record_innovation(
            store,
            township_id,
            unit_id,
            args.month,
            args.score,
            args.evidence,
            scored_by=args.by,
            force=args.force,
        )
    finally:
        store.close()
    print(f"已登记 {row.month} 创新加分 {row.score} 分")
    return EXIT_OK


def _settings(paths: Paths, args: argparse.Namespace) -> int:
    store = open_ledger(paths)
    try:
        with store.session() as session:
            township_id = _township(session, args.township)
        settings = load_settings(store, township_id)
    finally:
        store.close()
    print(settings.to_json())
    return EXIT_OK
