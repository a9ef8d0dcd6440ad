"""``liandian print …``: every paper form and the inspection PDF, headless.

    liandian print signin HD7K3M9Q --out 签到表.pdf [--public | --unmasked]
    liandian print volunteer-signin HD7K3M9Q --out 志愿服务签到表.pdf
    liandian print evaluation HD7K3M9Q|GD4N2P8R --out 测评表.pdf [--copies 40]
    liandian print matching --quarter 2026-Q3 --out 匹配清单.pdf [--public]
    liandian print inspection [--community 名称 | --unit 名称] [--period 2026-Q3] --out 督查材料.pdf
    liandian print layouts            (rewrite forms/<id>.layout.json from the definitions)

Saving a PDF with personal data on it is logged (personal_data_logs). ``--forms-dir`` (default: ``forms`` in
the data folder, when it exists) holds the county's own form definitions, which take precedence.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select

from liandian_desktop.ledger.errors import NotFoundError
from liandian_desktop.ledger.models import Township
from liandian_desktop.paper.definitions import bundled_forms_dir
from liandian_desktop.paper.document import PaperDocument, save_pdf
from liandian_desktop.paper.privacy import Copy
from liandian_desktop.settings import Paths, Settings

EXIT_OK = 0


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("print", help="打印表单与督查材料（生成 PDF）")
    sub = p.add_subparsers(dest="print_command", metavar="FORM", required=True)

    def common(q: argparse.ArgumentParser, *, copies: bool = True) -> None:
        q.add_argument("--out", metavar="FILE.pdf", help="输出文件（默认放在数据文件夹的 exports 下）")
        if copies:
            kind = q.add_mutually_exclusive_group()
            kind.add_argument("--public", action="store_true", help="公示版：进一步掩码，不印敏感栏目")
            kind.add_argument(
                "--unmasked", action="store_true", help="内部版不掩码身份证号和电话（会记入使用记录）"
            )
        q.add_argument("--forms-dir", metavar="DIR", help="表单定义文件夹（县里发布的表单优先）")
        q.add_argument("--operator", default="", help="打印人（默认取设置中的操作员姓名）")

    q = sub.add_parser("signin", help="活动、走访、会议签到表")
    q.add_argument("code", help="活动编号（或签到表二维码内容）")
    q.add_argument("--blank-rows", type=int, default=None, help="末尾空白行数（默认按表单定义）")
    common(q)
    q.set_defaults(handler=_signin, volunteer=False)

    q = sub.add_parser("volunteer-signin", help="志愿服务签到表（含服务时长）")
    q.add_argument("code", help="活动编号（或签到表二维码内容）")
    q.add_argument("--blank-rows", type=int, default=None, help="末尾空白行数（默认按表单定义）")
    common(q)
    q.set_defaults(handler=_signin, volunteer=True)

    q = sub.add_parser("evaluation", help="居民满意度测评表（按活动或工单）")
    q.add_argument("code", help="活动编号（HD…）或工单编号（GD…）")
    q.add_argument("--copies", type=int, default=None, help="份数（默认：活动按到场人数，工单 1 份）")
    common(q, copies=False)
    q.set_defaults(handler=_evaluation)

    q = sub.add_parser("matching", help="供需对接会匹配清单")
    q.add_argument("--quarter", required=True, help="季度，如 2026-Q3")
    q.add_argument("--township", default=None, help="乡镇（街道）代码或名称（台账只有一个时可省略）")
    common(q)
    q.set_defaults(handler=_matching)

    q = sub.add_parser("inspection", help="督查材料：台账、指标、工单、活动、测评、志愿服务")
    scope = q.add_mutually_exclusive_group()
    scope.add_argument("--community", help="村（社区）名称或代码")
    scope.add_argument("--unit", help="联点单位名称或简称")
    q.add_argument("--period", help="期间：2026、2026-Q3、2026-03 或 2026-01-01..2026-03-31（默认本季度）")
    q.add_argument("--out", metavar="FILE.pdf", help="输出文件（默认放在数据文件夹的 exports 下）")
    q.add_argument("--public", action="store_true", help="公示版：不列志愿者个人明细")
    q.add_argument("--operator", default="", help="打印人（默认取设置中的操作员姓名）")
    q.set_defaults(handler=_inspection)

    q = sub.add_parser("layouts", help="根据表单定义重新生成版面文件 <id>.layout.json")
    q.add_argument("--forms-dir", metavar="DIR", help="表单定义文件夹（默认为程序自带的 forms）")
    q.set_defaults(handler=_layouts)


def _forms_dir(paths: Paths, args: argparse.Namespace) -> Path | None:
    if getattr(args, "forms_dir", None):
        return Path(args.forms_dir)
    county = paths.data_dir / "forms"
    return county if county.is_dir() else None


def _copy(args: argparse.Namespace) -> Copy:
    return Copy(public=getattr(args, "public", False), unmasked=getattr(args, "unmasked", False))


def _save(paths: Paths, args: argparse.Namespace, document: PaperDocument) -> int:
    from liandian_desktop.cli import open_ledger

    out = Path(args.out) if args.out else paths.exports / document.file_name
    operator = args.operator or Settings.load(paths.settings_file).operator_name
    store = open_ledger(paths)
    try:
        save_pdf(store, document, out, operator=operator)
    finally:
        store.close()
    size = len(document.pdf) / 1024
    print(f"已生成：{out}（{document.pages} 页，{size:.0f} KB）")
    if document.has_personal_data:
        masked = "未掩码" if document.unmasked else "已掩码"
        print(f"含 {document.people_count} 人的个人信息（{masked}），已记入个人信息使用记录。")
    return EXIT_OK


def _render(paths: Paths, render: Any) -> PaperDocument:
    from liandian_desktop.cli import open_ledger

    store = open_ledger(paths)
    try:
        document: PaperDocument = render(store)
        return document
    finally:
        store.close()


def _signin(paths: Paths, args: argparse.Namespace) -> int:
    from liandian_desktop.paper.signin import render_signin

    document = _render(
        paths,
        lambda store: render_signin(
            store,
            args.code,
            volunteer=args.volunteer,
            copy=_copy(args),
            forms_dir=_forms_dir(paths, args),
            blank_rows=args.blank_rows,
        ),
    )
    return _save(paths, args, document)


def _evaluation(paths: Paths, args: argparse.Namespace) -> int:
    from liandian_desktop.paper.evaluation import render_evaluation

    document = _render(
        paths,
        lambda store: render_evaluation(
            store, args.code, copies=args.copies, forms_dir=_forms_dir(paths, args)
        ),
    )
    return _save(paths, args, document)


def _matching(paths: Paths, args: argparse.Namespace) -> int:
    from liandian_desktop.paper.matching import render_matching

    def render(store: Any) -> PaperDocument:
        township_id = None
        if args.township:
            with store.session() as session:
                text = args.township.strip()
                ids = list(
                    session.scalars(
                        select(Township.id).where(
                            Township.deleted_at.is_(None), or_(Township.code == text, Township.name == text)
                        )
                    )
                )
            if not ids:
                raise NotFoundError(f"找不到乡镇（街道）“{text}”")
            township_id = ids[0]
        return render_matching(
            store, args.quarter, township_id=township_id, copy=_copy(args), forms_dir=_forms_dir(paths, args)
        )

    return _save(paths, args, _render(paths, render))


def _inspection(paths: Paths, args: argparse.Namespace) -> int:
    from liandian_desktop.paper.inspection import render_inspection

    if args.community:
        scope = f"community:{args.community}"
    elif args.unit:
        scope = f"unit:{args.unit}"
    else:
        scope = "township"
    last = [-1]

    def progress(fraction: float, stage: str) -> None:
        pct = int(fraction * 100)
        if pct // 10 != last[0] // 10 or pct == 100:
            last[0] = pct
            print(f"  {pct:3d}% {stage}", file=sys.stderr)

    document = _render(
        paths,
        lambda store: render_inspection(
            store, scope=scope, period=args.period, copy=_copy(args), progress=progress
        ),
    )
    return _save(paths, args, document)


def _layouts(paths: Paths, args: argparse.Namespace) -> int:
    from liandian_desktop.paper.layout import write_layouts

    folder = Path(args.forms_dir) if args.forms_dir else bundled_forms_dir()
    for path in write_layouts(folder):
        print(f"已写入：{path}")
    return EXIT_OK
