"""Sign-in sheets rendered from the demo township and read back the way people and machines read paper:
rasterised, text extracted, fonts listed, QR codes decoded; masks and the personal-data log checked."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from liandian_desktop.ledger.errors import ValidationError
from liandian_desktop.ledger.models import Activity, Attendance, PersonalDataLog, Resident, Volunteer
from liandian_desktop.paper.document import save_pdf
from liandian_desktop.paper.fonts import MissingGlyphsError
from liandian_desktop.paper.layout import PT, table_layout
from liandian_desktop.paper.printcode import parse_code
from liandian_desktop.paper.privacy import Copy
from liandian_desktop.paper.signin import load_sheet, plan_sheet, render_signin, sheet_definition
from liandian_desktop.paper.table import PAD_X
from tests.paper.ledger import (  # noqa: F401 - fixtures
    EXT_ONLY,
    LONG_ADDRESS,
    LONG_NAME,
    NO_FONT,
    RARE,
    PaperLedger,
    paper_ledger,
    paper_template_file,
)
from tests.paper.pdf import embedded_glyphs, fonts_of, qr_codes, rasterise, text_pages

pytestmark = pytest.mark.slow  # renders PDFs and runs poppler / OpenCV / zxing on them


def flat(text: str) -> str:
    """Extracted text without line breaks and spaces: a wrapped name is still one name."""
    return "".join(text.split())


def invitees(paper: PaperLedger) -> list[Resident]:
    with paper.store.session() as s:
        by_id = {r.id: r for r in s.scalars(select(Resident).where(Resident.id.in_(paper.residents)))}
    return [by_id[i] for i in paper.residents]


def test_internal_sheet_has_every_name_masked_ids_and_phones_and_rare_characters(
    paper: PaperLedger, tmp_path: Path
) -> None:
    doc = render_signin(paper.store, paper.meeting)
    pages = text_pages(doc.pdf, tmp_path)
    assert len(pages) == doc.pages >= 2
    text = flat("".join(pages))
    people = invitees(paper)
    for r in people:
        assert flat(r.name) in text, r.name
        assert r.id_number is not None
        assert r.id_number not in text  # never whole on a masked copy
        assert r.id_number[:6] + "********" + r.id_number[-4:] in text
        if r.phone:
            assert r.phone not in text
            assert r.phone[:3] + "****" + r.phone[-4:] in text
    for ch in RARE + EXT_ONLY:
        assert ch in text, f"{ch} (U+{ord(ch):04X}) is missing from the extracted text"
    assert flat(LONG_ADDRESS) in text
    assert "低保" in text  # internal copies show the special groups
    assert "第1页/共" in text and "signinv2026.1" in text  # page numbers and the form's version


def test_public_sheet_masks_further_and_leaves_out_sensitive_columns(
    paper: PaperLedger, tmp_path: Path
) -> None:
    doc = render_signin(paper.store, paper.meeting, copy=Copy(public=True))
    text = flat("".join(text_pages(doc.pdf, tmp_path)))
    with paper.store.session() as s:
        everyone = s.scalars(select(Resident).where(Resident.id_number.is_not(None))).all()
        for r in everyone:  # no full ID number of any resident of the township, anywhere
            assert r.id_number not in text
            assert r.id_number is not None and r.id_number[:6] + "********" not in text
    for r in invitees(paper):
        assert r.id_number is not None
        assert r.id_number[:2] + "*" * 14 + r.id_number[-2:] in text
    for hidden in ("高血压", "肢体残疾", "低保", "特困", "类别", "住址", "迎宾路"):
        assert hidden not in text, hidden
    assert "公示版" in text


def test_unmasked_internal_copy_prints_full_numbers_and_public_unmasked_is_refused(
    paper: PaperLedger, tmp_path: Path
) -> None:
    doc = render_signin(paper.store, paper.meeting, copy=Copy(unmasked=True))
    text = flat("".join(text_pages(doc.pdf, tmp_path)))
    for r in invitees(paper):
        assert r.id_number is not None and r.id_number in text
    with pytest.raises(ValidationError):
        Copy(public=True, unmasked=True)


def test_fonts_are_embedded_subsets_with_unicode_maps_and_the_fallback_is_used(
    paper: PaperLedger, tmp_path: Path
) -> None:
    doc = render_signin(paper.store, paper.meeting)
    rows = fonts_of(doc.pdf, tmp_path)
    assert rows, "no fonts listed"
    assert all(r.embedded and r.subset and r.unicode for r in rows), rows
    names = {r.name.split("+", 1)[1] for r in rows}
    assert names == {"LianDianSansSC-Regular", "LianDianSansSC-Bold", "LianDianMingExt-Regular"}
    glyphs = embedded_glyphs(doc.pdf)
    for ch in RARE + EXT_ONLY:  # in an embedded subset, with an outline: never blank
        assert glyphs.get(ch, 0) > 0, f"{ch} (U+{ord(ch):04X}) has no glyph in the embedded fonts"


def test_every_page_has_a_qr_code_naming_form_version_activity_and_page(
    paper: PaperLedger, tmp_path: Path
) -> None:
    for copy in (Copy(), Copy(public=True)):
        doc = render_signin(paper.store, paper.meeting, copy=copy)
        images = rasterise(doc.pdf, tmp_path, dpi=100)
        assert len(images) == doc.pages
        for number, image in enumerate(images, 1):
            codes = qr_codes(image)
            assert len(codes) == 1, f"page {number}: {codes}"
            printed = parse_code(codes[0])
            assert (printed.form, printed.version, printed.target) == ("signin", "2026.1", "HDPAPER01")
            assert (printed.page, printed.pages) == (number, doc.pages)
            assert printed.copy == copy.flag


def test_rows_keep_their_codes_blank_rows_continue_them_and_nothing_overflows(paper: PaperLedger) -> None:
    definition = sheet_definition(False, None, None)
    with paper.store.session() as s:
        data = load_sheet(s, paper.meeting)
    sheet = plan_sheet(definition, data, Copy())
    codes = [r.key for r in sheet.rows]
    assert codes == [f"{n:03d}" for n in range(1, len(codes) + 1)]
    assert len(codes) - sheet.prefilled >= definition.page.blank_rows
    layout = table_layout(definition)
    last = sheet.rows[-1]
    assert last.slot + last.slots == layout.rows_per_page  # the last page is filled with blank rows
    for row in sheet.rows:
        assert row.slot + row.slots <= layout.rows_per_page
        for cell, col in zip(row.cells, sheet.columns, strict=True):
            inner = (col.w - 2 * PAD_X) / PT
            from liandian_desktop.paper import fonts

            for line in cell.lines:
                assert fonts.text_width(line, fonts.REGULAR, cell.size) <= inner + 0.01, (line, col.field)
            height = len(cell.lines) * cell.size * 1.18 * PT
            assert height <= row.slots * layout.row_height, (cell.lines, col.field)
    long_row = next(r for r in sheet.rows if "".join(r.cells[1].lines) == LONG_NAME)
    assert long_row.slots >= 1 and len(long_row.cells[1].lines) >= 2  # the long name wraps inside its cell
    address_row = next(r for r in sheet.rows if "迎宾路幸福家园" in "".join(r.cells[6].lines))
    assert address_row.slots >= 2  # the very long address takes more than one row height


def test_a_name_no_font_can_draw_is_reported_before_printing(paper: PaperLedger) -> None:
    with paper.store.transaction() as s:
        row = s.scalars(
            select(Attendance)
            .join(Activity, Activity.id == Attendance.activity_id)
            .where(Activity.code == paper.meeting, Attendance.row_code == "003")
        ).one()
        assert row is not None
        row.name = f"王{NO_FONT}明"
    with pytest.raises(MissingGlyphsError) as info:
        render_signin(paper.store, paper.meeting)
    assert f"王{NO_FONT}明" in info.value.message and "U+9FF0" in info.value.message
    assert "第 003 行姓名" in info.value.message


def test_volunteer_sheet_needs_a_volunteer_activity_and_prints_numbers(
    paper: PaperLedger, tmp_path: Path
) -> None:
    doc = render_signin(paper.store, paper.volunteer, volunteer=True)
    text = flat("".join(text_pages(doc.pdf, tmp_path)))
    with paper.store.session() as s:
        numbers = [v.volunteer_no for v in s.scalars(select(Volunteer).limit(6))]
    assert all(n in text for n in numbers)
    assert "服务时长" in text and "volunteer-signinv2026.1" in text
    with pytest.raises(ValidationError):
        render_signin(paper.store, paper.meeting, volunteer=True)


def test_saving_logs_the_personal_data_and_a_500_person_sheet_stays_small(
    paper: PaperLedger, tmp_path: Path
) -> None:
    doc = render_signin(paper.store, paper.meeting, copy=Copy(public=True))
    out = save_pdf(paper.store, doc, tmp_path / "sheet.pdf", operator="张三")
    assert out.read_bytes() == doc.pdf
    with paper.store.session() as s:
        log = s.scalars(select(PersonalDataLog)).one()
    assert (log.operator, log.action, log.people_count, log.public_copy, log.unmasked) == (
        "张三",
        "pdf",
        len(paper.residents),
        True,
        False,
    )
    assert "身份证号（掩码）" in log.fields and "HDPAPER01" in log.scope and log.target.endswith("sheet.pdf")
