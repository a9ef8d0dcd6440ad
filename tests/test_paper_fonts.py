"""Chinese text on paper: embedded subsets, the per-character fallback, ToUnicode maps that give back
non-BMP characters, wrapping that never overflows; the marker patterns and the printed codes."""

from __future__ import annotations

import io
from pathlib import Path

import cv2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.pdfgen.canvas import Canvas

from liandian_desktop.ledger.errors import ValidationError
from liandian_desktop.paper import fonts
from liandian_desktop.paper.markers import CORNER_IDS, MARKER_BITS
from liandian_desktop.paper.printcode import candidates, make_payload, parse_code
from tests.paper.ledger import EXT_ONLY, NO_FONT, RARE
from tests.paper.pdf import fonts_of, text_pages

SAMPLE = f"姓名：{RARE} 林{EXT_ONLY} 王𠅤明（Ext-B）ABC 123，。"


def pdf_with(lines: list[str]) -> bytes:
    fonts.fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, initialFontName=fonts.REGULAR)
    for i, line in enumerate(lines):
        fonts.draw_text(canvas, 50, 750 - 20 * i, line, fonts.REGULAR, 12)
    canvas.save()
    return buffer.getvalue()


def test_to_unicode_maps_use_utf16_surrogate_pairs() -> None:
    cmap = fonts.to_unicode_cmap([0, 0x4E2D, 0x20164, 0x20005])
    assert "<01> <4E2D>" in cmap and "<02> <D840DD64>" in cmap and "<03> <D840DC05>" in cmap
    assert "<02> <20164>" not in cmap


def test_rare_and_extension_b_characters_come_back_from_the_pdf_text(tmp_path: Path) -> None:
    many = "".join(chr(0x4E00 + i) for i in range(150)) + "𠅤"  # > 100 entries: several bfchar blocks
    lines = [many[i : i + 30] for i in range(0, len(many), 30)]
    pdf = pdf_with([SAMPLE, *lines])
    text = "".join(text_pages(pdf, tmp_path))
    assert SAMPLE.replace(" ", "") in text.replace(" ", "")
    assert many in "".join(text.split())
    rows = fonts_of(pdf, tmp_path)
    assert {r.name.split("+")[1] for r in rows} == {"LianDianSansSC-Regular", "LianDianMingExt-Regular"}
    assert all(r.embedded and r.subset and r.unicode for r in rows)  # and no unembedded Helvetica


def test_characters_the_main_font_lacks_go_to_the_fallback_one_run_each() -> None:
    assert fonts.runs(f"林{EXT_ONLY}{EXT_ONLY}华") == [
        (fonts.REGULAR, "林"),
        (fonts.EXT, EXT_ONLY * 2),
        (fonts.REGULAR, "华"),
    ]
    assert fonts.runs(RARE) == [(fonts.REGULAR, RARE)]  # all seven are in the main font
    assert fonts.markup(f"<林{EXT_ONLY}>") == f'&lt;林<font name="{fonts.EXT}">{EXT_ONLY}</font>&gt;'


def test_a_character_no_font_has_is_reported_with_the_name() -> None:
    assert fonts.missing_characters(f"王{NO_FONT}明{RARE}{EXT_ONLY}\ufe00") == NO_FONT
    with pytest.raises(fonts.MissingGlyphsError) as info:
        fonts.check_printable([("姓名", f"王{NO_FONT}明"), ("姓名", "张三")])
    assert f"王{NO_FONT}明" in info.value.message and "U+9FF0" in info.value.message
    assert "张三" not in info.value.message
    # free text (a comment, a footer note) is never checked that strictly, but never prints blank either
    assert fonts.substitute_missing(f"很好{NO_FONT}！") == "很好〓！"
    assert fonts.markup(f"林{NO_FONT}") == "林〓"


CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
TEXT = st.lists(
    st.one_of(CJK, st.sampled_from(list(RARE + EXT_ONLY + "·，。（）ab1 ")), st.just("ABC")), max_size=80
).map("".join)


@settings(max_examples=150, deadline=None)
@given(text=TEXT, width=st.floats(min_value=14, max_value=300), size=st.sampled_from([6.5, 8.0, 9.5, 12.0]))
def test_wrapped_lines_never_overflow_and_lose_nothing(text: str, width: float, size: float) -> None:
    lines = fonts.wrap(text, fonts.REGULAR, size, width)
    for line in lines:
        assert fonts.text_width(line, fonts.REGULAR, size) <= width + 0.01 or len(line) == 1, line
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_the_shipped_marker_patterns_are_opencvs() -> None:
    dictionary = cv2.aruco.getPredefinedDictionary(cv2.aruco.DICT_4X4_50)
    for marker_id, rows in MARKER_BITS.items():
        image = cv2.aruco.generateImageMarker(dictionary, marker_id, 6)
        expected = tuple("".join("1" if v else "0" for v in row[1:5]) for row in image[1:5])
        assert rows == expected, marker_id
    assert sorted(CORNER_IDS.values()) == [0, 1, 2, 3]


def test_printed_codes_round_trip_and_misread_letters_are_tried() -> None:
    payload = make_payload("signin", "2026.1", "HD7K3M9Q", 2, 5, "P")
    assert payload == "LD1|signin|2026.1|HD7K3M9Q|2/5|P"
    code = parse_code(payload)
    assert (code.form, code.version, code.target, code.page, code.pages, code.copy) == (
        "signin",
        "2026.1",
        "HD7K3M9Q",
        2,
        5,
        "P",
    )
    assert code.payload == payload
    assert parse_code(" hd7k3m9q ").target == "HD7K3M9Q"
    assert candidates("HD7K3M9O") == ["HD7K3M9O", "HD7K3M90"]
    for bad in ("", "你好", "LD1|signin|2026.1|HD1|6/5", "LD1|signin"):
        with pytest.raises(ValidationError):
            parse_code(bad)


def test_our_fonts_win_when_another_module_registered_the_same_face_first(tmp_path: Path) -> None:
    """ReportLab maps a font to the first one registered from the same face; a plain TTFont registered
    earlier (another module, another name) would bring back the broken ToUnicode maps."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name in (fonts.REGULAR, fonts.BOLD, fonts.EXT):
        pdfmetrics._fonts.pop(name, None)
        pdfmetrics._dynFaceNames.pop(name, None)
    pdfmetrics.registerFont(TTFont("Someone-Else", str(fonts.font_dir() / "LianDianSansSC-Regular.ttf")))
    fonts._register()  # what fonts() does on first use
    assert type(pdfmetrics.getFont(fonts.REGULAR)).__name__ == "_UnicodeTTFont"
    text = "".join(text_pages(pdf_with(["王𠅤明"]), tmp_path))
    assert "王𠅤明" in text
