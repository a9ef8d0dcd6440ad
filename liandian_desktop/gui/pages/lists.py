"""三张清单与对接会: the demand list (需求清单), the supply list (供给清单) and the supply–demand meeting
(供需对接会) that turns them into the matching list (匹配清单).

At the meeting the app proposes (``MatchService.propose``, in the background), the meeting decides: each
proposal is confirmed with the amount allocated, or rejected with a reason. The ledger refuses an allocation
beyond what the supply has left, and says so in the confirmation form. A confirmed match becomes a work
order with one click (转为工单), which marks the demand 已转工单.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from liandian_desktop.gui.context import AppContext
from liandian_desktop.gui.forms import Field, RecordForm
from liandian_desktop.gui.i18n import fmt_datetime, fmt_decimal
from liandian_desktop.gui.listing import Column, Filter, col, community_col, enum_filter
from liandian_desktop.gui.qt import (
    QT_TRANSLATE_NOOP,
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    Qt,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
    translate,
)
from liandian_desktop.gui.screen import RecordAction, RecordBrowser, Screen
from liandian_desktop.gui.tasks import TaskContext, describe_error
from liandian_desktop.gui.theme import AMBER, GREEN, GREY, RED, app_font
from liandian_desktop.gui.vocab import label
from liandian_desktop.gui.widgets import Banner, SearchBox, confirm, muted, page_header, primary_button
from liandian_desktop.ledger.errors import LedgerError, TransitionError
from liandian_desktop.ledger.models import (
    Activity,
    ActivityKind,
    Demand,
    DemandCategory,
    DemandItem,
    DemandStatus,
    MatchStatus,
    SpecialGroup,
    Supply,
    SupplyKind,
    Urgency,
    WorkOrder,
)
from liandian_desktop.ledger.services.base import ListQuery, Page, Service
from liandian_desktop.ledger.services.lists import MatchLine
from liandian_desktop.ledger.validation import parse_quarter, quarter_bounds, quarter_of

ITEM_ROLE = Qt.ItemDataRole.UserRole
_FINISHED = (DemandStatus.CLOSED, DemandStatus.CANCELLED)


def quarter_label(quarter: str) -> str:
    """'2026-Q3' → '2026 年第 3 季度' (in the UI language)."""
    try:
        year, q = parse_quarter(quarter)
    except LedgerError:
        return quarter
    return translate("Lists", "{year} 年第 {q} 季度").format(year=year, q=q)


def quantity(value: Decimal, kind: SupplyKind) -> str:
    """'50000 元', '2.5 人·天'. The unit is the ledger's word for the kind's capacity."""
    return f"{fmt_decimal(value)} {translate('SupplyUnit', kind.capacity_unit)}"


def special_label(code: str) -> str:
    try:
        return label(SpecialGroup(code)) if code else ""
    except ValueError:
        return code


def urgency_colour(urgency: Urgency) -> Any:
    return {Urgency.CRITICAL: RED, Urgency.URGENT: AMBER}.get(urgency)


def demand_colour(status: DemandStatus) -> Any:
    if status in _FINISHED:
        return GREY
    return {DemandStatus.MATCHED: GREEN, DemandStatus.ORDERED: GREEN}.get(status)


# The capacity units, for lupdate (the ledger names them in SupplyKind.capacity_unit).
_UNITS = (
    QT_TRANSLATE_NOOP("SupplyUnit", "元"),
    QT_TRANSLATE_NOOP("SupplyUnit", "人·天"),
    QT_TRANSLATE_NOOP("SupplyUnit", "个"),
    QT_TRANSLATE_NOOP("SupplyUnit", "件"),
    QT_TRANSLATE_NOOP("SupplyUnit", "场次"),
)


@dataclass
class ListsData:
    """What the three tabs share, read once when the page opens: the demand catalogue, the quarters in
    use, and the supply–demand meetings (activities) a confirmation may be recorded at."""

    categories: list[DemandCategory] = field(default_factory=list)
    items: list[DemandItem] = field(default_factory=list)
    quarters: list[str] = field(default_factory=list)
    meetings: list[Activity] = field(default_factory=list)

    def category_name(self, category_id: uuid.UUID | None) -> str:
        return next((c.name for c in self.categories if c.id == category_id), "")

    def category_names(self, codes: str) -> str:
        names = {c.code: c.name for c in self.categories}
        return translate("Lists", "、").join(names.get(code, code) for code in codes.split(",") if code)

    def category_choices(self) -> list[tuple[object, str]]:
        return [(c.id, c.name) for c in self.categories]

    def category_code_choices(self) -> list[tuple[object, str]]:
        return [(c.code, c.name) for c in self.categories]

    def item_choices(self, category_id: object) -> list[tuple[object, str]]:
        return [(i.id, i.name) for i in self.items if i.category_id == category_id]

    def item_name(self, item_id: object) -> str:
        return next((i.name for i in self.items if i.id == item_id), "")

    def quarter_choices(self) -> list[tuple[object, str]]:
        """The quarters in the ledger, with this quarter and the next (lists are made ahead), latest first."""
        today = date.today()
        current = quarter_of(today)
        end = quarter_bounds(current)[1]
        upcoming = quarter_of(date.fromordinal(end.toordinal() + 1))
        quarters = sorted({*self.quarters, current, upcoming}, reverse=True)
        return [(q, quarter_label(q)) for q in quarters]

    def meeting_choices(self, quarter: str) -> list[tuple[object, str]]:
        first, last = quarter_bounds(quarter)
        found = [m for m in self.meetings if first <= m.starts_at.astimezone().date() <= last]
        return [(m.id, f"{m.title}（{fmt_datetime(m.starts_at)[:10]}）") for m in found]


def load_lists_data(ctx: AppContext) -> ListsData:
    """Runs on the read pool."""
    categories, items = ctx.demands.catalogue()
    township_id = ctx.township_id
    quarters = ctx.demands.quarters(township_id)
    meetings = ctx.activities.list(
        ListQuery(
            filters={"township_id": township_id, "kind": ActivityKind.MATCHING_MEETING},
            sort="starts_at",
            descending=True,
            limit=None,
        )
    ).rows
    return ListsData(categories, items, quarters, meetings)


def refill_choice(form: RecordForm, name: str, options: list[tuple[object, str]]) -> None:
    """Give the choice field ``name`` new options (a cascade: the items of the chosen category)."""
    editor = form.editors[name]
    combo, none_text = editor.combo, editor.spec.none_text
    combo.blockSignals(True)
    combo.clear()
    editor.choice_values = []
    if none_text is not None:
        combo.addItem(none_text)
        editor.choice_values.append(None)
    for value, text in options:
        combo.addItem(text)
        editor.choice_values.append(value)
    combo.setCurrentIndex(0)
    combo.blockSignals(False)


# ---------------------------------------------------------------------------------------------------------
# 需求清单
# ---------------------------------------------------------------------------------------------------------


class DemandsBrowser(RecordBrowser):
    kind = "demands"
    default_sort = ("raised_on", True)

    def __init__(self, ctx: AppContext, data: ListsData, parent: QWidget | None = None) -> None:
        self.data = data
        super().__init__(ctx, parent)

    def noun(self) -> str:
        return self.tr("需求", "noun")

    def search_hint(self) -> str:
        return self.tr("搜索编号、标题、提出人、描述")

    def service(self) -> Service:
        return self.ctx.demands

    def describe(self, record: Any) -> str:
        return self.tr("需求 {code}（{title}）").format(code=record.code, title=record.title)

    def columns(self) -> list[Column]:
        return [
            col(self.tr("编号"), "code", width=128),
            col(self.tr("标题"), "title", width=210),
            community_col(self.ctx, self.tr("村（社区）"), width=84),
            col(
                self.tr("类别"),
                "category_id",
                sortable=False,
                width=112,
                display=lambda d: self.data.category_name(d.category_id),
            ),
            col(self.tr("季度"), "quarter", width=70),
            col(self.tr("紧急"), "urgency", width=48, color=lambda d: urgency_colour(d.urgency)),
            col(
                self.tr("特殊群体"),
                "special_group",
                width=76,
                display=lambda d: special_label(d.special_group),
            ),
            col(self.tr("受益人数"), "beneficiaries", align="right", width=64),
            col(self.tr("提出日期"), "raised_on", width=90),
            col(self.tr("来源"), "source", width=76),
            col(self.tr("状态"), "status", color=lambda d: demand_colour(d.status)),
        ]

    def filters(self) -> list[Filter]:
        return [
            Filter("quarter", self.tr("全部季度"), self.data.quarter_choices),
            Filter("category_id", self.tr("全部类别"), self.data.category_choices),
            enum_filter("status", DemandStatus, self.tr("全部状态")),
            Filter("community_id", self.tr("全部村（社区）"), self.ctx.lookups.community_choices),
        ]

    def fields(self, record: Any | None) -> list[Field]:
        category = record.category_id if record is not None else None
        return [
            Field(
                "community_id",
                self.tr("村（社区）"),
                "choice",
                required=True,
                choices=self.ctx.lookups.community_choices,
                none_text=self.tr("（请选择）"),
            ),
            Field(
                "quarter",
                self.tr("所属季度"),
                "choice",
                required=True,
                choices=self.data.quarter_choices,
                default=quarter_of(date.today()),
            ),
            Field(
                "category_id",
                self.tr("需求类别"),
                "choice",
                required=True,
                choices=self.data.category_choices,
                none_text=self.tr("（请选择）"),
                aliases=("category",),
            ),
            Field(
                "item_id",
                self.tr("需求事项"),
                "choice",
                choices=lambda: self.data.item_choices(category),
                none_text=self.tr("（不选，自填标题）"),
                aliases=("item",),
            ),
            Field(
                "title",
                self.tr("需求标题"),
                placeholder=self.tr("例如：3 栋路灯不亮"),
                hint=self.tr("选了需求事项时可不填，用事项名称"),
            ),
            Field("urgency", self.tr("紧急程度"), "choice", enum=Urgency, default=Urgency.NORMAL),
            Field(
                "special_group", self.tr("特殊群体"), "choice", enum=SpecialGroup, none_text=self.tr("（无）")
            ),
            Field("beneficiaries", self.tr("受益人数"), "int", minimum=1, maximum=1_000_000, default=1),
            Field("raised_on", self.tr("提出日期"), "date", required=True),
            Field("requester_name", self.tr("提出人"), hint=self.tr("居民点单时填写；社区提出可不填")),
            Field("description", self.tr("需求描述"), "textarea"),
        ]

    def initial(self, record: Any) -> dict[str, Any]:
        values = super().initial(record)
        values["special_group"] = SpecialGroup(record.special_group) if record.special_group else None
        return values

    def open_form(self, record: Any | None) -> RecordForm | None:
        form = super().open_form(record)
        if form is None:
            return None
        category_box = form.editors["category_id"].combo
        title_box = form.editors["title"].line

        def category_chosen(_index: int) -> None:
            refill_choice(form, "item_id", self.data.item_choices(form.editors["category_id"].get()))

        def item_chosen(_index: int) -> None:
            name = self.data.item_name(form.editors["item_id"].get())
            title_box.setPlaceholderText(
                self.tr("不填则为“{item}”").format(item=name) if name else self.tr("例如：3 栋路灯不亮")
            )

        category_box.currentIndexChanged.connect(category_chosen)
        form.editors["item_id"].combo.currentIndexChanged.connect(item_chosen)
        item_chosen(0)
        return form

    def create_record(self, values: dict[str, Any]) -> Any:
        v = dict(values)
        return self.ctx.demands.create(
            self.ctx.township_id,
            v.pop("community_id"),
            v.pop("quarter"),
            v.pop("category_id"),
            v.pop("title"),
            item=v.pop("item_id"),
            special_group=v.pop("special_group") or "",
            **v,
        )

    def edit_record(self, record: Any, changes: dict[str, Any]) -> Any:
        if "special_group" in changes:
            changes = {**changes, "special_group": changes["special_group"] or ""}
        return self.ctx.demands.edit(record.id, **changes)

    def record_actions(self) -> list[RecordAction]:
        return [
            RecordAction(
                self.tr("取消需求"),
                self.cancel,
                name="cancel",
                enabled=lambda d: d is not None and d.status in (DemandStatus.OPEN, DemandStatus.MATCHED),
                tooltip=self.tr("已确认的匹配一并否决，供给容量退回"),
            ),
            RecordAction(
                self.tr("恢复需求"),
                self.reopen,
                name="reopen",
                enabled=lambda d: d is not None and d.status == DemandStatus.CANCELLED,
            ),
        ]

    def cancel(self, demand: Demand) -> None:
        demands = self.ctx.demands
        form = RecordForm(
            self,
            self.ctx.tasks,
            self.tr("取消{what}").format(what=self.describe(demand)),
            [Field("reason", self.tr("取消原因"), "textarea")],
            lambda v: demands.cancel(demand.id, v["reason"]),
            save_text=self.tr("取消需求"),
            intro=self.tr("取消后，该需求已确认的匹配将被否决，占用的供给容量退回。"),
        )
        form.saved.connect(self.record_saved)
        self.last_dialog = form
        form.open()

    def reopen(self, demand: Demand) -> None:
        demands = self.ctx.demands
        self.run_write(lambda: demands.reopen(demand.id), done=self.tr("需求已恢复为待对接"))


# ---------------------------------------------------------------------------------------------------------
# 供给清单
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SupplyLine:
    """A supply with the capacity it has left (capacity minus confirmed allocations)."""

    supply: Supply
    remaining: Decimal

    def __getattr__(self, name: str) -> Any:
        return getattr(self.supply, name)


class SuppliesBrowser(RecordBrowser):
    kind = "supplies"
    default_sort = ("quarter", True)

    def __init__(self, ctx: AppContext, data: ListsData, parent: QWidget | None = None) -> None:
        self.data = data
        super().__init__(ctx, parent)

    def noun(self) -> str:
        return self.tr("供给", "noun")

    def search_hint(self) -> str:
        return self.tr("搜索编号、名称、说明")

    def service(self) -> Service:
        return self.ctx.supplies

    def describe(self, record: Any) -> str:
        return self.tr("供给 {code}（{title}）").format(code=record.code, title=record.title)

    def fetch(self, query: ListQuery) -> Page[Any]:
        supplies = self.ctx.supplies
        page = supplies.list(query)
        left = supplies.remaining_many(s.id for s in page.rows)
        return Page[Any]([SupplyLine(s, left[s.id]) for s in page.rows], page.total)

    def _line(self, supply: Supply) -> SupplyLine:
        """Writer thread: the supply as the list shows it."""
        return SupplyLine(supply, self.ctx.supplies.remaining(supply.id))

    def columns(self) -> list[Column]:
        return [
            col(self.tr("编号"), "code", width=128),
            col(self.tr("供给名称"), "title", width=200),
            col(
                self.tr("提供单位"),
                "unit_id",
                sortable=False,
                width=96,
                display=lambda s: self.ctx.lookups.unit_name(s.unit_id),
            ),
            col(self.tr("季度"), "quarter", width=70),
            col(self.tr("类型"), "kind", width=70),
            col(
                self.tr("容量"),
                "capacity",
                align="right",
                width=96,
                display=lambda s: quantity(s.capacity, s.kind),
            ),
            Column(
                self.tr("剩余"),
                lambda s: s.remaining,
                display=lambda s: quantity(s.remaining, s.kind),
                align="right",
                width=96,
                color=lambda s: GREY if s.remaining <= 0 else None,
                tooltip=lambda s: self.tr("容量减去已确认分配"),
            ),
            col(
                self.tr("可服务类别"),
                "category_codes",
                sortable=False,
                width=180,
                display=lambda s: self.data.category_names(s.category_codes),
            ),
            col(
                self.tr("定向村（社区）"),
                "community_id",
                sortable=False,
                display=lambda s: self.ctx.lookups.community_name(s.community_id) or self.tr("不限"),
            ),
        ]

    def filters(self) -> list[Filter]:
        return [
            Filter("quarter", self.tr("全部季度"), self.data.quarter_choices),
            enum_filter("kind", SupplyKind, self.tr("全部类型")),
            Filter("unit_id", self.tr("全部单位"), self.ctx.lookups.unit_choices),
        ]

    def fields(self, record: Any | None) -> list[Field]:
        editing = record is not None
        return [
            Field(
                "unit_id",
                self.tr("提供单位"),
                "choice",
                required=True,
                choices=self.ctx.lookups.unit_choices,
                none_text=self.tr("（请选择）"),
                read_only=editing,
            ),
            Field(
                "quarter",
                self.tr("所属季度"),
                "choice",
                required=True,
                choices=self.data.quarter_choices,
                default=quarter_of(date.today()),
                read_only=editing,
            ),
            Field("kind", self.tr("供给类型"), "choice", enum=SupplyKind, default=SupplyKind.TALENT),
            Field("title", self.tr("供给名称"), required=True),
            Field(
                "capacity",
                self.tr("本季度容量"),
                "number",
                required=True,
                hint=self.tr("资金以元计，人才以人·天计，项目以个、物资/设备以件、场地以场次计"),
            ),
            Field(
                "community_id",
                self.tr("定向村（社区）"),
                "choice",
                choices=self.ctx.lookups.community_choices,
                none_text=self.tr("（不限）"),
                hint=self.tr("只供某一村（社区）使用时选择"),
            ),
            Field(
                "category_codes",
                self.tr("可服务的需求类别"),
                "multi",
                required=True,
                choices=self.data.category_code_choices,
                columns=4,
            ),
            Field("description", self.tr("供给说明"), "textarea"),
        ]

    def initial(self, record: Any) -> dict[str, Any]:
        values = super().initial(record)
        values["capacity"] = fmt_decimal(record.capacity)
        values["category_codes"] = [c for c in record.category_codes.split(",") if c]
        return values

    def open_form(self, record: Any | None) -> RecordForm | None:
        form = super().open_form(record)
        if form is None:
            return None
        capacity = form.editors["capacity"].line

        def kind_chosen(_index: int) -> None:
            kind = form.editors["kind"].get()
            if isinstance(kind, SupplyKind):
                capacity.setPlaceholderText(
                    self.tr("单位：{unit}").format(unit=translate("SupplyUnit", kind.capacity_unit))
                )

        form.editors["kind"].combo.currentIndexChanged.connect(kind_chosen)
        kind_chosen(0)
        return form

    def create_record(self, values: dict[str, Any]) -> Any:
        v = dict(values)
        supply = self.ctx.supplies.create(
            self.ctx.township_id,
            v.pop("unit_id"),
            v.pop("quarter"),
            v.pop("kind"),
            v.pop("title"),
            v.pop("capacity"),
            **v,
        )
        return self._line(supply)

    def edit_record(self, record: Any, changes: dict[str, Any]) -> Any:
        return self._line(self.ctx.supplies.edit(record.id, **changes))

    def restore_record(self, record_id: uuid.UUID) -> Any:
        self.ctx.supplies.restore(record_id)
        return self._line(self.ctx.supplies.get(record_id))


# ---------------------------------------------------------------------------------------------------------
# 对接会: proposals and confirmed matches
# ---------------------------------------------------------------------------------------------------------


class ConfirmedBrowser(RecordBrowser):
    """The quarter's confirmed matches (the matching list); from here a match becomes a work order."""

    kind = "matches"
    can_create = False
    can_edit = False
    can_delete = False  # a confirmation is withdrawn (撤销确认), never deleted
    default_sort = ("decided_at", True)

    def __init__(self, ctx: AppContext, quarter: Callable[[], str], parent: QWidget | None = None) -> None:
        self.quarter = quarter
        super().__init__(ctx, parent)

    def noun(self) -> str:
        return self.tr("匹配", "noun")

    def search_hint(self) -> str:
        return self.tr("搜索需求或供给的编号、名称")

    def service(self) -> Service:
        return self.ctx.matches

    def describe(self, record: Any) -> str:
        return self.tr("“{demand}”与“{supply}”的匹配").format(
            demand=record.demand.title, supply=record.supply.title
        )

    def base_filters(self) -> dict[str, Any]:
        return {**super().base_filters(), "quarter": self.quarter(), "status": MatchStatus.CONFIRMED}

    def fetch(self, query: ListQuery) -> Page[Any]:
        page = self.ctx.matches.browse(query)
        return Page[Any](self.ctx.matches.describe(page.rows), page.total)

    def _line(self, match_id: uuid.UUID) -> MatchLine:
        """Writer thread: the match as the list shows it, after a change."""
        return self.ctx.matches.describe([self.ctx.matches.get(match_id)])[0]

    def columns(self) -> list[Column]:
        return [
            Column(
                self.tr("需求"),
                lambda m: m.demand.title,
                display=lambda m: f"{m.demand.code}  {m.demand.title}",
                width=250,
            ),
            Column(
                self.tr("村（社区）"),
                lambda m: m.demand.community_id,
                display=lambda m: self.ctx.lookups.community_name(m.demand.community_id),
                width=84,
            ),
            Column(self.tr("供给"), lambda m: m.supply.title, width=200),
            Column(self.tr("提供单位"), lambda m: m.unit_name, width=130),
            Column(
                self.tr("分配"),
                lambda m: m.match.allocated,
                display=lambda m: quantity(m.match.allocated, m.supply.kind),
                sort="allocated",
                align="right",
                width=90,
            ),
            Column(
                self.tr("得分"),
                lambda m: m.match.score,
                display=lambda m: fmt_decimal(m.match.score),
                sort="score",
                align="right",
                width=54,
            ),
            Column(self.tr("确认时间"), lambda m: m.match.decided_at, sort="decided_at", width=120),
            Column(
                self.tr("需求状态"),
                lambda m: m.demand.status,
                color=lambda m: demand_colour(m.demand.status),
            ),
        ]

    def record_actions(self) -> list[RecordAction]:
        return [
            RecordAction(
                self.tr("转为工单"),
                self.to_order,
                name="to_order",
                enabled=lambda m: m is not None and m.demand.status == DemandStatus.MATCHED,
                tooltip=self.tr("为该需求生成一张待派单的工单，需求改为“已转工单”"),
            ),
            RecordAction(
                self.tr("查看工单"),
                self.open_order,
                name="open_order",
                enabled=lambda m: (
                    m is not None and m.demand.status in (DemandStatus.ORDERED, DemandStatus.CLOSED)
                ),
            ),
            RecordAction(
                self.tr("撤销确认"),
                self.withdraw,
                name="withdraw",
                enabled=lambda m: m is not None and m.demand.status == DemandStatus.MATCHED,
                tooltip=self.tr("否决该匹配，分配的容量退回供给"),
            ),
        ]

    def to_order(self, line: MatchLine) -> RecordForm:
        demand, ctx = line.demand, self.ctx
        fields = [
            Field("title", self.tr("工单标题"), required=True, default=demand.title),
            Field("urgency", self.tr("紧急程度"), "choice", enum=Urgency, default=demand.urgency),
            Field(
                "description",
                self.tr("需求描述"),
                "textarea",
                default=self.tr("{text}\n对接供给：{supply}（{unit}）")
                .format(text=demand.description, supply=line.supply.title, unit=line.unit_name)
                .strip(),
            ),
            Field("requester_name", self.tr("点单人"), default=demand.requester_name),
        ]

        def submit(values: dict[str, Any]) -> Any:
            now = ctx.demands.get(demand.id)
            if now.status != DemandStatus.MATCHED:  # changed since the list was read: make no order
                raise TransitionError(
                    self.tr("需求“{title}”当前为{status}，不能再转为工单").format(
                        title=now.title, status=label(now.status)
                    )
                )
            order = ctx.orders.create(
                ctx.township_id,
                demand.community_id,
                values["title"],
                demand_id=demand.id,
                category_id=demand.category_id,
                resident_id=demand.resident_id,
                urgency=values["urgency"],
                description=values["description"],
                requester_name=values["requester_name"],
                actor=ctx.actor(),
            )
            ctx.demands.mark_ordered(demand.id)
            return order, self._line(line.id)

        form = RecordForm(
            self,
            ctx.tasks,
            self.tr("转为工单：{demand}").format(demand=demand.title),
            fields,
            submit,
            save_text=self.tr("生成工单"),
            intro=self.tr("工单生成后为“待派单”，请到“工单”页派给承办单位。"),
        )
        form.saved.connect(self._ordered)
        self.last_dialog = form
        form.open()
        return form

    def _ordered(self, result: tuple[WorkOrder, MatchLine]) -> None:
        order, line = result
        self.record_saved(line)
        self.ctx.changed("work_orders")
        self.ctx.changed("demands")
        self.ctx.message.emit(self.tr("已生成工单 {code}，待派单").format(code=order.code))

    def open_order(self, line: MatchLine) -> None:
        orders, demand_id = self.ctx.orders, line.demand.id

        def found(rows: list[WorkOrder]) -> None:
            if rows:
                self.ctx.navigate("orders", rows[0].id)
            else:
                self.banner.show_message(self.tr("没有找到该需求的工单（可能已删除）。"), "info")

        query = ListQuery(filters={"demand_id": demand_id}, sort="ordered_at", descending=True, limit=1)
        self.ctx.tasks.read(lambda: orders.list(query).rows, found, self.show_error)

    def withdraw(self, line: MatchLine) -> RecordForm:
        matches = self.ctx.matches

        def submit(values: dict[str, Any]) -> MatchLine:
            matches.reject(line.id, values["note"])
            return self._line(line.id)

        form = RecordForm(
            self,
            self.ctx.tasks,
            self.tr("撤销确认：{what}").format(what=self.describe(line)),
            [Field("note", self.tr("撤销理由"), "textarea", required=True)],
            submit,
            save_text=self.tr("撤销确认"),
            intro=self.tr("分配给该需求的容量将退回供给；需求没有其他确认的匹配时，恢复为“待对接”。"),
        )
        form.saved.connect(self._withdrawn)
        self.last_dialog = form
        form.open()
        return form

    def _withdrawn(self, line: MatchLine) -> None:
        self.list.model.remove(line.id)  # no longer confirmed: not in this list
        self.ctx.changed(self.kind)
        self.record_changed.emit(line)


class ProposalTree(QTreeWidget):
    """The proposals grouped by demand: a demand, and under it its candidate supplies by score."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(5)
        self.setHeaderLabels(
            [
                self.tr("需求 / 候选供给"),
                self.tr("村（社区）/ 提供单位"),
                self.tr("得分"),
                self.tr("剩余容量"),
                self.tr("说明 / 匹配理由"),
            ]
        )
        self.setAlternatingRowColors(True)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for column, width in enumerate((330, 150, 54, 110)):
            self.setColumnWidth(column, width)
        self.lines: list[MatchLine] = []
        self._groups: list[tuple[QTreeWidgetItem, list[QTreeWidgetItem]]] = []  # a demand, its candidates
        self._children: list[QTreeWidgetItem] = []

    def fill(self, lines: list[MatchLine], community_name: Callable[[uuid.UUID], str]) -> None:
        """Show ``lines``; the selection stays on the same proposal, or moves to the one that took the
        place of a proposal just decided (the next candidate)."""
        selected, current = self.current_line(), self.currentItem()
        position = self._children.index(current) if current is not None and current in self._children else -1
        self.lines = lines
        self.clear()
        self._groups = []
        self._children = []
        bold = app_font(bold=True)
        parents: dict[uuid.UUID, tuple[QTreeWidgetItem, list[QTreeWidgetItem]]] = {}
        for line in lines:
            demand = line.demand
            group = parents.get(demand.id)
            if group is None:
                parent = QTreeWidgetItem([""])
                parent.setFont(0, bold)
                if demand.urgency == Urgency.CRITICAL:
                    parent.setForeground(0, RED)
                if demand.description:
                    parent.setToolTip(0, demand.description)
                parent.setFlags(Qt.ItemFlag.ItemIsEnabled)
                group = (parent, [])
                parents[demand.id] = group
                self._groups.append(group)
                self.addTopLevelItem(parent)
                parent.setFirstColumnSpanned(True)  # the demand reads across the row
            child = QTreeWidgetItem(
                [
                    line.supply.title,
                    line.unit_name,
                    fmt_decimal(line.match.score),
                    quantity(line.remaining, line.supply.kind),
                    line.match.reasons,
                ]
            )
            child.setData(0, ITEM_ROLE, line.id)
            child.setToolTip(0, f"{line.supply.code}  {line.supply.title}")
            child.setToolTip(4, line.match.reasons)
            child.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            child.setTextAlignment(3, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if line.remaining <= 0:
                child.setForeground(3, RED)
            group[0].addChild(child)
            group[1].append(child)
            self._children.append(child)
        self.expandAll()
        for (parent, children), demand in zip(self._groups, self._demands(lines), strict=True):
            facts = [
                f"{demand.code}  {demand.title}",
                community_name(demand.community_id),
                label(demand.urgency),
            ]
            if demand.special_group:
                facts.append(special_label(demand.special_group))
            facts.append(self.tr("受益 {n} 人").format(n=demand.beneficiaries))
            facts.append(self.tr("{n} 个候选").format(n=len(children)))
            parent.setText(0, "　·　".join(facts))
        if selected is not None and not self.select_line(selected.id) and self._children:
            self.setCurrentItem(self._children[min(max(position, 0), len(self._children) - 1)])

    @staticmethod
    def _demands(lines: list[MatchLine]) -> list[Demand]:
        """The demands of ``lines``, each once, in order."""
        seen: dict[uuid.UUID, Demand] = {}
        for line in lines:
            seen.setdefault(line.demand.id, line.demand)
        return list(seen.values())

    def current_line(self) -> MatchLine | None:
        item = self.currentItem()
        match_id = item.data(0, ITEM_ROLE) if item is not None else None
        return next((line for line in self.lines if line.id == match_id), None)

    def select_line(self, match_id: uuid.UUID) -> bool:
        for child in self._children:
            if child.data(0, ITEM_ROLE) == match_id:
                self.setCurrentItem(child)
                return True
        return False

    def select_first(self) -> None:
        visible = [c for c in self._children if not c.isHidden()]
        if visible:
            self.setCurrentItem(visible[0])

    def filter_text(self, text: str) -> None:
        """Show only demands (with all their candidates) or candidates whose text holds ``text``."""
        needle = text.strip()
        for parent, children in self._groups:
            parent_hit = not needle or any(needle in parent.text(c) for c in range(5))
            any_child = False
            for child in children:
                hit = parent_hit or any(needle in child.text(c) for c in range(5))
                child.setHidden(not hit)
                any_child = any_child or hit
            parent.setHidden(not any_child)


class MeetingPanel(QWidget):
    """供需对接会: choose a quarter, generate proposals, decide each one; the confirmed list below."""

    decided = Signal()  # a proposal was confirmed or rejected (demands and supplies changed)
    board_loaded = Signal()

    def __init__(self, ctx: AppContext, data: ListsData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.data = data
        self.is_loaded = False
        self.last_dialog: QWidget | None = None
        self.generating = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("对接季度")))
        self.quarter_box = QComboBox()
        self.quarter_box.setObjectName("meeting_quarter")
        self.quarter_box.setMinimumWidth(150)
        self.quarter_box.currentIndexChanged.connect(self._quarter_changed)
        bar.addWidget(self.quarter_box)
        self.generate_button = primary_button(self.tr("生成建议"))
        self.generate_button.setToolTip(
            self.tr("按类别、剩余容量、结对关系、距离、紧急程度和特殊群体为本季度待对接需求推荐供给")
        )
        self.generate_button.clicked.connect(self.generate)
        bar.addWidget(self.generate_button)
        self.summary = muted()
        self.summary.setObjectName("MeetingSummary")
        bar.addWidget(self.summary, 1)
        layout.addLayout(bar)
        self.banner = Banner()
        layout.addWidget(self.banner)

        splitter = QSplitter(Qt.Orientation.Vertical)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.setSpacing(4)
        self.tree = ProposalTree()
        actions = QHBoxLayout()
        heading = QLabel(self.tr("匹配建议（待会议决定）"))
        heading.setFont(app_font(11, bold=True))
        actions.addWidget(heading)
        self.confirm_button = primary_button(self.tr("确认匹配"))
        self.confirm_button.clicked.connect(lambda: self.confirm(self.tree.current_line()))
        self.reject_button = QPushButton(self.tr("否决"))
        self.reject_button.clicked.connect(lambda: self.reject(self.tree.current_line()))
        actions.addWidget(self.confirm_button)
        actions.addWidget(self.reject_button)
        actions.addStretch(1)
        self.search = SearchBox(self.tr("在建议中查找"))
        self.search.setMaximumWidth(260)
        actions.addWidget(self.search)
        top_layout.addLayout(actions)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.tree.itemActivated.connect(lambda *_: self.confirm(self.tree.current_line()))  # Enter
        self.search.search_changed.connect(self.tree.filter_text)
        top_layout.addWidget(self.tree, 1)
        self.empty = muted()
        self.empty.setObjectName("ProposalsEmpty")
        self.empty.setWordWrap(True)
        top_layout.addWidget(self.empty)
        splitter.addWidget(top)

        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 6, 0, 0)
        bottom_layout.setSpacing(4)
        confirmed_heading = QLabel(self.tr("已确认的匹配（匹配清单）"))
        confirmed_heading.setFont(app_font(11, bold=True))
        bottom_layout.addWidget(confirmed_heading)
        self.confirmed = ConfirmedBrowser(ctx, self.quarter)
        self.confirmed.record_changed.connect(lambda _line: self._confirmed_changed())
        bottom_layout.addWidget(self.confirmed, 1)
        splitter.addWidget(bottom)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([330, 260])
        layout.addWidget(splitter, 1)
        self._update_buttons()

    # -- the quarter -----------------------------------------------------------------------------------
    def quarter(self) -> str:
        value = self.quarter_box.currentData()
        return str(value) if value else quarter_of(date.today())

    def fill_quarters(self) -> None:
        current = self.quarter_box.currentData() or quarter_of(date.today())
        self.quarter_box.blockSignals(True)
        self.quarter_box.clear()
        for value, text in self.data.quarter_choices():
            self.quarter_box.addItem(text, value)
        index = self.quarter_box.findData(current)
        self.quarter_box.setCurrentIndex(max(0, index))
        self.quarter_box.blockSignals(False)

    def set_quarter(self, quarter: str) -> None:
        index = self.quarter_box.findData(quarter)
        if index >= 0:
            self.quarter_box.setCurrentIndex(index)

    def start(self) -> None:
        self.fill_quarters()
        self.confirmed.start()
        if self.ctx.township is not None:
            self.load_board()

    def _quarter_changed(self, _index: int) -> None:
        self.confirmed.list.reload()
        self.load_board()

    # -- the board -------------------------------------------------------------------------------------
    def load_board(self) -> None:
        matches, demands, quarter = self.ctx.matches, self.ctx.demands, self.quarter()
        township_id = self.ctx.township_id

        def read() -> tuple[list[MatchLine], int]:
            open_query = ListQuery(
                filters={"township_id": township_id, "quarter": quarter, "status": DemandStatus.OPEN},
                limit=0,
            )
            return matches.board(township_id, quarter), demands.list(open_query).total

        def arrived(answer: tuple[list[MatchLine], int]) -> None:
            if quarter != self.quarter():
                return  # the user chose another quarter meanwhile
            self.show_board(*answer)

        self.ctx.tasks.read(read, arrived, self.show_error, name="meeting_board")

    def show_board(self, lines: list[MatchLine], open_demands: int) -> None:
        self.tree.fill(lines, self.ctx.lookups.community_name)
        self.tree.filter_text(self.search.text())
        if self.tree.current_line() is None:
            self.tree.select_first()
        with_proposals = len({line.demand.id for line in lines})
        self.summary.setText(
            self.tr("{quarter}：待对接需求 {open} 项，其中 {with_} 项有待决定的建议（共 {n} 条）").format(
                quarter=quarter_label(self.quarter()), open=open_demands, with_=with_proposals, n=len(lines)
            )
        )
        if lines:
            self.empty.hide()
        else:
            self.empty.setText(
                self.tr("本季度没有待决定的建议。点击“生成建议”，为待对接的需求推荐供给。")
                if open_demands
                else self.tr("本季度没有待对接的需求。")
            )
            self.empty.show()
        self._update_buttons()
        self.is_loaded = True
        self.board_loaded.emit()

    def _update_buttons(self) -> None:
        line = self.tree.current_line()
        self.confirm_button.setEnabled(line is not None)
        self.reject_button.setEnabled(line is not None)
        self.generate_button.setEnabled(not self.generating and self.ctx.township is not None)

    def show_error(self, exc: BaseException) -> None:
        self.banner.show_message(describe_error(exc), "error")

    # -- generating ------------------------------------------------------------------------------------
    def generate(self) -> None:
        """Propose afresh; the quarter's undecided proposals are replaced (decided ones stay)."""
        if self.tree.lines:
            self.last_dialog = confirm(
                self,
                self.tr("重新生成建议"),
                self.tr("本季度还有 {n} 条建议尚未决定，重新生成将替换这些建议。继续吗？").format(
                    n=len(self.tree.lines)
                ),
                self._generate,
                yes_text=self.tr("重新生成"),
                informative=self.tr("已确认或已否决的匹配不受影响；已否决的组合不会再被推荐。"),
            )
            return
        self._generate()

    def _generate(self) -> None:
        matches, township_id, quarter = self.ctx.matches, self.ctx.township_id, self.quarter()

        def work(task: TaskContext) -> list[MatchLine]:
            task.progress(0.1, translate("Meeting", "正在计算匹配建议…"))
            proposals = matches.propose(township_id, quarter)
            task.check()  # cancelled before anything was written: the old proposals stay
            task.progress(0.7, translate("Meeting", "正在保存 {n} 条建议…").format(n=len(proposals)))
            matches.save_proposals(township_id, quarter, proposals)
            return matches.board(township_id, quarter)

        def done(lines: list[MatchLine]) -> None:
            self.generating = False
            self.banner.clear()
            self.ctx.changed("matches")
            self.ctx.message.emit(self.tr("已生成 {n} 条匹配建议").format(n=len(lines)))
            self.load_board()

        def failed(exc: BaseException) -> None:
            self.generating = False
            self._update_buttons()
            self.show_error(exc)

        def cancelled() -> None:
            self.generating = False
            self._update_buttons()
            self.ctx.message.emit(self.tr("已取消生成，原有建议保持不变"))

        self.generating = True
        self._update_buttons()
        self.task = self.ctx.tasks.write(
            work,
            done,
            failed,
            name="propose_matches",
            wants_context=True,
            progress=self.tr("正在生成匹配建议"),
            parent=self,
        )
        self.task.cancelled.connect(cancelled)  # neither success nor failure

    # -- deciding --------------------------------------------------------------------------------------
    def confirm(self, line: MatchLine | None) -> RecordForm | None:
        if line is None:
            return None
        supply = line.supply
        unit = translate("SupplyUnit", supply.kind.capacity_unit)
        funds = supply.kind == SupplyKind.FUNDS
        meetings = self.data.meeting_choices(line.match.quarter)
        fields = [
            Field(
                "allocated",
                self.tr("分配数量（{unit}）").format(unit=unit),
                "number",
                required=funds,
                placeholder="" if funds else self.tr("不填为 1 {unit}").format(unit=unit),
                hint=self.tr("“{supply}”剩余 {left}").format(
                    supply=supply.title, left=quantity(line.remaining, supply.kind)
                ),
            ),
            Field(
                "meeting_id",
                self.tr("对接会"),
                "choice",
                choices=meetings,
                none_text=self.tr("（不关联活动）"),
                default=meetings[0][0] if meetings else None,
            ),
        ]
        matches = self.ctx.matches

        def submit(values: dict[str, Any]) -> Any:
            return matches.confirm(line.id, values["allocated"] or None, values["meeting_id"])

        form = RecordForm(
            self,
            self.ctx.tasks,
            self.tr("确认匹配：{demand}").format(demand=line.demand.title),
            fields,
            submit,
            save_text=self.tr("确认匹配"),
            intro=self.tr("需求：{demand}\n供给：{supply}（{unit}）").format(
                demand=line.demand.title, supply=supply.title, unit=line.unit_name
            ),
        )
        form.saved.connect(
            lambda _m: self._decided(self.tr("已确认匹配：{demand}").format(demand=line.demand.title))
        )
        self.last_dialog = form
        form.open()
        return form

    def reject(self, line: MatchLine | None) -> RecordForm | None:
        if line is None:
            return None
        matches = self.ctx.matches
        form = RecordForm(
            self,
            self.ctx.tasks,
            self.tr("否决建议：{demand}").format(demand=line.demand.title),
            [Field("note", self.tr("否决理由"), "textarea", required=True)],
            lambda v: matches.reject(line.id, v["note"]),
            save_text=self.tr("否决"),
            intro=self.tr("否决后，该需求与“{supply}”不会再被推荐。").format(supply=line.supply.title),
        )
        form.saved.connect(lambda _m: self._decided(self.tr("已否决建议")))
        self.last_dialog = form
        form.open()
        return form

    def _decided(self, message: str) -> None:
        self.banner.clear()
        self.ctx.changed("matches")
        self.ctx.message.emit(message)
        self.load_board()
        self.confirmed.list.reload()
        self.decided.emit()

    def _confirmed_changed(self) -> None:
        """A confirmed match was withdrawn or became an order: proposals' capacities may have changed."""
        self.load_board()
        self.decided.emit()


# ---------------------------------------------------------------------------------------------------------
# The page
# ---------------------------------------------------------------------------------------------------------


class ListsScreen(Screen):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.data = ListsData()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(
            page_header(
                self.tr("三张清单与对接会"),
                self.tr(
                    "需求清单、供给清单按季度登记；供需对接会上由系统推荐、会议确认，确认的匹配可直接转为工单。"
                ),
            )
        )
        self.tabs = QTabWidget()
        self.demands = DemandsBrowser(ctx, self.data)
        self.supplies = SuppliesBrowser(ctx, self.data)
        self.meeting = MeetingPanel(ctx, self.data)
        self.tabs.addTab(self.demands, self.tr("需求清单"))
        self.tabs.addTab(self.supplies, self.tr("供给清单"))
        self.tabs.addTab(self.meeting, self.tr("供需对接会"))
        layout.addWidget(self.tabs, 1)
        self.demands.loaded.connect(self._one_loaded)
        self.supplies.loaded.connect(self._one_loaded)
        self.meeting.confirmed.loaded.connect(self._one_loaded)
        self.demands.record_changed.connect(lambda _d: self._lists_changed(self.demands))
        self.supplies.record_changed.connect(lambda _s: self._lists_changed(self.supplies))
        self.meeting.decided.connect(self._decided)

    def start(self) -> None:
        ctx = self.ctx

        def arrived(data: ListsData) -> None:
            self.data.categories, self.data.items = data.categories, data.items
            self.data.quarters, self.data.meetings = data.quarters, data.meetings
            self.demands.start()
            self.supplies.start()
            self.meeting.start()

        if ctx.township is None:  # an empty ledger: empty lists, nothing to meet about
            arrived(ListsData())
            return
        ctx.tasks.read(lambda: load_lists_data(ctx), arrived, name="lists_data")

    def _one_loaded(self) -> None:
        if self.demands.is_loaded and self.supplies.is_loaded and self.meeting.confirmed.is_loaded:
            self.mark_loaded()

    def _lists_changed(self, browser: RecordBrowser) -> None:
        """A demand or supply was saved: a new quarter may appear; the meeting's figures may change."""
        quarter = getattr(browser.current(), "quarter", None)
        if quarter and quarter not in self.data.quarters:
            self.data.quarters.append(quarter)
            for b in (self.demands, self.supplies):
                b.list.fill_filters()
            self.meeting.fill_quarters()
        self.meeting.load_board()

    def _decided(self) -> None:
        """The meeting changed demands' statuses and supplies' remaining capacity."""
        self.demands.list.reload()
        self.supplies.list.reload()

    def show_record(self, record_id: uuid.UUID) -> None:
        """From elsewhere: a demand."""
        self.tabs.setCurrentWidget(self.demands)
        self.demands.show_record(record_id)
