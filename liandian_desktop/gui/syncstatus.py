"""The offline state the status bar and the overview show: records not yet synced, and the last sync.

Both come from the sync client's ``status()``: the change-log entries the county server has not yet
acknowledged, and the time of the last completed sync.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from liandian_desktop.gui.i18n import fmt_datetime
from liandian_desktop.gui.qt import translate
from liandian_desktop.ledger.services.overview import LedgerOverview
from liandian_desktop.store.engine import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SyncState:
    """What the status bar says about syncing. ``pending`` is None when it cannot be counted yet."""

    pending: int | None
    last_sync: datetime | None


def sync_state(store: Store, summary: LedgerOverview | None = None) -> SyncState:
    """Changes not yet acknowledged by the county server, and the last sync: the sync client's own
    status. ``summary`` is accepted for the status bar's start-up call and no longer needed."""
    from liandian_desktop.sync.client import SyncClient  # loaded in the worker, not at start-up

    try:
        status = SyncClient(store, store.path.parent).status()
    except Exception:
        log.warning("could not read the sync status", exc_info=True)
        return SyncState(None, None)
    return SyncState(status.pending, status.last_sync_at)


def sync_text(state: SyncState) -> str:
    last = (
        translate("StatusBar", "从未同步")
        if state.last_sync is None
        else translate("StatusBar", "上次同步 {when}").format(when=fmt_datetime(state.last_sync))
    )
    if state.pending is None:
        return translate("StatusBar", "离线工作 · {last}").format(last=last)
    return translate("StatusBar", "离线工作 · 待同步 {n} 条记录 · {last}").format(n=state.pending, last=last)
