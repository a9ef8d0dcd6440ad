"""Screenshots of the main screens, from the demo township, for docs/screenshots/.

    python tools/screenshots.py                      # builds a demo ledger in a temporary folder
    python tools/screenshots.py --data-dir DIR       # or uses an existing ledger
    python tools/screenshots.py --language en        # the English UI (files get an -en suffix)

A real X server is used (Xvfb is started when there is no $DISPLAY; ``apt-get install xvfb
libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0``), at 1366×768 like a coordinator's laptop, with the local
clock of Asia/Shanghai. Each shot waits until every background task has answered (no sleeps).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "docs" / "screenshots"
WIDTH, HEIGHT = 1366, 768


def start_xvfb() -> subprocess.Popen[bytes] | None:
    if os.environ.get("DISPLAY"):
        return None
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        raise SystemExit(
            "no $DISPLAY and no Xvfb: apt-get install xvfb libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0"
        )
    for number in range(90, 110):
        if not Path(f"/tmp/.X11-unix/X{number}").exists() and not Path(f"/tmp/.X{number}-lock").exists():
            break
    process = subprocess.Popen(
        [xvfb, f":{number}", "-screen", "0", f"{WIDTH}x{HEIGHT}x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.environ["DISPLAY"] = f":{number}"
    for _ in range(200):  # the socket appears when the server is ready
        if Path(f"/tmp/.X11-unix/X{number}").exists():
            break
        subprocess.run(["sleep", "0.05"], check=False)
    return process


def build_demo(folder: Path) -> None:
    from liandian_desktop.demo.township import build_demo as build
    from liandian_desktop.store.migrate import open_store

    store = open_store(folder / "ledger.sqlite3", folder / "backups")
    try:
        build(store, scale=1.0, today=date.today())
    finally:
        store.close()


class Shooter:
    """Runs the steps one after another; each waits until the app has nothing left to do."""

    def __init__(self, app: Any, window: Any, ctx: Any, suffix: str) -> None:
        from liandian_desktop.gui.qt import QTimer

        self.app, self.window, self.ctx, self.suffix = app, window, ctx, suffix
        self.steps: list[tuple[str, Callable[[], Any]]] = []
        self.saved: list[Path] = []
        self._timer = QTimer()
        self._timer.setInterval(50)
        self._timer.timeout.connect(self._poll)
        self._quiet = 0

    def step(self, name: str, action: Callable[[], Any]) -> None:
        self.steps.append((name, action))

    def start(self) -> None:
        self._next()

    def _next(self) -> None:
        if not self.steps:
            self.app.quit()
            return
        self.name, action = self.steps.pop(0)
        action()
        self._quiet = 0
        self._timer.start()

    def _poll(self) -> None:
        page = self.window.stack.currentWidget()
        busy = self.ctx.tasks.pending or (page is not None and not getattr(page, "is_loaded", True))
        self._quiet = 0 if busy else self._quiet + 1
        if self._quiet < 6:  # 300 ms with nothing running: repaints are done
            return
        self._timer.stop()
        if self.name:
            screen = self.app.primaryScreen()
            image = screen.grabWindow(0, 0, 0, WIDTH, HEIGHT)
            path = OUT / f"{self.name}{self.suffix}.png"
            image.save(str(path))
            self.saved.append(path)
            print(f"  {path.relative_to(REPO)}")
        self._next()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data-dir", help="a data folder with a ledger (default: a fresh demo township)")
    parser.add_argument("--language", default="zh_CN", choices=("zh_CN", "en"))
    args = parser.parse_args(argv)
    os.environ["TZ"] = "Asia/Shanghai"
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    xvfb = start_xvfb()
    temp = None
    try:
        if args.data_dir:
            data = Path(args.data_dir)
        else:
            temp = tempfile.TemporaryDirectory(prefix="liandian-shots-")
            data = Path(temp.name)
            print("building the demo township…")
            build_demo(data)
        OUT.mkdir(parents=True, exist_ok=True)
        return shoot(data, args.language)
    finally:
        if temp is not None:
            temp.cleanup()
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait()


def shoot(data: Path, language: str) -> int:
    import time

    time.tzset()
    from liandian_desktop.gui.app import application, open_window
    from liandian_desktop.gui.qt import QTimer
    from liandian_desktop.ledger.models import ActivityKind, OrderStatus
    from liandian_desktop.settings import Paths, Settings
    from liandian_desktop.store.engine import Store

    app = application(language)
    store = Store(data / "ledger.sqlite3")
    window, ctx = open_window(store, Paths(data), Settings(language=language))
    window.setGeometry(0, 0, WIDTH, HEIGHT)
    window.show()
    shooter = Shooter(app, window, ctx, "" if language == "zh_CN" else "-en")

    def select(key: str, predicate: Callable[[Any], bool], browser: Any = None) -> None:
        page = window.pages[key]
        browser = browser or page.browser
        model = browser.list.model
        for row in range(model.rowCount()):
            if predicate(model.record(row)):
                browser.list.select_row(row)
                return

    def go(key: str) -> Callable[[], None]:
        return lambda: window.navigate(key)

    shooter.step("", go("overview"))
    shooter.step("01-overview", lambda: window.pages["overview"].refresh())
    shooter.step("", go("orders"))
    shooter.step("02-orders", lambda: select("orders", lambda o: o.status == OrderStatus.ACCEPTED))
    shooter.step("03-order-dispatch", lambda: _dispatch_form(window))
    shooter.step("", lambda: _close_dialogs(window))
    shooter.step("", go("activities"))
    shooter.step(
        "04-activities",
        lambda: select("activities", lambda a: a.kind == ActivityKind.VOLUNTEER and a.starts_at < ctx.now()),
    )
    shooter.step("05-sign-in-keyboard", lambda: _key_sheet(window))
    shooter.step("", go("org"))
    shooter.step("06-communities", lambda: None)
    shooter.step("07-pairings", lambda: window.pages["org"].tabs.setCurrentIndex(2))
    shooter.step("", go("residents"))
    shooter.step("08-residents", lambda: window.pages["residents"].browser.list.search.setText("𠅤"))
    shooter.step("", go("resources"))
    shooter.step("09-resources", lambda: window.pages["resources"].tabs.setCurrentIndex(1))
    shooter.step("", go("volunteers"))
    shooter.step(
        "10-volunteers", lambda: select("volunteers", lambda v: len(ctx.volunteers.records(v.id)) >= 3)
    )
    shooter.step("11-resident-form", lambda: _resident_form(window))
    shooter.step("", lambda: _close_dialogs(window))
    kpi_steps(shooter, window, ctx)
    workbench_steps(shooter, window, ctx)
    transfer_steps(shooter, window, ctx)
    paper_steps(shooter, window, ctx)
    QTimer.singleShot(0, lambda: ctx.ready.connect(shooter.start) if not ctx.loaded else shooter.start())
    app.exec()
    ctx.tasks.shutdown()
    store.close()
    print(f"{len(shooter.saved)} screenshots in {OUT.relative_to(REPO)}")
    return 0


def _dispatch_form(window: Any) -> None:
    from liandian_desktop.ledger.models import OrderStatus

    browser = window.pages["orders"].browser
    model = browser.list.model
    for row in range(model.rowCount()):
        if model.record(row).status == OrderStatus.CREATED:
            browser.list.select_row(row)
            browser.buttons["dispatch"].click()
            return


def _resident_form(window: Any) -> None:
    window.navigate("residents")
    browser = window.pages["residents"].browser
    browser.list.select_row(0)
    browser.buttons["edit"].click()


def _close_dialogs(window: Any) -> None:
    from liandian_desktop.gui.qt import QApplication, QDialog

    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.reject()


def _key_sheet(window: Any) -> None:
    """Type row codes as a coordinator would: 2, Space; Enter; Space."""
    from liandian_desktop.gui.qt import QApplication, QEvent, QKeyEvent, Qt

    sheet = window.pages["activities"].browser.sheet
    table = sheet.table
    table.setFocus()
    for key, text in (
        (Qt.Key.Key_3, "3"),
        (Qt.Key.Key_Space, " "),
        (Qt.Key.Key_Return, "\r"),
        (Qt.Key.Key_Space, " "),
        (Qt.Key.Key_Return, "\r"),
        (Qt.Key.Key_Space, " "),
        (Qt.Key.Key_6, "6"),
    ):
        QApplication.sendEvent(
            table, QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, text)
        )


def workbench_steps(shooter: Shooter, window: Any, ctx: Any) -> None:
    """三张清单与对接会, 满意度测评, 培训与蹲点."""

    def go(key: str) -> Callable[[], None]:
        return lambda: window.navigate(key)

    def lists() -> Any:
        return window.pages["lists"]

    shooter.step("", go("lists"))
    shooter.step("30-demands", lambda: _select_row(lists().demands, 2))
    shooter.step("31-demand-form", lambda: _demand_form(window))
    shooter.step("", lambda: _close_dialogs(window))
    shooter.step("32-supplies", lambda: (lists().tabs.setCurrentIndex(1), _select_row(lists().supplies, 1)))
    shooter.step("33-meeting", lambda: lists().tabs.setCurrentIndex(2))
    shooter.step("34-meeting-confirm", lambda: lists().meeting.confirm(lists().meeting.tree.current_line()))
    shooter.step("", lambda: _close_dialogs(window))
    shooter.step("", go("evaluations"))
    shooter.step("35-evaluations", lambda: _select_row(window.pages["evaluations"].browser, 1))
    shooter.step("36-evaluation-form", lambda: _evaluation_form(window))
    shooter.step("", lambda: _close_dialogs(window))
    shooter.step("", go("workforce"))
    shooter.step("37-training", lambda: None)
    shooter.step("38-cadre-days", lambda: window.pages["workforce"].tabs.setCurrentIndex(1))
    shooter.step("39-funds", lambda: window.pages["workforce"].tabs.setCurrentIndex(2))


def _select_row(browser: Any, row: int) -> None:
    if browser.list.model.rowCount() > row:
        browser.list.select_row(row)


def _evaluation_form(window: Any) -> None:
    browser = window.pages["evaluations"].browser
    model = browser.list.model
    for row in range(model.rowCount()):
        if model.record(row).evaluation.activity_id is not None:
            browser.list.select_row(row)
            break
    browser.buttons["new"].click()


def _demand_form(window: Any) -> None:
    page = window.pages["lists"]
    page.tabs.setCurrentIndex(0)
    form = page.demands.open_form(None)
    data = page.data
    category = data.categories[1]
    form.set_value("community_id", next(iter(page.ctx.lookups.communities)))
    form.set_value("category_id", category.id)
    form.set_value("item_id", data.item_choices(category.id)[1][0])
    form.editor("description").setPlainText("村里 80 岁以上老人 23 位，希望在村委会设助餐点，每周至少 5 次。")


def transfer_steps(shooter: Shooter, window: Any, ctx: Any) -> None:
    """导入与导出: the import wizard on a messy village roster (step 1, the mapping with a column no rule
    recognises, the preview with its reasons), the export tab, and 导出 Excel on the residents list."""
    folder = Path(tempfile.mkdtemp(prefix="liandian-shots-excel-"))

    def wizard() -> Any:
        return window.pages["excel"].wizard

    def open_roster() -> None:
        village = [name for _id, name in ctx.lookups.community_choices()][-1]
        roster = folder / f"{village}居民花名册（2026年3月）.xlsx"
        _messy_roster(roster, ctx)
        wizard().choose_kind("residents")
        wizard().set_file(roster)

    def mapped_and_previewed() -> None:
        w = wizard()
        table = w.mapping.table
        for row in range(table.rowCount()):
            if table.item(row, 1).text() == "居住村组":
                w.set_field(row, "community")
        w.preview()

    def export_menu() -> None:
        button = window.pages["residents"].browser.excel_export.button
        button.menu().popup(button.mapToGlobal(button.rect().bottomLeft()))

    shooter.step("", lambda: window.navigate("excel"))
    shooter.step("40-import-choose", open_roster)
    shooter.step("41-import-mapping", lambda: wizard().inspect())
    shooter.step("", mapped_and_previewed)
    shooter.step("42-import-preview", lambda: wizard().preview_step.table.selectRow(0))
    shooter.step("43-export-tab", lambda: window.pages["excel"].tabs.setCurrentIndex(1))
    shooter.step("", lambda: window.navigate("residents"))
    shooter.step("44-list-export-menu", export_menu)
    shooter.step(
        "",
        lambda: (
            window.pages["residents"].browser.excel_export.button.menu().close(),
            shutil.rmtree(folder, ignore_errors=True),
        ),
    )


def _messy_roster(path: Path, ctx: Any) -> None:
    """A village roster as it arrives: a title and a note above the header, a column no rule recognises
    (居住村组), and a few rows with the usual mistakes among 300 good ones."""
    import random
    from datetime import timedelta

    from openpyxl import Workbook

    from liandian_desktop.ledger.services.base import ListQuery
    from liandian_desktop.ledger.validation import make_id_number

    rng = random.Random(3)
    communities = [name for _id, name in ctx.lookups.community_choices()]
    village = communities[-1]
    known = ctx.residents.list(ListQuery(filters={"township_id": ctx.township.id}, limit=3)).rows
    surnames, given = (
        "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗",
        "伟芳秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚华玉萍红喆堃玥",
    )
    wb = Workbook()
    ws = wb.active
    ws.title = "花名册"
    ws.append([f"{village}居民花名册（2026年3月）"])
    ws.merge_cells("A1:I1")
    ws.append(["填报人：村委会　　联系电话：0731-84561234　　身份证号请用文本格式"])
    ws.append(["序号", "姓名", "性别", "公民身份号码", "出生年月", "手机号", "居住村组", "家庭住址", "低保"])
    for n in range(1, 301):
        birth = date(1935, 1, 1) + timedelta(days=rng.randrange(0, 365 * 70))
        seq = rng.randrange(0, 999)
        number = make_id_number("430102", birth, seq)
        name = rng.choice(surnames) + "".join(rng.choice(given) for _ in range(rng.choice((1, 2))))
        gender = "男" if seq % 2 else "女"
        row: list[object] = [
            n,
            name,
            gender,
            number,
            birth.strftime("%Y.%m.%d"),
            f"13{rng.randrange(0, 10)}{rng.randrange(0, 10**8):08d}",
            rng.choice([village, village, village.removesuffix("村").removesuffix("社区")]),
            f"{village}{rng.randrange(1, 12)}组{rng.randrange(1, 60)}号",
            rng.choice(["", "", "", "", "是"]),
        ]
        if n in (7, 88):
            row[3] = int(number)  # typed as a number: its last digits are gone
        if n == 23:
            row[5] = "1381234"
        if n == 41:
            row[6] = "幸福村"
        if n == 152:
            row[2] = "男" if gender == "女" else "女"
        if n == 77 or n == 203:
            row[3] = ""
            row[1] = name + "2" if n == 203 else ""
        if n in (120, 121, 122) and known:
            person = known[n - 120] if n - 120 < len(known) else known[0]
            row[1], row[3], row[2], row[4] = person.name, person.id_number, "", ""
        ws.append(row)
    ws.append([])
    ws.append(["制表：村委会　　审核：包村干部"])
    for column, width in zip("ABCDEFGHI", (6, 10, 6, 22, 12, 15, 12, 24, 6), strict=True):
        ws.column_dimensions[column].width = width
    wb.save(path)


def paper_steps(shooter: Shooter, window: Any, ctx: Any) -> None:
    """打印与录回: the preview of a sign-in sheet, the unmasked copy's confirmation, an inspection PDF, a
    sheet keyed back by keyboard across its page break (a walk-in with a rare name), a volunteer sheet's
    row refused next to it, and evaluation forms keyed form by form."""

    def page() -> Any:
        return window.pages["paper"]

    chosen: dict[str, Any] = {}
    shooter.step("", lambda: (_close_popups(), _close_dialogs(window)))  # a menu left open before
    shooter.step("", lambda: window.navigate("paper"))
    shooter.step("50-print-preview", lambda: _preview_sheet(page(), ctx, chosen))
    shooter.step("51-print-unmasked-confirm", lambda: page().printing.set_copy("unmasked"))
    shooter.step("", lambda: _close_dialogs(window))
    shooter.step("52-print-inspection", lambda: _preview_inspection(page()))
    shooter.step("", lambda: _open_form(page(), chosen["activity"].code, 0))
    shooter.step("53-keying-sheet", lambda: _key_paper_sheet(page()))
    shooter.step("", lambda: _open_form(page(), _volunteer_activity(ctx).code, 0))
    shooter.step("54-keying-problem", lambda: _refused_row(page()))
    shooter.step("", lambda: _open_form(page(), _past_activity(ctx).code, 1))
    shooter.step("55-keying-evaluations", lambda: _key_paper_forms(page()))


def _close_popups() -> None:
    from liandian_desktop.gui.qt import QApplication

    while (popup := QApplication.activePopupWidget()) is not None:
        popup.close()


def _send_keys(widget: Any, keys: str) -> None:
    """ASCII keys as the keyboard sends them, comma-separated: digits, ' ' (Space), '\\r' (Enter)."""
    from liandian_desktop.gui.qt import QApplication, QEvent, QKeyEvent, Qt

    special = {" ": Qt.Key.Key_Space, "\r": Qt.Key.Key_Return}
    for token in keys.split(","):
        key = special.get(token) or Qt.Key(ord(token.upper()))
        event = QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, token)
        QApplication.sendEvent(widget, event)


def _busiest(ctx: Any, activities: list[Any]) -> Any:
    """The activity with the most people on its sheet (a sheet of several pages)."""
    return max(activities, key=lambda a: len(ctx.activities.sheet(a.id)))


def _preview_sheet(page: Any, ctx: Any, chosen: dict[str, Any]) -> None:
    panel = page.printing
    model = panel.activity_picker.list.model
    chosen["activity"] = _busiest(ctx, [model.record(r) for r in range(min(model.rowCount(), 30))])
    panel.activity_picker.list.select_id(chosen["activity"].id)
    panel.preview()


def _preview_inspection(page: Any) -> None:
    panel = page.printing
    panel.set_kind("inspection")
    panel.inspection_picker.scope_kind.setCurrentIndex(1)  # one community
    panel.preview()


def _volunteer_activity(ctx: Any) -> Any:
    from liandian_desktop.gui.pages.paper_pickers import today
    from liandian_desktop.ledger.models import ActivityKind
    from liandian_desktop.ledger.services.base import ListQuery

    rows = ctx.activities.list(
        ListQuery(filters={"kind": ActivityKind.VOLUNTEER}, sort="starts_at", descending=True, limit=60)
    ).rows
    soon = [a for a in rows if a.starts_at.date() >= today()] or rows
    return _busiest(ctx, soon[-20:])


def _past_activity(ctx: Any) -> Any:
    from liandian_desktop.gui.pages.paper_pickers import today
    from liandian_desktop.ledger.services.base import ListQuery

    rows = ctx.activities.list(ListQuery(sort="starts_at", descending=True, limit=80)).rows
    return _busiest(ctx, [a for a in rows if a.starts_at.date() < today()][:20])


def _open_form(page: Any, code: str, form: int) -> None:
    """Type the code printed on the form (a screenshot leaves the previous form without asking)."""
    keying = page.keying
    page.tabs.setCurrentWidget(keying)
    keying.banner.clear()
    keying.code_edit.setText(code)
    keying.form_box.setCurrentIndex(form)
    keying._open(code)


def _key_paper_sheet(page: Any) -> None:
    """Around the page break: rows keyed with the keys, a walk-in on the first blank row."""
    sheet = page.keying.signin
    table, model = sheet.table, sheet.model
    table.setFocus()
    lines = [line for line in model.lines() if line.printed]
    last_on_first = max((line for line in lines if line.page == 1), key=lambda line: int(line.code))
    start = int(last_on_first.code) - 3
    _send_keys(table, ",".join(str(start)) + ", ,\r, , ,\r, ,\r, ,\r, ")  # 到, 缺 (corrected), 到, 到, 到
    blank = next(line for line in model.lines() if not line.printed)
    row = model.row_of(blank.code)
    model.setData(model.index(row, model.column("name")), "𠅤明华")  # F2, typed through the input method
    model.setData(model.index(row, model.column("phone")), "13907310042")
    _send_keys(table, ",".join(str(int(blank.code) + 1)))


def _refused_row(page: Any) -> None:
    sheet = page.keying.signin
    table, model = sheet.table, sheet.model
    hours = model.column("hours")
    table.setFocus()
    _send_keys(table, "1, ,\r, , ,\r, ")  # 001 到, 002 缺, 003 到
    model.setData(model.index(model.row_of("001"), hours), "3")  # F3, 3, Enter
    model.setData(model.index(model.row_of("003"), hours), "2.5")
    model.setData(model.index(model.row_of("004"), hours), "三个半")  # hours alone mean present
    page.keying.save()


def _key_paper_forms(page: Any) -> None:
    forms = page.keying.evaluation
    table, model = forms.table, forms.model
    table.setFocus()
    _send_keys(table, "1,1,1,1,\r,2,1,2,2,\r,3,2,3,2,\r,2, ,2")
    model.setData(model.index(1, model.column("comment")), "希望每月都能来村里义诊，老人不方便进城。")

def kpi_steps(shooter: Shooter, window: Any, ctx: Any) -> None:
    """考核指标: the dashboard as it opens (tiles, trend), the bars by community, a figure's records and one
    late order's explanation, the monthly assessment with its lists, and an innovation score refused for
    want of evidence."""

    def page() -> Any:
        return window.pages["kpi"]

    def records() -> Any:
        return page().dashboard.last_dialog

    shooter.step("", lambda: window.navigate("kpi"))
    shooter.step("20-kpi-dashboard", lambda: page().dashboard.charts.setCurrentIndex(0))
    shooter.step("21-kpi-communities", lambda: page().dashboard.charts.setCurrentIndex(1))
    shooter.step("22-kpi-records", lambda: page().dashboard.open_figure("response_rate"))
    shooter.step("23-kpi-explanation", lambda: _kpi_explain_late(records()))
    shooter.step("", lambda: _close_dialogs(window))
    shooter.step("24-kpi-assessment", lambda: page().show_assessment())
    shooter.step("25-kpi-innovation-refused", lambda: _kpi_innovation_without_evidence(page().assessment))


def _kpi_explain_late(dialog: Any) -> None:
    from liandian_desktop.kpi import Role

    dialog.show_role(Role.MISS)
    shown = dialog.shown_records()
    if shown:
        dialog.explain(shown[0])


def _kpi_innovation_without_evidence(tab: Any) -> None:
    tab.units.select(tab.units.rows_model.rowCount() - 1)
    tab.score_edit.setText("15")
    tab.evidence_edit.setPlainText("")
    tab.innovate_button.click()


if __name__ == "__main__":
    sys.exit(main())
