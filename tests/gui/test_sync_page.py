"""数据同步 page against a real county server on loopback (tests/sync/harness.py): enrol, sync, offline."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from liandian_desktop.gui.pages.sync import SyncScreen
from liandian_desktop.gui.qt import QApplication
from liandian_desktop.store.engine import Store
from tests.gui.conftest import Gui, make_gui
from tests.sync.harness import County, new_ledger

pytest_plugins = ["tests.sync.harness"]


@pytest.fixture
def laptop_gui(
    qtbot: Any, app: QApplication, tmp_path: Path, empty_ledger: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Gui]:
    """The main window on an empty ledger; the credential goes to the encrypted file, not the keyring."""
    monkeypatch.setenv("LIANDIAN_CREDENTIALS", "file")
    store: Store = new_ledger(tmp_path / "laptop", empty_ledger)
    try:
        yield from make_gui(qtbot, store, tmp_path / "data")
    finally:
        store.close()


def open_sync(gui: Gui) -> SyncScreen:
    page = gui.open("sync")
    assert isinstance(page, SyncScreen)
    return page


def enrol(gui: Gui, page: SyncScreen, url: str, code: str) -> None:
    page.server_edit.setText(url)
    page.code_edit.setText(code)
    gui.click(page.enrol_button)
    gui.qtbot.waitUntil(lambda: page.enrol_button.isEnabled() and gui.ctx.tasks.pending == 0, timeout=15000)


def test_enrol_and_sync_through_the_page(laptop_gui: Gui, county: County) -> None:
    gui = laptop_gui
    page = open_sync(gui)
    assert page.enrol_box.isVisibleTo(page) and not page.status_box.isVisibleTo(page)

    enrol(gui, page, county.url, county.code(county.township_a))
    assert page.enrol_error.text() == ""
    gui.qtbot.waitUntil(lambda: page.status_box.isVisibleTo(page), timeout=5000)
    assert not page.enrol_box.isVisibleTo(page)
    assert page.server_label.text() == county.url
    assert page.township_label.text() == "云岭镇"
    assert page.last_sync_label.text() == "从未同步"

    gui.click(page.sync_button)
    assert page.progress_dialog is not None
    gui.qtbot.waitUntil(lambda: "数据核对一致" in page.report_label.text(), timeout=30000)
    gui.idle(15000)
    assert page.report_label.text().startswith("上传 ")
    assert page.last_sync_label.text() != "从未同步"
    assert page.progress_dialog is None and page.sync_button.isEnabled()
    assert page.banner.text == ""
    assert page.no_conflicts.isVisibleTo(page)
    # the status bar now follows the sync client: synced, nothing waiting
    gui.qtbot.waitUntil(
        lambda: gui.ctx.sync_state is not None and gui.ctx.sync_state.last_sync is not None, timeout=5000
    )
    assert gui.ctx.sync_state.pending == 0

    # the line to the township office goes down: the page says so, in the error's own words
    county.server.stop()
    gui.click(page.sync_button)
    gui.qtbot.waitUntil(lambda: "无法连接县级服务器" in page.banner.text, timeout=30000)
    gui.idle(15000)
    assert "本机未同步的修改已保存" in page.banner.text
    assert page.sync_button.isEnabled()


def test_unreachable_server_gives_the_offline_message(laptop_gui: Gui, tmp_path: Path) -> None:
    gui = laptop_gui
    page = open_sync(gui)
    enrol(gui, page, "http://127.0.0.1:9", "ABCD-EFGH")
    assert "无法连接县级服务器（http://127.0.0.1:9）" in page.enrol_error.text()
    assert page.enrol_box.isVisibleTo(page) and not page.status_box.isVisibleTo(page)

    enrol(gui, page, "ftp://server", "ABCD")
    assert "http://" in page.enrol_error.text()


def test_a_real_conflict_is_listed_and_resolved_from_the_page(laptop_gui: Gui, county: County) -> None:
    """The laptop and the county rename the same community; the page lists the conflict and adopting the
    county's name puts it back, everywhere."""
    import uuid

    from liandian_desktop.ledger.models import Community
    from liandian_desktop.sync.conflicts import ConflictService

    gui = laptop_gui
    page = open_sync(gui)
    enrol(gui, page, county.url, county.code(county.township_a))
    gui.qtbot.waitUntil(lambda: page.status_box.isVisibleTo(page), timeout=5000)

    def sync_now() -> None:
        gui.click(page.sync_button)
        gui.qtbot.waitUntil(
            lambda: page.progress_dialog is None and page.sync_button.isEnabled(), timeout=30000
        )
        gui.idle(15000)

    sync_now()  # the township row arrives
    store = gui.ctx.store
    with store.transaction() as s:
        community = Community(township_id=uuid.UUID(county.township_a), code="430127100001", name="石门村")
        s.add(community)
    sync_now()  # the new community goes up
    county.edit("communities", community.id, name="石门村（县里改）")
    with store.transaction() as s:
        row = s.get(Community, community.id)
        assert row is not None
        row.name = "石门村（乡里改）"
    sync_now()  # both changed the name: the later arrival (the laptop's) stands, the other is kept

    gui.qtbot.waitUntil(lambda: page.conflicts.rowCount() == 1, timeout=10000)
    assert page.conflicts.item(0, 1).text() == "name"
    assert page.conflicts.item(0, 2).text() == "石门村（乡里改）"
    assert page.conflicts.item(0, 3).text() == "石门村（县里改）"
    adopt_other = page.conflicts.cellWidget(0, 6)
    gui.click(adopt_other)
    gui.qtbot.waitUntil(lambda: page.no_conflicts.isVisibleTo(page), timeout=10000)
    with store.session() as s:
        row = s.get(Community, community.id)
        assert row is not None and row.name == "石门村（县里改）"
    assert ConflictService(store).list() == []
    sync_now()  # the choice reaches the county
    record = county.record("communities", community.id)
    assert record is not None and record["name"] == "石门村（县里改）"
