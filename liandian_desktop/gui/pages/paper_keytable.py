"""What the two keying screens share: the table that leaves its keys to its owner, the colours of keyed,
unsaved and refused rows, and reading a row code or copy number off a ``KeyingProblem``."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from liandian_desktop.gui.i18n import fmt_decimal
from liandian_desktop.gui.qt import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QColor,
    QKeyEvent,
    QModelIndex,
    QPersistentModelIndex,
    QTableView,
    QWidget,
)
from liandian_desktop.ledger.models import AttendanceStatus
from liandian_desktop.paper.keying import (
    KeyingProblem,
)

Index = QModelIndex | QPersistentModelIndex
PRESENT, ABSENT, WALK_IN = "present", "absent", "walk_in"
CHANGED_BG = QColor("#fff6d6")  # keyed here, not saved yet
PROBLEM_BG = QColor("#fde4e2")
PAGE_BG = QColor("#e3e8ef")
KEYED_BG = QColor("#eef0f3")
BLUE = QColor("#1f5fae")
_ROW_RE = re.compile(r"\s(\S+)\s")  # "第 001 行", "第 3 份": the code between the spaces


def normalize_row_code(text: str) -> str:
    """What is typed off the paper: '7' means row 007."""
    code = text.strip().upper()
    return code.zfill(3) if code.isdigit() and len(code) < 3 else code


def problem_key(problem: KeyingProblem) -> str:
    """The row code ('001') or copy number ('3') a problem is about, '' when about the whole form."""
    match = _ROW_RE.search(problem.row)
    return match.group(1) if match else ""


def _stored_status(status: AttendanceStatus | None) -> str | None:
    return (
        {
            AttendanceStatus.PRESENT: PRESENT,
            AttendanceStatus.ABSENT: ABSENT,
            AttendanceStatus.WALK_IN: WALK_IN,
        }.get(status)
        if status is not None
        else None
    )


def _hours_text(hours: Decimal | None) -> str:
    return fmt_decimal(hours) if hours is not None else ""


class KeyTable(QTableView):
    """A table whose keys the keying widget decides (``handle_key``); Enter in an editor moves on."""

    def __init__(self, owner: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.owner = owner
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # AnyKeyPressed: a name or comment typed through the input method goes straight into its cell
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(26)
        self.horizontalHeader().setStretchLastSection(True)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)
        self.itemDelegate().closeEditor.connect(self._editor_closed)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.state() == QAbstractItemView.State.EditingState or not self.owner.handle_key(event):
            super().keyPressEvent(event)

    def _editor_closed(self, _editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            self.owner.after_edit()
