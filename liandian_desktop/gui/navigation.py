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


def page_specs() -> list[PageSpec]:
    """Built after the translator is installed, so the titles come out in the chosen language."""
    return [
        PageSpec("overview", translate("Navigation", "工作台概览"), _overview),
        PageSpec("org", translate("Navigation", "村（社区）与结对"), _org),
        PageSpec("residents", translate("Navigation", "居民"), _residents),
        PageSpec(
            "lists",
            translate("Navigation", "三张清单与对接会"),
            _placeholder(
                translate("Navigation", "三张清单与对接会"),
                translate("Navigation", "需求、供给、匹配清单与供需对接会将在下一版本提供"),
                translate("Navigation", "台账服务（需求、供给与匹配建议）已经就绪，页面按工单页的做法搭建。"),
            ),
        ),
        PageSpec("orders", translate("Navigation", "工单"), _orders),
        PageSpec("activities", translate("Navigation", "活动与走访"), _activities),
        PageSpec(
            "evaluations",
            translate("Navigation", "满意度测评"),
            _placeholder(
                translate("Navigation", "满意度测评"),
                translate("Navigation", "满意度测评录入将在下一版本提供"),
                translate("Navigation", "工单的评单已可在“工单”页完成。"),
            ),
        ),
        PageSpec("resources", translate("Navigation", "资源池"), _resources),
        PageSpec("volunteers", translate("Navigation", "志愿者"), _volunteers),
        PageSpec(
            "workforce",
            translate("Navigation", "培训与蹲点"),
            _placeholder(
                translate("Navigation", "培训与蹲点"),
                translate("Navigation", "培训学时、蹲点天数与经费台账将在下一版本提供"),
            ),
        ),
        PageSpec(
            "kpi",
            translate("Navigation", "考核指标"),
            _placeholder(translate("Navigation", "考核指标"), translate("Navigation", "由考核模块提供")),
            separator_before=True,
        ),
        PageSpec(
            "paper",
            translate("Navigation", "打印与录回"),
            _placeholder(
                translate("Navigation", "打印与录回"), translate("Navigation", "由纸质表单模块提供")
            ),
        ),
        PageSpec(
            "excel",
            translate("Navigation", "导入与导出"),
            _placeholder(translate("Navigation", "导入与导出"), translate("Navigation", "由 Excel 模块提供")),
        ),
        PageSpec(
            "sync",
            translate("Navigation", "数据同步"),
            _placeholder(translate("Navigation", "数据同步"), translate("Navigation", "由同步模块提供")),
        ),
    ]
