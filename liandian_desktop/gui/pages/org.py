"""村（社区）与结对: communities, paired units, pairings (with their periods) and cadres/advisors, with the
coverage rules the plan sets shown as warnings (key communities need ≥ 2 paired units; units ≥ 2 full-time
cadres; communities ≥ 2 advisors)."""

from __future__ import annotations

import uuid
from typing import Any

from liandian_desktop.gui.context import AppContext
from liandian_desktop.gui.forms import Field, RecordForm
from liandian_desktop.gui.listing import Column, Filter, col, community_col, enum_filter
from liandian_desktop.gui.qt import QTabWidget, QVBoxLayout, QWidget
from liandian_desktop.gui.screen import RecordAction, RecordBrowser, Screen
from liandian_desktop.gui.theme import AMBER, GREY
from liandian_desktop.gui.widgets import Banner, page_header
from liandian_desktop.ledger.models import CadreKind, CommunityKind, Gender, Pairing, UnitKind
from liandian_desktop.ledger.services.base import Service
from liandian_desktop.ledger.services.org import MIN_UNITS_PER_KEY_COMMUNITY


class CommunitiesBrowser(RecordBrowser):
    kind = "communities"
    default_sort = ("code", False)

    def noun(self) -> str:
        return self.tr("村（社区）", "noun")

    def search_hint(self) -> str:
        return self.tr("搜索名称、代码、地址、书记")

    def service(self) -> Service:
        return self.ctx.divisions

    def columns(self) -> list[Column]:
        return [
            col(self.tr("区划代码"), "code", width=118),
            col(self.tr("名称"), "name", width=120),
            col(self.tr("类型"), "kind", width=56),
            col(self.tr("重点社区"), "is_key", width=72, color=lambda c: AMBER if c.is_key else GREY),
            col(self.tr("人口"), "population", align="right", width=70),
            col(self.tr("户数"), "households", align="right", width=70),
            col(self.tr("书记"), "secretary_name", width=80),
            col(self.tr("联系电话"), "secretary_phone", width=110),
            col(self.tr("地址"), "address"),
        ]

    def filters(self) -> list[Filter]:
        return [
            enum_filter("kind", CommunityKind, self.tr("村和社区")),
            Filter(
                "is_key",
                self.tr("重点与一般"),
                lambda: [(True, self.tr("重点社区")), (False, self.tr("一般社区"))],
            ),
        ]

    def fields(self, record: Any | None) -> list[Field]:
        return [
            Field(
                "code",
                self.tr("区划代码"),
                required=True,
                placeholder=self.tr("12 位统计用区划代码"),
                hint=self.tr("前 9 位须与本乡镇（街道）一致"),
            ),
            Field("name", self.tr("名称"), required=True),
            Field("kind", self.tr("类型"), "choice", enum=CommunityKind, default=CommunityKind.COMMUNITY),
            Field(
                "is_key",
                self.tr("重点社区"),
                "bool",
                hint=self.tr("重点社区需要至少 {n} 个结对单位").format(n=MIN_UNITS_PER_KEY_COMMUNITY),
            ),
            Field("population", self.tr("人口"), "int"),
            Field("households", self.tr("户数"), "int"),
            Field("secretary_name", self.tr("书记姓名")),
            Field("secretary_phone", self.tr("书记电话")),
            Field("address", self.tr("地址")),
        ]

    def create_record(self, values: dict[str, Any]) -> Any:
        return self.ctx.divisions.create_community(self.ctx.township_id, **values)

    def edit_record(self, record: Any, changes: dict[str, Any]) -> Any:
        return self.ctx.divisions.edit_community(record.id, **changes)


class UnitsBrowser(RecordBrowser):
    kind = "paired_units"
    default_sort = ("name", False)
    township_scoped = False

    def noun(self) -> str:
        return self.tr("联点单位", "noun")

    def search_hint(self) -> str:
        return self.tr("搜索单位名称、简称、联系人")

    def service(self) -> Service:
        return self.ctx.units

    def base_filters(self) -> dict[str, Any]:
        township = self.ctx.township
        return {"county_id": township.county_id} if township is not None else {}

    def columns(self) -> list[Column]:
        return [
            col(self.tr("单位名称"), "name", width=200),
            col(self.tr("简称"), "short_name", width=100),
            col(self.tr("类型"), "kind", width=90),
            col(self.tr("联系人"), "contact_name", width=80),
            col(self.tr("联系电话"), "contact_phone", width=110),
            col(self.tr("地址"), "address"),
        ]

    def filters(self) -> list[Filter]:
        return [enum_filter("kind", UnitKind, self.tr("全部类型"))]

    def fields(self, record: Any | None) -> list[Field]:
        return [
            Field("name", self.tr("单位名称"), required=True),
            Field("short_name", self.tr("简称")),
            Field("kind", self.tr("类型"), "choice", enum=UnitKind, default=UnitKind.PARTY_GOVERNMENT),
            Field("contact_name", self.tr("联系人")),
            Field("contact_phone", self.tr("联系电话")),
            Field("address", self.tr("地址")),
        ]

    def create_record(self, values: dict[str, Any]) -> Any:
        township = self.ctx.township
        assert township is not None
        return self.ctx.units.create(township.county_id, **values)

    def edit_record(self, record: Any, changes: dict[str, Any]) -> Any:
        return self.ctx.units.edit(record.id, **changes)


class PairingsBrowser(RecordBrowser):
    kind = "pairings"
    default_sort = ("start_date", True)
    can_edit = False  # a pairing's unit and community are fixed; it ends with 结束结对
    searchable = False  # the filters choose the unit and the community

    def noun(self) -> str:
        return self.tr("结对关系", "noun")

    def service(self) -> Service:
        return self.ctx.pairings

    def describe(self, record: Any) -> str:
        lookups = self.ctx.lookups
        return self.tr("“{unit}”与“{community}”的结对").format(
            unit=lookups.unit_name(record.unit_id), community=lookups.community_name(record.community_id)
        )

    def columns(self) -> list[Column]:
        return [
            col(
                self.tr("联点单位"),
                "unit_id",
                sortable=False,
                width=150,
                display=lambda p: (
                    self.ctx.lookups.units[p.unit_id].name if p.unit_id in self.ctx.lookups.units else ""
                ),
            ),
            community_col(self.ctx, self.tr("村（社区）"), width=100),
            col(self.tr("开始日期"), "start_date", width=100),
            col(
                self.tr("结束日期"),
                "end_date",
                width=100,
                display=lambda p: p.end_date.isoformat() if p.end_date else self.tr("至今"),
            ),
            col(self.tr("牵头单位"), "is_lead", width=72),
            col(self.tr("备注"), "note"),
        ]

    def filters(self) -> list[Filter]:
        return [
            Filter("community_id", self.tr("全部村（社区）"), self.ctx.lookups.community_choices),
            Filter("unit_id", self.tr("全部单位"), self.ctx.lookups.unit_choices),
        ]

    def fields(self, record: Any | None) -> list[Field]:
        return [
            Field(
                "unit_id",
                self.tr("联点单位"),
                "choice",
                required=True,
                choices=self.ctx.lookups.unit_choices,
                none_text=self.tr("（请选择）"),
            ),
            Field(
                "community_id",
                self.tr("村（社区）"),
                "choice",
                required=True,
                choices=self.ctx.lookups.community_choices,
                none_text=self.tr("（请选择）"),
            ),
            Field("start", self.tr("开始日期"), "date", required=True, aliases=("start_date",)),
            Field(
                "end", self.tr("结束日期"), "date", aliases=("end_date",), hint=self.tr("不填表示长期结对")
            ),
            Field("is_lead", self.tr("牵头单位"), "bool"),
            Field("note", self.tr("备注"), "textarea"),
        ]

    def create_record(self, values: dict[str, Any]) -> Any:
        return self.ctx.pairings.pair(**values)

    def record_actions(self) -> list[RecordAction]:
        return [
            RecordAction(
                self.tr("结束结对"),
                self.end_pairing,
                name="end_pairing",
                enabled=lambda p: p is not None and p.end_date is None,
            )
        ]

    def end_pairing(self, pairing: Pairing) -> None:
        pairings = self.ctx.pairings
        form = RecordForm(
            self,
            self.ctx.tasks,
            self.tr("结束{what}").format(what=self.describe(pairing)),
            [Field("end_date", self.tr("结束日期"), "date", required=True)],
            lambda v: pairings.end_pairing(pairing.id, v["end_date"]),
            save_text=self.tr("结束结对"),
        )
        form.saved.connect(self.record_saved)
        self.last_dialog = form
        form.open()


class CadresBrowser(RecordBrowser):
    kind = "cadres"
    default_sort = ("name", False)
    township_scoped = False  # a unit's full-time cadres may not be placed in a township yet

    def noun(self) -> str:
        return self.tr("干部", "noun")

    def search_hint(self) -> str:
        return self.tr("搜索姓名、电话、职务")

    def service(self) -> Service:
        return self.ctx.cadres

    def columns(self) -> list[Column]:
        return [
            col(self.tr("姓名"), "name", width=80),
            col(self.tr("类型"), "kind", width=110),
            col(
                self.tr("所属单位"),
                "unit_id",
                sortable=False,
                width=130,
                display=lambda c: self.ctx.lookups.unit_name(c.unit_id),
            ),
            community_col(self.ctx, self.tr("联系村（社区）"), width=110),
            col(self.tr("职务"), "position", width=110),
            col(self.tr("联系电话"), "phone", width=110),
            col(self.tr("任职起"), "start_date", width=96),
            col(self.tr("任职止"), "end_date"),
        ]

    def filters(self) -> list[Filter]:
        return [
            enum_filter("kind", CadreKind, self.tr("干部和顾问")),
            Filter("unit_id", self.tr("全部单位"), self.ctx.lookups.unit_choices),
            Filter("community_id", self.tr("全部村（社区）"), self.ctx.lookups.community_choices),
        ]

    def fields(self, record: Any | None) -> list[Field]:
        return [
            Field("kind", self.tr("类型"), "choice", enum=CadreKind, default=CadreKind.FULL_TIME),
            Field("name", self.tr("姓名"), required=True),
            Field(
                "unit_id",
                self.tr("所属单位"),
                "choice",
                choices=self.ctx.lookups.unit_choices,
                none_text=self.tr("（无）"),
                hint=self.tr("专职联点干部必须选择"),
            ),
            Field(
                "community_id",
                self.tr("联系村（社区）"),
                "choice",
                choices=self.ctx.lookups.community_choices,
                none_text=self.tr("（无）"),
                hint=self.tr("兼职顾问必须选择"),
            ),
            Field("gender", self.tr("性别"), "choice", enum=Gender, none_text=self.tr("（按身份证号）")),
            Field("id_number", self.tr("身份证号")),
            Field("phone", self.tr("联系电话")),
            Field("position", self.tr("职务")),
            Field("start_date", self.tr("任职起"), "date"),
            Field("end_date", self.tr("任职止"), "date"),
        ]

    def create_record(self, values: dict[str, Any]) -> Any:
        values = dict(values)
        kind, name = values.pop("kind"), values.pop("name")
        if values.get("community_id") is None:
            values["township_id"] = self.ctx.township_id
        return self.ctx.cadres.create(kind, name, **values)

    def edit_record(self, record: Any, changes: dict[str, Any]) -> Any:
        return self.ctx.cadres.edit(record.id, **changes)


class OrgScreen(Screen):
    """Four tabs; the warnings about the plan's coverage rules stay above them."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(
            page_header(
                self.tr("村（社区）与结对"), self.tr("村（社区）、联点单位、结对关系与联点干部、兼职顾问。")
            )
        )
        self.warnings = Banner()
        self.warnings.setObjectName("Banner")
        layout.addWidget(self.warnings)
        self.tabs = QTabWidget()
        self.communities = CommunitiesBrowser(ctx)
        self.units = UnitsBrowser(ctx)
        self.pairings = PairingsBrowser(ctx)
        self.cadres = CadresBrowser(ctx)
        self.browsers: list[RecordBrowser] = [self.communities, self.units, self.pairings, self.cadres]
        self.tabs.addTab(self.communities, self.tr("村（社区）"))
        self.tabs.addTab(self.units, self.tr("联点单位"))
        self.tabs.addTab(self.pairings, self.tr("结对关系"))
        self.tabs.addTab(self.cadres, self.tr("干部与顾问"))
        layout.addWidget(self.tabs, 1)
        for browser in self.browsers:
            browser.loaded.connect(self._one_loaded)
            browser.record_changed.connect(lambda _r: self._org_changed())
        ctx.data_changed.connect(self._data_changed)

    def start(self) -> None:
        for browser in self.browsers:
            browser.start()
        self.check_coverage()

    def _one_loaded(self) -> None:
        if all(b.is_loaded for b in self.browsers):
            self.mark_loaded()

    def _data_changed(self, kind: str) -> None:
        if kind in ("communities", "paired_units", "pairings", "cadres"):
            self._org_changed()

    def _org_changed(self) -> None:
        self.ctx.reload_lookups()
        self.check_coverage()

    def check_coverage(self) -> None:
        """Read the coverage gaps and show them above the tabs."""
        township = self.ctx.township
        if township is None:
            return
        pairings, cadres, township_id = self.ctx.pairings, self.ctx.cadres, township.id

        def read() -> tuple[list[Any], list[Any]]:
            return pairings.key_community_gaps(township_id), cadres.coverage_gaps(township_id)

        def show(gaps: tuple[list[Any], list[Any]]) -> None:
            key_gaps, people = gaps
            lines = [
                self.tr("重点社区“{name}”结对单位少于 {n} 个。").format(
                    name=c.name, n=MIN_UNITS_PER_KEY_COMMUNITY
                )
                for c in key_gaps
            ]
            lines += [gap.description for gap in people[:6]]
            if len(people) > 6:
                lines.append(self.tr("……另有 {n} 项干部配备不足。").format(n=len(people) - 6))
            if lines:
                self.warnings.show_message("\n".join(lines), "warning")
            else:
                self.warnings.clear()
            self.key_gaps = key_gaps

        self.ctx.tasks.read(read, show, name="coverage")

    def show_record(self, record_id: uuid.UUID) -> None:
        """From the overview: a community (a key-community gap) opens on the pairings tab."""
        self.tabs.setCurrentWidget(self.pairings)
        self.pairings.list.set_filter("community_id", record_id)
