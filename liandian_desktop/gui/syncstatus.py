"""The offline state the status bar and the overview show: records not yet synced, and the last sync.

Until the sync module offers its own count, "not yet synced" is every live record when no sync has ever
happened (the ledger overview's counts); after a first sync only the time is shown.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from liandian_desktop.gui.i18n import fmt_datetime
from liandian_desktop.gui.qt import translate
from liandian_desktop.ledger.services.overview import LedgerOverview, overview
from liandian_desktop.store.engine import Store

log = logging.getLogger(__name__)
LAST_SYNC_KEY = "last_sync_at"  # ledger meta written by the sync module (ISO 8601, UTC)


@dataclass(frozen=True)
class SyncState:
    """What the status bar says about syncing. ``pending`` is None when it cannot be counted yet."""

    pending: int | None
    last_sync: datetime | None


def sync_state(store: Store, summary: LedgerOverview | None = None) -> SyncState:
    """Records changed since the last sync. Until the sync module lands nothing has ever been synced, so
    every live record is pending (the ledger overview's counts). Once a sync has happened the precise
    count (rows changed after ``last_sync_at``, tombstones included) belongs to the sync module."""
    raw = store.get_meta(LAST_SYNC_KEY)
    last = None
    if raw:
        try:
            last = datetime.fromisoformat(raw)
        except ValueError:
            last = None
    if last is not None:
        return SyncState(None, last)
    if summary is None:
        try:
            summary = overview(store)
        except Exception:
            log.warning("could not count records for the sync status", exc_info=True)
            return SyncState(None, None)
    return SyncState(sum(summary.table_counts.values()), None)


def sync_text(state: SyncState) -> str:
    last = (
        translate("StatusBar", "从未同步")
        if state.last_sync is None
        else translate("StatusBar", "上次同步 {when}").format(when=fmt_datetime(state.last_sync))
    )
    if state.pending is None:
        return translate("StatusBar", "离线工作 · {last}").format(last=last)
    return translate("StatusBar", "离线工作 · 待同步 {n} 条记录 · {last}").format(n=state.pending, last=last)
