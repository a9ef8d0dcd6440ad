"""What each device may read and write. The server decides; nothing a device sends widens it.

* A township's device reads its own township's records and the county reference data, nothing else, and
  writes only records of its own township. It may not move a record to another township, and of a
  conflict record it may only change the resolution.
* A county device (and the county's own edits on the server) reads and writes everything.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from liandian_desktop.sync.schema import COUNTY_SCOPE, PRIVATE_SCOPE, TableSpec, Wire

CONFLICTS_TABLE = "sync_conflicts"
CONFLICT_RESOLUTION_FIELDS = frozenset({"status", "resolved_value", "resolved_by", "resolved_at"})
COUNTY_DEVICE = "county"  # device id the county's own edits carry


@dataclass(frozen=True)
class Actor:
    """Who is writing or reading: a township's device, a county device, or the county server itself."""

    device_id: str
    township: str | None  # hex; None for the county
    name: str = ""

    @property
    def is_county(self) -> bool:
        return self.township is None

    def can_read(self, scope: str) -> bool:
        return self.is_county or scope in (COUNTY_SCOPE, self.township)

    def read_scopes(self, known: list[str]) -> list[str]:
        """The scopes this actor downloads, reference data first (townships refer to it)."""
        order = {COUNTY_SCOPE: 0, PRIVATE_SCOPE: 1}
        return sorted((s for s in known if self.can_read(s)), key=lambda s: (order.get(s, 2), s))


def county_actor(operator: str = "") -> Actor:
    return Actor(COUNTY_DEVICE, None, operator)


def write_refusal(
    actor: Actor,
    spec: TableSpec,
    current_scope: str | None,  # None: a new record
    new_scope: str,
    fields: Mapping[str, Wire],
) -> str | None:
    """Why ``actor`` may not make this change (Chinese), or None when it may."""
    if actor.is_county:
        return None
    if current_scope is not None and current_scope != actor.township:
        if current_scope in (COUNTY_SCOPE, PRIVATE_SCOPE):
            return "县级基础数据只能由县级修改"
        return "无权修改其他乡镇的记录"
    if new_scope != actor.township:
        if current_scope is not None:
            return "不能把记录移到其他乡镇或县级"
        if new_scope in (COUNTY_SCOPE, PRIVATE_SCOPE):
            return "县级基础数据只能由县级新增" if spec.is_reference else "新记录必须属于本乡镇"
        return "无权为其他乡镇新增记录"
    if spec.name == CONFLICTS_TABLE:
        if current_scope is None:
            return "冲突记录只能由服务器生成"
        if not set(fields) <= CONFLICT_RESOLUTION_FIELDS:
            return "冲突记录只能修改处理结果"
    return None
