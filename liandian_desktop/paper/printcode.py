"""What a printed page says about itself: the QR payload, and reading back a code typed or scanned.

The payload is plain ASCII (some decoders garble UTF-8):
``LD1|<form>|<version>|<target>|<page>/<pages>[|<copy>]``, for example ``LD1|signin|2026.1|HD7K3M9Q|2/5``.
``target`` is the activity code (HD…), the work-order code (GD…) or, for the matching list, the quarter
(2026-Q3). ``copy`` is ``P`` on a public copy and ``U`` on an unmasked one (their rows fall differently).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import FILL_NON_ZERO

from liandian_desktop.ledger.errors import ValidationError
from liandian_desktop.ledger.validation import normalize_text

PREFIX = "LD1"
QUIET_MODULES = 4
_TARGET_RE = re.compile(r"[0-9A-Z-]{2,24}")
# Crockford's base32 reads O as 0 and I, L as 1: what people write down from a printed code.
_CROCKFORD = str.maketrans({"O": "0", "I": "1", "L": "1"})


@dataclass(frozen=True)
class PrintedCode:
    """A code read off paper. ``form`` and the rest are None when only the bare target was typed."""

    target: str
    form: str | None = None
    version: str | None = None
    page: int | None = None
    pages: int | None = None
    copy: str = ""  # "" internal, "P" public, "U" unmasked

    @property
    def payload(self) -> str:
        if self.form is None or self.version is None or self.page is None or self.pages is None:
            return self.target
        return make_payload(self.form, self.version, self.target, self.page, self.pages, self.copy)


def make_payload(form: str, version: str, target: str, page: int, pages: int, copy: str = "") -> str:
    payload = f"{PREFIX}|{form}|{version}|{target}|{page}/{pages}" + (f"|{copy}" if copy else "")
    if not payload.isascii() or "|" in target or "|" in version:
        raise ValueError(f"二维码内容只能是 ASCII 字符：{payload!r}")
    return payload


def parse_code(text: str) -> PrintedCode:
    """A QR payload, or a bare activity/work-order code as typed ('hd7k3m9q' → 'HD7K3M9Q').

    A code with O, I or L in it may have been misread: :func:`candidates` gives what to look up."""
    raw = normalize_text(text or "")
    if raw.upper().startswith(PREFIX + "|"):
        parts = raw.split("|")
        match = re.fullmatch(r"([0-9]+)/([0-9]+)", parts[4]) if len(parts) in (5, 6) else None
        copy = parts[5].upper() if len(parts) == 6 else ""
        if match is None or not parts[1] or not parts[2] or copy not in ("", "P", "U"):
            raise ValidationError("code", f"无法识别二维码内容“{raw}”")
        page, pages = int(match.group(1)), int(match.group(2))
        if not 1 <= page <= pages:
            raise ValidationError("code", f"二维码中的页码“{parts[4]}”无效")
        return PrintedCode(parts[3].upper(), parts[1], parts[2], page, pages, copy)
    code = raw.replace(" ", "").upper()
    if not _TARGET_RE.fullmatch(code):
        raise ValidationError("code", f"“{raw}”不是表上印的编号（例如 HD7K3M9Q、GD4N2P8R）或二维码内容")
    return PrintedCode(code)


def candidates(target: str) -> list[str]:
    """The codes a typed target may stand for: as typed, and with O read as 0 and I, L as 1."""
    found = [target]
    if target[:2] in ("HD", "GD"):
        fixed = target[:2] + target[2:].translate(_CROCKFORD)
        if fixed != target:
            found.append(fixed)
    return found


def draw_qr(canvas: Any, payload: str, x_mm: float, top_mm: float, size_mm: float, page_h_mm: float) -> None:
    """A QR code (error correction M) filling the square at (``x_mm``, ``top_mm``), quiet zone included.
    One path, so that no seams show between modules."""
    widget = QrCodeWidget(payload, barLevel="M")
    code = widget.qr
    code.make()
    count = code.getModuleCount()
    module = size_mm / (count + 2 * QUIET_MODULES)
    path = canvas.beginPath()
    for r, row in enumerate(code.modules):
        c = 0
        while c < count:
            if row[c]:
                start = c
                while c < count and row[c]:
                    c += 1
                x = x_mm + (QUIET_MODULES + start) * module
                y = page_h_mm - top_mm - (QUIET_MODULES + r + 1) * module
                path.rect(x * mm, y * mm, (c - start) * module * mm, module * mm)
            else:
                c += 1
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    canvas.drawPath(path, stroke=0, fill=1, fillMode=FILL_NON_ZERO)
    canvas.restoreState()
