"""The bundled fonts in resources/fonts cover what the app must print and show.

The fonts are built by tools/build_fonts.py (not run here); see resources/fonts/README.md.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

REPO = Path(__file__).resolve().parent.parent
FONT_DIR = REPO / "resources" / "fonts"
MAIN_FONTS = ["LianDianSansSC-Regular.ttf", "LianDianSansSC-Bold.ttf"]
FALLBACK_FONTS = ["LianDianMingExt-Regular.ttf"]
LICENCE_FOR = {
    "LianDianSansSC-Regular.ttf": "LianDianSansSC-LICENSE.txt",
    "LianDianSansSC-Bold.ttf": "LianDianSansSC-LICENSE.txt",
    "LianDianMingExt-Regular.ttf": "LianDianMingExt-LICENSE.txt",
}
TSV_NAME = "tongyong-guifan-hanzi-8105.tsv"
# our own copy first, then the sibling folder it was copied from
TSV_PATHS = [REPO / "tests" / "data" / TSV_NAME, REPO.parent / "shared" / "data" / TSV_NAME]

RARE_NAME_CHARS = "喆堃昇赟玥䶮𠅤"
PUNCTUATION = "，。、；：？！“”‘’（）《》【】—…·「」『』〔〕〈〉．～￥％＃＆＊＋－／＝＠"
ASCII = "".join(chr(c) for c in range(0x20, 0x7F))
FULL_WIDTH = "".join(chr(c) for c in range(0xFF01, 0xFF5F))  # ！ … ～, incl. ０-９ Ａ-Ｚ ａ-ｚ
DIGITS = "0123456789０１２３４５６７８９〇零一二三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟"
# names the OFL's Reserved Font Name clause (and the "Noto" trademark) keep off modified fonts
RESERVED_NAMES = ["noto", "source", "hanamin", "hanazono", "花園", "花园"]


def read_8105() -> list[str]:
    for path in TSV_PATHS:
        if path.is_file():
            break
    else:
        pytest.fail(f"{TSV_NAME} is missing; looked in: " + ", ".join(map(str, TSV_PATHS)))
    chars = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            code, char = line.split("\t")
            char = char.strip()
            assert code == f"U+{ord(char):04X}", f"{path}: bad line {line!r}"
            chars.append(char)
    assert len(chars) == len(set(chars)) == 8105, f"{path}: expected 8105 distinct characters"
    return chars


@functools.cache
def cmap(name: str) -> dict[int, str]:
    path = FONT_DIR / name
    assert path.is_file(), f"{path} is missing (rebuild with tools/build_fonts.py)"
    return TTFont(path, lazy=True).getBestCmap()


def union_cmap() -> set[int]:
    return set().union(*(cmap(n) for n in MAIN_FONTS + FALLBACK_FONTS))


def missing(chars: str | list[str], covered: set[int] | dict[int, str]) -> list[str]:
    return [f"{c} U+{ord(c):04X}" for c in chars if ord(c) not in covered]


def test_together_the_fonts_cover_the_8105_list_rare_names_and_punctuation() -> None:
    covered = union_cmap()
    assert missing(read_8105(), covered) == []
    assert missing(RARE_NAME_CHARS, covered) == []
    assert missing(PUNCTUATION + ASCII + FULL_WIDTH + DIGITS, covered) == []


@pytest.mark.parametrize("name", MAIN_FONTS)
def test_each_main_weight_alone_covers_the_8105_list_and_rare_names(name: str) -> None:
    """Bold must not silently fall back for any standard character."""
    required = [*read_8105(), *RARE_NAME_CHARS, *PUNCTUATION, *ASCII, *FULL_WIDTH, *DIGITS]
    assert missing(required, cmap(name)) == []


def test_extension_a_and_b_coverage() -> None:
    covered = union_cmap()
    ext_a = sum(0x3400 <= c <= 0x4DBF for c in covered)
    ext_b = sum(0x20000 <= c <= 0x2A6DF for c in covered)
    # Ext-A: everything but U+4DB6..U+4DBF (Unicode 13.0, in neither source font)
    assert ext_a >= 6582, ext_a
    # Ext-B: Noto's 2,108 + HanaMinB's characters with a G source or a Mandarin reading
    assert ext_b >= 31_000, ext_b


@pytest.mark.parametrize("name", MAIN_FONTS)
def test_main_font_has_truetype_outlines_and_no_blank_glyphs(name: str) -> None:
    """ReportLab embeds only glyf outlines; a glyph with no contours prints blank, silently."""
    font = TTFont(FONT_DIR / name, lazy=True)
    assert "glyf" in font and "CFF " not in font and "CFF2" not in font
    assert font.sfntVersion == "\x00\x01\x00\x00"
    glyf, mapping = font["glyf"], font.getBestCmap()
    blank = [c for c in [*read_8105(), *RARE_NAME_CHARS]
             if mapping[ord(c)] == ".notdef" or glyf[mapping[ord(c)]].numberOfContours == 0]
    assert blank == []


@pytest.mark.parametrize("name", MAIN_FONTS + FALLBACK_FONTS)
def test_font_is_embeddable_renamed_and_has_a_licence_next_to_it(name: str) -> None:
    path = FONT_DIR / name
    font = TTFont(path, lazy=True)
    assert "glyf" in font
    fs_type = font["OS/2"].fsType
    assert fs_type & 0x0002 == 0 and fs_type & 0x0200 == 0, f"embedding restricted: fsType={fs_type:#x}"
    for name_id in (1, 4, 6):
        for rec in font["name"].names:
            if rec.nameID == name_id:
                text = rec.toUnicode().lower()
                assert text.startswith("liandian"), f"nameID {name_id}: {text!r}"
                assert not any(r in text for r in RESERVED_NAMES), f"nameID {name_id}: {text!r}"
    licence = path.with_name(LICENCE_FOR[name])
    assert licence.is_file(), f"no licence file next to {name}"
    text = licence.read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in text
    assert "Copyright" in text or "©" in text


def test_every_font_file_in_the_folder_is_known() -> None:
    """A font dropped in without a licence entry fails here."""
    on_disk = {p.name for p in FONT_DIR.iterdir() if p.suffix.lower() in {".ttf", ".otf", ".ttc", ".woff2"}}
    assert on_disk == set(LICENCE_FOR)
    assert (FONT_DIR / "README.md").is_file()


def test_reportlab_embeds_a_subset_with_the_rare_characters(tmp_path: Path) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont as RLTTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(RLTTFont("LianDianSansSC-test", str(FONT_DIR / MAIN_FONTS[0])))
    out = tmp_path / "rare.pdf"
    c = canvas.Canvas(str(out))
    c.setFont("LianDianSansSC-test", 14)
    c.drawString(50, 700, "姓名：" + RARE_NAME_CHARS + "，（）《》ABC123")
    c.save()
    data = out.read_bytes()
    assert b"/FontFile2" in data  # embedded TrueType program
    assert b"+LianDianSansSC-Regular" in data  # subset tag prefix: a subset, not the whole font


@pytest.mark.gui
def test_qt_loads_each_font(qapp: object) -> None:
    from PySide6.QtGui import QFontDatabase

    families, ids = {}, []
    for name in MAIN_FONTS + FALLBACK_FONTS:
        font_id = QFontDatabase.addApplicationFont(str(FONT_DIR / name))
        assert font_id >= 0, f"Qt refused {name}"
        ids.append(font_id)
        families[name] = QFontDatabase.applicationFontFamilies(font_id)
    styles = QFontDatabase.styles("LianDian Sans SC")
    for font_id in ids:
        QFontDatabase.removeApplicationFont(font_id)
    assert "Bold" in styles
    assert families["LianDianSansSC-Regular.ttf"] == ["LianDian Sans SC"]
    assert families["LianDianSansSC-Bold.ttf"] == ["LianDian Sans SC"]
    assert families["LianDianMingExt-Regular.ttf"] == ["LianDian Ming Ext"]
