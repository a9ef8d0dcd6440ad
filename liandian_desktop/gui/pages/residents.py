"""居民: the township's residents. Names with rare characters (䶮 𠅤) display through the bundled fonts;
ID numbers and phones are masked in the list (PIPL) and shown in full only in the edit form."""

from __future__ import annotations

from typing import Any

from liandian_desktop.gui.context import AppContext
from liandian_desktop.gui.forms import Field
from liandian_desktop.gui.listing import Column, Filter, col
from liandian_desktop.gui.qt import translate
from liandian_desktop.gui.screen import BrowserScreen, RecordBrowser
from liandian_desktop.gui.vocab import label
from liandian_desktop.ledger.errors import LedgerError
from liandian_desktop.ledger.models import Gender, SpecialGroup
from liandian_desktop.ledger.services.base import Service
from liandian_desktop.ledger.validation import mask_id_number, mask_phone


def masked_id(number: str | None) -> str:
    if not number:
        return ""
    try:
        return mask_id_number(number, public=False)
    except LedgerError:
        return number[:2] + "*" * max(0, len(number) - 4) + number[-2:]


def masked_phone(phone: str) -> str:
    if not phone:
        return ""
    try:
        return mask_phone(phone)
    except LedgerError:
        return phone


def group_labels(record: Any) -> str:
    groups = sorted(record.groups, key=lambda g: list(SpecialGroup).index(g))
    return translate("Residents", "、").join(label(g) for g in groups)


def resident_columns(ctx: AppContext) -> list[Column]:
    """The residents list's columns (the invite dialog of a sign-in sheet shows the same)."""

    def community(r: Any) -> str:
        return ctx.lookups.community_name(r.community_id)

    return [
        col(translate("Residents", "姓名"), "name", width=86),
        col(translate("Residents", "性别"), "gender", width=44),
        col(translate("Residents", "出生日期"), "birth_date", width=96),
        col(
            translate("Residents", "村（社区）"), "community_id", sortable=False, width=86, display=community
        ),
        col(
            translate("Residents", "身份证号"),
            "id_number",
            width=150,
            display=lambda r: masked_id(r.id_number),
        ),
        col(translate("Residents", "联系电话"), "phone", width=106, display=lambda r: masked_phone(r.phone)),
        col(
            translate("Residents", "特殊群体"),
            "special_groups",
            sortable=False,
            width=150,
            display=group_labels,
        ),
        col(translate("Residents", "住址"), "address"),
    ]


class ResidentsBrowser(RecordBrowser):
    kind = "residents"
    default_sort = ("name", False)

    def noun(self) -> str:
        return self.tr("居民", "noun")

    def title(self) -> str:
        return self.tr("居民")

    def hint(self) -> str:
        return self.tr("证件号码与电话在列表中打码显示；编辑时显示完整信息。")

    def search_hint(self) -> str:
        return self.tr("搜索姓名、电话、住址、身份证号")

    def service(self) -> Service:
        return self.ctx.residents

    def columns(self) -> list[Column]:
        return resident_columns(self.ctx)

    def filters(self) -> list[Filter]:
        return [Filter("community_id", self.tr("全部村（社区）"), self.ctx.lookups.community_choices)]

    def fields(self, record: Any | None) -> list[Field]:
        return [
            Field(
                "community_id",
                self.tr("村（社区）"),
                "choice",
                required=True,
                choices=self.ctx.lookups.community_choices,
                none_text=self.tr("（请选择）"),
            ),
            Field("name", self.tr("姓名"), required=True, hint=self.tr("生僻字可直接输入，如“䶮”“𠅤”")),
            Field("id_number", self.tr("身份证号"), hint=self.tr("填写后性别、出生日期按号码自动识别")),
            Field("gender", self.tr("性别"), "choice", enum=Gender, none_text=self.tr("（按身份证号）")),
            Field("birth_date", self.tr("出生日期"), "date"),
            Field("phone", self.tr("联系电话")),
            Field("address", self.tr("住址")),
            Field("household_no", self.tr("户号")),
            Field(
                "groups",
                self.tr("特殊群体"),
                "multi",
                enum=SpecialGroup,
                hint=self.tr("老年人、高龄老人按出生日期自动判断"),
            ),
            Field("health_note", self.tr("健康状况"), "textarea"),
            Field("disability_note", self.tr("残疾情况"), "textarea"),
            Field("note", self.tr("备注"), "textarea"),
        ]

    def initial(self, record: Any) -> dict[str, Any]:
        values = super().initial(record)
        values["groups"] = sorted(record.groups)
        return values

    def create_record(self, values: dict[str, Any]) -> Any:
        values = dict(values)
        community_id, name = values.pop("community_id"), values.pop("name")
        return self.ctx.residents.create(self.ctx.township_id, community_id, name, **values)

    def edit_record(self, record: Any, changes: dict[str, Any]) -> Any:
        return self.ctx.residents.edit(record.id, **changes)


class ResidentsScreen(BrowserScreen):
    browser_class = ResidentsBrowser
