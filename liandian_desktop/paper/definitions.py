"""Form definitions: declarative TOML files in ``forms/`` (one per form), read with tomllib and checked.

A county changes a questionnaire by editing its file, no release needed. Each definition carries its own
version, printed on every page and kept with every evaluation keyed from it. A broken file is reported with
its name, the line and the key, in Chinese (:class:`DefinitionError`), never as a crash.

What may appear in a column is a fixed vocabulary (``TABLE_FIELDS``); whether a column is masked or left
off a posted copy is decided by :mod:`liandian_desktop.paper.privacy`, never by the definition.
"""

from __future__ import annotations

import hashlib
import re
import sys
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from liandian_desktop.ledger.errors import LedgerError
from liandian_desktop.ledger.models import Resolution, Satisfaction

FormKind = Literal["signin", "volunteer_signin", "evaluation", "matching"]
KINDS: tuple[str, ...] = ("signin", "volunteer_signin", "evaluation", "matching")
KIND_LABELS = {
    "signin": "签到表",
    "volunteer_signin": "志愿服务签到表",
    "evaluation": "测评表",
    "matching": "匹配清单",
}

# The columns each kind of table form can have, with a default label.
TABLE_FIELDS: dict[str, dict[str, str]] = {
    "signin": {
        "row_code": "行号",
        "name": "姓名",
        "gender": "性别",
        "age": "年龄",
        "id_number": "身份证号",
        "phone": "联系电话",
        "address": "住址",
        "groups": "特殊群体",
        "health_note": "健康状况",
        "disability_note": "残疾情况",
        "signature": "签名",
        "sign_time": "签到时间",
        "note": "备注",
    },
    "volunteer_signin": {
        "row_code": "行号",
        "name": "姓名",
        "volunteer_no": "志愿者编号",
        "gender": "性别",
        "id_number": "身份证号",
        "phone": "联系电话",
        "sign_in": "签到时间",
        "sign_out": "签退时间",
        "hours": "服务时长",
        "signature": "签名",
        "note": "备注",
    },
    "matching": {
        "seq": "序号",
        "demand_code": "需求编号",
        "community": "村（社区）",
        "demand": "需求内容",
        "category": "类别",
        "urgency": "紧急程度",
        "special_group": "特殊群体",
        "beneficiaries": "受益人数",
        "unit": "供给单位",
        "supply": "供给内容",
        "supply_kind": "供给类型",
        "score": "匹配分",
        "reasons": "匹配理由",
        "status": "状态",
        "decision": "会议意见",
        "note": "备注",
    },
}
REQUIRED_FIELDS: dict[str, tuple[str, ...]] = {
    "signin": ("row_code", "name"),
    "volunteer_signin": ("row_code", "name", "hours"),
    "matching": ("seq", "demand_code"),
}
# Questions whose answer goes into the ledger, and the choices they must offer, in this order.
RECORDED_CHOICES: dict[str, tuple[str, ...]] = {
    "satisfaction": tuple(m.label for m in Satisfaction),
    "resolution": tuple(m.label for m in Resolution),
}

_ID_RE = re.compile(r"[a-z][a-z0-9-]{0,19}")
_VERSION_RE = re.compile(r"[0-9A-Za-z][0-9A-Za-z.-]{0,11}")
_KEY_RE = re.compile(r"[a-z][a-z0-9_]{0,19}")
_EVALUATION_VERSION_MAX = 20  # Evaluation.form_version is String(20): "<id>@<version>" must fit


class DefinitionError(LedgerError):
    """A form definition that cannot be used: which file, which line, which key, and why."""

    def __init__(self, path: Path, message: str, *, line: int | None = None, key: str = "") -> None:
        where = path.name + (f" 第 {line} 行" if line else "") + (f"（{key}）" if key else "")
        super().__init__(f"表单定义 {where}：{message}")
        self.path = path
        self.line = line
        self.key = key


@dataclass(frozen=True)
class Column:
    field: str
    label: str
    width: float  # relative width in millimetres; the table is scaled to the page
    align: str  # left | center | right


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    choices: tuple[str, ...]
    records: str | None  # satisfaction | resolution | None (kept in the evaluation's comment)
    required: bool


@dataclass(frozen=True)
class CommentBox:
    label: str
    lines: int


@dataclass(frozen=True)
class PageSpec:
    orientation: str  # portrait | landscape
    row_height: float  # mm, table forms
    blank_rows: int  # table forms: at least this many blank rows at the end
    footer_note: str
    markers: bool  # ArUco corner markers


@dataclass(frozen=True)
class FormDefinition:
    id: str
    kind: str
    title: str
    version: str
    description: str
    instructions: str
    page: PageSpec
    columns: tuple[Column, ...]
    questions: tuple[Question, ...]
    comment: CommentBox | None
    path: Path
    sha256: str  # of the file's text (line endings normalised): a layout file names the text it came from

    @property
    def label(self) -> str:
        """What every printed page says: '签到表 signin v2026.1'."""
        return f"{self.title} {self.id} v{self.version}"

    @property
    def version_tag(self) -> str:
        """What an evaluation keeps as its form version: 'evaluation@2026.1'."""
        return f"{self.id}@{self.version}"

    def column(self, field: str) -> Column | None:
        return next((c for c in self.columns if c.field == field), None)


# ---------------------------------------------------------------------------------------------------------
# Where definitions live
# ---------------------------------------------------------------------------------------------------------


def bundled_forms_dir() -> Path:
    """The definitions shipped with the app: ``forms/`` of the source tree or of a frozen build."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "forms"
    return Path(__file__).resolve().parents[2] / "forms"


def search_dirs(extra: Path | None = None) -> list[Path]:
    """Where to look, first match wins: an explicit folder (the county's published templates), then the
    bundled ones."""
    dirs = [extra] if extra is not None else []
    return [*dirs, bundled_forms_dir()]


def find_definition(name: str, dirs: Sequence[Path] | None = None) -> Path:
    for folder in dirs if dirs is not None else search_dirs():
        path = folder / f"{name}.toml"
        if path.is_file():
            return path
    looked = "、".join(str(d) for d in (dirs if dirs is not None else search_dirs()))
    raise LedgerError(f"找不到表单定义 {name}.toml（查找了：{looked}）")


def load_definition(name: str, dirs: Sequence[Path] | None = None) -> FormDefinition:
    """The definition ``<name>.toml`` from the first folder that has it, checked."""
    return load_file(find_definition(name, dirs))


def load_folder(folder: Path) -> list[FormDefinition]:
    """Every ``*.toml`` definition in ``folder``, checked, in name order."""
    return [load_file(p) for p in sorted(folder.glob("*.toml"))]


# ---------------------------------------------------------------------------------------------------------
# Reading and checking one file
# ---------------------------------------------------------------------------------------------------------


def load_file(path: Path) -> FormDefinition:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DefinitionError(path, f"无法读取文件（{exc.strerror or exc}）") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DefinitionError(path, "文件不是 UTF-8 编码，请用 UTF-8 保存", line=line) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where, detail = _toml_error_position(str(exc))
        raise DefinitionError(path, f"TOML 格式错误：{detail}", line=where) from None
    return _Checker(path, text).definition(data)


def _toml_error_position(message: str) -> tuple[int | None, str]:
    match = re.search(r"\(at line (\d+), column (\d+)\)", message)
    if not match:
        return None, message
    detail = message[: match.start()].strip()
    return int(match.group(1)), f"{detail}（第 {match.group(2)} 列）"


class _Checker:
    """Checks the parsed TOML and locates a bad key's line in the text, for the message."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()
        self.sha256 = hashlib.sha256(text.replace("\r\n", "\n").encode("utf-8")).hexdigest()

    # -- errors --------------------------------------------------------------------------------------
    def fail(self, where: tuple[str | int, ...], message: str) -> DefinitionError:
        return DefinitionError(self.path, message, line=self._line_of(where), key=_key_text(where))

    def _line_of(self, where: tuple[str | int, ...]) -> int | None:
        """The line of ``[table] key`` or ``[[array]] #n key``; the header's line when the key is absent."""
        if not where:
            return None
        table, rest = where[0], where[1:]
        index = rest[0] if rest and isinstance(rest[0], int) else None
        key = next((k for k in rest if isinstance(k, str)), None)
        header = re.compile(rf"^\s*\[\[?\s*{re.escape(str(table))}\s*\]\]?\s*(#.*)?$")
        any_header = re.compile(r"^\s*\[")
        seen = -1
        start = None
        for number, line in enumerate(self.lines, 1):
            if header.match(line):
                seen += 1
                if index is None or seen == index:
                    start = number
                    break
        if start is None:
            # a top-level key, or a table written inline
            start = 0
            key = str(table) if key is None else key
        if key is None:
            return start or None
        key_re = re.compile(rf"^\s*{re.escape(key)}\s*=")
        for number in range(start + 1, len(self.lines) + 1):
            line = self.lines[number - 1]
            if start and any_header.match(line):
                break
            if key_re.match(line):
                return number
        return start or None

    # -- typed getters -------------------------------------------------------------------------------
    def table(self, data: dict[str, Any], name: str, *, required: bool = True) -> dict[str, Any]:
        value = data.get(name)
        if value is None:
            if required:
                raise self.fail((), f"缺少 [{name}] 部分")
            return {}
        if not isinstance(value, dict):
            raise self.fail((name,), f"“{name}”应为一个表（[{name}]）")
        return value

    def known_keys(self, table: dict[str, Any], where: tuple[str | int, ...], allowed: Iterable[str]) -> None:
        allowed_set = set(allowed)
        for key in table:
            if key not in allowed_set:
                choices = "、".join(sorted(allowed_set))
                raise self.fail((*where, key), f"未知的键“{key}”（可用的键：{choices}）")

    def text(
        self,
        table: dict[str, Any],
        where: tuple[str | int, ...],
        key: str,
        *,
        required: bool = True,
        max_len: int = 200,
        default: str = "",
    ) -> str:
        value = table.get(key)
        if value is None:
            if required:
                raise self.fail((*where, key), f"缺少“{key}”")
            return default
        if not isinstance(value, str):
            raise self.fail((*where, key), f"“{key}”应为文本（用英文双引号括起来）")
        value = value.strip()
        if required and not value:
            raise self.fail((*where, key), f"“{key}”不能为空")
        if len(value) > max_len:
            raise self.fail((*where, key), f"“{key}”太长：最多 {max_len} 个字，现在 {len(value)} 个")
        return value

    def number(
        self,
        table: dict[str, Any],
        where: tuple[str | int, ...],
        key: str,
        lo: float,
        hi: float,
        *,
        default: float | None = None,
        integer: bool = False,
    ) -> float:
        value = table.get(key)
        if value is None:
            if default is None:
                raise self.fail((*where, key), f"缺少“{key}”")
            return default
        if (
            isinstance(value, bool)
            or not isinstance(value, (int, float))
            or (integer and not isinstance(value, int))
        ):
            raise self.fail((*where, key), f"“{key}”应为{'整数' if integer else '数字'}")
        if not lo <= value <= hi:
            raise self.fail((*where, key), f"“{key}”应在 {lo:g}–{hi:g} 之间，现在是 {value:g}")
        return float(value)

    def flag(self, table: dict[str, Any], where: tuple[str | int, ...], key: str, default: bool) -> bool:
        value = table.get(key, default)
        if not isinstance(value, bool):
            raise self.fail((*where, key), f"“{key}”应为 true 或 false")
        return value

    def array(self, data: dict[str, Any], name: str) -> list[dict[str, Any]]:
        value = data.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.fail((name,), f"“{name}”应写成若干个 [[{name}]] 表")
        return value

    # -- the definition ------------------------------------------------------------------------------
    def definition(self, data: dict[str, Any]) -> FormDefinition:
        self.known_keys(data, (), ("form", "page", "columns", "questions", "comment"))
        form = self.table(data, "form")
        self.known_keys(form, ("form",), ("id", "kind", "title", "version", "description", "instructions"))
        form_id = self.text(form, ("form",), "id", max_len=20)
        if not _ID_RE.fullmatch(form_id):
            raise self.fail(
                ("form", "id"), "“id”只能用小写英文字母、数字和连字符，以字母开头，最多 20 个字符"
            )
        if form_id != self.path.stem:
            raise self.fail(("form", "id"), f"“id”（{form_id}）应与文件名（{self.path.stem}.toml）一致")
        kind = self.text(form, ("form",), "kind")
        if kind not in KINDS:
            raise self.fail(("form", "kind"), f"未知的表单类型“{kind}”（可用：{'、'.join(KINDS)}）")
        version = self.text(form, ("form",), "version", max_len=12)
        if not _VERSION_RE.fullmatch(version):
            raise self.fail(
                ("form", "version"),
                "“version”只能用英文字母、数字、点和连字符（例如 2026.2），最多 12 个字符",
            )
        if kind == "evaluation" and len(f"{form_id}@{version}") > _EVALUATION_VERSION_MAX:
            raise self.fail(
                ("form", "version"), f"测评表的“id@version”不能超过 {_EVALUATION_VERSION_MAX} 个字符"
            )
        title = self.text(form, ("form",), "title", max_len=30)
        description = self.text(form, ("form",), "description", required=False, max_len=300)
        instructions = self.text(form, ("form",), "instructions", required=False, max_len=120)

        page = self._page(self.table(data, "page", required=False), kind)
        columns: tuple[Column, ...] = ()
        questions: tuple[Question, ...] = ()
        comment: CommentBox | None = None
        if kind == "evaluation":
            if "columns" in data:
                raise self.fail(
                    ("columns",), "测评表没有表格栏目，请删除 [[columns]]，用 [[questions]] 写题目"
                )
            questions = self._questions(self.array(data, "questions"))
            comment = self._comment(self.table(data, "comment", required=False))
        else:
            for name in ("questions", "comment"):
                if name in data:
                    raise self.fail((name,), f"{KIND_LABELS[kind]}没有题目，请删除 [{name}] 部分")
            columns = self._columns(self.array(data, "columns"), kind)
        return FormDefinition(
            id=form_id,
            kind=kind,
            title=title,
            version=version,
            description=description,
            instructions=instructions,
            page=page,
            columns=columns,
            questions=questions,
            comment=comment,
            path=self.path,
            sha256=self.sha256,
        )

    def _page(self, page: dict[str, Any], kind: str) -> PageSpec:
        where: tuple[str | int, ...] = ("page",)
        self.known_keys(page, where, ("orientation", "row_height", "blank_rows", "footer_note", "markers"))
        orientation = self.text(page, where, "orientation", required=False, default="portrait")
        if orientation not in ("portrait", "landscape"):
            raise self.fail((*where, "orientation"), "“orientation”应为 portrait（纵向）或 landscape（横向）")
        evaluation = kind == "evaluation"
        if evaluation and orientation != "portrait":
            raise self.fail((*where, "orientation"), "测评表只能纵向（portrait）打印")
        markers = self.flag(page, where, "markers", evaluation)
        if evaluation and not markers:
            raise self.fail((*where, "markers"), "测评表必须印定位标记（日后扫描录入要用），不能设为 false")
        if evaluation:
            for key in ("row_height", "blank_rows"):
                if key in page:
                    raise self.fail((*where, key), f"测评表没有表格，请删除“{key}”")
        return PageSpec(
            orientation=orientation,
            row_height=self.number(page, where, "row_height", 7, 30, default=10.0),
            blank_rows=int(self.number(page, where, "blank_rows", 0, 60, default=6, integer=True)),
            footer_note=self.text(page, where, "footer_note", required=False, max_len=120),
            markers=markers,
        )

    def _columns(self, items: list[dict[str, Any]], kind: str) -> tuple[Column, ...]:
        vocabulary = TABLE_FIELDS[kind]
        if not items:
            raise self.fail(("columns",), "至少要有一个 [[columns]] 栏目")
        columns: list[Column] = []
        for i, item in enumerate(items):
            where: tuple[str | int, ...] = ("columns", i)
            self.known_keys(item, where, ("field", "label", "width", "align"))
            field = self.text(item, where, "field", max_len=30)
            if field not in vocabulary:
                choices = "、".join(f"{k}（{v}）" for k, v in vocabulary.items())
                raise self.fail((*where, "field"), f"未知的栏目“{field}”；{KIND_LABELS[kind]}可用：{choices}")
            if any(c.field == field for c in columns):
                raise self.fail((*where, "field"), f"栏目“{field}”重复出现")
            label = self.text(item, where, "label", required=False, max_len=12, default=vocabulary[field])
            width = self.number(item, where, "width", 5, 150)
            align = self.text(item, where, "align", required=False, default="")
            if align and align not in ("left", "center", "right"):
                raise self.fail((*where, "align"), "“align”应为 left、center 或 right")
            columns.append(Column(field, label, width, align or _default_align(field)))
        missing = [f for f in REQUIRED_FIELDS[kind] if not any(c.field == f for c in columns)]
        if missing:
            names = "、".join(f"{f}（{vocabulary[f]}）" for f in missing)
            raise self.fail(("columns",), f"{KIND_LABELS[kind]}必须有这些栏目：{names}")
        return tuple(columns)

    def _questions(self, items: list[dict[str, Any]]) -> tuple[Question, ...]:
        if not items:
            raise self.fail(("questions",), "测评表至少要有一道 [[questions]] 题目")
        questions: list[Question] = []
        for i, item in enumerate(items):
            where: tuple[str | int, ...] = ("questions", i)
            self.known_keys(item, where, ("key", "text", "choices", "records", "required", "type"))
            key = self.text(item, where, "key", max_len=20)
            if not _KEY_RE.fullmatch(key):
                raise self.fail((*where, "key"), "“key”只能用小写英文字母、数字和下划线，以字母开头")
            if any(q.key == key for q in questions):
                raise self.fail((*where, "key"), f"题目“{key}”重复出现")
            kind = self.text(item, where, "type", required=False, default="single")
            if kind != "single":
                raise self.fail((*where, "type"), '目前只支持单选题（type = "single"）')
            text = self.text(item, where, "text", max_len=80)
            raw_choices = item.get("choices")
            if (
                not isinstance(raw_choices, list)
                or not all(isinstance(c, str) and c.strip() for c in raw_choices)
                or not 2 <= len(raw_choices) <= 6
            ):
                raise self.fail(
                    (*where, "choices"), '“choices”应为 2–6 个选项的列表，例如 ["满意", "不满意"]'
                )
            choices = tuple(c.strip() for c in raw_choices)
            if len(set(choices)) != len(choices):
                raise self.fail((*where, "choices"), "选项不能重复")
            if any(len(c) > 8 for c in choices):
                raise self.fail((*where, "choices"), "每个选项最多 8 个字")
            records = self.text(item, where, "records", required=False) or None
            if records is not None:
                if records not in RECORDED_CHOICES:
                    raise self.fail(
                        (*where, "records"), "“records”只能是 satisfaction（满意度）或 resolution（解决情况）"
                    )
                if any(q.records == records for q in questions):
                    raise self.fail((*where, "records"), f'只能有一道题 records = "{records}"')
                expected = RECORDED_CHOICES[records]
                if choices != expected:
                    raise self.fail(
                        (*where, "choices"),
                        f"写入台账的“{records}”题，选项必须依次是：{'、'.join(expected)}",
                    )
            required = self.flag(item, where, "required", records == "satisfaction")
            questions.append(Question(key, text, choices, records, required))
        if not any(q.records == "satisfaction" for q in questions):
            raise self.fail(("questions",), '测评表必须有一道满意度题（records = "satisfaction"）')
        return tuple(questions)

    def _comment(self, table: dict[str, Any]) -> CommentBox | None:
        if not table:
            return None
        where: tuple[str | int, ...] = ("comment",)
        self.known_keys(table, where, ("label", "lines"))
        return CommentBox(
            label=self.text(table, where, "label", max_len=40),
            lines=int(self.number(table, where, "lines", 1, 12, default=4, integer=True)),
        )


def _default_align(field: str) -> str:
    return (
        "center"
        if field in ("row_code", "seq", "gender", "age", "hours", "urgency", "beneficiaries")
        else "left"
    )


def _key_text(where: tuple[str | int, ...]) -> str:
    parts: list[str] = []
    for part in where:
        if isinstance(part, int):
            parts[-1] += f"[{part + 1}]"
        else:
            parts.append(part)
    return ".".join(parts)
