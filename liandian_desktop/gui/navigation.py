"""The pages of the main window, in the order of the coordinator's work. One entry per page: adding a screen
means adding a :class:`PageSpec` here (and its module under ``gui/pages``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from liandian_desktop.gui.context import AppContext
from liandian_desktop.gui.qt import translate
from liandian_desktop.gui.screen import Screen


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str
    factory: Callable[[AppContext], Screen]
    separator_before: bool = False  # a gap in the navigation before this entry


def _placeholder(title: str, provider: str, details: str = "") -> Callable[[AppContext], Screen]:
    def make(ctx: AppContext) -> Screen:
        from liandian_desktop.gui.pages.placeholder import PlaceholderScreen

        return PlaceholderScreen(ctx, title, provider, details)

    return make


def _overview(ctx: AppContext) -> Screen:
    from liandian_desktop.gui.pages.overview import OverviewScreen

    return OverviewScreen(ctx)


def _org(ctx: AppContext) -> Screen:
    from liandian_desktop.gui.pages.org import OrgScreen

    return OrgScreen(ctx)


def _residents(ctx: AppContext) -> Screen:
    from liandian_desktop.gui.pages.residents import ResidentsScreen

    return ResidentsScreen(ctx)


def _orders(ctx: AppContext) -> Screen:
    from liandian_desktop.gui.pages.orders import OrdersScreen

    return OrdersScreen(ctx)


def _activities(ctx: AppContext) -> Screen:
    from liandian_desktop.gui.pages.activities import ActivitiesScreen

    return ActivitiesScreen(ctx)


def _resources(ctx: AppContext) -> Screen:
    from liandian_desktop.gui.pages.resources import ResourcesScreen

    return ResourcesScreen(ctx)


def _volunteers(ctx: AppContext) -> Screen:
    from liandian_desktop.gui.pages.volunteers import VolunteersScreen

    return VolunteersScreen(ctx)


def _lists(ctx: AppContext) -> Screen:
    from liandian_desktop.gui.pages.lists import ListsScreen

    return ListsScreen(ctx)


def _evaluations(ctx: AppContext) -> Screen:
    from liandian_desktop.gui.pages.evaluations import EvaluationsScreen

    return EvaluationsScreen(ctx)


def _workforce(ctx: AppContext) -> Screen:
    from liandian_desktop.gui.pages.workforce import WorkforceScreen

    return WorkforceScreen(ctx)


def _kpi(ctx: AppContext) -> Screen:
    from liandian_desktop.gui.pages.kpi import KpiScreen

    return KpiScreen(ctx)


def _transfer(ctx: AppContext) -> Screen:
    from liandian_desktop.gui.pages.transfer import TransferScreen

    return TransferScreen(ctx)


def _paper(ctx: AppContext) -> Screen:
    from liandian_desktop.gui.pages.paper import PaperScreen

    return PaperScreen(ctx)


def _sync(ctx: AppContext) -> Screen:
    from liandian_desktop.gui.pages.sync import SyncScreen

    return SyncScreen(ctx)


def page_specs() -> list[PageSpec]:
    """Built after the translator is installed, so the titles come out in the chosen language."""
    return [
        PageSpec("overview", translate("Navigation", "工作台概览"), _overview),
        PageSpec("org", translate("Navigation", "村（社区）与结对"), _org),
        PageSpec("residents", translate("Navigation", "居民"), _residents),
        PageSpec("lists", translate("Navigation", "三张清单与对接会"), _lists),
        PageSpec("orders", translate("Navigation", "工单"), _orders),
        PageSpec("activities", translate("Navigation", "活动与走访"), _activities),
        PageSpec("evaluations", translate("Navigation", "满意度测评"), _evaluations),
        PageSpec("resources", translate("Navigation", "资源池"), _resources),
        PageSpec("volunteers", translate("Navigation", "志愿者"), _volunteers),
        PageSpec("workforce", translate("Navigation", "培训与蹲点"), _workforce),
        PageSpec(
            "kpi",
            translate("Navigation", "考核指标"),
            _kpi,
            separator_before=True,
        ),
        PageSpec("paper", translate("Navigation", "打印与录回"), _paper),
        PageSpec("excel", translate("Navigation", "导入与导出"), _transfer),
        PageSpec("sync", translate("Navigation", "数据同步"), _sync),
    ]
