"""The bundled CJK fonts in ReportLab: registration, per-character fallback, coverage checks, wrapping.

Three faces from ``resources/fonts`` (see its README): LianDian Sans SC Regular and Bold, the main font, and
LianDian Ming Ext, which has the Ext-B characters the main font lacks. ReportLab embeds a subset of each.

ReportLab 5.1 writes a wrong ToUnicode entry for characters outside the BMP (``<02> <20164>`` instead of the
UTF-16 pair ``<D840DD64>``), so copying or searching 𠅤 in the PDF gives another character. ``_UnicodeTTFont``
rewrites each subset's ToUnicode stream after ReportLab has made it; ReportLab's files are left alone.
"""

from __future__ import annotations

import sys
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont

from liandian_desktop.ledger.errors import LedgerError

REGULAR = "LianDianSansSC-Regular"
BOLD = "LianDianSansSC-Bold"
EXT = "LianDianMingExt-Regular"
_FILES = {
    REGULAR: "LianDianSansSC-Regular.ttf",
    BOLD: "LianDianSansSC-Bold.ttf",
    EXT: "LianDianMingExt-Regular.ttf",
}

# Not drawn: they select a glyph variant or join characters, and the fonts have no glyph for them.
_INVISIBLE_RANGES = (
    (0xFE00, 0xFE0F),
    (0xE0100, 0xE01EF),
    (0x200B, 0x200D),
    (0x2060, 0x2060),
    (0xFEFF, 0xFEFF),
)


def font_dir() -> Path:
    """``resources/fonts`` of the source tree, or of a frozen (PyInstaller) build."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources" / "fonts"
    return Path(__file__).resolve().parents[2] / "resources" / "fonts"


def _utf16_hex(code: int) -> str:
    if code > 0xFFFF:
        code -= 0x10000
        return f"{0xD800 + (code >> 10):04X}{0xDC00 + (code & 0x3FF):04X}"
    return f"{code:04X}"


def to_unicode_cmap(subset: list[int]) -> str:
    """A ToUnicode CMap mapping each one-byte code of a subset to its character in UTF-16BE (PDF 1.7
    §9.10.3), surrogate pairs included, in blocks of at most 100 entries as the specification requires."""
    pairs = [f"<{i:02X}> <{_utf16_hex(code)}>" for i, code in enumerate(subset)]
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        "<00> <FF>",
        "endcodespacerange",
    ]
    for start in range(0, len(pairs), 100):
        block = pairs[start : start + 100]
        lines += [f"{len(block)} beginbfchar", *block, "endbfchar"]
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


class _UnicodeTTFont(TTFont):  # type: ignore[misc]
    """A TTFont whose ToUnicode maps are right for non-BMP characters too."""

    def addObjects(self, doc: Any) -> None:
        state = self.state.get(doc)
        subsets = [list(s) for s in state.subsets] if state is not None else []
        super().addObjects(doc)
        for n, subset in enumerate(subsets):
            if all(code <= 0xFFFF for code in subset):
                continue  # ReportLab's own map is right for these
            base = b"".join((SUBSETN(n), b"+", self.face.name, self.face.subfontNameX)).decode("pdfdoc")
            stream = doc.idToObject.get("toUnicodeCMap:" + base)
            if stream is None:  # pragma: no cover - only if ReportLab renames its objects
                raise RuntimeError(f"ReportLab 的字体对象命名已改变，无法修正 {base} 的 ToUnicode 表")
            stream.content = to_unicode_cmap(subset)


@dataclass(frozen=True)
class FontSet:
    """The registered faces and what each can draw."""

    main: frozenset[int]  # code points of the main font (Regular and Bold have the same)
    ext: frozenset[int]
    widths: dict[str, dict[int, float]]  # font name -> advance per code point, in 1/1000 em
    default_width: dict[str, float]

    def has(self, ch: str) -> bool:
        cp = ord(ch)
        return cp in self.main or cp in self.ext or _invisible(cp)


def _invisible(cp: int) -> bool:
    return any(lo <= cp <= hi for lo, hi in _INVISIBLE_RANGES) or unicodedata.category(chr(cp)) in (
        "Cc",
        "Cf",
    )


_LOCK = threading.Lock()
_FONTS: FontSet | None = None


def fonts() -> FontSet:
    """Register the three faces with ReportLab (once per process, ~0.2 s) and return what they cover.
    Safe to call from a worker thread."""
    global _FONTS
    with _LOCK:
        if _FONTS is None:
            _FONTS = _register()
        return _FONTS


def _register() -> FontSet:
    folder = font_dir()
    faces: dict[str, TTFont] = {}
    for name, file in _FILES.items():
        path = folder / file
        if not path.is_file():
            raise LedgerError(f"缺少字体文件 {path}，无法生成 PDF；请重新安装程序")
        face = _UnicodeTTFont(name, str(path))
        pdfmetrics.registerFont(face)
        if pdfmetrics.getFont(name) is not face:
            # ReportLab quietly maps a font to the first one registered from the same face (same PostScript
            # name), e.g. by another module under another name; that one writes the broken ToUnicode maps.
            pdfmetrics._fonts[name] = face
        faces[name] = face
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)
    return FontSet(
        main=frozenset(faces[REGULAR].face.charToGlyph),
        ext=frozenset(faces[EXT].face.charToGlyph),
        widths={name: dict(face.face.charWidths) for name, face in faces.items()},
        default_width={name: float(face.face.defaultWidth) for name, face in faces.items()},
    )


# ---------------------------------------------------------------------------------------------------------
# Coverage: checked before anything is drawn
# ---------------------------------------------------------------------------------------------------------


class MissingGlyphsError(LedgerError):
    """Text that no bundled font can draw. Raised before printing: a name is never printed blank."""

    def __init__(self, problems: list[tuple[str, str, str]]) -> None:
        self.problems = problems  # (what, text, missing characters)
        lines = [
            f"{what}“{text}”中的 {'、'.join(f'{c}（U+{ord(c):04X}）' for c in chars)}"
            for what, text, chars in problems[:20]
        ]
        more = f"\n……另有 {len(problems) - 20} 处" if len(problems) > 20 else ""
        super().__init__(
            "以下文字含有程序自带字库中没有的字，打印出来会是空白或方框，因此没有生成文件。"
            "请核对这些字（可改用规范汉字或在备注中说明）后再打印：\n" + "\n".join(lines) + more
        )


def missing_characters(text: str) -> str:
    """The characters of ``text`` no bundled font has, in order, each once."""
    fs = fonts()
    seen: dict[str, None] = {}
    for ch in text:
        if not fs.has(ch):
            seen.setdefault(ch)
    return "".join(seen)


MISSING_MARK = "〓"  # the conventional sign for a character the type case lacks


def substitute_missing(text: str) -> str:
    """Free text (a comment, a description) with each character no font has shown as 〓, visibly.
    Names are never passed through this: they are checked with :func:`check_printable` instead."""
    fs = fonts()
    if all(fs.has(ch) for ch in text):
        return text
    return "".join(ch if fs.has(ch) else MISSING_MARK for ch in text)


def check_printable(items: Iterable[tuple[str, str]]) -> None:
    """Raise :class:`MissingGlyphsError` listing every ``(what, text)`` with a character no font has."""
    problems: list[tuple[str, str, str]] = []
    seen: set[tuple[str, str]] = set()
    for what, text in items:
        if (what, text) in seen:
            continue
        seen.add((what, text))
        missing = missing_characters(text)
        if missing:
            problems.append((what, text, missing))
    if problems:
        raise MissingGlyphsError(problems)


# ---------------------------------------------------------------------------------------------------------
# Runs, widths and wrapping
# ---------------------------------------------------------------------------------------------------------


def clean(text: str) -> str:
    """What is drawn: invisible characters (variation selectors, joiners, controls) dropped, and tabs and
    line breaks made spaces."""
    out = []
    for ch in text:
        if ch in "\t\r\n":
            out.append(" ")
        elif not _invisible(ord(ch)):
            out.append(ch)
    return "".join(out)


def runs(text: str, font: str = REGULAR) -> list[tuple[str, str]]:
    """Split ``text`` into (font, substring) runs: characters the main font lacks go to the fallback."""
    fs = fonts()
    main = fs.main
    if all(ord(ch) in main for ch in text):
        return [(font, text)] if text else []
    result: list[tuple[str, str]] = []
    for ch in text:
        face = font if ord(ch) in main else EXT
        if result and result[-1][0] == face:
            result[-1] = (face, result[-1][1] + ch)
        else:
            result.append((face, ch))
    return result


def text_width(text: str, font: str, size: float) -> float:
    """Width in points of ``text`` drawn with ``font`` and its fallback."""
    fs = fonts()
    main_widths, ext_widths = fs.widths[font], fs.widths[EXT]
    default = fs.default_width[font]
    total = 0.0
    for ch in text:
        cp = ord(ch)
        width = main_widths.get(cp)
        if width is None:
            width = ext_widths.get(cp, default)
        total += width
    return total * size / 1000.0


# Not at the start of a line (a light form of Chinese line-breaking rules).
_NO_LINE_START = frozenset("，。、；：？！）》」』】〕’”…—·,.;:?!)]%")
_OPENING = frozenset("（《「『【〔“(")
_CLOSING = frozenset("）》」』】〕”)")


def _carry(line: list[str], ch: str) -> list[str]:
    """The end of ``line`` to move down with ``ch`` when breaking before it: a short bracketed part
    ('服务时长 / （小时）'), the character before closing punctuation, or a Latin word or number."""
    opening = max((i for i, c in enumerate(line) if c in _OPENING), default=-1)
    if opening > 0 and len(line) - opening <= 6 and not any(c in _CLOSING for c in line[opening:]):
        return line[opening:]
    if ch in _NO_LINE_START and len(line) > 1:
        return line[-1:]
    if ch.isascii() and ch.isalnum():
        k = len(line)
        while k > 0 and line[k - 1].isascii() and line[k - 1].isalnum():
            k -= 1
        if 0 < k < len(line) and line[k - 1] == " ":
            return line[k:]
    return []


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` points: anywhere between CJK characters, at spaces
    in Latin text when possible, and never before closing punctuation."""
    text = clean(text).strip()
    if not text:
        return [""]
    fs = fonts()
    main_widths, ext_widths = fs.widths[font], fs.widths[EXT]
    default = fs.default_width[font]
    scale = size / 1000.0
    lines: list[str] = []
    line: list[str] = []
    line_width = 0.0
    for ch in text:
        w = main_widths.get(ord(ch))
        if w is None:
            w = ext_widths.get(ord(ch), default)
        w *= scale
        if line and line_width + w > width and ch != " ":
            carry = _carry(line, ch)
            if carry and text_width("".join(carry) + ch, font, size) > width:
                carry = []  # the kept-together part would not fit its new line either: break plainly
            if carry:
                del line[len(line) - len(carry) :]
            lines.append("".join(line).rstrip())
            line = carry
            line_width = text_width("".join(line), font, size)
            if ch == " " and not line:
                continue
        if ch == " " and not line:
            continue
        line.append(ch)
        line_width += w
    if line:
        lines.append("".join(line).rstrip())
    return lines


def fit_lines(
    text: str, font: str, size: float, min_size: float, width: float, max_lines: int
) -> tuple[list[str], float]:
    """The largest size from ``size`` down to ``min_size`` (in half points) at which ``text`` wraps into at
    most ``max_lines`` lines of ``width``; at ``min_size`` it may take more lines (the caller makes room)."""
    current = size
    while True:
        lines = wrap(text, font, current, width)
        if len(lines) <= max_lines or current <= min_size:
            return lines, current
        current = max(min_size, current - 0.5)


def markup(text: str, font: str = REGULAR) -> str:
    """``text`` escaped for a ReportLab Paragraph, with characters the main font lacks put in the fallback."""
    parts = []
    for face, chunk in runs(substitute_missing(clean(text)), font):
        if face == EXT:
            parts.append(f'<font name="{EXT}">{escape(chunk)}</font>')
        else:
            parts.append(escape(chunk))
    return "".join(parts)


def draw_text(
    canvas: Any, x: float, y: float, text: str, font: str, size: float, align: str = "left"
) -> None:
    """Draw one line at baseline ``y``; ``x`` is the left edge, the centre or the right edge by ``align``."""
    text = substitute_missing(clean(text))  # names were checked before drawing began
    if not text:
        return
    if align != "left":
        width = text_width(text, font, size)
        x -= width / 2 if align == "center" else width
    pieces = runs(text, font)
    if len(pieces) == 1:
        canvas.setFont(font, size)
        canvas.drawString(x, y, text)
        return
    for face, chunk in pieces:
        canvas.setFont(face, size)
        canvas.drawString(x, y, chunk)
        x += text_width(chunk, face, size)
