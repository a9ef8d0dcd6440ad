"""Where everything goes on a page, in millimetres from the top-left corner, as a function of the definition
only (never of the data), so that a scan reader can find every box from the definition's version alone.

The renderers draw from these layouts, and ``write_layouts`` writes them as ``forms/<id>.layout.json``
beside each definition (committed; a test checks the committed files are current).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from liandian_desktop.ledger.models import Resolution, Satisfaction
from liandian_desktop.paper import fonts
from liandian_desktop.paper.definitions import DefinitionError, FormDefinition, Question, load_folder
from liandian_desktop.paper.markers import CORNER_IDS, DICTIONARY
from liandian_desktop.paper.privacy import INTERNAL_ONLY_FIELDS

PORTRAIT = (210.0, 297.0)
LANDSCAPE = (297.0, 210.0)
MARGIN = 15.0  # left and right
EDGE = 12.0  # top and bottom, without markers
MARKER_SIZE = 14.0  # ≥ 12 mm
MARKER_INSET = 15.0  # ≥ 15 mm from the paper's edge
GAP = 3.0
QR_SIZE = 24.0  # quiet zone included
TABLE_HEADER_H = 8.5
FOOTER_H = 9.0
PT = 25.4 / 72  # millimetres in a point

# Evaluation forms
INSTRUCTION_PT = 10.5
QUESTION_PT = 12.0
CHOICE_PT = 12.0
BOX = 6.5  # a tick box, mm: big enough for an unsteady hand, and for a reader to find the ink
CHOICE_ROW_H = 11.0
QUESTION_GAP = 7.0
COMMENT_LINE_H = 10.0
DATE_ROW_H = 9.0
_ROUND = 2


def _r(value: float) -> float:
    return round(value + 0.0, _ROUND)


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def as_dict(self) -> dict[str, float]:
        return {"x": _r(self.x), "y": _r(self.y), "w": _r(self.w), "h": _r(self.h)}


@dataclass(frozen=True)
class Marker:
    id: int
    corner: str
    box: Box


@dataclass(frozen=True)
class Frame:
    """The furniture every page of a form has: markers, QR code, title, information block, footer."""

    width: float
    height: float
    markers: tuple[Marker, ...]
    qr: Box
    title: Box
    info: Box
    footer: Box
    left: float
    right: float
    body_top: float
    body_bottom: float


def page_size(definition: FormDefinition) -> tuple[float, float]:
    return LANDSCAPE if definition.page.orientation == "landscape" else PORTRAIT


def frame(definition: FormDefinition) -> Frame:
    width, height = page_size(definition)
    left, right = MARGIN, width - MARGIN
    if definition.page.markers:
        band_top, band_bottom = MARKER_INSET, MARKER_INSET + MARKER_SIZE
        far_x, far_y = width - MARKER_INSET - MARKER_SIZE, height - MARKER_INSET - MARKER_SIZE
        corners = {
            "top-left": (MARKER_INSET, MARKER_INSET),
            "top-right": (far_x, MARKER_INSET),
            "bottom-right": (far_x, far_y),
            "bottom-left": (MARKER_INSET, far_y),
        }
        markers = tuple(
            Marker(CORNER_IDS[c], c, Box(x, y, MARKER_SIZE, MARKER_SIZE)) for c, (x, y) in corners.items()
        )
        inner_left, inner_right = band_bottom + 4, width - band_bottom - 4
        title = Box(inner_left, band_top, inner_right - inner_left, MARKER_SIZE)
        qr = Box(right - QR_SIZE, band_bottom + GAP, QR_SIZE, QR_SIZE)
        info = Box(left, qr.y, qr.x - GAP - left, QR_SIZE)
        footer = Box(inner_left, far_y, inner_right - inner_left, MARKER_SIZE)
        body_bottom = far_y - GAP
    else:
        markers = ()
        qr = Box(right - QR_SIZE, EDGE, QR_SIZE, QR_SIZE)
        title = Box(left, EDGE, qr.x - GAP - left, 8.0)
        info = Box(left, title.bottom + 1, title.w, qr.bottom - title.bottom - 1)
        footer = Box(left, height - EDGE - FOOTER_H, right - left, FOOTER_H)
        body_bottom = footer.y - 1.5
    return Frame(width, height, markers, qr, title, info, footer, left, right, qr.bottom + GAP, body_bottom)


# ---------------------------------------------------------------------------------------------------------
# Table forms: sign-in sheets and the matching list
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ColumnLayout:
    field: str
    label: str
    x: float
    w: float
    align: str


@dataclass(frozen=True)
class TableLayout:
    frame: Frame
    header: Box  # the row of column labels
    rows_top: float
    row_height: float
    rows_per_page: int
    internal: tuple[ColumnLayout, ...]
    public: tuple[ColumnLayout, ...]

    def columns(self, public: bool) -> tuple[ColumnLayout, ...]:
        return self.public if public else self.internal

    def row_box(self, slot: int, slots: int = 1) -> Box:
        return Box(
            self.header.x, self.rows_top + slot * self.row_height, self.header.w, slots * self.row_height
        )


def _scaled_columns(
    definition: FormDefinition, x0: float, width: float, public: bool
) -> tuple[ColumnLayout, ...]:
    chosen = [c for c in definition.columns if not (public and c.field in INTERNAL_ONLY_FIELDS)]
    total = sum(c.width for c in chosen)
    result = []
    x = x0
    for c in chosen:
        w = width * c.width / total
        result.append(ColumnLayout(c.field, c.label, _r(x), _r(w), c.align))
        x += w
    return tuple(result)


def table_layout(definition: FormDefinition) -> TableLayout:
    if definition.kind == "evaluation":
        raise ValueError("an evaluation form has no table")
    f = frame(definition)
    header = Box(f.left, f.body_top, f.right - f.left, TABLE_HEADER_H)
    rows_top = header.bottom
    row_h = definition.page.row_height
    per_page = math.floor((f.body_bottom - rows_top) / row_h + 1e-9)
    if per_page < 3:
        raise DefinitionError(
            definition.path, f"每行 {row_h:g} 毫米太高，一页放不下 3 行", key="page.row_height"
        )
    return TableLayout(
        frame=f,
        header=header,
        rows_top=rows_top,
        row_height=row_h,
        rows_per_page=per_page,
        internal=_scaled_columns(definition, f.left, header.w, public=False),
        public=_scaled_columns(definition, f.left, header.w, public=True),
    )


# ---------------------------------------------------------------------------------------------------------
# Evaluation forms: one respondent a page, every answer a box
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChoiceLayout:
    value: str  # what is stored: a Satisfaction / Resolution code, or the label itself
    label: str
    box: Box
    label_x: float


@dataclass(frozen=True)
class QuestionLayout:
    question: Question
    text_lines: tuple[str, ...]
    text_top: float
    choices: tuple[ChoiceLayout, ...]
    label_pt: float


@dataclass(frozen=True)
class EvaluationLayout:
    frame: Frame
    instructions: tuple[str, ...]
    instructions_top: float
    questions: tuple[QuestionLayout, ...]
    comment_label_top: float
    comment: Box | None  # the writing area
    date: Box  # 填表日期 line


def choice_value(question: Question, label: str) -> str:
    """The stored value of a choice: the ledger's code for recorded questions, else the label."""
    if question.records == "satisfaction":
        return Satisfaction.from_label(label).value
    if question.records == "resolution":
        return Resolution.from_label(label).value
    return label


def evaluation_layout(definition: FormDefinition) -> EvaluationLayout:
    if definition.kind != "evaluation":
        raise ValueError("not an evaluation form")
    f = frame(definition)
    width = f.right - f.left
    y = f.body_top
    instructions = (
        tuple(fonts.wrap(definition.instructions, fonts.REGULAR, INSTRUCTION_PT, width / PT))
        if (definition.instructions)
        else ()
    )
    instructions_top = y
    y += len(instructions) * INSTRUCTION_PT * 1.45 * PT + (2.0 if instructions else 0.0)
    questions = []
    for q in definition.questions:
        y += 2.0
        lines = tuple(fonts.wrap(q.text, fonts.BOLD, QUESTION_PT, width / PT))
        text_top = y
        y += len(lines) * QUESTION_PT * 1.4 * PT + 1.0
        cell = (width - 4) / len(q.choices)
        label_room = (cell - BOX - 2.5) / PT
        label_pt = CHOICE_PT
        while (
            label_pt > 7 and max(fonts.text_width(c, fonts.REGULAR, label_pt) for c in q.choices) > label_room
        ):
            label_pt -= 0.5
        box_y = y + (CHOICE_ROW_H - BOX) / 2
        choices = tuple(
            ChoiceLayout(
                value=choice_value(q, label),
                label=label,
                box=Box(_r(f.left + 4 + i * cell), _r(box_y), BOX, BOX),
                label_x=_r(f.left + 4 + i * cell + BOX + 2.0),
            )
            for i, label in enumerate(q.choices)
        )
        questions.append(QuestionLayout(q, lines, _r(text_top), choices, label_pt))
        y += CHOICE_ROW_H + QUESTION_GAP - 2.0
    comment_label_top = y + 1.0
    comment = None
    if definition.comment is not None:
        y += 1.0 + QUESTION_PT * 1.4 * PT + 1.5
        comment = Box(f.left, _r(y), width, definition.comment.lines * COMMENT_LINE_H)
        y = comment.bottom + 3.0
    date = Box(f.left, _r(y), width, DATE_ROW_H)
    if date.bottom > f.body_bottom:
        raise DefinitionError(
            definition.path,
            f"题目太多或太长，一页放不下（超出 {date.bottom - f.body_bottom:.0f} 毫米）；"
            "请删减题目或意见栏行数",
            key="questions",
        )
    return EvaluationLayout(
        f, instructions, _r(instructions_top), tuple(questions), _r(comment_label_top), comment, date
    )


# ---------------------------------------------------------------------------------------------------------
# The layout file
# ---------------------------------------------------------------------------------------------------------


def layout_data(definition: FormDefinition) -> dict[str, Any]:
    """The layout as plain data (what ``forms/<id>.layout.json`` holds)."""
    f = frame(definition)
    data: dict[str, Any] = {
        "form": definition.id,
        "kind": definition.kind,
        "version": definition.version,
        "title": definition.title,
        "definition_sha256": definition.sha256,
        "generated_by": "liandian_desktop.paper.layout (liandian print layouts)",
        "units": "mm",
        "origin": "top-left corner of the page, x to the right, y downwards",
        "page": {"width": f.width, "height": f.height, "orientation": definition.page.orientation},
        "markers": None,
        "qr": {
            **f.qr.as_dict(),
            "quiet_zone_modules": 4,
            "payload": "LD1|<form>|<version>|<activity, work-order code or quarter>|<page>/<pages>",
        },
        "title_area": f.title.as_dict(),
        "info_area": f.info.as_dict(),
        "footer_area": f.footer.as_dict(),
    }
    if f.markers:
        data["markers"] = {
            "dictionary": DICTIONARY,
            "size": MARKER_SIZE,
            "items": [{"id": m.id, "corner": m.corner, **m.box.as_dict()} for m in f.markers],
        }
    if definition.kind == "evaluation":
        data.update(_evaluation_data(evaluation_layout(definition)))
    else:
        data["table"] = _table_data(table_layout(definition))
    return data


def _table_data(t: TableLayout) -> dict[str, Any]:
    def cols(columns: tuple[ColumnLayout, ...]) -> list[dict[str, Any]]:
        return [{"field": c.field, "label": c.label, "x": c.x, "w": c.w} for c in columns]

    return {
        "header": t.header.as_dict(),
        "rows_top": _r(t.rows_top),
        "row_height": t.row_height,
        "rows_per_page": t.rows_per_page,
        "row_growth": (
            "A row whose text does not fit one row height takes whole row heights (slots). "
            "The keying rows of a sheet give each row's page, slot and slots."
        ),
        "columns": {"internal": cols(t.internal), "public": cols(t.public)},
    }


def _evaluation_data(e: EvaluationLayout) -> dict[str, Any]:
    fields: list[dict[str, Any]] = []
    for q in e.questions:
        fields.append(
            {
                "key": q.question.key,
                "type": "single",
                "records": q.question.records,
                "required": q.question.required,
                "text": q.question.text,
                "choices": [{"value": c.value, "label": c.label, **c.box.as_dict()} for c in q.choices],
            }
        )
    if e.comment is not None:
        fields.append({"key": "comment", "type": "text", **e.comment.as_dict()})
    fields.append({"key": "date", "type": "date", **e.date.as_dict()})
    return {"fields": fields}


def layout_json(definition: FormDefinition) -> str:
    return json.dumps(layout_data(definition), ensure_ascii=False, indent=1) + "\n"


def layout_path(definition: FormDefinition) -> Path:
    return definition.path.with_name(f"{definition.id}.layout.json")


def write_layout(definition: FormDefinition) -> Path:
    path = layout_path(definition)
    text = layout_json(definition)
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8", newline="\n")
    return path


def write_layouts(folder: Path) -> list[Path]:
    """Write ``<id>.layout.json`` beside every definition in ``folder``."""
    return [write_layout(d) for d in load_folder(folder)]
