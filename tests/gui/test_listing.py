"""The list framework with a controllable fetch: paging, SQL-side sort and search requests, debounce,
stale answers dropped, and row-level updates."""

from __future__ import annotations

import threading
import uuid
from dataclasses import dataclass
from typing import Any

import pytest

from liandian_desktop.gui.listing import RecordList, col
from liandian_desktop.gui.qt import Qt
from liandian_desktop.gui.tasks import TaskManager
from liandian_desktop.ledger.services.base import ListQuery, Page


@dataclass
class Rec:
    id: uuid.UUID
    name: str
    n: int


ROWS = [Rec(uuid.uuid4(), f"居民{i:03d}", i) for i in range(450)]


class Fetch:
    """A stand-in for ``service.list`` that records the queries and can hold one back."""

    def __init__(self) -> None:
        self.queries: list[ListQuery] = []
        self.hold: dict[str, threading.Event] = {}

    def __call__(self, q: ListQuery) -> Page[Any]:
        self.queries.append(q)
        if q.search in self.hold:
            self.hold[q.search].wait(5)
        rows = [r for r in ROWS if q.search in r.name]
        if q.sort:
            rows.sort(key=lambda r: getattr(r, q.sort or "n"), reverse=q.descending)
        window = rows[q.offset : q.offset + (q.limit or len(rows))]
        return Page(window, len(rows))


@pytest.fixture
def listing(qtbot: Any, qapp: Any) -> Any:
    tasks = TaskManager()
    fetch = Fetch()
    widget = RecordList(
        tasks,
        fetch,
        [col("姓名", "name"), col("序号", "n", align="right"), col("不可排序", "n", sortable=False)],
    )
    qtbot.addWidget(widget)
    widget.resize(600, 400)
    widget.show()
    widget.fetch = fetch  # type: ignore[attr-defined]
    widget.reload()
    qtbot.waitUntil(lambda: widget.model.has_loaded and not widget.model.busy)
    yield widget
    tasks.shutdown()


def test_pages_are_fetched_as_the_view_needs_them(qtbot: Any, listing: Any) -> None:
    model = listing.model
    assert model.rowCount() == 200 and model.total == 450
    assert listing.count_label.text() == "共 450 条，已显示 200 条（向下滚动加载更多）"
    listing.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() == 400)
    assert [q.offset for q in listing.fetch.queries] == [0, 200]
    listing.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() == 450)
    assert not model.canFetchMore()
    assert listing.count_label.text() == "共 450 条"


def test_header_click_sorts_in_the_query_and_unsortable_columns_refuse(qtbot: Any, listing: Any) -> None:
    header = listing.table.horizontalHeader()
    header.setSortIndicator(1, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: listing.fetch.queries[-1].sort == "n" and not listing.model.busy)
    assert listing.fetch.queries[-1].descending is True
    assert listing.model.text(0, 0) == "居民449"
    asked = len(listing.fetch.queries)
    header.setSortIndicator(2, Qt.SortOrder.AscendingOrder)
    assert len(listing.fetch.queries) == asked
    assert header.sortIndicatorSection() == 1  # the indicator stays on the real sort


def test_search_waits_for_typing_to_pause(qtbot: Any, listing: Any) -> None:
    asked = len(listing.fetch.queries)
    qtbot.keyClicks(listing.search, "012")  # (QTest types ASCII only)
    qtbot.waitUntil(lambda: listing.model.state.search == "012" and not listing.model.busy, timeout=2000)
    assert len(listing.fetch.queries) == asked + 1  # one query for three keystrokes
    assert listing.model.total == 1 and listing.model.text(0, 0) == "居民012"


def test_a_slow_old_answer_does_not_overwrite_a_newer_one(qtbot: Any, listing: Any) -> None:
    fetch, model = listing.fetch, listing.model
    fetch.hold["居民1"] = threading.Event()
    model.set_search("居民1")  # this one hangs…
    model.set_search("居民2")  # …and this newer one answers first
    qtbot.waitUntil(
        lambda: (
            model.state.search == "居民2"
            and model.has_loaded
            and model.total == 100
            and model.text(0, 0).startswith("居民2")
        )
    )
    fetch.hold["居民1"].set()  # now the stale answer arrives
    qtbot.waitUntil(lambda: [q.search for q in fetch.queries].count("居民1") == 1)
    qtbot.waitUntil(lambda: not model.busy)
    qtbot.wait(50)
    assert model.total == 100 and model.text(0, 0).startswith("居民2")


def test_an_edit_updates_one_row_without_a_reset(qtbot: Any, listing: Any) -> None:
    model = listing.model
    resets, changed = [], []
    model.modelReset.connect(lambda: resets.append(1))
    model.dataChanged.connect(lambda a, b, *_: changed.append((a.row(), b.row())))
    edited = Rec(ROWS[5].id, "居民五（改）", 5)
    row = model.row_of(edited.id)
    model.upsert(edited)
    assert model.text(row, 0) == "居民五（改）" and changed == [(row, row)]
    new = Rec(uuid.uuid4(), "新居民", 999)
    assert model.upsert(new) == 0 and model.total == 451
    model.remove(new.id)
    assert model.total == 450 and model.text(0, 0) != "新居民"
    assert resets == []
