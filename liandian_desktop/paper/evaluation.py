"""Resident evaluation forms (满意度测评表): one respondent a page, every answer a tick box at a position the
layout file gives, four ArUco markers and a QR code on every page for reading back from a scan or photo.

Forms are anonymous (不记名): no name, phone or ID is printed, so printing them is not a personal-data
event. Each copy has a serial number ('第 3 份 / 共 40 份'), carried in the QR code as the page number.
"""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from sqlalchemy import func, select

from liandian_desktop.ledger.errors import NotFoundError, ValidationError
from liandian_desktop.ledger.models import (
    Activity,
    Attendance,
    AttendanceStatus,
    Community,
    Township,
    WorkOrder,
)
from liandian_desktop.paper import fonts
from liandian_desktop.paper.definitions import FormDefinition, load_definition, search_dirs
from liandian_desktop.paper.document import PaperDocument
from liandian_desktop.paper.layout import INSTRUCTION_PT, PT, QUESTION_PT, EvaluationLayout, evaluation_layout
from liandian_desktop.paper.lookup import (
    find_activity,
    find_work_order,
    local,
    name_of,
    now_local,
    unit_name,
    when_text,
)
from liandian_desktop.paper.page import Furniture, draw_furniture, new_canvas, text_line, y_pt
from liandian_desktop.paper.printcode import make_payload, parse_code
from liandian_desktop.store.engine import Store

MAX_COPIES = 2000


@dataclass(frozen=True)
class EvaluationTarget:
    """What the form evaluates: an activity or a work order."""

    kind: str  # activity | work_order
    id: uuid.UUID
    code: str
    title: str
    township_id: uuid.UUID
    info: tuple[str, ...]  # lines for the form's information block
    default_copies: int


def load_target(store: Store, code: str) -> EvaluationTarget:
    """The activity or work order a printed code (HD…, GD… or a QR payload) stands for."""
    target = parse_code(code).target
    with store.session() as session:
        order: WorkOrder | None = None
        activity: Activity | None = None
        if target.startswith("GD"):
            order = find_work_order(session, target)
        elif target.startswith("HD"):
            activity = find_activity(session, target)
        else:
            try:
                activity = find_activity(session, target)
            except NotFoundError:
                order = find_work_order(session, target)
        if activity is not None:
            community = name_of(session, Community, activity.community_id) or (
                name_of(session, Township, activity.township_id) + "（全域）"
            )
            organiser = activity.organiser or unit_name(session, activity.unit_id)
            rows = session.execute(
                select(Attendance.status, func.count())
                .where(Attendance.activity_id == activity.id, Attendance.deleted_at.is_(None))
                .group_by(Attendance.status)
            )
            counts = {status: n for status, n in rows}
            came = counts.get(AttendanceStatus.PRESENT, 0) + counts.get(AttendanceStatus.WALK_IN, 0)
            return EvaluationTarget(
                kind="activity",
                id=activity.id,
                code=activity.code,
                title=activity.title,
                township_id=activity.township_id,
                info=(
                    f"测评对象：{activity.title}（{activity.kind.label}）",
                    f"村（社区）：{community}　　时间：{when_text(activity.starts_at, activity.ends_at)}",
                    "　　".join(
                        p
                        for p in (
                            f"地点：{activity.place}" if activity.place else "",
                            f"组织单位：{organiser}" if organiser else "",
                        )
                        if p
                    ),
                ),
                default_copies=max(1, came or sum(counts.values())),
            )
        assert order is not None
        community = name_of(session, Community, order.community_id)
        unit = unit_name(session, order.unit_id)
        resolved = f"{local(order.resolved_at):%Y年%m月%d日}" if order.resolved_at else "尚未办结"
        return EvaluationTarget(
            kind="work_order",
            id=order.id,
            code=order.code,
            title=order.title,
            township_id=order.township_id,
            info=(
                f"测评对象：工单《{order.title}》",
                f"村（社区）：{community}　　点单时间：{local(order.ordered_at):%Y年%m月%d日}",
                f"承办单位：{unit or '（未派单）'}　　办结时间：{resolved}",
            ),
            default_copies=1,
        )


def evaluation_definition(definition: FormDefinition | None, forms_dir: Path | None) -> FormDefinition:
    definition = definition or load_definition("evaluation", search_dirs(forms_dir))
    if definition.kind != "evaluation":
        raise ValidationError("definition", f"表单定义 {definition.path.name} 不是测评表")
    return definition


def _draw_questions(canvas: Any, layout: EvaluationLayout, definition: FormDefinition) -> None:
    f = layout.frame
    c = canvas
    top = layout.instructions_top
    for line in layout.instructions:
        text_line(c, f, f.left, top, line, fonts.REGULAR, INSTRUCTION_PT)
        top += INSTRUCTION_PT * 1.45 * PT
    for q in layout.questions:
        top = q.text_top
        for line in q.text_lines:
            text_line(c, f, f.left, top, line, fonts.BOLD, QUESTION_PT)
            top += QUESTION_PT * 1.4 * PT
        c.setLineWidth(0.9)
        for choice in q.choices:
            b = choice.box
            c.rect(b.x * mm, y_pt(f, b.bottom), b.w * mm, b.h * mm, stroke=1, fill=0)
            text_line(
                c,
                f,
                choice.label_x,
                b.y + (b.h - q.label_pt * PT) / 2 - 0.2,
                choice.label,
                fonts.REGULAR,
                q.label_pt,
            )
    if definition.comment is not None and layout.comment is not None:
        text_line(c, f, f.left, layout.comment_label_top, definition.comment.label, fonts.BOLD, QUESTION_PT)
        box = layout.comment
        c.setLineWidth(0.9)
        c.rect(box.x * mm, y_pt(f, box.bottom), box.w * mm, box.h * mm, stroke=1, fill=0)
        c.setStrokeColorRGB(0.75, 0.75, 0.75)
        c.setLineWidth(0.4)
        for i in range(1, definition.comment.lines):
            y = box.y + i * box.h / definition.comment.lines
            c.line((box.x + 3) * mm, y_pt(f, y), (box.right - 3) * mm, y_pt(f, y))
        c.setStrokeColorRGB(0, 0, 0)
    d = layout.date
    text_line(c, f, d.x, d.y + 2, "填表日期：________ 年 ____ 月 ____ 日", fonts.REGULAR, 11)


def render_evaluation(
    store: Store,
    code: str,
    *,
    copies: int | None = None,
    definition: FormDefinition | None = None,
    forms_dir: Path | None = None,
    printed_at: datetime | None = None,
) -> PaperDocument:
    """Evaluation forms for the activity or work order with printed ``code``: one page a respondent.

    ``copies`` defaults to the people who came (or were invited) for an activity, one for a work order."""
    definition = evaluation_definition(definition, forms_dir)
    layout = evaluation_layout(definition)
    target = load_target(store, code)
    n = target.default_copies if copies is None else copies
    if not 1 <= n <= MAX_COPIES:
        raise ValidationError("copies", f"份数应在 1–{MAX_COPIES} 之间")
    fonts.check_printable([("测评对象", line) for line in target.info])
    printed = printed_at or now_local()
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, layout.frame, title=f"{definition.title} {target.code}", subject=target.title)
    tail = f"{definition.label} · 不记名 · 打印于 {printed:%Y-%m-%d %H:%M}"
    for serial in range(1, n + 1):
        furniture = Furniture(
            title=definition.title,
            info=[*target.info, f"编号：{target.code}　　第 {serial} 份 / 共 {n} 份"],
            qr_payload=make_payload(definition.id, definition.version, target.code, serial, n),
            footer_left=[line for line in (definition.page.footer_note, tail) if line],
            page=serial,
            pages=n,
        )
        draw_furniture(canvas, layout.frame, furniture)
        _draw_questions(canvas, layout, definition)
        canvas.showPage()
    canvas.save()
    return PaperDocument(
        pdf=buffer.getvalue(),
        pages=n,
        document=definition.label,
        scope=f"{'活动' if target.kind == 'activity' else '工单'} {target.code}《{target.title}》",
        file_name=f"{definition.title}-{target.code}.pdf",
        township_id=target.township_id,
    )
