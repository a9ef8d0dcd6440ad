"""What a figure covers: one community, one paired unit, a township, or a county.

Work orders belong to a scope by where they are and who handles them:
- community: orders of that community (whichever unit handles them);
- unit: orders handled by that unit (``WorkOrder.unit_id``, the unit holding the order; a re-dispatched
  order belongs to the unit it was re-dispatched to, which is also the one that makes the first contact),
  in every community. A unit paired with two communities sees both; each community sees only its own;
- township / county: every order of the township / of the county's townships.

Coverage figures (residents, volunteers, activities, funds, standard services) are about places: a unit's
scope for them is the communities it was paired with at some time during the period.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from sqlalchemy import ColumnElement, and_, false, or_, select
from sqlalchemy.orm import Session

from liandian_desktop.ledger.errors import NotFoundError, ValidationError
from liandian_desktop.ledger.models import (
    Activity,
    Community,
    County,
    PairedUnit,
    Pairing,
    Township,
    WorkOrder,
)

from .periods import Period


class ScopeKind(StrEnum):
    COMMUNITY = "community"
    UNIT = "unit"
    TOWNSHIP = "township"
    COUNTY = "county"

    @property
    def label(self) -> str:
        return {
            "community": "村（社区）",
            "unit": "联点单位",
            "township": "乡镇（街道）",
            "county": "县（区）",
        }[self.value]


@dataclass(frozen=True)
class Scope:
    kind: ScopeKind
    id: uuid.UUID

    @classmethod
    def community(cls, community_id: uuid.UUID) -> Scope:
        return cls(ScopeKind.COMMUNITY, community_id)

    @classmethod
    def unit(cls, unit_id: uuid.UUID) -> Scope:
        return cls(ScopeKind.UNIT, unit_id)

    @classmethod
    def township(cls, township_id: uuid.UUID) -> Scope:
        return cls(ScopeKind.TOWNSHIP, township_id)

    @classmethod
    def county(cls, county_id: uuid.UUID) -> Scope:
        return cls(ScopeKind.COUNTY, county_id)


@dataclass(frozen=True)
class ResolvedScope:
    scope: Scope
    name: str
    township_ids: tuple[uuid.UUID, ...]
    community_ids: tuple[uuid.UUID, ...]  # the places coverage figures count
    unit_ids: tuple[uuid.UUID, ...]  # units paired in scope during the period
    settings_township: uuid.UUID | None  # whose KPI settings apply (None: county-wide)

    @property
    def kind(self) -> ScopeKind:
        return self.scope.kind

    def describe(self) -> str:
        return f"{self.kind.label}：{self.name}"

    def order_filter(self) -> ColumnElement[bool]:
        kind, sid = self.scope.kind, self.scope.id
        if kind is ScopeKind.COMMUNITY:
            return WorkOrder.community_id == sid
        if kind is ScopeKind.UNIT:
            return WorkOrder.unit_id == sid
        if kind is ScopeKind.TOWNSHIP:
            return WorkOrder.township_id == sid
        return WorkOrder.township_id.in_(self.township_ids) if self.township_ids else false()

    def activity_filter(self) -> ColumnElement[bool]:
        """Activities held in scope's places; township and county scope also take township-wide ones."""
        in_places = Activity.community_id.in_(self.community_ids) if self.community_ids else false()
        if self.kind in (ScopeKind.TOWNSHIP, ScopeKind.COUNTY) and self.township_ids:
            return or_(
                in_places, and_(Activity.community_id.is_(None), Activity.township_id.in_(self.township_ids))
            )
        return in_places

    def own_activity_filter(self) -> ColumnElement[bool]:
        """Activities that are the scope's own work: a unit's are those it ran (``Activity.unit_id``)."""
        if self.kind is ScopeKind.UNIT:
            return Activity.unit_id == self.scope.id
        return self.activity_filter()


def pairing_overlaps(period: Period) -> ColumnElement[bool]:
    return and_(
        Pairing.deleted_at.is_(None),
        Pairing.start_date <= period.end,
        or_(Pairing.end_date.is_(None), Pairing.end_date >= period.start),
    )


_WHAT = {Community: "村（社区）", PairedUnit: "联点单位", Township: "乡镇（街道）", County: "县（区）"}
Named = TypeVar("Named", Community, PairedUnit, Township, County)


def _live(session: Session, model: type[Named], record_id: uuid.UUID) -> str:
    obj = session.get(model, record_id)
    if obj is None or obj.deleted_at is not None:
        raise NotFoundError(f"找不到该{_WHAT[model]}（{record_id}）")
    return obj.name


def resolve_scope(session: Session, scope: Scope, period: Period) -> ResolvedScope:
    kind, sid = scope.kind, scope.id
    if kind is ScopeKind.COMMUNITY:
        name = _live(session, Community, sid)
        township_id = session.scalars(select(Community.township_id).where(Community.id == sid)).one()
        units = session.scalars(
            select(Pairing.unit_id).where(pairing_overlaps(period), Pairing.community_id == sid).distinct()
        )
        return ResolvedScope(scope, name, (township_id,), (sid,), tuple(sorted(units)), township_id)
    if kind is ScopeKind.UNIT:
        name = _live(session, PairedUnit, sid)
        rows = session.execute(
            select(Pairing.community_id, Pairing.township_id)
            .join(Community, Community.id == Pairing.community_id)
            .where(pairing_overlaps(period), Pairing.unit_id == sid, Community.deleted_at.is_(None))
        ).all()
        townships = tuple(sorted({r.township_id for r in rows}))
        communities = tuple(sorted({r.community_id for r in rows}))
        return ResolvedScope(
            scope, name, townships, communities, (sid,), townships[0] if len(townships) == 1 else None
        )
    if kind is ScopeKind.TOWNSHIP:
        name = _live(session, Township, sid)
        places = session.scalars(
            select(Community.id).where(Community.township_id == sid, Community.deleted_at.is_(None))
        )
        paired = session.scalars(
            select(Pairing.unit_id).where(pairing_overlaps(period), Pairing.township_id == sid).distinct()
        )
        return ResolvedScope(scope, name, (sid,), tuple(sorted(places)), tuple(sorted(paired)), sid)
    name = _live(session, County, sid)
    townships = tuple(
        sorted(
            session.scalars(
                select(Township.id).where(Township.county_id == sid, Township.deleted_at.is_(None))
            )
        )
    )
    places = session.scalars(
        select(Community.id).where(Community.township_id.in_(townships), Community.deleted_at.is_(None))
    )
    paired = session.scalars(
        select(Pairing.unit_id).where(pairing_overlaps(period), Pairing.township_id.in_(townships)).distinct()
    )
    return ResolvedScope(scope, name, townships, tuple(sorted(places)), tuple(sorted(paired)), None)


# ---------------------------------------------------------------------------------------------------------
# Finding a scope from what a person types
# ---------------------------------------------------------------------------------------------------------


def _one(matches: list[tuple[uuid.UUID, str]], what: str, text: str) -> uuid.UUID:
    unique = dict(matches)
    if not unique:
        raise NotFoundError(f"找不到{what}“{text}”")
    if len(unique) > 1:
        names = "、".join(sorted(unique.values()))
        raise ValidationError("scope", f"“{text}”对应多个{what}（{names}），请写完整名称或代码")
    return next(iter(unique))


def only_township(session: Session) -> uuid.UUID:
    """The ledger's township, when it holds exactly one (a township laptop)."""
    rows = session.execute(select(Township.id, Township.name).where(Township.deleted_at.is_(None))).all()
    if len(rows) == 1:
        township_id: uuid.UUID = rows[0].id
        return township_id
    if not rows:
        raise NotFoundError("台账中还没有乡镇（街道）")
    raise ValidationError(
        "scope",
        "台账中有多个乡镇（街道），请用 township:<代码或名称> 指定：" + "、".join(r.name for r in rows),
    )


def find_scope(session: Session, text: str) -> Scope:
    """``township``, ``township:<code|name>``, ``community:<code|name>``, ``unit:<name|short name>``,
    ``county`` or ``county:<code|name>`` → a Scope. Names match exactly first, then by containment."""
    kind_text, _, arg = (text or "township").strip().partition(":")
    arg = arg.strip()
    try:
        kind = ScopeKind(kind_text.strip().lower())
    except ValueError:
        raise ValidationError(
            "scope", f"无法识别的范围“{text}”：应为 township、community:<代码或名称>、unit:<名称> 或 county"
        ) from None
    if kind is ScopeKind.TOWNSHIP:
        if not arg:
            return Scope.township(only_township(session))
        return Scope.township(_by_name(session, Township, arg, "乡镇（街道）"))
    if kind is ScopeKind.COUNTY:
        if not arg:
            township = session.get(Township, only_township(session))
            assert township is not None
            return Scope.county(township.county_id)
        return Scope.county(_by_name(session, County, arg, "县（区）"))
    if not arg:
        raise ValidationError("scope", f"请写明{kind.label}：{kind.value}:<名称>")
    if kind is ScopeKind.COMMUNITY:
        return Scope.community(_by_name(session, Community, arg, "村（社区）"))
    return Scope.unit(_by_name(session, PairedUnit, arg, "联点单位"))


def _by_name(session: Session, model: type[Named], text: str, what: str) -> uuid.UUID:
    exact: list[tuple[uuid.UUID, str]] = []
    partial: list[tuple[uuid.UUID, str]] = []
    for obj in session.scalars(select(model).where(model.deleted_at.is_(None))):
        other = obj.short_name if isinstance(obj, PairedUnit) else obj.code
        if text in (obj.name, other):
            exact.append((obj.id, obj.name))
        elif text in obj.name:
            partial.append((obj.id, obj.name))
    return _one(exact or partial, what, text)
