"""Ranking and the red / yellow / black lists (红黄黑榜) of a month's unit totals. Pure functions.

- rank: by total, highest first; equal totals share a rank and the next rank skips (1, 2, 2, 4).
- deciles: k = ⌈n × decile⌉ units (at least 1 when there is any unit; decile 0.10 by default). A unit is in
  the top decile when fewer than k units scored strictly more; in the bottom decile when fewer than k scored
  strictly less. Ties at the boundary are all in (no unit is split from an equal score by luck).
- colours (defaults in brackets, all configurable):
  - red (红榜): top decile and total ≥ red_min_total [90];
  - black (黑榜): total < black_below [60], or bottom decile and total < yellow_below [75]. The plan's
    "bottom 10 %" alone would blacklist a unit scoring 95 in a strong month, so the bottom decile only
    blacklists a unit that is also below the yellow line;
  - yellow (黄榜): any other unit with total < yellow_below [75];
  - none: everyone else.
- assistance plan (帮扶提升计划): bottom decile this month and in the previous month's *stored* result —
  rank-based, as the plan words it (连续两个月考核排名后 10%), whatever the scores.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import TypeVar

from .settings import ListRules

K = TypeVar("K", bound=Hashable)


class ListColour(StrEnum):
    RED = "red"
    YELLOW = "yellow"
    BLACK = "black"
    NONE = ""

    @property
    def label(self) -> str:
        return {"red": "红榜", "yellow": "黄榜", "black": "黑榜", "": "—"}[self.value]


@dataclass(frozen=True)
class Placement:
    rank: int
    top_decile: bool
    bottom_decile: bool
    colour: ListColour
    reason: str


def decile_size(n: int, share: float) -> int:
    if n == 0 or share <= 0:
        return 0
    return max(1, math.ceil(round(n * share, 9)))


def place_units(totals: Mapping[K, Decimal], rules: ListRules) -> dict[K, Placement]:
    values = list(totals.values())
    n = len(values)
    k = decile_size(n, rules.decile)
    red_min, yellow, black = (
        Decimal(str(x)) for x in (rules.red_min_total, rules.yellow_below, rules.black_below)
    )
    out: dict[K, Placement] = {}
    for key, total in totals.items():
        above = sum(v > total for v in values)
        below = sum(v < total for v in values)
        top, bottom = above < k, below < k
        if top and total >= red_min:
            colour, why = ListColour.RED, f"排名前 {k} 位（前 {rules.decile:.0%}）且总分 ≥ {red_min}"
        elif total < black:
            colour, why = ListColour.BLACK, f"总分低于 {black}"
        elif bottom and total < yellow:
            colour, why = ListColour.BLACK, f"排名后 {k} 位（后 {rules.decile:.0%}）且总分低于 {yellow}"
        elif total < yellow:
            colour, why = ListColour.YELLOW, f"总分低于 {yellow}"
        else:
            colour, why = ListColour.NONE, "未上榜"
        out[key] = Placement(above + 1, top, bottom, colour, why)
    return out
