"""Finding what a printed code stands for, and the small formatting helpers the forms share."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta, timezone, tzinfo
from decimal import Decimal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from liandian_desktop.ledger.errors import NotFoundError, ValidationError
from liandian_desktop.ledger.models import Activity, Community, PairedUnit, Township, WorkOrder
from liandian_desktop.paper.printcode import candidates, parse_code

WEEKDAYS = "一二三四五六日"


def _beijing() -> tzinfo:
    try:
        return ZoneInfo("Asia/Shanghai")
    except ZoneInfoNotFoundError:  # Windows without tzdata; China has kept UTC+8 all year since 1991
        return timezone(timedelta(hours=8), "Asia/Shanghai")


# What paper shows: Beijing time, whatever zone the laptop's clock is set to.
LOCAL_TZ = _beijing()


def find_activity(session: Session, code: str) -> Activity:
    target = parse_code(code).target
    activity = None
    for candidate in candidates(target):
        activity = session.scalar(
            select(Activity)
            .where(func.upper(Activity.code) == candidate, Activity.deleted_at.is_(None))
            .limit(1)
        )
        if activity is not None:
            break
    if activity is None:
        raise NotFoundError(f"没有编号为“{target}”的活动（或已删除），请核对表上印的活动编号")
    return activity


def find_work_order(session: Session, code: str) -> WorkOrder:
    target = parse_code(code).target
    order = None
    for candidate in candidates(target):
        order = session.scalar(
            select(WorkOrder)
            .where(func.upper(WorkOrder.code) == candidate, WorkOrder.deleted_at.is_(None))
            .limit(1)
        )
        if order is not None:
            break
    if order is None:
        raise NotFoundError(f"没有编号为“{target}”的工单（或已删除），请核对表上印的工单编号")
    return order


def name_of(session: Session, model: type[Community] | type[Township], record_id: uuid.UUID | None) -> str:
    if record_id is None:
        return ""
    name = session.scalar(select(model.name).where(model.id == record_id))
    return name or ""


def unit_name(session: Session, unit_id: uuid.UUID | None, short: bool = False) -> str:
    if unit_id is None:
        return ""
    unit = session.get(PairedUnit, unit_id)
    if unit is None:
        return ""
    return (unit.short_name or unit.name) if short else unit.name


def only_township(session: Session, township_id: uuid.UUID | None = None) -> Township:
    """The given township, or the ledger's only one."""
    if township_id is not None:
        township = session.get(Township, township_id)
        if township is None or township.deleted_at is not None:
            raise NotFoundError("乡镇（街道）不存在或已删除")
        return township
    townships = list(session.scalars(select(Township).where(Township.deleted_at.is_(None)).limit(2)))
    if not townships:
        raise NotFoundError("台账中还没有乡镇（街道）")
    if len(townships) > 1:
        raise ValidationError("township", "台账中有多个乡镇（街道），请指定是哪一个")
    return townships[0]


def local(when: datetime) -> datetime:
    """An instant in Beijing time (what a coordinator reads and writes on paper)."""
    return when.astimezone(LOCAL_TZ)


def now_local() -> datetime:
    return datetime.now(LOCAL_TZ)


def day_text(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日（星期{WEEKDAYS[day.weekday()]}）"


def when_text(starts: datetime, ends: datetime | None) -> str:
    start = local(starts)
    text = f"{day_text(start.date())} {start:%H:%M}"
    if ends is not None:
        end = local(ends)
        text += f"–{end:%H:%M}" if end.date() == start.date() else f" 至 {day_text(end.date())} {end:%H:%M}"
    return text


def hours_text(hours: Decimal | None) -> str:
    if hours is None:
        return ""
    return f"{hours.normalize():f}"
