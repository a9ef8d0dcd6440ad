"""Evaluation forms: four ArUco markers and a QR code on every page, and a layout file precise enough for a
later version of the app to read ticked boxes back from a scan or a skewed phone photo — which this test
does, with a small reader built from OpenCV."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest

from liandian_desktop.ledger.errors import ValidationError
from liandian_desktop.paper.definitions import bundled_forms_dir
from liandian_desktop.paper.evaluation import render_evaluation
from liandian_desktop.paper.printcode import parse_code
from tests.paper.ledger import PaperLedger, paper_ledger, paper_template_file  # noqa: F401 - fixtures
from tests.paper.pdf import fonts_of, markers, qr_codes, rasterise, text_pages

pytestmark = pytest.mark.slow  # renders PDFs and runs poppler / OpenCV / zxing on them

PX_PER_MM = 4  # the reader's canonical page


def layout() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((bundled_forms_dir() / "evaluation.layout.json").read_text("utf-8"))
    return data


def marker_points(spec: dict[str, Any]) -> tuple[np.ndarray[Any, Any], list[int]]:
    points, ids = [], []
    for m in spec["markers"]["items"]:
        x, y, w, h = m["x"], m["y"], m["w"], m["h"]
        points += [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
        ids.append(m["id"])
    return np.array(points, dtype=np.float32), ids


def page_homography(image: np.ndarray[Any, Any], spec: dict[str, Any]) -> np.ndarray[Any, Any]:
    """Millimetres on the form → pixels in the image, from the four markers."""
    found = markers(image)
    mm_points, ids = marker_points(spec)
    assert set(found) >= set(ids), f"markers found: {sorted(found)}"
    px_points = np.concatenate([found[i] for i in ids]).astype(np.float32)
    h, _ = cv2.findHomography(mm_points, px_points)
    return h


def to_px(h: np.ndarray[Any, Any], x: float, y: float) -> tuple[int, int]:
    p = h @ np.array([x, y, 1.0])
    return round(p[0] / p[2]), round(p[1] / p[2])


def tick(image: np.ndarray[Any, Any], h: np.ndarray[Any, Any], box: dict[str, float]) -> None:
    """A pen tick across a box, as a resident would make it."""
    x, y, w, hh = box["x"], box["y"], box["w"], box["h"]
    a, b, c = (
        to_px(h, x + 0.15 * w, y + 0.55 * hh),
        to_px(h, x + 0.4 * w, y + 0.85 * hh),
        to_px(h, x + 0.95 * w, y),
    )
    thickness = max(2, round(0.5 * math.dist(to_px(h, 0, 0), to_px(h, 1, 0))))
    cv2.line(image, a, b, 0, thickness)
    cv2.line(image, b, c, 0, thickness)


def read_answers(photo: np.ndarray[Any, Any], spec: dict[str, Any]) -> dict[str, str]:
    """Square the photo up on the markers, then take each question's clearly darkest box."""
    h = page_homography(photo, spec)
    width, height = spec["page"]["width"] * PX_PER_MM, spec["page"]["height"] * PX_PER_MM
    scale = np.diag([PX_PER_MM, PX_PER_MM, 1.0])
    canonical = cv2.warpPerspective(
        photo, scale @ np.linalg.inv(h), (round(width), round(height)), borderValue=255
    )
    answers = {}
    for field in spec["fields"]:
        if field["type"] != "single":
            continue
        ink = []
        for choice in field["choices"]:
            x0, y0 = (
                (choice["x"] + 0.2 * choice["w"]) * PX_PER_MM,
                (choice["y"] + 0.2 * choice["h"]) * PX_PER_MM,
            )
            x1, y1 = (
                (choice["x"] + 0.8 * choice["w"]) * PX_PER_MM,
                (choice["y"] + 0.8 * choice["h"]) * PX_PER_MM,
            )
            inside = canonical[round(y0) : round(y1), round(x0) : round(x1)]
            ink.append(float(255 - inside.mean()))
        best = max(range(len(ink)), key=ink.__getitem__)
        others = sorted(ink)[-2] if len(ink) > 1 else 0.0
        if ink[best] > 30 and ink[best] > 2 * others + 10:
            answers[field["key"]] = field["choices"][best]["value"]
    return answers


def photograph(image: np.ndarray[Any, Any], seed: int) -> np.ndarray[Any, Any]:
    """A phone photo of the page: on a grey table, turned, in perspective, a little blurred and noisy."""
    rng = np.random.default_rng(seed)
    h, w = image.shape
    pad = 80
    canvas = np.full((h + 2 * pad, w + 2 * pad), 150, dtype=np.uint8)
    canvas[pad : pad + h, pad : pad + w] = image
    src = np.array([[pad, pad], [pad + w, pad], [pad + w, pad + h], [pad, pad + h]], dtype=np.float32)
    jitter = rng.uniform(-0.06, 0.06, size=(4, 2)) * np.array([w, h])
    dst = (src + jitter).astype(np.float32)
    m = cv2.getPerspectiveTransform(src, dst)
    angle = rng.uniform(-8, 8)
    rot = cv2.getRotationMatrix2D(((w + 2 * pad) / 2, (h + 2 * pad) / 2), angle, 1.0)
    warped = cv2.warpPerspective(canvas, m, (w + 2 * pad, h + 2 * pad), borderValue=150)
    warped = cv2.warpAffine(warped, rot, (w + 2 * pad, h + 2 * pad), borderValue=150)
    warped = cv2.GaussianBlur(warped, (3, 3), 0.8)
    noise = rng.normal(0, 6, warped.shape)
    return np.clip(warped.astype(np.float64) * 0.9 + 15 + noise, 0, 255).astype(np.uint8)


def test_every_page_has_four_markers_of_at_least_12_mm_inset_15_mm_and_a_qr_code(
    paper: PaperLedger, tmp_path: Path
) -> None:
    doc = render_evaluation(paper.store, paper.meeting, copies=4)
    dpi = 100
    px_per_mm = dpi / 25.4
    images = rasterise(doc.pdf, tmp_path, dpi=dpi)
    assert len(images) == doc.pages == 4
    for number, image in enumerate(images, 1):
        found = markers(image)
        assert sorted(found) == [0, 1, 2, 3], f"page {number}: {sorted(found)}"
        height, width = image.shape
        for corners in found.values():
            side = np.linalg.norm(corners[1] - corners[0]) / px_per_mm
            assert side >= 12 - 0.5, side
            xs, ys = corners[:, 0] / px_per_mm, corners[:, 1] / px_per_mm
            assert xs.min() >= 15 - 0.6 and ys.min() >= 15 - 0.6
            assert width / px_per_mm - xs.max() >= 15 - 0.6 and height / px_per_mm - ys.max() >= 15 - 0.6
        codes = qr_codes(image)
        assert len(codes) == 1
        printed = parse_code(codes[0])
        assert (printed.form, printed.version, printed.target, printed.page, printed.pages) == (
            "evaluation",
            "2026.1",
            "HDPAPER01",
            number,
            4,
        )


def test_the_form_text_says_what_is_evaluated_and_which_version(paper: PaperLedger, tmp_path: Path) -> None:
    doc = render_evaluation(paper.store, paper.resolved_order)
    text = "".join("".join(text_pages(doc.pdf, tmp_path)).split())
    for words in (
        "居民满意度测评表",
        "非常满意",
        "基本满意",
        "非常不满意",
        "已解决",
        "部分解决",
        "未解决",
        "意见和建议",
        paper.resolved_order,
        "evaluationv2026.1",
        "第1页/共1页",
    ):
        assert words in text, words
    assert not doc.has_personal_data  # anonymous: printing it is not a personal-data event
    assert all(f.embedded and f.subset for f in fonts_of(doc.pdf, tmp_path))


def test_the_committed_layout_locates_the_printed_boxes(paper: PaperLedger, tmp_path: Path) -> None:
    """Every box in the layout file has its printed border where the file says, to within half a mm."""
    spec = layout()
    doc = render_evaluation(paper.store, paper.meeting, copies=1)
    dpi = 200
    image = rasterise(doc.pdf, tmp_path, dpi=dpi)[0]
    px = dpi / 25.4
    for field in spec["fields"]:
        for choice in field.get("choices", []):
            x0, y0 = choice["x"] * px, choice["y"] * px
            x1, y1 = (choice["x"] + choice["w"]) * px, (choice["y"] + choice["h"]) * px
            mid_y, mid_x = round((y0 + y1) / 2), round((x0 + x1) / 2)
            for edge_x in (x0, x1):  # a dark vertical line within 0.5 mm of each side
                window = image[mid_y, round(edge_x - px / 2) : round(edge_x + px / 2) + 1]
                assert window.min() < 100, (field["key"], choice["label"], "vertical edge")
            for edge_y in (y0, y1):
                window = image[round(edge_y - px / 2) : round(edge_y + px / 2) + 1, mid_x]
                assert window.min() < 100, (field["key"], choice["label"], "horizontal edge")
            inside = image[round(y0 + px) : round(y1 - px), round(x0 + px) : round(x1 - px)]
            assert inside.mean() > 240  # an empty box is white inside


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_ticked_boxes_are_read_back_from_a_skewed_phone_photo(
    paper: PaperLedger, tmp_path: Path, seed: int
) -> None:
    spec = layout()
    doc = render_evaluation(paper.store, paper.meeting, copies=1)
    scan = rasterise(doc.pdf, tmp_path, dpi=150)[0]
    h = page_homography(scan, spec)
    rng = np.random.default_rng(seed)
    wanted = {}
    for field in spec["fields"]:
        if field["type"] == "single":
            choice = field["choices"][int(rng.integers(len(field["choices"])))]
            tick(scan, h, choice)
            wanted[field["key"]] = choice["value"]
    assert read_answers(scan, spec) == wanted  # straight from the scanner
    photo = photograph(scan, seed)
    assert read_answers(photo, spec) == wanted  # and from a phone photo on a table
    assert read_answers(rasterise(doc.pdf, tmp_path, dpi=150)[0], spec) == {}  # an empty form reads empty


def test_copies_default_to_the_people_who_came_and_are_bounded(paper: PaperLedger) -> None:
    doc = render_evaluation(paper.store, paper.meeting)
    assert doc.pages == len(paper.residents)  # nobody keyed yet: one per invitee
    with pytest.raises(ValidationError):
        render_evaluation(paper.store, paper.meeting, copies=0)
