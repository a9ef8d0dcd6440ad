"""Inspection PDFs (督查材料): for a community, a paired unit or the township, over a period, in one call —
cover, table of contents, the ledger summary, the KPI figures with their targets, the work orders with
their timelines, activities with attendance, evaluation results and volunteer hours. Nothing is retyped:
it is all read from the ledger.

Built for a worker thread: ``progress(fraction, stage)`` is called as it goes and ``cancelled()`` is asked
between sections and after every page; when it answers True the build stops with
:class:`InspectionCancelled` and nothing is written.
"""

from __future__ import annotations

import io
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from functools import partial
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    LongTable,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    TableStyle,
)

from liandian_desktop import __version__
from liandian_desktop.ledger.errors import LedgerError
from liandian_desktop.ledger.models import Resolution, Satisfaction, utcnow
from liandian_desktop.paper import fonts
from liandian_desktop.paper.document import PaperDocument
from liandian_desktop.paper.figures import resolve
from liandian_desktop.paper.inspection_data import InspectionData, Tally, gather
from liandian_desktop.paper.lookup import LOCAL_TZ, local, now_local
from liandian_desktop.paper.privacy import Copy, names_in, redact
from liandian_desktop.paper.report_canvas import (
    FOOTER_Y,
    HEADER_Y,
    MARGIN,
    ReportCanvas,
    ReportState,
    TocEntry,
    toc_page_count,
)
from liandian_desktop.store.engine import Store

Progress = Callable[[float, str], None]
Cancelled = Callable[[], bool]

BODY_W = 210 - 2 * MARGIN  # mm
LAYOUT_START, LAYOUT_END = 0.3, 0.97


class InspectionCancelled(LedgerError):
    def __init__(self) -> None:
        super().__init__("已取消生成督查材料")


# ---------------------------------------------------------------------------------------------------------
# Styles and cells
# ---------------------------------------------------------------------------------------------------------

_BASE = ParagraphStyle("base", fontName=fonts.REGULAR, fontSize=9.5, leading=14, wordWrap="CJK")
_CELL = ParagraphStyle("cell", parent=_BASE, fontSize=8, leading=10.5)
_CELL_BOLD = ParagraphStyle("cellb", parent=_CELL, fontName=fonts.BOLD)
_H1 = ParagraphStyle(
    "h1", parent=_BASE, fontName=fonts.BOLD, fontSize=15, leading=21, spaceAfter=8, keepWithNext=1
)
_H2 = ParagraphStyle(
    "h2", parent=_BASE, fontName=fonts.BOLD, fontSize=11.5, leading=16, spaceBefore=9, spaceAfter=4
)  # no keepWithNext: it would carry a long table's heading to the next page; CondPageBreak avoids orphans
_NOTE = ParagraphStyle("note", parent=_BASE, fontSize=8.5, leading=12, textColor=colors.HexColor("#444444"))
_COVER_TITLE = ParagraphStyle(
    "cover", parent=_BASE, fontName=fonts.BOLD, fontSize=26, leading=36, alignment=TA_CENTER
)
_COVER_SUB = ParagraphStyle("coversub", parent=_BASE, fontSize=14, leading=22, alignment=TA_CENTER)
_PAD = 2.0  # points of cell padding on each side
_RED = colors.HexColor("#B00020")
_GREEN = colors.HexColor("#1B5E20")


def _cell(text: str, width_pt: float, bold: bool = False) -> Any:
    """A plain string where it fits on one line in the main font (fast), else a wrapping Paragraph that
    also carries the fallback font for rare characters."""
    font = fonts.BOLD if bold else fonts.REGULAR
    text = fonts.substitute_missing(text)  # names were checked before the build; free text shows 〓
    if fonts.text_width(text, font, 8) <= width_pt - 2 * _PAD - 0.5 and all(
        ord(ch) in fonts.fonts().main for ch in text
    ):
        return text
    return Paragraph(fonts.markup(text, font), _CELL_BOLD if bold else _CELL)


def _table(
    header: Sequence[str],
    rows: Iterable[Sequence[str]],
    widths_mm: Sequence[float],
    align_right: Sequence[int] = (),
    marks: dict[tuple[int, int], colors.Color] | None = None,
) -> LongTable:
    total = sum(widths_mm)
    widths = [w * BODY_W / total * mm for w in widths_mm]
    data: list[list[Any]] = [[_cell(h, w, bold=True) for h, w in zip(header, widths, strict=True)]]
    marks = marks or {}
    for r, row in enumerate(rows, 1):
        cells = [_cell(text, w) for text, w in zip(row, widths, strict=True)]
        for c, cell in enumerate(cells):
            if (r, c) in marks and isinstance(cell, Paragraph):  # a Paragraph ignores TEXTCOLOR
                cells[c] = Paragraph(
                    fonts.markup(row[c]), ParagraphStyle("mark", parent=_CELL, textColor=marks[(r, c)])
                )
        data.append(cells)
    style = [
        ("FONT", (0, 0), (-1, -1), fonts.REGULAR, 8, 10.5),
        ("FONT", (0, 0), (-1, 0), fonts.BOLD, 8, 10.5),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E6E6E6")),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#F6F6F6")]),
        ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#999999")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), _PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), _PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    for right in align_right:
        style.append(("ALIGN", (right, 1), (right, -1), "RIGHT"))
    for (r, c), colour in marks.items():
        style.append(("TEXTCOLOR", (c, r), (c, r), colour))
    table = LongTable(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(style))
    return table


def _pct(part: int, whole: int) -> str:
    return f"{part * 100 / whole:.1f}%" if whole else "—"


def _hours(value: Decimal) -> str:
    return f"{value.normalize():f}" if value else "0"


# ---------------------------------------------------------------------------------------------------------
# Headings that know their page
# ---------------------------------------------------------------------------------------------------------


class _Heading(Paragraph):  # type: ignore[misc]
    """A heading that, when drawn, records its page for the table of contents, bookmarks it and adds it
    to the PDF outline."""

    def __init__(
        self,
        text: str,
        style: ParagraphStyle,
        entry: TocEntry,
        state: ReportState,
        stage: Callable[[str], None],
    ) -> None:
        super().__init__(fonts.markup(text, fonts.BOLD), style)
        self._entry = entry
        self._state = state
        self._stage = stage

    def draw(self) -> None:
        canvas = self.canv
        self._state.anchors[self._entry.key] = canvas.getPageNumber()
        canvas.bookmarkPage(self._entry.key)
        canvas.addOutlineEntry(self._entry.title, self._entry.key, level=self._entry.level, closed=True)
        if self._entry.level == 0:
            self._stage(self._entry.title)
        super().draw()


class _Reserved(Flowable):  # type: ignore[misc]
    """A page left blank for the table of contents, drawn when the document is finished."""

    def __init__(self, state: ReportState) -> None:
        super().__init__()
        self._state = state

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return avail_width, avail_height

    def draw(self) -> None:
        self._state.toc_pages.append(self.canv.getPageNumber())


# ---------------------------------------------------------------------------------------------------------
# The document
# ---------------------------------------------------------------------------------------------------------


class _Builder:
    def __init__(
        self,
        data: InspectionData,
        copy: Copy,
        state: ReportState,
        stage: Callable[[str], None],
        printed_at: datetime,
    ) -> None:
        self.data = data
        self.copy = copy
        self.state = state
        self.stage = stage
        self.printed_at = printed_at
        self.story: list[Any] = []
        self.toc: list[TocEntry] = []
        self.sections = 0

    # -- helpers -------------------------------------------------------------------------------------
    def h1(self, title: str) -> None:
        self.sections += 1
        numbered = f"{'一二三四五六七八九十'[self.sections - 1]}、{title}"
        entry = TocEntry(f"s{self.sections}", numbered, 0)
        self.toc.append(entry)
        self.story.append(PageBreak())
        self.story.append(_Heading(numbered, _H1, entry, self.state, self.stage))

    def h2(self, title: str) -> None:
        entry = TocEntry(f"s{self.sections}.{len(self.toc)}", title, 1)
        self.toc.append(entry)
        self.story.append(CondPageBreak(30 * mm))
        self.story.append(_Heading(title, _H2, entry, self.state, self.stage))

    def note(self, text: str) -> None:
        self.story.append(Paragraph(fonts.markup(text), _NOTE))
        self.story.append(Spacer(1, 2 * mm))

    def grouped(self, ids: Iterable[uuid.UUID | None]) -> list[uuid.UUID | None]:
        """Place ids in the order of the scope's places, township-wide work last."""
        wanted = set(ids)
        order: list[uuid.UUID | None] = [p.id for p in self.data.places if p.id in wanted]
        order += sorted((i for i in wanted if i is not None and i not in order), key=self.data.place_name)
        if None in wanted:
            order.append(None)
        return order

    # -- cover ---------------------------------------------------------------------------------------
    def cover(self) -> None:
        d = self.data
        self.story += [
            Spacer(1, 45 * mm),
            Paragraph(fonts.markup("联点共建工作台账"), _COVER_TITLE),
            Paragraph(fonts.markup("督查材料"), _COVER_TITLE),
            Spacer(1, 14 * mm),
            Paragraph(fonts.markup(d.scope.describe()), _COVER_SUB),
            Paragraph(
                fonts.markup(f"期间：{d.period.label}（{d.period.start} 至 {d.period.end}）"), _COVER_SUB
            ),
            Spacer(1, 40 * mm),
        ]
        rows = [
            ("生成时间", f"{self.printed_at:%Y年%m月%d日 %H:%M}（北京时间）"),
            ("数据截至", f"{local(d.as_of):%Y年%m月%d日 %H:%M}"),
            ("数据来源", "联点共建桌面端台账，自动汇总生成，未经二次录入"),
            ("版本", f"联点共建桌面端 {__version__}"),
            (
                "文件性质",
                "公示版（不含个人信息）" if self.copy.public else "内部资料，含志愿者姓名，请妥善保管",
            ),
        ]
        self.story.append(_table(["项目", "内容"], rows, [30, 150]))

    def reserve_toc(self, pages: int) -> None:
        for _ in range(pages):
            self.story += [PageBreak(), _Reserved(self.state)]

    # -- sections ------------------------------------------------------------------------------------
    def summary(self) -> None:
        d = self.data
        self.h1("台账概况")
        self.story.append(_table(["项目", "情况"], d.overview, [40, 140]))
        self.story.append(Spacer(1, 4 * mm))
        self.h2("各村（社区）基本情况")
        rows = []
        for p in d.places:
            c = d.place_counts.get(p.id, {})
            rows.append(
                [
                    p.name,
                    p.kind,
                    str(p.population),
                    str(p.households),
                    "是" if p.is_key else "",
                    p.units or "—",
                    str(c.get("residents", 0)),
                    str(c.get("volunteers", 0)),
                    str(c.get("demands", 0)),
                    str(c.get("orders", 0)),
                    str(c.get("activities", 0)),
                    str(c.get("evaluations", 0)),
                ]
            )
        self.story.append(
            _table(
                [
                    "村（社区）",
                    "类型",
                    "人口",
                    "户数",
                    "重点",
                    "联点单位",
                    "居民台账",
                    "志愿者",
                    "需求",
                    "工单",
                    "活动",
                    "测评",
                ],
                rows,
                [24, 9, 11, 10, 8, 38, 12, 11, 9, 9, 9, 9],
                align_right=(2, 3, 6, 7, 8, 9, 10, 11),
            )
        )

    def kpis(self) -> None:
        d = self.data
        self.h1("考核指标")
        self.note(
            f"按{d.scope.describe()}、{d.period.describe()}计算；口径与“指标”页面、liandian kpi 命令相同。"
        )
        rows, marks = [], {}
        for i, k in enumerate(d.kpis, 1):
            verdict = "" if k.meets is None else ("达标" if k.meets else "未达标")
            rows.append([k.group, k.label, k.value, k.target or "—", verdict, k.detail])
            if k.meets is not None:
                marks[(i, 4)] = _GREEN if k.meets else _RED
        self.story.append(
            _table(
                ["类别", "指标", "本期", "目标", "达标", "计算与说明"],
                rows,
                [18, 34, 20, 18, 12, 78],
                marks=marks,
            )
        )
        judged = [s for s in d.services if s.met is not None]
        if judged:
            self.h2("基本服务开展频次")
            missed = [s for s in judged if not s.met]
            self.note(
                f"应开展的基本服务 {len(judged)} 项（村社区 × 服务），"
                f"达到频次标准 {len(judged) - len(missed)} 项。下表先列未达标的。"
            )
            ordered = missed + [s for s in judged if s.met]
            rows = [
                [s.community, s.service, str(s.expected), str(s.actual), "达标" if s.met else "未达标", s.how]
                for s in ordered
            ]
            marks = {(i, 4): (_GREEN if s.met else _RED) for i, s in enumerate(ordered, 1)}
            self.story.append(
                _table(
                    ["村（社区）", "服务", "应开展", "实开展", "达标", "计算依据"],
                    rows,
                    [26, 30, 13, 13, 12, 86],
                    align_right=(2, 3),
                    marks=marks,
                )
            )

    def orders(self) -> None:
        d = self.data
        self.h1("工单办理情况")
        late = sum(1 for o in d.orders if o.response.late)
        self.note(
            f"本期收到工单 {len(d.orders)} 张，其中响应超时或超时未联系 {late} 张（标红）。"
            "时间线按北京时间列出每一步：点单、派单、接单、首次联系、办结、评单，以及改派、重新办理、撤回。"
        )
        by_place: dict[uuid.UUID | None, list[Any]] = defaultdict(list)
        for o in d.orders:
            by_place[o.place_id].append(o)
        for place in self.grouped(by_place):
            lines = by_place[place]
            self.h2(f"{d.place_name(place)}（{len(lines)} 张）")
            rows, marks = [], {}
            for i, o in enumerate(lines, 1):
                response = o.response.label + (f" {o.response_hours} 小时" if o.response_hours else "")
                title, timeline = o.title, o.timeline
                if self.copy.public:
                    title, timeline = redact(title, o.people), redact(timeline, o.people)
                rows.append([o.code, f"{title}（承办：{o.unit or '未派单'}）", timeline, response, o.status])
                if o.response.late:
                    marks[(i, 3)] = _RED
            self.story.append(
                _table(
                    ["工单编号", "事项（承办单位）", "办理时间线", "响应", "状态"],
                    rows,
                    [24, 40, 78, 20, 14],
                    marks=marks,
                )
            )

    def activities(self) -> None:
        d = self.data
        self.h1("活动与签到")
        attended = sum(a.attended for a in d.activities)
        self.note(
            f"本期活动、走访与会议 {len(d.activities)} 场，参与 {attended} 人次。人数来自签到表的录入结果："
            "“到场”为受邀且签到的人数，“现场”为未受邀、现场加入的人数。"
        )
        by_place: dict[uuid.UUID | None, list[Any]] = defaultdict(list)
        for a in d.activities:
            by_place[a.place_id].append(a)
        for place in self.grouped(by_place):
            lines = by_place[place]
            self.h2(f"{d.place_name(place)}（{len(lines)} 场）")
            rows = [
                [
                    f"{local(a.when):%m-%d %H:%M}",
                    a.code,
                    a.title,
                    a.kind,
                    a.organiser,
                    str(a.invited),
                    str(a.present),
                    str(a.walk_ins),
                    str(a.attended),
                ]
                for a in lines
            ]
            self.story.append(
                _table(
                    ["时间", "编号", "活动名称", "类型", "组织", "受邀", "到场", "现场", "合计"],
                    rows,
                    [16, 25, 55, 14, 22, 9, 9, 9, 9],
                    align_right=(5, 6, 7, 8),
                )
            )

    def _tally_rows(self, tallies: dict[uuid.UUID | None, Tally], with_resolution: bool) -> list[list[str]]:
        rows = []
        total = Tally()
        for place in self.grouped(tallies):
            t = tallies[place]
            total.total += t.total
            total.satisfaction.update(t.satisfaction)
            total.resolution.update(t.resolution)
            rows.append(self._tally_row(self.data.place_name(place), t, with_resolution))
        rows.append(self._tally_row("合计", total, with_resolution))
        return rows

    @staticmethod
    def _tally_row(name: str, t: Tally, with_resolution: bool) -> list[str]:
        row = [
            name,
            str(t.total),
            *(str(t.satisfaction[s]) for s in Satisfaction),
            _pct(t.satisfied, t.total),
        ]
        if with_resolution:
            solved = t.resolution[Resolution.RESOLVED]
            row += [*(str(t.resolution[r]) for r in Resolution), _pct(solved, sum(t.resolution.values()))]
        return row

    def evaluations(self) -> None:
        d = self.data
        self.h1("满意度测评")
        self.note(
            "满意率 =（非常满意 + 满意 + 基本满意）÷ 有效测评；解决率 = 已解决 ÷ 填写了解决情况的测评。"
            "已撤回和无效工单的测评不计入。"
        )
        sat = [s.label for s in Satisfaction]
        self.h2("工单测评")
        self.story.append(
            _table(
                ["村（社区）", "测评", *sat, "满意率", *(r.label for r in Resolution), "解决率"],
                self._tally_rows(d.order_tally, True),
                [24, 9, 10, 9, 10, 9, 11, 12, 10, 10, 10, 12],
                align_right=tuple(range(1, 12)),
            )
        )
        self.h2("活动测评")
        self.story.append(
            _table(
                ["村（社区）", "测评", *sat, "满意率"],
                self._tally_rows(d.activity_tally, False),
                [30, 12, 13, 12, 13, 12, 14, 14],
                align_right=tuple(range(1, 8)),
            )
        )
        if d.remarks:
            self.h2(f"不满意与未解决的测评（{len(d.remarks)} 条）")
            rows = [
                [
                    f"{local(r.when):%m-%d}",
                    r.code,
                    d.place_name(r.place_id),
                    r.satisfaction.label + (f"／{r.resolution.label}" if r.resolution else ""),
                    r.comment or "—",
                ]
                for r in d.remarks
            ]
            self.story.append(
                _table(["日期", "工单/活动", "村（社区）", "评价", "意见"], rows, [12, 26, 24, 26, 92])
            )

    def volunteers(self) -> None:
        d = self.data
        self.h1("志愿服务时长")
        hours = sum((v.hours for v in d.volunteers), Decimal(0))
        self.note(
            f"本期 {len(d.volunteers)} 名志愿者共服务 {_hours(hours)} 小时（不含往返路程，"
            "联点干部的蹲点工作日不计入）。"
        )
        per_place: dict[uuid.UUID | None, list[Any]] = defaultdict(list)
        for v in d.volunteers:
            per_place[v.place_id].append(v)
        rows = []
        for place in self.grouped(per_place):
            lines = per_place[place]
            rows.append(
                [
                    d.place_name(place),
                    str(len(lines)),
                    str(sum(v.records for v in lines)),
                    _hours(sum((v.hours for v in lines), Decimal(0))),
                ]
            )
        self.h2("各村（社区）汇总")
        self.story.append(
            _table(
                ["村（社区）", "志愿者", "服务记录", "服务时长（小时）"],
                rows,
                [60, 30, 30, 40],
                align_right=(1, 2, 3),
            )
        )
        if self.copy.public:
            self.note("公示版不列志愿者个人明细。")
            return
        self.h2("志愿者个人服务时长")
        rows = [
            [v.name, v.number, d.place_name(v.place_id), str(v.records), _hours(v.hours)]
            for v in d.volunteers
        ]
        self.story.append(
            _table(
                ["姓名", "志愿者编号", "村（社区）", "服务次数", "时长（小时）"],
                rows,
                [30, 36, 50, 24, 30],
                align_right=(3, 4),
            )
        )


def _checked_texts(data: InspectionData, copy: Copy) -> None:
    """Names must print: one a bundled font cannot draw stops the build before anything is drawn."""
    items: list[tuple[str, str]] = (
        [("志愿者姓名", v.name) for v in data.volunteers] if not copy.public else []
    )
    items += [("村（社区）", p.name) for p in data.places]
    items += [("工单点单人", n) for o in data.orders for n in o.people if names_in(o.title, [n])]
    items += [("范围", data.scope.name)]
    fonts.check_printable(items)


def render_inspection(
    store: Store,
    *,
    scope: str = "township",
    period: str | None = None,
    copy: Copy | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    as_of: datetime | None = None,
    printed_at: datetime | None = None,
    today: date | None = None,
) -> PaperDocument:
    """The inspection PDF of ``scope`` ('township', 'community:<名称或代码>', 'unit:<名称>') over ``period``
    ('2026', '2026-Q3', '2026-03', '2026-01-01..2026-03-31'; default the current quarter)."""
    copy = copy or Copy()
    report: Progress = progress or (lambda _f, _s: None)
    stop: Cancelled = cancelled or (lambda: False)

    def check() -> None:
        if stop():
            raise InspectionCancelled

    as_of = as_of or utcnow()
    printed = printed_at or now_local()
    report(0.0, "读取台账")
    with store.session() as session:
        resolved, chosen = resolve(session, scope, period, today or datetime.now(LOCAL_TZ).date())
        data = gather(session, resolved, chosen, as_of, check, report)
    _checked_texts(data, copy)
    check()

    state = ReportState(
        header_left=f"{data.scope.describe()} · {data.period.label}",
        header_right="联点共建督查材料" + ("（公示版）" if copy.public else ""),
        footer_left=f"生成于 {printed:%Y-%m-%d %H:%M} · 联点共建桌面端 {__version__} · "
        + ("公示版" if copy.public else "内部资料 注意保密"),
        toc=[],
    )
    stage_name = ["排版"]

    def set_stage(title: str) -> None:
        stage_name[0] = f"排版：{title}"

    builder = _Builder(data, copy, state, set_stage, printed)
    parts = (
        builder.summary,
        builder.kpis,
        builder.orders,
        builder.activities,
        builder.evaluations,
        builder.volunteers,
    )
    body: list[Any] = []
    for part in parts:
        builder.story = []
        part()
        body += builder.story
        check()
    state.toc = builder.toc
    builder.story = []
    builder.cover()
    builder.reserve_toc(toc_page_count(len(builder.toc)))
    story = builder.story + body

    # pages per row, measured on the demo township: used only to pace the progress bar
    estimated = max(
        8,
        4
        + toc_page_count(len(builder.toc))
        + len(builder.toc) // 8
        + len(data.orders) // 15
        + len(data.activities) // 48
        + len(data.services) // 45
        + len(data.volunteers) // 45
        + len(data.remarks) // 40
        + len(data.places) // 30,
    )
    last = [0.0]

    def on_page(page: int) -> None:
        check()
        fraction = LAYOUT_START + (LAYOUT_END - LAYOUT_START) * min(1.0, page / estimated)
        if fraction - last[0] >= 0.01:
            last[0] = fraction
            report(fraction, stage_name[0])

    state.on_page = on_page
    buffer = io.BytesIO()
    frame = Frame(
        MARGIN * mm,
        (FOOTER_Y + 6) * mm,
        (210 - 2 * MARGIN) * mm,
        (297 - HEADER_Y - FOOTER_Y - 12) * mm,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        title=f"联点共建督查材料 {data.scope.name} {data.period.label}",
        author="联点共建桌面端",
        subject=data.scope.describe(),
        creator=f"联点共建桌面端 LianDian Desktop {__version__}",
        pageTemplates=[PageTemplate(id="body", frames=[frame])],
        pageCompression=1,
    )
    report(LAYOUT_START, "排版")
    doc.build(story, canvasmaker=partial(ReportCanvas, state=state))
    check()
    report(1.0, "完成")
    named = {n for o in data.orders for n in o.people if names_in(o.title + o.timeline, [n])}
    people = 0 if copy.public else len(data.volunteers) + len(named)
    fields: tuple[str, ...] = ("志愿者姓名", "志愿者编号") if data.volunteers else ()
    fields += ("工单事项中的居民姓名",) if named else ()
    return PaperDocument(
        pdf=buffer.getvalue(),
        pages=state.pages,
        document="督查材料" + ("（公示版）" if copy.public else "（内部）"),
        scope=f"{data.scope.describe()} {data.period.label}",
        file_name=f"督查材料-{data.scope.name}-{data.period.label}{'-公示版' if copy.public else ''}.pdf",
        township_id=data.scope.settings_township,
        people_count=people,
        personal_fields=fields if people else (),
        public=copy.public,
        unmasked=False,
    )
