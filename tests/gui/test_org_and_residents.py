"""村（社区）与结对 and 居民: forms built from field specs, errors next to the field, rare characters."""

from __future__ import annotations

from typing import Any

from liandian_desktop.gui.pages.org import OrgScreen
from liandian_desktop.gui.qt import QFontMetrics
from liandian_desktop.gui.theme import EXT, SANS, app_font
from liandian_desktop.ledger.models import SpecialGroup

ID_80 = "11010519400101123X"  # born 1940: 老年人 and 高龄老人


def test_key_community_gap_warning_and_a_new_pairing(gui: Any, town: Any) -> None:
    # 八一路社区 becomes a key community with a single paired unit: the page warns
    gui.ctx.divisions.edit_community(town.community_ids[1], is_key=True)
    page = gui.open("org")
    assert isinstance(page, OrgScreen)
    warning = "重点社区“八一路社区”结对单位少于 2 个。"
    gui.qtbot.waitUntil(lambda: warning in page.warnings.text)
    assert "兼职顾问 0 名" in page.warnings.text  # the cadre rules are shown too

    pairings = page.pairings
    page.tabs.setCurrentWidget(pairings)
    assert pairings.list.model.rowCount() == 3
    gui.click(pairings.buttons["new"])
    form = gui.form(pairings)
    form.set_value("unit_id", town.unit_ids[0])
    form.set_value("community_id", town.community_ids[1])
    form.editor("end").setText("2025-01-01")  # before the start: refused next to 结束日期
    gui.save(form, closes=False)
    assert form.error_text("end").startswith("结束日期2025-01-01早于开始日期")
    form.editor("end").clear()
    gui.save(form)
    assert pairings.list.model.rowCount() == 4
    gui.qtbot.waitUntil(lambda: warning not in page.warnings.text)


def test_community_code_is_checked_next_to_its_field(gui: Any, town: Any) -> None:
    page = gui.open("org")
    b = page.communities
    gui.click(b.buttons["new"])
    form = gui.form(b)
    form.editor("code").setText("430102002001")  # another township's range
    form.editor("name").setText("新建社区")
    gui.save(form, closes=False)
    assert "范围" in form.error_text("code")
    assert form.error_text("name") == ""
    form.editor("code").setText("430102001003")
    gui.save(form)
    assert gui.column(b, "名称") == ["新建社区", "识字岭社区", "八一路社区"]  # a new row shows at the top
    # other screens see the new community (lookups reloaded)
    gui.qtbot.waitUntil(lambda: "新建社区" in [n for _, n in gui.ctx.lookups.community_choices()])


def test_resident_with_rare_characters_groups_and_masked_numbers(gui: Any, town: Any) -> None:
    page = gui.open("residents")
    b = page.browser
    gui.click(b.buttons["new"])
    form = gui.form(b)
    form.set_value("community_id", town.community_ids[0])
    form.editor("name").setText("王𠅤䶮")
    form.editor("id_number").setText("110105194001011234")  # wrong check digit
    gui.save(form, closes=False)
    assert form.error_text("id_number") != ""
    form.editor("id_number").setText(ID_80)
    form.editor("phone").setText("13812345678")
    form.set_value("groups", [SpecialGroup.DIBAO])
    gui.save(form)
    row = gui.texts(b, 0)
    assert row[0] == "王𠅤䶮" and row[1] == "男" and row[2] == "1940-01-01"
    assert row[4] == "110105********123X" and row[5] == "138****5678"
    assert set(row[6].split("、")) == {"老年人", "高龄老人", "低保"}

    # search with one Chinese character finds her; another does not
    b.list.search.setText("𠅤")
    gui.qtbot.waitUntil(lambda: b.list.model.state.search == "𠅤" and not b.list.model.busy, timeout=3000)
    assert b.list.model.rowCount() == 1
    b.list.search.setText("李")
    gui.qtbot.waitUntil(lambda: b.list.model.state.search == "李" and not b.list.model.busy, timeout=3000)
    assert b.list.model.rowCount() == 0 and b.list.count_label.text() == "没有符合条件的记录"

    # edit sends only what changed (the gender from the ID number is not re-sent as "explicit")
    b.list.search.setText("")
    gui.qtbot.waitUntil(lambda: b.list.model.rowCount() == 1 and not b.list.model.busy, timeout=3000)
    b.list.select_row(0)
    gui.click(b.buttons["edit"])
    form = gui.form(b)
    assert form.editor("id_number").text() == ID_80  # in full when editing
    form.editor("address").setText("识字岭 3 栋")
    assert form.changes() == {"address": "识字岭 3 栋"}
    gui.save(form)
    assert gui.texts(b, 0)[7] == "识字岭 3 栋"


def test_the_bundled_fonts_cover_rare_name_characters(app: Any) -> None:
    font = app_font()
    assert font.families()[:2] == [SANS, EXT]
    sans = QFontMetrics(app_font())
    for ch in "喆堃昇赟玥䶮𠅤":
        assert sans.inFontUcs4(ord(ch)), ch
