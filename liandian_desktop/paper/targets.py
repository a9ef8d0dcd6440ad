"""What the print screen offers to print: the activities, upcoming ones first.

A sign-in sheet is printed before the activity, so the picker starts at today and lists the soonest first;
evaluation forms and reprints need past activities too, which the same call gives latest first.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select

from liandian_desktop.ledger.models import Activity
from liandian_desktop.ledger.services.base import ListQuery, Page, apply_list_query
from liandian_desktop.store.engine import Store


def activities_to_print(store: Store, query: ListQuery, *, since: datetime | None) -> Page[Activity]:
    """Activities matching ``query`` (search, equality filters, window). With ``since``: those starting at
    or after it, soonest first; without: all of them, latest first. ``query.sort`` is ignored."""
    stmt = apply_list_query(select(Activity), Activity, query)
    if since is not None:
        stmt = stmt.where(Activity.starts_at >= since).order_by(Activity.starts_at.asc(), Activity.id)
    else:
        stmt = stmt.order_by(Activity.starts_at.desc(), Activity.id)
    with store.session() as session:
        total = session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0
        stmt = stmt.offset(query.offset)
        if query.limit is not None:
            stmt = stmt.limit(query.limit)
        return Page(list(session.scalars(stmt)), total)
