"""KPIs of the 联点共建 programme: the closed-loop rates, coverage, workforce and funds, the monthly unit
assessment with its red / yellow / black lists, and why each figure is what it is. No Qt here: the GUI
dashboard and the CLI (``liandian kpi``) call these functions.

Modules, each documenting its formulas:
- ``periods``    months, quarters, years, custom ranges in Asia/Shanghai dates, and the instants they cover;
- ``settings``   targets, response limit and clock, weights, list rules; stored as ConfigEntry rows;
- ``deadlines``  when a first contact is due, on calendar or working hours;
- ``scope``      community, paired unit, township, county: which orders and places a figure covers;
- ``orders``     响应率, 平均响应时长, 解决率, 满意率, 评价率 (definitions); ``response`` judges one order,
  ``evaluations`` the evaluation and resolution rows;
- ``coverage``   pairings, special groups served, volunteers, participation;
- ``frequency``  standard-service frequency compliance per community;
- ``workforce``  cadre days, training hours;  ``funds``  fund use and allocation per resident;
- ``report``     ``compute_kpis``: all of the above for one period and scope;
- ``explain``    ``explain_order``: why one order counts as it does;
- ``figures``    a figure: exact value, target, and its records (built when first read);
- ``assessment`` the monthly unit scores (``indicators`` works out each unit's values); ``ranking`` ranks,
  deciles, lists; ``archive`` storing a month; ``innovation`` the manual score with its evidence;
- ``cli``        ``liandian kpi``.
"""

from .archive import MonthClosedError, save_assessment, stored_results
from .assessment import Assessment, Indicator, UnitResult, assess_month
from .explain import OrderExplanation, explain_order
from .figures import Figure, RecordRef, Role, Target, Unit
from .innovation import record_innovation
from .periods import LOCAL_TZ, Period, parse_month, parse_period
from .ranking import ListColour, Placement, place_units
from .report import KpiReport, compute_kpis
from .response import Outcome, ResponseVerdict, judge_response
from .scope import Scope, ScopeKind, find_scope
from .settings import DEFAULT_SETTINGS, KpiSettings, load_settings, save_settings

__all__ = [
    "DEFAULT_SETTINGS",
    "LOCAL_TZ",
    "Assessment",
    "Figure",
    "Indicator",
    "KpiReport",
    "KpiSettings",
    "ListColour",
    "MonthClosedError",
    "OrderExplanation",
    "Outcome",
    "Period",
    "Placement",
    "RecordRef",
    "ResponseVerdict",
    "Role",
    "Scope",
    "ScopeKind",
    "Target",
    "Unit",
    "UnitResult",
    "assess_month",
    "compute_kpis",
    "explain_order",
    "find_scope",
    "judge_response",
    "load_settings",
    "parse_month",
    "parse_period",
    "place_units",
    "record_innovation",
    "save_assessment",
    "save_settings",
    "stored_results",
]
