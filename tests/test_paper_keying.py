"""Keying paper back in: the rows come back in the printed order with the printed codes; a batch is applied
in one transaction after every row is checked, or not at all."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from liandian_desktop.ledger.models import (
    Activity,
    Attendance,
    AttendanceStatus,
    Evaluation,
    OrderStatus,
    Resolution,
    Satisfaction,
    VolunteerServiceRecord,
    WorkOrder,
)
from liandian_desktop.paper.keying import (
    FormAnswers,
    KeyingError,
    RowEntry,
    apply_evaluations,
    apply_sheet,
    open_evaluations,
    open_sheet,
    record_volunteer_hours,
)
from liandian_desktop.paper.privacy import Copy
from liandian_desktop.paper.signin import render_signin
from liandian_desktop.store.engine import Store
from tests.paper.ledger import PaperLedger, paper_ledger, paper_template_file  # noqa: F401 - fixtures
from tests.paper.pdf import qr_codes, rasterise, text_pages

pytestmark = pytest.mark.slow  # renders PDFs and runs poppler / OpenCV / zxing on them


def rows_of(store: Store, code: str) -> dict[str, Attendance]:
    with store.session() as s:
        activity = s.scalars(select(Activity).where(Activity.code == code)).one()
        found = s.scalars(
            select(Attendance).where(Attendance.activity_id == activity.id, Attendance.deleted_at.is_(None))
        )
        return {a.row_code: a for a in found}


def test_the_sheet_comes_back_in_printed_order_with_printed_codes_from_a_scanned_qr(
    paper: PaperLedger, tmp_path: Path
) -> None:
    doc = render_signin(paper.store, paper.meeting)
    image = rasterise(doc.pdf, tmp_path, dpi=100, first=2, last=2)[0]
    payload = qr_codes(image)[0]
    sheet = open_sheet(paper.store, payload)
    assert sheet.activity_code == paper.meeting and sheet.form == "signin" and sheet.pages == doc.pages
    assert sheet.version_note == ""
    codes = [r.row_code for r in sheet.rows]
    assert codes == [f"{n:03d}" for n in range(1, len(codes) + 1)]
    prefilled = [r for r in sheet.rows if r.prefilled]
    assert len(prefilled) == len(paper.residents)
    assert all(not r.prefilled and r.status is None for r in sheet.rows[len(prefilled) :])
    # the order on paper: each page's text lists its rows' codes in sheet order
    pages = text_pages(doc.pdf, tmp_path)
    for page_number, text in enumerate(pages, 1):
        on_page = [r.row_code for r in sheet.rows if r.page == page_number]
        lines = [line.strip() for line in text.splitlines()]
        positions = [lines.index(code) for code in on_page]  # the row code cell is a line of its own
        assert positions == sorted(positions), page_number
    # the public copy's QR code gives the public copy's rows (its pages fall differently)
    public = render_signin(paper.store, paper.meeting, copy=Copy(public=True))
    payload = qr_codes(rasterise(public.pdf, tmp_path, dpi=100, first=1, last=1)[0])[0]
    assert open_sheet(paper.store, payload).pages == public.pages


def test_a_batch_of_ticks_and_walk_ins_is_applied_in_one_go(paper: PaperLedger) -> None:
    sheet = open_sheet(paper.store, paper.meeting)
    blank = [r.row_code for r in sheet.rows if not r.prefilled]
    result = apply_sheet(
        paper.store,
        paper.meeting,
        [
            RowEntry("1", present=True),
            RowEntry("002", present=False),
            RowEntry("003", present=True, note="代签：女儿"),
            RowEntry(blank[0], name="孙𠅤华", phone="13912345678"),
            RowEntry(None, name="周喆"),
        ],
    )
    assert (result.present, result.absent, result.walk_ins) == (2, 1, 2)
    rows = rows_of(paper.store, paper.meeting)
    assert rows["001"].status is AttendanceStatus.PRESENT and rows["002"].status is AttendanceStatus.ABSENT
    assert rows["003"].note == "代签：女儿"
    assert rows[blank[0]].name == "孙𠅤华" and rows[blank[0]].status is AttendanceStatus.WALK_IN
    assert result.row_codes == (blank[1],)  # the one keyed without a code got the next free one
    assert rows[blank[1]].name == "周喆"
    again = open_sheet(paper.store, paper.meeting)
    assert [r.row_code for r in again.rows][: len(sheet.rows)] == [r.row_code for r in sheet.rows]


def test_one_bad_row_means_nothing_is_written_and_every_problem_is_reported(paper: PaperLedger) -> None:
    before = rows_of(paper.store, paper.meeting)
    with pytest.raises(KeyingError) as info:
        apply_sheet(
            paper.store,
            paper.meeting,
            [
                RowEntry("001", present=True),
                RowEntry("002", present=True, hours="2"),  # not a volunteer activity
                RowEntry("003", name="张三", present=True),  # row 003 is someone else
                RowEntry("0", name="李四"),  # no row 000 on the sheet
                RowEntry("001", present=False),  # keyed twice
                RowEntry(None, name="", present=True),  # a walk-in without a name
            ],
        )
    fields = [(p.row, p.field) for p in info.value.problems]
    assert ("第 002 行", "hours") in fields
    assert ("第 003 行", "name") in fields
    assert ("第 001 行", "row_code") in fields
    assert ("空白行", "name") in fields
    assert ("第 000 行", "row_code") in fields
    assert rows_of(paper.store, paper.meeting).keys() == before.keys()
    assert all(a.status is AttendanceStatus.INVITED for a in rows_of(paper.store, paper.meeting).values())


def test_volunteer_hours_are_keyed_then_recorded_on_each_volunteer(paper: PaperLedger) -> None:
    sheet = open_sheet(paper.store, paper.volunteer)
    assert sheet.form == "volunteer-signin" and sheet.takes_hours
    result = apply_sheet(
        paper.store,
        paper.volunteer,
        [RowEntry("001", hours="3"), RowEntry("002", hours="2.5"), RowEntry("003", present=False)],
    )
    assert (result.hours_rows, result.total_hours, result.present, result.absent) == (
        2,
        Decimal("5.50"),
        2,
        1,
    )
    with pytest.raises(KeyingError):
        apply_sheet(paper.store, paper.volunteer, [RowEntry("004", hours="25")])  # over 24 hours
    done = record_volunteer_hours(paper.store, paper.volunteer)
    assert (done.recorded, done.skipped, done.problems) == (2, 0, ())
    again = record_volunteer_hours(paper.store, paper.volunteer)
    assert (again.recorded, again.skipped) == (0, 2)
    with paper.store.session() as s:
        hours = s.scalar(
            select(func.sum(VolunteerServiceRecord.hours))
            .join(Activity, Activity.id == VolunteerServiceRecord.activity_id)
            .where(Activity.code == paper.volunteer)
        )
    assert hours == Decimal("5.50")


def test_an_activitys_evaluation_forms_are_keyed_as_a_batch_and_not_twice(paper: PaperLedger) -> None:
    payload = f"LD1|evaluation|2026.1|{paper.meeting}|1/5"
    sheet = open_evaluations(paper.store, payload)
    assert [q.key for q in sheet.questions][:2] == ["satisfaction", "resolution"] and sheet.copies == 5
    ids = apply_evaluations(
        paper.store,
        payload,
        [
            FormAnswers(1, {"satisfaction": "非常满意", "attitude": "满意"}, comment="活动很好"),
            FormAnswers(2, {"satisfaction": "dissatisfied", "resolution": "部分解决"}),
        ],
    )
    assert len(ids) == 2
    with paper.store.session() as s:
        evaluations = s.scalars(select(Evaluation).where(Evaluation.id.in_(ids))).all()
    by_level = {e.satisfaction: e for e in evaluations}
    first = by_level[Satisfaction.VERY_SATISFIED]
    assert first.comment.startswith("活动很好") and "服务态度的评价是：满意" in first.comment
    assert first.form_version == "evaluation@2026.1"
    assert by_level[Satisfaction.DISSATISFIED].resolution is Resolution.PARTLY
    assert open_evaluations(paper.store, paper.meeting).keyed == {1, 2}
    with pytest.raises(KeyingError) as info:
        apply_evaluations(
            paper.store,
            payload,
            [
                FormAnswers(2, {"satisfaction": "满意"}),  # keyed already
                FormAnswers(3, {"attitude": "满意"}),  # satisfaction missing
                FormAnswers(4, {"satisfaction": "很好"}),  # not a choice
                FormAnswers(9, {"satisfaction": "满意"}),  # only 5 printed
            ],
        )
    assert [p.field for p in info.value.problems] == ["serial", "satisfaction", "satisfaction", "serial"]


def test_a_work_orders_form_closes_its_loop(paper: PaperLedger) -> None:
    with pytest.raises(KeyingError):  # a work order needs the resolution answered
        apply_evaluations(paper.store, paper.resolved_order, [FormAnswers(1, {"satisfaction": "满意"})])
    ids = apply_evaluations(
        paper.store,
        paper.resolved_order,
        [FormAnswers(1, {"satisfaction": "基本满意", "resolution": "已解决"})],
    )
    with paper.store.session() as s:
        order = s.scalars(select(WorkOrder).where(WorkOrder.code == paper.resolved_order)).one()
        evaluation = s.get(Evaluation, ids[0])
    assert order.status is OrderStatus.EVALUATED
    assert evaluation is not None and evaluation.resolution is Resolution.RESOLVED
