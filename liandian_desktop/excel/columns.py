"""What each kind of import expects: its columns (Chinese headers, synonyms, value types), how a sheet's
header cells are matched to them, and the mappings a user chose, remembered per header signature."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Final

from liandian_desktop.ledger.models import (
    ActivityKind,
    CadreKind,
    Gender,
    SpecialGroup,
    SupplyKind,
    UnitKind,
    Urgency,
    VolunteerStatus,
)
from liandian_desktop.ledger.validation import normalize_text
from liandian_desktop.store.engine import Store


class ImportKind(StrEnum):
    RESIDENTS = "residents"
    VOLUNTEERS = "volunteers"
    UNITS = "units"
    CADRES = "cadres"
    DEMANDS = "demands"
    SUPPLIES = "supplies"
    INVITATIONS = "invitations"
    ATTENDANCE = "attendance"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS: Final = {
    ImportKind.RESIDENTS: "居民名册",
    ImportKind.VOLUNTEERS: "志愿者名册",
    ImportKind.UNITS: "联点单位",
    ImportKind.CADRES: "联点干部与兼职顾问",
    ImportKind.DEMANDS: "需求清单",
    ImportKind.SUPPLIES: "供给清单",
    ImportKind.INVITATIONS: "活动邀请名单",
    ImportKind.ATTENDANCE: "活动出席记录",
}


class FieldType(StrEnum):
    TEXT = "text"
    NAME = "name"
    ID_NUMBER = "id_number"
    PHONE = "phone"
    DATE = "date"
    DATETIME = "datetime"
    INT = "int"
    NUMBER = "number"  # amounts, capacities, hours: checked by the service
    CHOICE = "choice"  # one of ``choices`` (labels), checked by the service
    FLAG = "flag"  # 是 / 否
    LIST = "list"  # several labels in one cell (、，, ; /)
    REF = "ref"  # a community, unit, activity… named in the cell, resolved by the importer


@dataclass(frozen=True)
class Field:
    """One column an import understands. ``key`` is what the importer reads; ``header`` is what our
    template prints; ``synonyms`` are other headers seen in the wild."""

    key: str
    header: str
    type: FieldType = FieldType.TEXT
    synonyms: tuple[str, ...] = ()
    required: bool = False
    choices: tuple[str, ...] = ()  # drop-down in the template
    hint: str = ""  # one line for the instructions sheet
    width: int = 14


@dataclass(frozen=True)
class KindSpec:
    kind: ImportKind
    fields: tuple[Field, ...]
    notes: tuple[str, ...] = ()  # extra lines for the instructions sheet
    _lookup: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for f in self.fields:
            for text in (f.key, f.header, *f.synonyms):
                self._lookup.setdefault(header_key(text), f.key)

    @property
    def label(self) -> str:
        return self.kind.label

    def field(self, key: str) -> Field:
        for f in self.fields:
            if f.key == key:
                return f
        raise KeyError(key)

    def exact(self, text: object) -> str | None:
        """The field whose header or synonym this header cell is (after normalisation), if any."""
        key = header_key(text)
        if not key:
            return None
        return self._lookup.get(key) or self._lookup.get(_PARENS_RE.sub("", key))

    def resolve_field(self, name: str) -> str | None:
        """A field named by its key, its Chinese header or a synonym (for explicit mappings)."""
        return self.exact(name)


# ---------------------------------------------------------------------------------------------------------
# Header normalisation and matching
# ---------------------------------------------------------------------------------------------------------

_PARENS_RE: Final = re.compile(r"\([^()]*\)")
_NOISE_RE: Final = re.compile(r"\((?:必填|选填)\)|必填|选填|[\s*:：#№【】\[\]]")
# Headers that name someone else (a contact, a guardian): never matched to the person's own fields by
# containment (an exact header such as 联系人 still matches the unit's contact).
_OTHER_PERSON: Final = ("联系人", "监护人", "家属", "紧急", "户主", "填报", "经办", "审核", "负责人")
_PERSONAL_KEYS: Final = frozenset({"name", "id_number", "phone", "gender", "birth_date"})


def header_key(text: object) -> str:
    """A header cell in comparable form: half-width, lower case, no spaces, stars or '(必填)'."""
    if text is None:
        return ""
    return _NOISE_RE.sub("", normalize_text(str(text)).lower())


def match_headers(cells: Sequence[object], spec: KindSpec) -> dict[int, str]:
    """Column index → field key for one row of header cells.

    Exact header/synonym matches come first (each field once, leftmost wins); then a header that contains
    a synonym ('居民姓名' → 姓名), longest synonym first, for the fields still free.
    """
    found: dict[int, str] = {}
    taken: set[str] = set()
    for col, cell in enumerate(cells):
        key = spec.exact(cell)
        if key is not None and key not in taken:
            found[col] = key
            taken.add(key)
    synonyms = sorted(
        ((header_key(s), f.key) for f in spec.fields for s in (f.header, *f.synonyms)),
        key=lambda pair: -len(pair[0]),
    )
    for col, cell in enumerate(cells):
        text = header_key(cell)
        if col in found or len(text) < 2 or len(text) > 20:
            continue
        for synonym, key in synonyms:
            if key in taken or len(synonym) < 2 or synonym not in text:
                continue
            if key in _PERSONAL_KEYS and any(word in text for word in _OTHER_PERSON):
                continue
            found[col] = key
            taken.add(key)
            break
    return found


def column_letter(index: int) -> str:
    """0 → 'A', 25 → 'Z', 26 → 'AA'."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


# ---------------------------------------------------------------------------------------------------------
# Remembered mappings
# ---------------------------------------------------------------------------------------------------------

_MEMORY_PREFIX: Final = "excel.mapping."


def header_signature(headers: Sequence[str]) -> str:
    """A stable fingerprint of a header row: the same workbook layout gives the same signature."""
    text = "\x1f".join(f"{i}:{header_key(h)}" for i, h in enumerate(headers) if header_key(h))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def _memory_key(kind: ImportKind, signature: str) -> str:
    return f"{_MEMORY_PREFIX}{kind.value}.{signature}"


def remembered_mapping(store: Store, kind: ImportKind, headers: Sequence[str]) -> dict[int, str] | None:
    """The mapping (column index → field key) saved for this kind and header signature, if any."""
    raw = store.get_meta(_memory_key(kind, header_signature(headers)))
    if not raw:
        return None
    try:
        data = json.loads(raw)
        return {int(col): str(key) for col, key in data["columns"].items()}
    except (ValueError, KeyError, TypeError, AttributeError):
        return None  # written by another version: ignore rather than fail an import


def remember_mapping(
    store: Store, kind: ImportKind, headers: Sequence[str], mapping: Mapping[int, str]
) -> None:
    """Save ``mapping`` for the next workbook with the same header signature (ledger meta, not synced)."""
    data = {"headers": list(headers), "columns": {str(col): key for col, key in sorted(mapping.items())}}
    store.set_meta(_memory_key(kind, header_signature(headers)), json.dumps(data, ensure_ascii=False))


# ---------------------------------------------------------------------------------------------------------
# The kinds
# ---------------------------------------------------------------------------------------------------------

T = FieldType
_YES_NO = ("是", "否")
_GENDERS = tuple(g.label for g in Gender)

NAME = Field(
    "name", "姓名", T.NAME, ("名字", "人员姓名", "居民姓名", "成员姓名", "姓 名"), required=True, width=10
)
ID_NUMBER = Field(
    "id_number",
    "身份证号",
    T.ID_NUMBER,
    (
        "身份证号码",
        "公民身份号码",
        "证件号码",
        "身份证",
        "居民身份证号",
        "居民身份证号码",
        "身份证件号码",
        "证件号",
        "身份号码",
    ),
    hint="18位，请保持“文本”格式（数字格式会丢失后几位）",
    width=22,
)
GENDER = Field("gender", "性别", T.CHOICE, ("性 别",), choices=_GENDERS, hint="有身份证号时可不填", width=6)
BIRTH_DATE = Field(
    "birth_date",
    "出生日期",
    T.DATE,
    ("出生年月", "出生年月日", "生日", "出生时间"),
    hint="如 1958-03-05、1958.3.5、1958年3月5日；有身份证号时可不填",
    width=12,
)
PHONE = Field(
    "phone",
    "联系电话",
    T.PHONE,
    ("手机号", "手机号码", "电话", "联系方式", "手机", "电话号码", "联系电话号码", "本人电话"),
    hint="手机11位，或区号-号码",
    width=15,
)
COMMUNITY = Field(
    "community",
    "所属村（社区）",
    T.REF,
    (
        "村/社区",
        "村（社区）",
        "所属社区",
        "所属村",
        "所在社区",
        "所在村",
        "社区",
        "村",
        "村居",
        "所属村居",
        "村(居)",
        "社区名称",
        "村名",
        "居委会",
        "村委会",
        "村（居）委会",
    ),
    hint="填写本乡镇（街道）的村或社区名称，或12位区划代码",
    width=14,
)
NOTE = Field("note", "备注", T.TEXT, ("说明", "其他"), width=20)

_GROUP_FLAGS = tuple(
    Field(f"flag:{group.value}", group.label, T.FLAG, synonyms, choices=_YES_NO, width=8)
    for group, synonyms in (
        (SpecialGroup.DIBAO, ("低保户", "是否低保", "低保对象", "低保人员")),
        (SpecialGroup.TEKUN, ("特困人员", "是否特困", "特困供养", "特困供养人员")),
        (SpecialGroup.DISABLED, ("是否残疾", "是否残疾人", "残疾人员")),
        (SpecialGroup.LIVING_ALONE, ("是否独居", "独居", "空巢独居")),
        (SpecialGroup.LEFT_BEHIND_CHILD, ("是否留守儿童",)),
        (SpecialGroup.CHILD_IN_DIFFICULTY, ("是否困境儿童",)),
        (SpecialGroup.ENTITLED, ("优抚", "是否优抚对象", "优抚人员")),
    )
)

RESIDENTS = KindSpec(
    ImportKind.RESIDENTS,
    (
        NAME,
        ID_NUMBER,
        GENDER,
        BIRTH_DATE,
        PHONE,
        replace(COMMUNITY, required=True),
        Field(
            "address",
            "住址",
            T.TEXT,
            ("家庭住址", "现住址", "居住地址", "地址", "现居住地", "家庭地址"),
            width=24,
        ),
        Field("household_no", "户号", T.TEXT, ("户编号", "户籍编号"), width=10),
        Field(
            "groups",
            "特殊群体",
            T.LIST,
            ("人员类别", "特殊人群", "群体类别", "困难类型", "人员类型"),
            hint="可填多项，用顿号分隔，如“低保、残疾人”；也可用右侧的“是/否”列",
            width=16,
        ),
        *_GROUP_FLAGS,
        Field("health_note", "健康状况", T.TEXT, ("健康情况", "身体状况"), width=16),
        Field("disability_note", "残疾情况", T.TEXT, ("残疾类别", "残疾等级", "残疾类型"), width=16),
        NOTE,
    ),
    (
        "同一身份证号在本乡镇（街道）只登记一次：已在台账中的居民按导入时的选择更新或跳过。",
        "老年人、高龄老人按出生日期自动判断，无需填写。",
    ),
)

VOLUNTEERS = KindSpec(
    ImportKind.VOLUNTEERS,
    (
        NAME,
        Field("id_type", "证件类型", T.TEXT, ("证件种类",), hint="默认“居民身份证”", width=12),
        replace(ID_NUMBER, required=True),
        GENDER,
        BIRTH_DATE,
        PHONE,
        Field("region", "居住区域", T.TEXT, ("居住地", "居住地址", "住址", "所在区域"), width=18),
        Field("skills", "专业技能", T.TEXT, ("技能特长", "特长", "技能"), width=16),
        Field(
            "service_categories",
            "服务类别",
            T.LIST,
            ("服务意向", "志愿服务类别", "服务类型", "服务领域"),
            hint="需求清单的类别名称，多项用顿号分隔，如“养老服务、文化体育”",
            width=18,
        ),
        COMMUNITY,
        Field(
            "registered_on",
            "登记日期",
            T.DATE,
            ("注册日期", "加入日期", "注册时间"),
            hint="默认今天",
            width=12,
        ),
        Field(
            "status",
            "状态",
            T.CHOICE,
            ("志愿者状态",),
            choices=tuple(s.label for s in VolunteerStatus),
            width=8,
        ),
        NOTE,
    ),
    ("同一证件号码在本乡镇（街道）只登记一次；与居民名册中身份证号相同者自动关联。",),
)

UNITS = KindSpec(
    ImportKind.UNITS,
    (
        Field(
            "name",
            "单位名称",
            T.TEXT,
            ("单位", "联点单位", "单位全称", "联点单位名称"),
            required=True,
            width=24,
        ),
        Field("short_name", "简称", T.TEXT, ("单位简称",), width=10),
        Field(
            "kind",
            "单位类型",
            T.CHOICE,
            ("单位性质", "类型"),
            choices=tuple(k.label for k in UnitKind),
            width=12,
        ),
        Field("address", "地址", T.TEXT, ("单位地址", "办公地址"), width=24),
        Field("contact_name", "联系人", T.NAME, ("联络人", "联络员", "联系人姓名"), width=10),
        Field("contact_phone", "联系电话", T.PHONE, ("联系人电话", "电话", "手机号", "联系方式"), width=15),
    ),
    ("单位名称在本县（区）唯一：已有的单位按导入时的选择更新或跳过。",),
)

CADRES = KindSpec(
    ImportKind.CADRES,
    (
        Field(
            "kind",
            "类型",
            T.CHOICE,
            ("干部类型", "人员类型", "身份类别"),
            choices=tuple(k.label for k in CadreKind),
            hint="专职联点干部须填所属单位，兼职顾问须填联系村（社区）；不填时按是否填写单位判断",
            width=14,
        ),
        NAME,
        GENDER,
        ID_NUMBER,
        PHONE,
        Field("unit", "所属单位", T.REF, ("联点单位", "单位", "派出单位", "工作单位", "单位名称"), width=20),
        Field(
            "community",
            "联系村（社区）",
            T.REF,
            ("联点村（社区）", "联点社区", *COMMUNITY.synonyms, "所属村（社区）"),
            width=14,
        ),
        Field("position", "职务", T.TEXT, ("职位", "职务职级"), width=12),
        Field("start_date", "开始日期", T.DATE, ("到岗日期", "起始日期", "联点开始日期"), width=12),
        Field("end_date", "结束日期", T.DATE, ("离岗日期", "截止日期"), width=12),
    ),
)

_QUARTER = Field(
    "quarter", "季度", T.TEXT, ("所属季度", "清单季度"), hint="如 2026-Q3 或 2026年第3季度", width=12
)

DEMANDS = KindSpec(
    ImportKind.DEMANDS,
    (
        Field(
            "code",
            "需求编号",
            T.TEXT,
            ("编号",),
            hint="新增时留空，由系统生成；填写已有编号则更新该需求",
            width=16,
        ),
        replace(COMMUNITY, required=True),
        replace(_QUARTER, hint="不填时按提出日期所在季度"),
        Field(
            "category", "需求类别", T.TEXT, ("类别", "需求大类", "需求分类", "分类"), required=True, width=14
        ),
        Field("item", "需求事项", T.TEXT, ("事项", "需求小项", "具体事项", "需求项目"), width=14),
        Field(
            "title",
            "需求标题",
            T.TEXT,
            ("需求名称", "标题", "需求内容", "名称"),
            hint="不填时用需求事项",
            width=22,
        ),
        Field("description", "需求描述", T.TEXT, ("具体描述", "情况说明", "详细说明", "描述"), width=30),
        Field(
            "urgency",
            "紧急程度",
            T.CHOICE,
            ("紧急度", "缓急程度", "缓急"),
            choices=tuple(u.label for u in Urgency),
            width=10,
        ),
        Field(
            "special_group",
            "特殊群体",
            T.CHOICE,
            ("涉及特殊群体", "服务对象类别"),
            choices=tuple(g.label for g in SpecialGroup),
            width=12,
        ),
        Field("beneficiaries", "受益人数", T.INT, ("受益人口", "人数", "受益人"), width=10),
        Field("raised_on", "提出日期", T.DATE, ("提出时间", "登记日期", "日期"), hint="默认今天", width=12),
        Field("requester_name", "提出人", T.TEXT, ("点单人", "提出人姓名", "需求人"), width=10),
    ),
)

SUPPLIES = KindSpec(
    ImportKind.SUPPLIES,
    (
        Field(
            "code",
            "供给编号",
            T.TEXT,
            ("编号",),
            hint="新增时留空，由系统生成；填写已有编号则更新该供给",
            width=16,
        ),
        Field(
            "unit", "联点单位", T.REF, ("单位", "提供单位", "供给单位", "单位名称"), required=True, width=20
        ),
        replace(_QUARTER, required=True),
        Field(
            "kind",
            "供给类型",
            T.CHOICE,
            ("类型", "资源类型", "供给类别"),
            required=True,
            choices=tuple(k.label for k in SupplyKind),
            width=12,
        ),
        Field(
            "title", "供给名称", T.TEXT, ("名称", "项目名称", "供给内容", "资源名称"), required=True, width=22
        ),
        Field("description", "供给说明", T.TEXT, ("说明", "具体内容", "详细说明"), width=30),
        Field(
            "category_codes",
            "可服务类别",
            T.LIST,
            ("服务类别", "对应需求类别", "需求类别", "可服务需求类别"),
            required=True,
            hint="需求清单的类别名称，多项用顿号分隔",
            width=20,
        ),
        Field(
            "capacity",
            "容量",
            T.NUMBER,
            ("数量", "金额", "供给数量", "可供数量", "供给量"),
            required=True,
            hint="资金填元，人才填人·天，项目/物资/场地填个数",
            width=10,
        ),
        Field(
            "community", "指定村（社区）", T.REF, ("定向村（社区）", "服务村（社区）", "定向社区"), width=14
        ),
    ),
)

_ACTIVITY = Field(
    "activity",
    "活动编号",
    T.REF,
    ("活动代码", "签到表编号"),
    hint="签到表上的活动编号（HD开头）；也可在导入时指定",
    width=12,
)

INVITATIONS = KindSpec(
    ImportKind.INVITATIONS,
    (replace(_ACTIVITY, required=True), NAME, ID_NUMBER, PHONE, COMMUNITY),
    ("每行一位受邀居民，按身份证号匹配台账中的居民；没有身份证号时按姓名（及电话、村/社区）匹配。",),
)

ATTENDANCE = KindSpec(
    ImportKind.ATTENDANCE,
    (
        replace(_ACTIVITY, required=True),
        Field("row_code", "行号", T.TEXT, ("签到表行号", "签到号"), hint="纸质签到表上的行号", width=8),
        NAME,
        ID_NUMBER,
        PHONE,
        Field(
            "present",
            "是否到场",
            T.FLAG,
            ("出席", "到场", "签到", "是否签到", "是否出席", "出席情况", "签到情况", "到场情况"),
            choices=_YES_NO,
            hint="不填视为到场",
            width=10,
        ),
        Field("signed_at", "签到时间", T.DATETIME, ("到场时间",), hint="如 2026-03-05 09:30", width=18),
        Field(
            "hours",
            "服务时长",
            T.NUMBER,
            ("时长", "服务时间", "服务小时数"),
            hint="小时，仅志愿服务活动",
            width=10,
        ),
        NOTE,
    ),
    (f"服务时长只用于“{ActivityKind.VOLUNTEER.label}”活动；签到表上没有的到场人员按现场加入登记。",),
)

SPECS: Final[dict[ImportKind, KindSpec]] = {
    spec.kind: spec
    for spec in (RESIDENTS, VOLUNTEERS, UNITS, CADRES, DEMANDS, SUPPLIES, INVITATIONS, ATTENDANCE)
}


def spec_of(kind: ImportKind | str) -> KindSpec:
    return SPECS[ImportKind(kind)]
