"""The default reference catalogues (DOMAIN.md): 8 demand categories × 7 items, the 12 standard services,
the default points rules. The county publishes its own through sync; these seed a new ledger.

Ids are derived from the codes (uuid5), so every laptop seeds the same rows and sync never duplicates them.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from liandian_desktop.ledger.models import DemandCategory, DemandItem, Frequency, PointsRule, StandardService

CATALOGUE_NAMESPACE = uuid.UUID("5d0f3a52-6c1e-4c4b-9a57-6c69616e6469")


def reference_id(kind: str, code: str) -> uuid.UUID:
    return uuid.uuid5(CATALOGUE_NAMESPACE, f"{kind}:{code}")


DEMAND_CATEGORIES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "C1",
        "基础设施",
        ("道路硬化维修", "路灯照明", "供水排水", "老旧小区改造", "停车设施", "无障碍设施", "公共厕所"),
    ),
    (
        "C2",
        "养老服务",
        ("老年助餐", "居家探访", "日间照料", "适老化改造", "助浴助洁", "紧急呼叫", "长者健康管理"),
    ),
    (
        "C3",
        "托幼与教育",
        ("四点半课堂", "托育服务", "假期托管", "家庭教育指导", "助学帮扶", "青少年活动", "儿童安全"),
    ),
    (
        "C4",
        "医疗健康",
        ("健康义诊", "家庭医生签约", "慢病管理", "心理疏导", "康复服务", "母婴保健", "健康讲座"),
    ),
    (
        "C5",
        "矛盾调解与法律",
        ("矛盾纠纷调解", "法律咨询", "法治宣传", "信访化解", "邻里互助", "物业纠纷", "劳资纠纷"),
    ),
    (
        "C6",
        "文化体育",
        ("文化活动", "非遗传承", "健身设施", "图书阅览", "文艺培训", "节庆活动", "数字技能(银龄课堂)"),
    ),
    (
        "C7",
        "就业与产业",
        ("技能培训", "就业岗位", "社区工坊", "农技服务", "电商帮扶", "创业指导", "低收入增收"),
    ),
    (
        "C8",
        "平安与应急",
        ("消防安全", "应急物资", "防汛防灾", "治安巡逻", "反诈宣传", "食品安全", "应急志愿队"),
    ),
)

# code, name, category, frequency, times per period, target group, quality standard, response hours
STANDARD_SERVICES: tuple[tuple[str, str, str, Frequency, int, str, str, int | None], ...] = (
    (
        "S01",
        "老年助餐",
        "C2",
        Frequency.WEEKLY,
        5,
        "80 岁以上老年人",
        "每周不少于 5 次，热食到户或集中就餐",
        None,
    ),
    ("S02", "居家探访", "C2", Frequency.MONTHLY, 1, "特殊群体", "每月至少探访 1 次并记录", None),
    ("S03", "健康义诊", "C4", Frequency.MONTHLY, 1, "全体居民", "每月至少 1 次", None),
    ("S04", "矛盾调解", "C5", Frequency.ON_DEMAND, 1, "全体居民", "受理后 24 小时内响应", 24),
    ("S05", "法律咨询", "C5", Frequency.MONTHLY, 1, "全体居民", "每月至少 1 次", None),
    ("S06", "儿童托管/四点半课堂", "C3", Frequency.SCHOOL_DAY, 1, "中小学生", "上学日开放", None),
    ("S07", "文化活动", "C6", Frequency.MONTHLY, 1, "全体居民", "每月至少 1 次", None),
    ("S08", "政策宣讲", "C5", Frequency.QUARTERLY, 1, "全体居民", "每季度至少 1 次", None),
    ("S09", "技能培训", "C7", Frequency.QUARTERLY, 1, "就业困难人员", "每季度至少 1 次", None),
    ("S10", "环境整治", "C1", Frequency.MONTHLY, 1, "全体居民", "每月至少 1 次", None),
    ("S11", "安全巡查", "C8", Frequency.WEEKLY, 1, "全体居民", "每周至少 1 次", None),
    ("S12", "心理关爱", "C4", Frequency.QUARTERLY, 1, "特殊群体", "每季度至少 1 次", None),
)

POINTS_RULES: tuple[tuple[str, str, Decimal, Decimal], ...] = (
    ("P01", "志愿服务每小时", Decimal(10), Decimal(0)),
    ("P02", "参加志愿培训", Decimal(0), Decimal(5)),
    ("P03", "获得表彰", Decimal(0), Decimal(50)),
)


def seed_catalogue(session: Session) -> int:
    """Insert the default catalogue rows that are missing; returns how many were added. Idempotent."""
    existing = set(session.scalars(select(DemandCategory.id)))
    existing |= set(session.scalars(select(DemandItem.id)))
    existing |= set(session.scalars(select(StandardService.id)))
    existing |= set(session.scalars(select(PointsRule.id)))
    added = 0

    def add(obj: DemandCategory | DemandItem | StandardService | PointsRule) -> None:
        nonlocal added
        if obj.id not in existing:
            session.add(obj)
            added += 1

    for c_order, (c_code, c_name, items) in enumerate(DEMAND_CATEGORIES, start=1):
        c_id = reference_id("category", c_code)
        add(DemandCategory(id=c_id, code=c_code, name=c_name, sort_order=c_order))
        for i_order, i_name in enumerate(items, start=1):
            i_code = f"{c_code}-{i_order:02d}"
            add(
                DemandItem(
                    id=reference_id("item", i_code),
                    category_id=c_id,
                    code=i_code,
                    name=i_name,
                    sort_order=i_order,
                )
            )
    for s_order, (s_code, name, cat, freq, times, group, quality, hours) in enumerate(STANDARD_SERVICES, 1):
        add(
            StandardService(
                id=reference_id("service", s_code),
                code=s_code,
                name=name,
                category_code=cat,
                frequency=freq,
                times_per_period=times,
                target_group=group,
                quality_standard=quality,
                response_hours=hours,
                mandatory=True,
                sort_order=s_order,
            )
        )
    for p_code, name, per_hour, fixed in POINTS_RULES:
        add(
            PointsRule(
                id=reference_id("points_rule", p_code),
                code=p_code,
                name=name,
                points_per_hour=per_hour,
                fixed_points=fixed,
            )
        )
    return added
