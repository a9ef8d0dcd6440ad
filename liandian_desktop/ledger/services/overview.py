"""A summary of the open ledger: which township, how many records of each kind."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from liandian_desktop.ledger.models import SYNCED_MODELS, Township
from liandian_desktop.store.engine import Store

TABLE_LABELS = {
    "communities": "村（社区）",
    "paired_units": "联点单位",
    "pairings": "结对关系",
    "cadres": "联点干部与顾问",
    "residents": "居民",
    "demands": "需求清单",
    "supplies": "供给清单",
    "matches": "匹配清单",
    "work_orders": "工单",
    "activities": "活动与走访",
    "attendances": "签到记录",
    "evaluations": "满意度测评",
    "resource_offers": "资源池",
    "bookings": "预约与借用",
    "volunteers": "志愿者",
    "volunteer_service_records": "志愿服务记录",
}


@dataclass(frozen=True)
class LedgerOverview:
    path: Path
    township_name: str
    counts: list[tuple[str, int]]  # (Chinese label, live rows)
    table_counts: dict[str, int]  # table name -> live rows, every synced table


def overview(store: Store) -> LedgerOverview:
    table_counts: dict[str, int] = {}
    with store.session() as session:
        for model in SYNCED_MODELS:
            stmt = select(func.count()).select_from(model).where(model.deleted_at.is_(None))
            table_counts[model.table_name()] = session.scalar(stmt) or 0
        names = list(session.scalars(select(Township.name).where(Township.deleted_at.is_(None)).limit(2)))
    counts = [(label, table_counts.get(table, 0)) for table, label in TABLE_LABELS.items()]
    return LedgerOverview(store.path, "、".join(names), counts, table_counts)
