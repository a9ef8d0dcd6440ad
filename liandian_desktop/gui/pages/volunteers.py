"""志愿者: the roster (MCA Order 67), service records with hours, the points balance and redemptions (an
overdraw is refused by the ledger), and the data of a service certificate."""

from __future__ import annotations

import html
from datetime import date
from typing import Any

from liandian_desktop.gui.context import AppContext
from liandian_desktop.gui.forms import Field, RecordForm
from liandian_desktop.gui.i18n import fmt_decimal
from liandian_desktop.gui.listing import Column, Filter, col, community_col, enum_filter
from liandian_desktop.gui.pages.residents import masked_phone
from liandian_desktop.gui.qt import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from liandian_desktop.gui.screen import BrowserScreen, RecordAction, RecordBrowser
from liandian_desktop.gui.theme import GREY, RED, app_font
from liandian_desktop.gui.vocab import label
from liandian_desktop.ledger.catalogue import DEMAND_CATEGORIES
from liandian_desktop.ledger.models import Gender, PointsEntry, Volunteer, VolunteerStatus
from liandian_desktop.ledger.services.base import Service
from liandian_desktop.ledger.services.volunteers import ServiceCertificate


def _category_choices() -> list[tuple[object, str]]:
    return [(code, name) for code, name, _ in DEMAND_CATEGORIES]


class VolunteersBrowser(RecordBrowser):
    kind = "volunteers"
    default_sort = ("registered_on", True)
    detail_width = 360

    def noun(self) -> str:
        return self.tr("志愿者", "noun")

    def title(self) -> str:
        return self.tr("志愿者")

    def hint(self) -> str:
        return self.tr("志愿者名册、服务记录（时长不含往返路途）、积分与兑换、志愿服务记录证明。")

    def search_hint(self) -> str:
        return self.tr("搜索姓名、编号、电话、技能")

    def service(self) -> Service:
        return self.ctx.volunteers

    def columns(self) -> list[Column]:
        return [
            col(self.tr("编号"), "volunteer_no", width=110),
            col(self.tr("姓名"), "name", width=80),
            col(self.tr("性别"), "gender", width=44),
            community_col(self.ctx, self.tr("村（社区）"), width=86),
            col(self.tr("联系电话"), "phone", width=106, display=lambda v: masked_phone(v.phone)),
            col(self.tr("专业技能"), "skills", width=120),
            col(self.tr("登记日期"), "registered_on", width=96),
            col(
                self.tr("状态"),
                "status",
                color=lambda v: None if v.status == VolunteerStatus.ACTIVE else GREY,
            ),
        ]

    def filters(self) -> list[Filter]:
        return [
            enum_filter("status", VolunteerStatus, self.tr("全部状态")),
            Filter("community_id", self.tr("全部村（社区）"), self.ctx.lookups.community_choices),
        ]

    def fields(self, record: Any | None) -> list[Field]:
        fields = [
            Field("name", self.tr("姓名"), required=True),
            Field("id_number", self.tr("身份证号"), required=True),
            Field("gender", self.tr("性别"), "choice", enum=Gender, none_text=self.tr("（按身份证号）")),
            Field("phone", self.tr("联系电话")),
            Field(
                "community_id",
                self.tr("村（社区）"),
                "choice",
                choices=self.ctx.lookups.community_choices,
                none_text=self.tr("（无）"),
            ),
            Field("region", self.tr("居住区域")),
            Field("skills", self.tr("专业技能")),
            Field("service_categories", self.tr("服务类别"), "multi", choices=_category_choices, columns=4),
        ]
        if record is None:
            fields.append(Field("registered_on", self.tr("登记日期"), "date", hint=self.tr("不填为今天")))
        else:
            fields.append(Field("status", self.tr("状态"), "choice", enum=VolunteerStatus))
        fields.append(Field("note", self.tr("备注"), "textarea"))
        return fields

    def initial(self, record: Any) -> dict[str, Any]:
        values = super().initial(record)
        values["service_categories"] = [c for c in record.service_categories.split(",") if c]
        return values

    def create_record(self, values: dict[str, Any]) -> Any:
        values = dict(values)
        name, number = values.pop("name"), values.pop("id_number")
        return self.ctx.volunteers.register(self.ctx.township_id, name, number, **values)

    def edit_record(self, record: Any, changes: dict[str, Any]) -> Any:
        return self.ctx.volunteers.edit(record.id, **changes)

    # -- actions ---------------------------------------------------------------------------------------
    def record_actions(self) -> list[RecordAction]:
        return [
            RecordAction(self.tr("记录服务"), self.record_service, name="record_service"),
            RecordAction(self.tr("积分兑换"), self.redeem, name="redeem"),
            RecordAction(self.tr("服务证明"), self.certificate, name="certificate"),
        ]

    def _form(
        self, volunteer: Volunteer, title: str, fields: list[Field], call: Any, save: str
    ) -> RecordForm:
        volunteers = self.ctx.volunteers

        def run(values: dict[str, Any]) -> Any:
            call(values)
            return volunteers.get(volunteer.id)

        form = RecordForm(
            self, self.ctx.tasks, title.format(name=volunteer.name), fields, run, save_text=save
        )
        form.saved.connect(self.record_saved)
        self.last_dialog = form
        form.open()
        return form

    def record_service(self, volunteer: Volunteer) -> None:
        volunteers = self.ctx.volunteers
        fields = [
            Field("activity_name", self.tr("活动名称"), required=True),
            Field("service_date", self.tr("服务日期"), "date", required=True),
            Field(
                "hours",
                self.tr("服务时长（小时）"),
                "number",
                required=True,
                placeholder="2.5",
                hint=self.tr("不含往返路途时间"),
            ),
            Field("place", self.tr("服务地点")),
            Field("content", self.tr("服务内容"), "textarea"),
            Field(
                "organiser",
                self.tr("组织单位"),
                required=True,
                default=self.ctx.township.name if self.ctx.township else "",
            ),
            Field("responsible_person", self.tr("负责人")),
        ]
        self._form(
            volunteer,
            self.tr("记录服务：{name}"),
            fields,
            lambda v: volunteers.record_service(volunteer.id, **v),
            self.tr("保存记录"),
        )

    def redeem(self, volunteer: Volunteer) -> None:
        volunteers = self.ctx.volunteers
        fields = [
            Field("points", self.tr("兑换积分"), "number", required=True),
            Field("item", self.tr("兑换物品"), required=True),
            Field("note", self.tr("备注"), "textarea"),
        ]
        self._form(
            volunteer,
            self.tr("积分兑换：{name}"),
            fields,
            lambda v: volunteers.redeem(volunteer.id, **v),
            self.tr("兑换"),
        )

    def certificate(self, volunteer: Volunteer) -> None:
        volunteers = self.ctx.volunteers
        this_year = date.today().replace(month=1, day=1)
        fields = [
            Field("start", self.tr("服务日期自"), "date", required=True, default=this_year),
            Field("end", self.tr("至"), "date", required=True, default=date.today()),
        ]
        form = RecordForm(
            self,
            self.ctx.tasks,
            self.tr("志愿服务记录证明：{name}").format(name=volunteer.name),
            fields,
            lambda v: volunteers.certificate_data(volunteer.id, v["start"], v["end"]),
            save_text=self.tr("生成"),
        )
        form.saved.connect(self._show_certificate)
        self.last_dialog = form
        form.open()

    def _show_certificate(self, data: ServiceCertificate) -> None:
        dialog = CertificateDialog(data, self)
        self.last_dialog = dialog
        dialog.open()

    # -- detail ----------------------------------------------------------------------------------------
    def detail_panel(self) -> QWidget:
        self.detail = VolunteerDetail(self.ctx)
        return self.detail

    def show_detail(self, record: Any | None) -> None:
        self.detail.show_volunteer(record)


class VolunteerDetail(QFrame):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.volunteer: Volunteer | None = None
        self.setObjectName("Card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        self.heading = QLabel(self.tr("选择一名志愿者查看服务记录与积分"))
        self.heading.setFont(app_font(12, bold=True))
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.balance = QLabel()
        self.balance.setObjectName("Balance")
        self.balance.setFont(app_font(11, bold=True))
        layout.addWidget(self.balance)
        self.hours = QLabel()
        self.hours.setObjectName("Muted")
        layout.addWidget(self.hours)
        self.tabs = QTabWidget()
        self.records = self._table([self.tr("日期"), self.tr("时长"), self.tr("活动")])
        self.points = self._table([self.tr("日期"), self.tr("类型"), self.tr("积分"), self.tr("事项")])
        self.tabs.addTab(self.records, self.tr("服务记录"))
        self.tabs.addTab(self.points, self.tr("积分明细"))
        layout.addWidget(self.tabs, 1)

    @staticmethod
    def _table(headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.horizontalHeader().setStretchLastSection(True)
        table.verticalHeader().setDefaultSectionSize(26)
        return table

    def show_volunteer(self, volunteer: Volunteer | None) -> None:
        self.volunteer = volunteer
        if volunteer is None:
            self.heading.setText(self.tr("选择一名志愿者查看服务记录与积分"))
            self.balance.clear()
            self.hours.clear()
            self.records.setRowCount(0)
            self.points.setRowCount(0)
            return
        self.heading.setText(f"{volunteer.name}  {volunteer.volunteer_no}")
        volunteers, volunteer_id = self.ctx.volunteers, volunteer.id

        def read() -> tuple[Any, list[Any], list[PointsEntry]]:
            return (
                volunteers.balance(volunteer_id),
                volunteers.records(volunteer_id),
                volunteers.points_history(volunteer_id),
            )

        def arrived(answer: tuple[Any, list[Any], list[PointsEntry]]) -> None:
            if self.volunteer is None or self.volunteer.id != volunteer_id:
                return
            balance, records, points = answer
            self.balance.setText(self.tr("积分余额：{n} 分").format(n=fmt_decimal(balance)))
            total = sum((r.hours for r in records), start=0)
            self.hours.setText(
                self.tr("服务 {n} 次，累计 {h} 小时").format(n=len(records), h=fmt_decimal(total))
            )
            self._fill(
                self.records,
                [
                    (r.service_date.isoformat(), fmt_decimal(r.hours), r.activity_name)
                    for r in reversed(records)
                ],
            )
            self._fill(
                self.points,
                [
                    (p.entry_date.isoformat(), label(p.kind), fmt_decimal(p.points), p.item or p.note)
                    for p in reversed(points)
                ],
                red_column=2,
            )

        self.ctx.tasks.read(read, arrived, name="volunteer_detail")

    @staticmethod
    def _fill(table: QTableWidget, rows: list[tuple[str, ...]], red_column: int = -1) -> None:
        table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                if c == red_column and value.startswith("-"):
                    item.setForeground(RED)
                table.setItem(r, c, item)
        for column in range(table.columnCount() - 1):
            table.resizeColumnToContents(column)


class CertificateDialog(QDialog):
    """What the 志愿服务记录证明 will state (printing it belongs to the paper module)."""

    def __init__(self, data: ServiceCertificate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = data
        self.setWindowTitle(self.tr("志愿服务记录证明"))
        self.resize(640, 520)
        layout = QVBoxLayout(self)
        self.text = QTextBrowser()
        self.text.setHtml(self.render_html(data))
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)

    def render_html(self, d: ServiceCertificate) -> str:
        e = html.escape
        rows = "".join(
            f"<tr><td>{r.service_date.isoformat()}</td><td>{e(r.activity_name)}</td><td>{e(r.place)}</td>"
            f"<td align='right'>{fmt_decimal(r.hours)}</td><td>{e(r.organiser)}</td></tr>"
            for r in d.records
        )
        facts = [
            (self.tr("姓名"), d.name),
            (self.tr("性别"), d.gender),
            (self.tr("志愿者编号"), d.volunteer_no),
            (self.tr("证件"), f"{d.id_type} {d.id_number_masked}"),
            (self.tr("注册日期"), d.registered_on.isoformat()),
            (self.tr("所在村（社区）"), d.community),
            (self.tr("服务期间"), f"{d.period_start.isoformat()} — {d.period_end.isoformat()}"),
            (
                self.tr("累计服务时长"),
                self.tr("{h} 小时（{n} 次）").format(h=fmt_decimal(d.total_hours), n=len(d.records)),
            ),
        ]
        fact_rows = "".join(f"<tr><td><b>{e(k)}</b></td><td>{e(v)}</td></tr>" for k, v in facts)
        head = "".join(
            f"<th align='left'>{e(h)}</th>"
            for h in (
                self.tr("日期"),
                self.tr("活动名称"),
                self.tr("地点"),
                self.tr("时长"),
                self.tr("组织单位"),
            )
        )
        return (
            f"<h2 align='center'>{e(self.tr('志愿服务记录证明'))}</h2>"
            f"<table cellpadding='3'>{fact_rows}</table><hr/>"
            f"<table width='100%' cellpadding='3' border='0'><tr>{head}</tr>{rows}</table>"
            f"<p align='right'>{e(d.organisation)}<br/>{e(self.tr('出具日期'))} {d.issued_on.isoformat()}</p>"
        )


class VolunteersScreen(BrowserScreen):
    browser_class = VolunteersBrowser
