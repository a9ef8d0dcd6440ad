"""The import plan: what would happen to every row of a workbook, before anything is written.

A preview screen lists ``plan.rows`` (fate, row number, a label, the reasons); the caller then commits the
plan (one transaction) or drops it. The plan holds the workbook's rows as read, so a refusal report can
give them back unchanged.
"""

from __future__ import annotations

import threading
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Final, Literal

from liandian_desktop.excel.columns import ImportKind
from liandian_desktop.ledger.errors import LedgerError
from liandian_desktop.ledger.services.fields import BatchRow

# (stage in Chinese, fraction done 0–1). Called from the thread doing the work.
Progress = Callable[[str, float], None]
OnDuplicate = Literal["update", "skip"]


class ImportCancelled(LedgerError):
    """The user cancelled; nothing was written."""

    def __init__(self) -> None:
        super().__init__("已取消导入，台账未作任何修改")


class Cancel:
    """A cancellation flag shared between the GUI thread (``cancel()``) and the worker (``check()``)."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        if self._event.is_set():
            raise ImportCancelled()


class Fate(StrEnum):
    ADD = "add"
    UPDATE = "update"
    SKIP = "skip"
    REFUSE = "refuse"

    @property
    def label(self) -> str:
        return _FATE_LABELS[self]


_FATE_LABELS: Final = {Fate.ADD: "新增", Fate.UPDATE: "更新", Fate.SKIP: "跳过", Fate.REFUSE: "拒绝"}


@dataclass(frozen=True)
class Problem:
    """Why a row is refused: row number, the column as headed in the file ('' for the whole row)."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.column:
            return f"第 {self.row} 行「{self.column}」：{self.message}"
        return f"第 {self.row} 行：{self.message}"


@dataclass(frozen=True)
class Change:
    """One value an update changes, as text for the preview."""

    column: str
    before: str
    after: str

    def __str__(self) -> str:
        return f"{self.column}：{self.before or '（空）'} → {self.after or '（空）'}"


@dataclass
class PlannedRow:
    row: int  # the row number in the sheet, as Excel shows it
    fate: Fate
    cells: tuple[object, ...]  # the row as read from the file
    label: str = ""  # who or what the row is ('王伟 110105********123X'), for the preview
    problems: list[Problem] = field(default_factory=list)  # why it is refused
    changes: list[Change] = field(default_factory=list)  # what an update changes
    matched: str = ""  # the ledger record it matched (update / skip)
    note: str = ""  # why it is skipped
    batch: BatchRow | None = field(default=None, repr=False)  # what the service will write

    @property
    def reason(self) -> str:
        """The refusal reasons (or the skip reason), one sentence each."""
        if self.problems:
            return "；".join(str(p) for p in self.problems)
        return self.note


@dataclass(frozen=True)
class ImportOptions:
    """What the caller decides before planning an import.

    ``mapping`` names columns by their header as in the file, or by column letter ('C'), and gives each
    the field it holds (key, Chinese header or synonym) or None to ignore it; it overrides the automatic
    matching and any mapping remembered for this layout.
    """

    township_id: uuid.UUID
    on_duplicate: OnDuplicate = "skip"
    community_id: uuid.UUID | None = None  # for rows without a community
    activity_id: uuid.UUID | None = None  # invitations / attendance without an activity column
    quarter: str | None = None  # demands / supplies without a quarter column
    mapping: dict[str, str | None] | None = None
    sheet: str | None = None  # default: the sheet whose header matches best
    header_row: int | None = None  # default: found automatically
    remember: bool = True  # remember an explicit mapping for this header layout when committed


@dataclass
class ImportPlan:
    kind: ImportKind
    source: Path
    sheet: str
    header_row: int
    headers: tuple[str, ...]  # each column's header as in the file
    columns: dict[int, str]  # column index → field key used
    mapping_source: Literal["auto", "remembered", "explicit"]
    options: ImportOptions
    rows: list[PlannedRow]
    blank_rows: int = 0  # blank rows and repeated header rows, ignored
    created_at: datetime = field(default_factory=datetime.now)
    committed: bool = False
    ignored_columns: tuple[str, ...] = ()  # headers of columns not imported

    def counts(self) -> dict[Fate, int]:
        counter = Counter(r.fate for r in self.rows)
        return {fate: counter.get(fate, 0) for fate in Fate}

    def of(self, fate: Fate) -> list[PlannedRow]:
        return [r for r in self.rows if r.fate is fate]

    @property
    def refused(self) -> list[PlannedRow]:
        return self.of(Fate.REFUSE)

    @property
    def problems(self) -> list[Problem]:
        return [p for r in self.rows for p in r.problems]

    def column_of(self, key: str) -> str:
        """The header of the column holding field ``key`` ('' when the sheet has none)."""
        for col, field_key in self.columns.items():
            if field_key == key:
                return self.headers[col] if col < len(self.headers) else ""
        return ""

    def summary(self) -> str:
        """One line in Chinese: '共 120 行：新增 100，更新 5，跳过 3，拒绝 12。'"""
        counts = self.counts()
        parts = "，".join(f"{fate.label} {counts[fate]}" for fate in Fate)
        blank = f"（另有 {self.blank_rows} 行空行已忽略）" if self.blank_rows else ""
        return f"{self.kind.label}：共 {len(self.rows)} 行：{parts}。{blank}"


@dataclass(frozen=True)
class ImportResult:
    """What a committed plan wrote."""

    added: int
    updated: int
    skipped: int
    refused: int
    added_ids: tuple[uuid.UUID, ...] = ()
    updated_ids: tuple[uuid.UUID, ...] = ()

    def summary(self) -> str:
        written = f"已导入：新增 {self.added} 条，更新 {self.updated} 条"
        return f"{written}；跳过 {self.skipped} 行，拒绝 {self.refused} 行。"
