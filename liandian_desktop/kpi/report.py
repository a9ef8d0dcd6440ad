"""One call for every figure of a period and a scope: ``compute_kpis(store, period, scope)``.

The report holds each ``Figure`` under a stable key (the JSON keys of ``liandian kpi --json``), the
standard-service table, the settings used and ``as_of`` (the moment that decides whether an uncontacted
order is still pending). ``report.explain(key)`` gives a figure's formula, target and every record behind
it, one Chinese line each.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from liandian_desktop.ledger.models import utcnow
from liandian_desktop.store.engine import Store

from .coverage import pairing_figures, people_figures
from .deadlines import clock_label
from .figures import Figure, Unit, format_value, plain
from .frequency import ServiceRow, compliance, frequency_figures, service_rows
from .funds import fund_figures
from .orders import fetch_loop, loop_figures, received_figure
from .periods import LOCAL_TZ_NAME, Period, format_local, to_local
from .scope import ResolvedScope, Scope, resolve_scope
from .settings import KpiSettings, settings_in
from .workforce import workforce_figures

JSON_SCHEMA = "liandian.kpi.report/1"


@dataclass(frozen=True)
class KpiReport:
    period: Period
    scope: ResolvedScope
    as_of: datetime
    settings: KpiSettings
    figures: dict[str, Figure]
    services: tuple[ServiceRow, ...]

    def __getitem__(self, key: str) -> Figure:
        return self.figures[key]

    def explain(self, key: str, limit: int | None = None) -> list[str]:
        return self.figures[key].explain_lines(limit)

    @property
    def interim(self) -> bool:
        return self.settings.interim_applies(self.period)

    def to_json(self, *, with_records: bool = False) -> dict[str, Any]:
        return {
            "schema": JSON_SCHEMA,
            "period": {
                "label": self.period.label,
                "kind": self.period.kind.value,
                "start": self.period.start.isoformat(),
                "end": self.period.end.isoformat(),
                "timezone": LOCAL_TZ_NAME,
            },
            "scope": {"kind": self.scope.kind.value, "id": str(self.scope.scope.id), "name": self.scope.name},
            "as_of": to_local(self.as_of).isoformat(),
            "response_clock": self.settings.clock.mode,
            "interim_targets": self.interim,
            "figures": {key: fig.to_json(with_records=with_records) for key, fig in self.figures.items()},
            "service_frequency": [row.to_json() for row in self.services],
        }

    def text(self, *, records: int = 0) -> str:
        lines = [
            f"联点共建指标 — {self.scope.describe()}",
            f"期间：{self.period.describe()}",
            f"截至：{format_local(self.as_of)}；响应计时：{clock_label(self.settings.clock)}"
            + ("；适用阶段目标" if self.interim else ""),
        ]
        group = None
        for fig in self.figures.values():
            if fig.group != group:
                group = fig.group
                lines.append(f"\n【{group}】")
            verdict = {True: "达标", False: "未达标", None: ""}[fig.meets]
            parts = [pad(f"  {fig.label}", 30), pad(fig.display(), 12)]
            if fig.target is not None:
                parts.append(pad(f"目标 {fig.target_display()}", 18))
                parts.append(pad(verdict, 6))
            if fig.denominator is not None and fig.numerator is not None:
                parts.append(f"({plain(fig.numerator)} ÷ {plain(fig.denominator)})")
            lines.append("".join(parts).rstrip())
            if fig.note:
                lines.append(f"      {fig.note}")
            if records:
                lines.extend("    " + r.line() for r in fig.records[:records])
        if self.services and records:
            lines.append("\n【服务频次明细】（应开展 / 实际）")
            for row in self.services:
                if row.judged:
                    mark = "达标" if row.met else "未达标"
                    lines.append(
                        f"  {pad(row.community, 16)}{pad(row.service, 22)}"
                        f"{row.expected:>4} / {row.actual:<4} {mark}"
                    )
        elif self.services:
            lines.append("\n【各村（社区）服务频次】（--records N 显示每项服务）")
            by_place: dict[str, list[ServiceRow]] = {}
            for row in self.services:
                by_place.setdefault(row.community, []).append(row)
            for place, rows in by_place.items():
                total, judged = compliance(rows)
                met = sum(r.met for r in rows)
                degree = format_value(total / judged, Unit.RATE) if judged else "无数据"
                lines.append(f"  {pad(place, 16)}考核 {judged} 项，达标 {met} 项，达标度 {degree}")
        return "\n".join(lines)


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, columns: int) -> str:
    return text + " " * max(1, columns - width(text))


def kpis_in(
    session: Session,
    period: Period,
    scope: Scope,
    *,
    settings: KpiSettings | None = None,
    as_of: datetime | None = None,
) -> KpiReport:
    resolved = resolve_scope(session, scope, period)
    settings = settings or settings_in(session, resolved.settings_township)
    as_of = as_of or utcnow()
    loop = fetch_loop(session, period, resolved.order_filter(), resolved.own_activity_filter())
    services = service_rows(session, resolved, period, settings)
    figures: list[Figure] = [
        received_figure(session, period, resolved.order_filter()),
        *loop_figures(loop, settings, period, as_of),
        *pairing_figures(session, resolved, period, settings, as_of),
        *people_figures(session, resolved, period, settings),
        *frequency_figures(services, settings),
        *workforce_figures(session, resolved, period, settings),
        *fund_figures(session, resolved, period, settings),
    ]
    return KpiReport(period, resolved, as_of, settings, {f.key: f for f in figures}, tuple(services))


def compute_kpis(
    store: Store,
    period: Period,
    scope: Scope,
    *,
    settings: KpiSettings | None = None,
    as_of: datetime | None = None,
) -> KpiReport:
    """Every figure for ``period`` and ``scope``. ``settings``: those stored for the scope's township
    (county-wide for a county, or a unit paired in several townships) unless given. ``as_of``: now unless
    given; it only decides whether an uncontacted order is still pending or already late."""
    with store.session() as session:
        return kpis_in(session, period, scope, settings=settings, as_of=as_of)
