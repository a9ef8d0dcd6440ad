"""打印与录回 on the demo township: preview, print (to the one fake: the printer), save as PDF with its log
row, the unmasked copy's confirmation, keying sheets and evaluation forms back by keyboard, problems shown
next to their rows with nothing written, a cancelled inspection PDF, and a name no font can print."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from liandian_desktop.gui.pages.activities import ActivitiesScreen
from liandian_desktop.gui.pages.paper import PaperScreen
from liandian_desktop.gui.pages.paper_forms import EvaluationKeying
from liandian_desktop.gui.pages.paper_print import INSPECTION, MATCHING, SIGNIN, PrintPanel
from liandian_desktop.gui.pages.paper_sheet import SignInKeying
from liandian_desktop.gui.printing import PrintBackend, load_pdf
from liandian_desktop.gui.qt import (
    QApplication,
    QFileDialog,
    QImage,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSize,
    Qt,
    QtPrintSupport,
)
from liandian_desktop.ledger.models import (
    Activity,
    AttendanceStatus,
    Evaluation,
    OrderStatus,
    PersonalDataLog,
    Satisfaction,
    VolunteerServiceRecord,
)
from liandian_desktop.ledger.services.base import ListQuery
from liandian_desktop.paper import inspection
from liandian_desktop.paper.privacy import Copy
from liandian_desktop.paper.signin import render_signin
from tests.gui.conftest import Gui, make_gui
from tests.paper.ledger import (  # noqa: F401 - fixtures
    NO_FONT,
    PaperLedger,
    paper_ledger,
    paper_template_file,
)

pytestmark = pytest.mark.slow  # a demo township, and PDFs rendered and printed


@pytest.fixture
def pgui(qtbot: Any, app: QApplication, paper: PaperLedger, tmp_path: Path) -> Iterator[Gui]:
    """The main window on the paper tests' demo township (tests/paper/ledger.py)."""
    yield from make_gui(qtbot, paper.store, tmp_path)


def activity(paper: PaperLedger, code: str) -> Activity:
    with paper.store.session() as s:
        return s.scalars(select(Activity).where(Activity.code == code)).one()


def open_page(gui: Gui) -> PaperScreen:
    page = gui.open("paper")
    assert isinstance(page, PaperScreen)
    return page


def choose(gui: Gui, panel: PrintPanel, kind: str, code: str, paper: PaperLedger) -> None:
    """Pick an activity as the user would: the kind, then the row (past activities need the checkbox)."""
    panel.set_kind(kind)
    picker = panel.activity_picker
    if not picker.past.isChecked():
        picker.past.setChecked(True)
    gui.qtbot.waitUntil(lambda: not picker.list.model.busy and picker.list.model.rowCount() > 0)
    picker.list.search.setText(code)
    target = activity(paper, code)
    model = picker.list.model
    gui.qtbot.waitUntil(lambda: model.rowCount() == 1 and model.record(0).id == target.id, timeout=5000)
    picker.list.select_row(0)


def preview(gui: Gui, panel: PrintPanel) -> Any:
    with gui.qtbot.waitSignal(panel.document_ready, timeout=30_000) as blocker:
        panel.preview_button.click()
    gui.idle()
    return blocker.args[0]


def logs(paper: PaperLedger) -> list[PersonalDataLog]:
    with paper.store.session() as s:
        return list(s.scalars(select(PersonalDataLog).order_by(PersonalDataLog.at)))


def grey(image: QImage) -> list[int]:
    small = image.convertToFormat(QImage.Format.Format_Grayscale8)
    return [small.pixelColor(x, y).value() for y in range(small.height()) for x in range(small.width())]


def page_image(data: bytes, page: int, size: QSize) -> list[int]:
    """A page drawn on white at 10× ``size`` then averaged down to ``size`` (so a vector page and the
    printer's raster of it are compared alike), as grey values."""
    from liandian_desktop.gui.qt import QPainter

    document = load_pdf(data)
    big = QSize(size.width() * 10, size.height() * 10)
    rendered = document.render(page, big)
    flat = QImage(big, QImage.Format.Format_RGB32)
    flat.fill(Qt.GlobalColor.white)
    painter = QPainter(flat)
    painter.drawImage(0, 0, rendered)
    painter.end()
    document.close()
    return grey(
        flat.scaled(size, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation)
    )


class FakePrinter(PrintBackend):
    """The one fake: no printer exists here. The print dialog is answered at once and the job goes to Qt's
    own PDF printer, so what was sent can be looked at."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.asked: list[int] = []

    def ask(self, parent: Any, printer: Any, pages: int, on_accepted: Callable[[], None]) -> None:
        self.asked.append(pages)
        printer.setOutputFormat(QtPrintSupport.QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(self.out))
        on_accepted()
        return None


# ---------------------------------------------------------------------------------------------------------
# 打印
# ---------------------------------------------------------------------------------------------------------


def test_preview_shows_every_page_of_a_demo_activity_sheet(pgui: Gui, paper: PaperLedger) -> None:
    page = open_page(pgui)
    panel = page.printing
    assert page.is_loaded
    # an upcoming activity is listed first by default; the meeting (3 days ago) needs 含已结束的活动
    choose(pgui, panel, SIGNIN, paper.meeting, paper)
    document = preview(pgui, panel)
    expected = render_signin(paper.store, paper.meeting).pages
    assert expected > 1  # the meeting's invitees fill more than a page
    assert document.pages == expected
    pane = panel.preview_pane
    assert pane.showing and pane.page_count == expected
    assert pane.page_total.text() == f"/ {expected} 页"
    assert pane.current_page() == 0 and not pane.previous_button.isEnabled()
    pane.next_button.click()
    pgui.qtbot.waitUntil(lambda: pane.current_page() == 1)
    assert pane.page_box.value() == 2
    pane.zoom_in_button.click()
    assert pane.zoom_label.text().endswith("%")
    pane.fit_page_button.click()
    assert pane.zoom_label.text() == "整页"
    assert "含" in panel.status.text() and "（掩码）" in panel.status.text()
    assert logs(paper) == []  # a preview is not a print: nothing logged
    pgui.ctx.changed("attendances")  # someone keyed the sheet meanwhile: print and save draw it again
    assert panel.rendered is None and "重新生成" in panel.status.text()


def test_save_as_pdf_writes_the_file_and_a_personal_data_log_row(
    pgui: Gui, paper: PaperLedger, tmp_path: Path
) -> None:
    panel = open_page(pgui).printing
    choose(pgui, panel, SIGNIN, paper.meeting, paper)
    panel.save_button.click()  # renders first, then asks where
    pgui.qtbot.waitUntil(lambda: isinstance(panel.last_dialog, QFileDialog), timeout=30_000)
    dialog = panel.last_dialog
    assert isinstance(dialog, QFileDialog)
    assert dialog.acceptMode() == QFileDialog.AcceptMode.AcceptSave
    target = tmp_path / "out" / "签到表.pdf"
    target.parent.mkdir()
    assert dialog.selectedFiles()[0].endswith(f"exports/{panel.document.file_name}")  # the suggestion
    dialog.findChild(QLineEdit, "fileNameEdit").setText(str(target))  # typed by the user
    with pgui.qtbot.waitSignal(panel.saved, timeout=10_000) as saved:
        dialog.accept()
    assert saved.args == [target]
    assert target.read_bytes().startswith(b"%PDF")
    assert target.read_bytes() == panel.document.pdf
    (row,) = logs(paper)
    assert row.action == "pdf" and row.target == str(target.resolve())
    assert row.operator == "测试员" and not row.unmasked and not row.public_copy
    assert row.people_count == len(paper.residents)
    assert "身份证号（掩码）" in row.fields
    assert "已记入个人信息使用记录" in panel.status.text()


def test_printing_sends_every_page_at_full_size_and_logs_it(
    pgui: Gui, paper: PaperLedger, tmp_path: Path
) -> None:
    panel = open_page(pgui).printing
    out = tmp_path / "printed.pdf"
    printer = FakePrinter(out)
    panel.print_backend = printer
    choose(pgui, panel, SIGNIN, paper.meeting, paper)
    with pgui.qtbot.waitSignal(panel.printed, timeout=60_000) as blocker:
        panel.print_button.click()
    document = panel.document
    assert printer.asked == [document.pages]
    assert blocker.args == [document.pages]
    sent = out.read_bytes()
    printed = load_pdf(sent)
    assert printed.pageCount() == document.pages
    for n in range(document.pages):
        size = printed.pagePointSize(n)  # A4 portrait, 100 %: 595 × 842 points
        assert abs(size.width() - 595.3) < 1.5 and abs(size.height() - 841.9) < 1.5
    printed.close()
    # what came out is the page, not a blank sheet nor a shrunk copy
    small = QSize(105, 149)
    original, out_page = page_image(document.pdf, 0, small), page_image(sent, 0, small)
    ink = sum(255 - v for v in out_page) / len(out_page)
    assert ink > 8  # about 16 on this sheet; a blank page has 0
    assert sum(abs(a - b) for a, b in zip(original, out_page, strict=True)) / len(original) < 4
    (row,) = logs(paper)
    assert row.action == "print" and row.target == str(out) and row.people_count == len(paper.residents)


def test_the_landscape_matching_list_prints_landscape(pgui: Gui, paper: PaperLedger, tmp_path: Path) -> None:
    panel = open_page(pgui).printing
    out = tmp_path / "matching.pdf"
    panel.print_backend = FakePrinter(out)
    panel.set_kind(MATCHING)
    year, quarter = paper.quarter.split("-Q")
    panel.quarter_picker.year.setValue(int(year))
    panel.quarter_picker.quarter.setCurrentIndex(int(quarter) - 1)
    with pgui.qtbot.waitSignal(panel.printed, timeout=60_000):
        panel.print_button.click()
    printed = load_pdf(out.read_bytes())
    assert printed.pageCount() == panel.document.pages
    size = printed.pagePointSize(0)
    assert size.width() > size.height()
    printed.close()


def test_the_unmasked_copy_needs_a_confirmation_that_it_is_logged(pgui: Gui, paper: PaperLedger) -> None:
    panel = open_page(pgui).printing
    choose(pgui, panel, SIGNIN, paper.meeting, paper)

    def asked() -> QMessageBox:
        pgui.qtbot.waitUntil(
            lambda: isinstance(panel.last_dialog, QMessageBox) and panel.last_dialog.isVisible()
        )
        box = panel.last_dialog
        assert isinstance(box, QMessageBox)
        assert "记入个人信息使用记录" in box.informativeText()
        return box

    panel.copy_buttons["unmasked"].click()
    box = asked()
    (cancel,) = [b for b in box.buttons() if b.text() == "取消"]
    cancel.click()
    pgui.qtbot.waitUntil(lambda: panel.copy_buttons["internal"].isChecked())
    assert panel.current_copy() == Copy()

    panel.copy_buttons["unmasked"].click()
    box = asked()
    (yes,) = [b for b in box.buttons() if b.text() == "使用完整信息版"]
    yes.click()
    pgui.qtbot.waitUntil(lambda: panel.current_copy() == Copy(unmasked=True))
    document = preview(pgui, panel)
    assert document.unmasked and "未掩码" in panel.banner.text
    assert "身份证号（完整）" in document.personal_fields
    # 公开张贴 never offers unmasked data; the unmasked choice must be confirmed again next time
    panel.copy_buttons["public"].click()
    assert panel.current_copy() == Copy(public=True)
    panel.copy_buttons["unmasked"].click()
    asked()


def test_a_name_no_font_has_is_reported_before_anything_is_printed(
    pgui: Gui, paper: PaperLedger, tmp_path: Path
) -> None:
    meeting = activity(paper, paper.meeting)
    resident = pgui.ctx.residents.create(paper.township_id, meeting.community_id, f"林{NO_FONT}")
    pgui.ctx.activities.invite(meeting.id, [resident.id])
    panel = open_page(pgui).printing
    out = tmp_path / "never.pdf"
    panel.print_backend = FakePrinter(out)
    choose(pgui, panel, SIGNIN, paper.meeting, paper)
    panel.print_button.click()
    pgui.qtbot.waitUntil(lambda: isinstance(panel.last_dialog, QMessageBox), timeout=30_000)
    box = panel.last_dialog
    assert box.objectName() == "MissingGlyphs"
    assert f"林{NO_FONT}" in box.informativeText() and "U+9FF0" in box.informativeText()
    pgui.idle()
    assert panel.document is None and not out.exists() and logs(paper) == []


def test_an_inspection_pdf_is_built_in_a_worker_and_can_be_cancelled(
    pgui: Gui, paper: PaperLedger, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real build, paused at its first progress report until the user has clicked 取消."""
    real = inspection.render_inspection
    reached, go = threading.Event(), threading.Event()
    outcome: list[BaseException] = []

    def paused(store: Any, **kwargs: Any) -> Any:
        report = kwargs["progress"]

        def progress(fraction: float, stage: str) -> None:
            report(fraction, stage)
            if not reached.is_set():
                reached.set()
                go.wait(10)

        try:
            return real(store, **{**kwargs, "progress": progress})
        except BaseException as exc:
            outcome.append(exc)
            raise

    monkeypatch.setattr(inspection, "render_inspection", paused)
    panel = open_page(pgui).printing
    panel.set_kind(INSPECTION)
    panel.inspection_picker.set_period(paper.quarter)
    panel.preview_button.click()
    task = panel.render_task
    assert task is not None and reached.wait(10)
    assert threading.current_thread() is threading.main_thread()  # the GUI thread is free meanwhile
    pgui.qtbot.waitUntil(lambda: getattr(task, "progress_dialog", None) is not None, timeout=5000)
    dialog = task.progress_dialog  # type: ignore[attr-defined]
    assert dialog.labelText().startswith("正在生成督查材料")
    (cancel,) = dialog.findChildren(QPushButton)
    with pgui.qtbot.waitSignal(task.cancelled, timeout=20_000):
        cancel.click()
        go.set()
    assert isinstance(outcome[0], inspection.InspectionCancelled)
    assert panel.document is None and panel.status.text() == "已取消生成。"
    assert panel.preview_button.isEnabled()
    # and without cancelling, the same choice builds
    monkeypatch.setattr(inspection, "render_inspection", real)
    document = preview(pgui, panel)
    assert document.pages > 3 and panel.preview_pane.page_count == document.pages


def test_print_buttons_on_the_activities_and_orders_pages_open_this_page(
    pgui: Gui, paper: PaperLedger
) -> None:
    page = pgui.open("activities")
    assert isinstance(page, ActivitiesScreen)
    browser = page.browser
    browser.list.search.setText(paper.volunteer)
    pgui.qtbot.waitUntil(lambda: browser.list.model.rowCount() == 1)
    browser.list.select_row(0)
    pgui.click(browser.buttons["print_signin"])
    paper_page = pgui.window.pages["paper"]
    assert isinstance(paper_page, PaperScreen)
    assert pgui.window.current_key() == "paper"
    panel = paper_page.printing
    pgui.qtbot.waitUntil(lambda: panel.activity_picker.current() is not None)
    assert panel.kind == "volunteer-signin"  # a volunteer activity gets the sheet with hours
    assert panel.activity_picker.current().code == paper.volunteer

    orders = pgui.open("orders").browser
    orders.list.search.setText(paper.resolved_order)
    pgui.qtbot.waitUntil(lambda: orders.list.model.rowCount() == 1)
    orders.list.select_row(0)
    pgui.click(orders.buttons["print_evaluation"])  # resolved, waiting for the resident's rating
    assert pgui.window.current_key() == "paper"
    pgui.qtbot.waitUntil(lambda: panel.order_picker.current() is not None)
    assert panel.kind == "evaluation-order" and panel.order_picker.current().code == paper.resolved_order
    document = preview(pgui, panel)
    assert document.pages == 1 and not document.has_personal_data  # anonymous: one form, no names


# ---------------------------------------------------------------------------------------------------------
# 录回
# ---------------------------------------------------------------------------------------------------------


def open_form(gui: Gui, page: PaperScreen, code: str, form: int | None = None) -> Any:
    """Type the code printed on the form (and choose the form when the code does not say), Enter."""
    panel = page.keying
    page.tabs.setCurrentWidget(panel)
    panel.code_edit.clear()
    gui.qtbot.keyClicks(panel.code_edit, code)
    if form is not None:
        panel.form_box.setCurrentIndex(form)
    gui.qtbot.keyClick(panel.code_edit, Qt.Key.Key_Return)
    gui.qtbot.waitUntil(lambda: panel.keying is not None, timeout=10_000)
    gui.idle()
    return panel.keying


def key(gui: Gui, widget: Any, *keys: Any) -> None:
    for k in keys:
        if isinstance(k, str):
            gui.qtbot.keyClicks(widget, k)
        else:
            gui.qtbot.keyClick(widget, k)


def statuses(gui: Gui, paper: PaperLedger, code: str) -> dict[str, AttendanceStatus]:
    return {row.row_code: row.status for row in gui.ctx.activities.sheet(activity(paper, code).id)}


def test_a_sign_in_sheet_keyed_by_keyboard_is_saved_in_one_go(pgui: Gui, paper: PaperLedger) -> None:
    page = open_page(pgui)
    sheet = open_form(pgui, page, paper.meeting)
    assert isinstance(sheet, SignInKeying)
    model = sheet.model
    # laid out like the paper: page breaks where the printed sheet turns the page, same codes, same order
    printed = render_signin(paper.store, paper.meeting)
    breaks = [item for item in model.items if isinstance(item, int)]
    assert breaks == list(range(1, printed.pages + 1))
    assert model.data(model.index(0, 0)) == f"—— 第 1 页 / 共 {printed.pages} 页 ——"
    codes = [line.code for line in model.lines()]
    assert codes == [f"{n:03d}" for n in range(1, len(codes) + 1)]
    blank = next(line for line in model.lines() if not line.printed)
    assert "输入行号" in sheet.hint.text() and "空格" in sheet.hint.text()

    table = sheet.table
    table.setFocus()
    key(pgui, table, "1", Qt.Key.Key_Space)  # 001 到
    assert sheet.code_box.text() == ""
    key(pgui, table, Qt.Key.Key_Return, Qt.Key.Key_Space, Qt.Key.Key_Space)  # 002 到, then 缺 (a correction)
    key(pgui, table, "3", Qt.Key.Key_Space)  # 003 到
    key(pgui, table, "7")
    assert sheet.code_box.text() == "7" and model.line(table.currentIndex().row()).code == "007"
    key(pgui, table, Qt.Key.Key_Space, Qt.Key.Key_Delete)  # 007: keyed, then taken back
    key(pgui, table, str(int(blank.code)), Qt.Key.Key_F2)  # a walk-in on the first blank row
    pgui.qtbot.waitUntil(lambda: table.state() == table.State.EditingState)
    editor = table.indexWidget(table.currentIndex())  # the name cell's editor
    assert isinstance(editor, QLineEdit)
    editor.setText("孙𠅤华")  # non-ASCII is set directly (keyClicks would abort this Qt build)
    key(pgui, editor, Qt.Key.Key_Return)  # the delegate commits on its next turn of the event loop
    pgui.qtbot.waitUntil(lambda: blank.name == "孙𠅤华")
    assert blank.walk_in and table.state() != table.State.EditingState
    assert model.line(table.currentIndex().row()).code == f"{int(blank.code) + 1:03d}"  # Enter moved on
    assert "未保存 4 行" in sheet.counts.text()
    assert statuses(pgui, paper, paper.meeting)["001"] == AttendanceStatus.INVITED  # nothing written yet

    with pgui.qtbot.waitSignal(page.keying.saved, timeout=10_000):
        key(pgui, table, Qt.Key.Key_S)  # plain S does nothing…
        pgui.qtbot.keyClick(table, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # …Ctrl+S saves
    pgui.idle()
    stored = statuses(pgui, paper, paper.meeting)
    assert stored["001"] == AttendanceStatus.PRESENT
    assert stored["002"] == AttendanceStatus.ABSENT
    assert stored["003"] == AttendanceStatus.PRESENT
    assert stored["007"] == AttendanceStatus.INVITED
    assert stored[blank.code] == AttendanceStatus.WALK_IN
    assert "到 2 人，缺 1 人，现场加入 1 人" in page.keying.banner.text
    # the sheet was read back: saved rows are no longer pending
    assert not sheet.dirty and not page.keying.save_button.isEnabled()


def test_a_bad_row_is_shown_next_to_it_and_nothing_is_written(pgui: Gui, paper: PaperLedger) -> None:
    page = open_page(pgui)
    sheet = open_form(pgui, page, paper.volunteer)
    assert sheet.model.takes_hours and "F3" in sheet.hint.text()
    table = sheet.table
    table.setFocus()
    key(pgui, table, "1", Qt.Key.Key_F3)  # hours for 001…
    pgui.qtbot.waitUntil(lambda: table.state() == table.State.EditingState)
    key(pgui, table.indexWidget(table.currentIndex()), "abc", Qt.Key.Key_Return)
    pgui.qtbot.waitUntil(lambda: table.state() != table.State.EditingState)  # …that are not a number
    key(pgui, table, "2", Qt.Key.Key_Space)  # 002 present: fine on its own
    before = statuses(pgui, paper, paper.volunteer)
    page.keying.save_button.click()
    pgui.qtbot.waitUntil(lambda: sheet.model.line(sheet.model.row_of("001")).problem != "", timeout=10_000)
    pgui.idle()
    row = sheet.model.row_of("001")
    problem = sheet.model.data(sheet.model.index(row, sheet.model.column("problem")))
    assert problem and ("时长" in problem or "小时" in problem)
    assert sheet.model.line(sheet.model.row_of("002")).problem == ""
    assert "均未保存" in page.keying.banner.text
    assert statuses(pgui, paper, paper.volunteer) == before  # 002 was not written either
    assert page.keying.save_button.isEnabled()  # fix the row and save again

    # fixed: 2.5 hours; saved; then the hours go to the volunteers' records when asked
    row = sheet.model.row_of("001")
    sheet.model.setData(sheet.model.index(row, sheet.model.column("hours")), "2.5")
    with pgui.qtbot.waitSignal(page.keying.saved, timeout=10_000):
        page.keying.save_button.click()
    pgui.qtbot.waitUntil(lambda: page.keying.last_dialog is not None and page.keying.last_dialog.isVisible())
    box = page.keying.last_dialog
    assert box.objectName() == "OfferVolunteerHours"
    (yes,) = [b for b in box.buttons() if b.text() == "计入志愿服务记录"]
    yes.click()
    pgui.idle()
    rows = {r.row_code: r for r in pgui.ctx.activities.sheet(activity(paper, paper.volunteer).id)}
    assert rows["001"].hours == Decimal("2.5") and rows["002"].status == AttendanceStatus.PRESENT
    with paper.store.session() as s:
        records = list(
            s.scalars(
                select(VolunteerServiceRecord).where(
                    VolunteerServiceRecord.activity_id == activity(paper, paper.volunteer).id
                )
            )
        )
    assert [r.volunteer_id for r in records] == [rows["001"].volunteer_id]
    assert "已计入 1 人" in page.keying.banner.text


def test_evaluation_forms_are_keyed_with_number_keys_form_by_form(pgui: Gui, paper: PaperLedger) -> None:
    page = open_page(pgui)
    panel = page.keying
    # a QR payload says which form it is
    page.tabs.setCurrentWidget(panel)
    panel.code_edit.setText(f"LD1|evaluation|2026.1|{paper.meeting}|2/40")
    assert panel.form_box.currentIndex() == 1
    panel.code_edit.setText(f"LD1|signin|2026.1|{paper.meeting}|1/3")
    assert panel.form_box.currentIndex() == 0
    forms = open_form(pgui, page, paper.meeting, form=1)
    assert isinstance(forms, EvaluationKeying)
    model = forms.model
    assert model.rowCount() >= 2 and model.header_text("serial") == "份号"
    table = forms.table
    table.setFocus()
    key(pgui, table, "1", "1", "2", "1")  # form 1: 非常满意, 已解决, then questions 3 and 4
    assert table.currentIndex().column() == model.column("comment")
    key(pgui, table, Qt.Key.Key_Return)  # no comment: next form
    assert table.currentIndex().row() == 1
    key(pgui, table, "4", Qt.Key.Key_Space, "3")  # form 2: 不满意, resolution left blank, question 3
    key(pgui, table, "9")  # question 4 has 3 choices: 9 ticks nothing
    assert model.items[1].answers == {"satisfaction": "不满意", "attitude": "基本满意"}
    model.setData(model.index(1, model.column("comment")), "希望多办几次")
    assert model.data(model.index(0, model.column("q:satisfaction"))) == "1 非常满意"
    with pgui.qtbot.waitSignal(panel.saved, timeout=10_000):
        panel.save_button.click()
    pgui.idle()
    with paper.store.session() as s:
        stored = list(
            s.scalars(select(Evaluation).where(Evaluation.activity_id == activity(paper, paper.meeting).id))
        )
    assert {e.satisfaction for e in stored} == {Satisfaction.VERY_SATISFIED, Satisfaction.DISSATISFIED}
    assert any(e.comment.startswith("希望多办几次") for e in stored)
    # read back: both copies are now keyed and cannot be keyed twice
    assert model.items[0].keyed and model.items[1].keyed
    table.setCurrentIndex(model.index(0, model.column("q:satisfaction")))
    key(pgui, table, "2")
    assert "已经录入过" in panel.banner.text


def test_a_work_order_evaluation_closes_the_loop(pgui: Gui, paper: PaperLedger) -> None:
    page = open_page(pgui)
    forms = open_form(pgui, page, paper.resolved_order.lower())  # a work-order code: 测评表
    assert isinstance(forms, EvaluationKeying)
    assert forms.model.rowCount() == 1 and not forms.add_button.isVisible()
    key(pgui, forms.table, "2")  # 满意, but 解决情况 is required for a work order
    page.keying.save_button.click()
    pgui.qtbot.waitUntil(lambda: forms.model.items[0].problem != "", timeout=10_000)
    assert "没有填写" in forms.model.items[0].problem
    key(pgui, forms.table, "1")  # 已解决
    with pgui.qtbot.waitSignal(page.keying.saved, timeout=10_000):
        page.keying.save_button.click()
    pgui.idle()
    order = pgui.ctx.orders.list(ListQuery(search=paper.resolved_order)).rows[0]
    assert order.status == OrderStatus.EVALUATED
    assert "已保存 1 份测评表" in page.keying.banner.text
