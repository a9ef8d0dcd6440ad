"""Looking at PDFs the way a person or a scanner would: poppler's pdftoppm / pdftotext / pdffonts,
zxing-cpp for QR codes, OpenCV's ArUco detector for the corner markers."""

from __future__ import annotations

import base64
import io
import re
import shutil
import subprocess
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import zxingcpp
from fontTools.ttLib import TTFont as FontFile

POPPLER = ("pdftoppm", "pdftotext", "pdffonts")


def need_poppler() -> None:
    missing = [tool for tool in POPPLER if shutil.which(tool) is None]
    assert not missing, f"{', '.join(missing)} missing: apt-get install poppler-utils"


def write(pdf: bytes, folder: Path, name: str = "doc.pdf") -> Path:
    path = folder / name
    path.write_bytes(pdf)
    return path


def text_pages(pdf: bytes, folder: Path, *, layout: bool = False) -> list[str]:
    """The text of each page, as copy/paste and search see it (``layout``: lines kept as printed)."""
    need_poppler()
    path = write(pdf, folder, "text.pdf")
    cmd = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), str(path), "-"]
    out = subprocess.run(cmd, capture_output=True, check=True)
    pages = out.stdout.decode("utf-8").split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


@dataclass(frozen=True)
class FontRow:
    name: str
    type: str
    embedded: bool
    subset: bool
    unicode: bool


def fonts_of(pdf: bytes, folder: Path) -> list[FontRow]:
    need_poppler()
    path = write(pdf, folder, "fonts.pdf")
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True).stdout
    rows = []
    for line in out.splitlines()[2:]:
        parts = line.split()
        # name type [type…] encoding emb sub uni object-id generation
        rows.append(FontRow(parts[0], parts[1], parts[-5] == "yes", parts[-4] == "yes", parts[-3] == "yes"))
    return rows


def rasterise(
    pdf: bytes, folder: Path, dpi: int = 100, first: int | None = None, last: int | None = None
) -> list[np.ndarray[Any, Any]]:
    """Grey images of the pages (pdftoppm), as a scanner would give them."""
    need_poppler()
    path = write(pdf, folder, "raster.pdf")
    prefix = folder / "page"
    for old in folder.glob("page-*.png"):
        old.unlink()
    cmd = ["pdftoppm", "-gray", "-r", str(dpi), "-png"]
    if first is not None:
        cmd += ["-f", str(first)]
    if last is not None:
        cmd += ["-l", str(last)]
    subprocess.run([*cmd, str(path), str(prefix)], check=True)
    files = sorted(folder.glob("page-*.png"), key=lambda p: int(p.stem.split("-")[-1]))
    return [cv2.imread(str(f), cv2.IMREAD_GRAYSCALE) for f in files]


def qr_codes(image: np.ndarray[Any, Any]) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode]


def markers(image: np.ndarray[Any, Any]) -> dict[int, np.ndarray[Any, Any]]:
    """ArUco DICT_4X4_50 markers found: id -> 4 corners (x, y), clockwise from the marker's top-left."""
    dictionary = cv2.aruco.getPredefinedDictionary(cv2.aruco.DICT_4X4_50)
    detector = cv2.aruco.ArucoDetector(dictionary, cv2.aruco.DetectorParameters())
    corners, ids, _ = detector.detectMarkers(image)
    if ids is None:
        return {}
    return {int(i): c.reshape(4, 2) for i, c in zip(ids.flatten(), corners, strict=True)}


_OBJ_RE = re.compile(rb"(\d+) 0 obj\s*(.*?)endobj", re.S)


def _objects(pdf: bytes) -> dict[int, bytes]:
    return {int(m.group(1)): m.group(2) for m in _OBJ_RE.finditer(pdf)}


def _stream(body: bytes) -> bytes:
    head, _, rest = body.partition(b"stream")
    data = rest.lstrip(b"\r\n").rsplit(b"endstream", 1)[0].rstrip(b"\r\n")
    if b"/ASCII85Decode" in head:
        data = base64.a85decode(data.strip().removesuffix(b"~>"), adobe=False)
    if b"/FlateDecode" in head:
        data = zlib.decompress(data)
    return data


def _ref(body: bytes, key: bytes) -> int | None:
    m = re.search(rb"/" + key + rb"\s+(\d+)\s+0\s+R", body)
    return int(m.group(1)) if m else None


def embedded_glyphs(pdf: bytes) -> dict[str, int]:
    """Every character the PDF's embedded TrueType subsets can draw, with the number of contours of its
    glyph (0: blank): each subset font's ToUnicode map says which code is which character."""
    objects = _objects(pdf)
    found: dict[str, int] = {}
    for body in objects.values():
        if b"/Subtype /TrueType" not in body or b"/ToUnicode" not in body:
            continue
        to_unicode, descriptor = _ref(body, b"ToUnicode"), _ref(body, b"FontDescriptor")
        assert to_unicode is not None and descriptor is not None
        font_file = _ref(objects[descriptor], b"FontFile2")
        assert font_file is not None, "a TrueType font without an embedded program"
        font = FontFile(io.BytesIO(_stream(objects[font_file])))
        glyph_of: dict[int, str] = {}
        for table in font["cmap"].tables:  # ReportLab's subsets have a (1, 0) table: codes 0–255
            glyph_of.update(table.cmap)
        for code, text in re.findall(rb"<([0-9A-F]{2})> <((?:[0-9A-F]{4})+)>", _stream(objects[to_unicode])):
            char = bytes.fromhex(text.decode()).decode("utf-16-be")
            name = glyph_of.get(int(code, 16))
            contours = font["glyf"][name].numberOfContours if name else 0
            found[char] = max(found.get(char, 0), abs(contours))
    return found
