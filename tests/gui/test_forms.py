"""The form framework: keyboard (Enter saves, Esc cancels), only changed fields sent, settings saved."""

from __future__ import annotations

import json
from typing import Any

from liandian_desktop.gui.qt import Qt
from liandian_desktop.settings import Settings


def test_enter_saves_and_escape_cancels(gui: Any, town: Any) -> None:
    b = gui.open("org").units
    gui.click(b.buttons["new"])
    form = gui.form(b)
    assert form.editor("name").hasFocus() or form.focusWidget() is form.editor("name")
    gui.qtbot.keyClicks(form.editor("name"), "Unit A")
    gui.qtbot.keyClick(form.editor("name"), Qt.Key.Key_Return)
    gui.qtbot.waitUntil(lambda: not form.isVisible())
    gui.idle()
    assert gui.texts(b, 0)[0] == "Unit A"

    gui.click(b.buttons["new"])
    form = gui.form(b)
    gui.qtbot.keyClicks(form.editor("name"), "Unit B")
    gui.qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert not form.isVisible()
    gui.idle()
    assert "Unit B" not in gui.column(b, "单位名称")


def test_a_conflict_goes_to_the_banner_not_a_field(gui: Any, town: Any) -> None:
    b = gui.open("org").units
    gui.click(b.buttons["new"])
    form = gui.form(b)
    form.editor("name").setText("区民政局")  # already a unit of the county
    gui.save(form, closes=False)
    assert form.banner.text == "联点单位“区民政局”已存在"
    assert all(form.error_text(name) == "" for name in form.editors)


def test_settings_are_saved_to_the_data_folder(gui: Any, tmp_path: Any) -> None:
    form = gui.window.open_settings()
    form.set_value("language", "en")
    form.editor("operator_name").setText("张协理员")
    gui.save(form)
    saved = json.loads((tmp_path / "settings.json").read_text(encoding="utf-8"))
    assert saved["language"] == "en" and saved["operator_name"] == "张协理员"
    assert Settings.load(tmp_path / "settings.json").language == "en"
    assert gui.ctx.settings.operator_name == "张协理员"
    assert "重新启动" in gui.window.status.currentMessage()
