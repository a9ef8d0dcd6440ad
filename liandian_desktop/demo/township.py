"""A demo township (演示乡镇) for the ledger: realistic, deterministic, and fast to build.

``build_demo(store)`` fills an empty ledger with one county, one township of 25 villages and communities,
12 paired units with their cadres, and about a year of work ending today: residents and volunteers, the three
lists, work orders in every state of the closed loop, activities with their sign-in sheets, the resource pool,
cadre days, training hours and funds.

Same ``seed`` and same ``today`` give the same rows: every id and every choice comes from seeded RNGs (one per
stage, so a change in one stage does not reshuffle the others), never from ``uuid4`` or the clock. What
differs between two builds is ``device_id`` (the ledger's own device) and the timestamps of the catalogue rows
that ``seed_catalogue`` adds.

``scale`` multiplies the people and the work (residents, volunteers, orders, demands…), not the communities or
the units; what one community's team can run in a month (visit rounds, mediations, volunteer activities) grows
with it up to a cap. Rows go in as Core bulk ``INSERT``s in one transaction, parents before children, and so
deliberately outside the sync change log: a demo ledger must never upload its invented people to the county.
It is marked in ``ledger_meta`` (``DEMO_META_KEY``) so sync and the GUI can tell it from a real one.

Times are instants in UTC, planned in Asia/Shanghai working hours. Nothing that happened lies after ``as_of``
(local midnight at the start of ``today``); only planned activities and bookings lie ahead of it.
"""

from __future__ import annotations

import math
import random
import uuid
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from decimal import Decimal
from time import perf_counter
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from liandian_desktop.ledger.catalogue import (
    DEMAND_CATEGORIES,
    STANDARD_SERVICES,
    reference_id,
    seed_catalogue,
)
from liandian_desktop.ledger.errors import LedgerError
from liandian_desktop.ledger.models import (
    Activity,
    ActivityKind,
    Attendance,
    AttendanceStatus,
    Base,
    Booking,
    BookingKind,
    BookingStatus,
    Cadre,
    CadreDay,
    CadreDayKind,
    CadreKind,
    Community,
    CommunityKind,
    CommunityServicePlan,
    County,
    Demand,
    DemandCategory,
    DemandItem,
    DemandSource,
    DemandStatus,
    Evaluation,
    EvaluationSource,
    Frequency,
    FundEntry,
    FundKind,
    Gender,
    LedgerMeta,
    Match,
    MatchStatus,
    OrderAction,
    OrderStatus,
    PairedUnit,
    Pairing,
    PointsEntry,
    PointsKind,
    PointsRule,
    Resident,
    Resolution,
    ResourceKind,
    ResourceOffer,
    Satisfaction,
    SpecialGroup,
    StandardService,
    Supply,
    SupplyKind,
    Township,
    TrainingRecord,
    UnitKind,
    Urgency,
    Volunteer,
    VolunteerAward,
    VolunteerServiceRecord,
    VolunteerStatus,
    VolunteerTraining,
    WorkOrder,
    WorkOrderEvent,
)
from liandian_desktop.ledger.validation import format_quarter, make_id_number, quarter_bounds
from liandian_desktop.store.engine import Store

__all__ = ["DEFAULT_SEED", "DEMO_META_KEY", "LOCAL_TZ", "RARE_CHARACTERS", "DemoSummary", "build_demo"]

Row = dict[str, Any]
Progress = Callable[[str, float], None]

DEFAULT_SEED = 20260301
DEMO_META_KEY = "demo"  # ledger_meta key set on a demo ledger: "seed=…;scale=…;today=…"


def _shanghai() -> tzinfo:
    try:
        return ZoneInfo("Asia/Shanghai")
    except (
        ZoneInfoNotFoundError
    ):  # Windows without the tzdata package; China has kept UTC+8 all year since 1991
        return timezone(timedelta(hours=8), "Asia/Shanghai")


LOCAL_TZ = _shanghai()

# ---------------------------------------------------------------------------------------------------------
# Places, organisations and people (invented, but shaped like a township in Changsha's hinterland)
# ---------------------------------------------------------------------------------------------------------

COUNTY_CODE = "430127000000"  # an unused code under 长沙市: the county is invented
COUNTY_NAME = "湘源县"
TOWNSHIP_CODE = "430127112000"  # 112: a town (镇, 100–199)
TOWNSHIP_NAME = "云岭镇"
REGION6 = COUNTY_CODE[:6]
PLACE = f"{COUNTY_NAME}{TOWNSHIP_NAME}"
TOWNSHIP_HALL = f"{TOWNSHIP_NAME}人民政府三楼会议室"
CENTRE = (28.1153, 113.7046)  # the town's centre (lat, lon)
COUNTY_SEAT = (28.2471, 113.6118)

_URBAN = ("云岭", "新街", "河西", "站前", "文昌", "红星", "建设", "育才", "桂花")
_VILLAGES = (
    "枫林",
    "石门",
    "桃源",
    "大塘",
    "新屋",
    "杨柳",
    "沙田",
    "龙泉",
    "金盆",
    "白沙",
    "双桥",
    "茶园",
    "高岭",
    "花桥",
    "荷塘",
    "竹山",
)
_ROADS = (
    "云岭大道",
    "建设路",
    "新华街",
    "解放路",
    "人民路",
    "文化路",
    "迎宾路",
    "和平街",
    "学府路",
    "河西路",
    "站前路",
    "中山路",
    "桂花路",
    "朝阳街",
    "育才路",
    "兴业路",
)
_OTHER_HUNAN_REGIONS = ("430102", "430104", "430181", "430182", "430621", "431021", "430521", "430381")

# name, short name, kind, categories served, supply kinds it prefers, address
_UNITS: tuple[tuple[str, str, UnitKind, tuple[str, ...], tuple[SupplyKind, ...], str], ...] = (
    (
        "湘源县民政局",
        "县民政局",
        UnitKind.PARTY_GOVERNMENT,
        ("C2", "C3", "C5"),
        (SupplyKind.FUNDS, SupplyKind.TALENT, SupplyKind.GOODS),
        "湘源县政务服务中心A栋4楼",
    ),
    (
        "湘源县卫生健康局",
        "县卫健局",
        UnitKind.PARTY_GOVERNMENT,
        ("C4", "C2"),
        (SupplyKind.TALENT, SupplyKind.PROJECT, SupplyKind.GOODS),
        "湘源县人民路88号",
    ),
    (
        "湘源县司法局",
        "县司法局",
        UnitKind.PARTY_GOVERNMENT,
        ("C5",),
        (SupplyKind.TALENT, SupplyKind.SPACE),
        "湘源县政务服务中心B栋3楼",
    ),
    (
        "湘源县教育局",
        "县教育局",
        UnitKind.PARTY_GOVERNMENT,
        ("C3", "C6"),
        (SupplyKind.TALENT, SupplyKind.SPACE, SupplyKind.PROJECT),
        "湘源县学府路16号",
    ),
    (
        "湘源县人力资源和社会保障局",
        "县人社局",
        UnitKind.PARTY_GOVERNMENT,
        ("C7",),
        (SupplyKind.PROJECT, SupplyKind.TALENT, SupplyKind.FUNDS),
        "湘源县迎宾路120号",
    ),
    (
        "湘源县农业农村局",
        "县农业农村局",
        UnitKind.PARTY_GOVERNMENT,
        ("C7", "C1"),
        (SupplyKind.PROJECT, SupplyKind.TALENT, SupplyKind.GOODS),
        "湘源县兴业路9号",
    ),
    (
        "湘源县住房和城乡建设局",
        "县住建局",
        UnitKind.PARTY_GOVERNMENT,
        ("C1", "C8"),
        (SupplyKind.PROJECT, SupplyKind.FUNDS),
        "湘源县建设路31号",
    ),
    (
        "湘源县文化旅游广电体育局",
        "县文旅局",
        UnitKind.PARTY_GOVERNMENT,
        ("C6",),
        (SupplyKind.PROJECT, SupplyKind.SPACE, SupplyKind.GOODS),
        "湘源县文化路6号",
    ),
    (
        "湘源县应急管理局",
        "县应急管理局",
        UnitKind.PARTY_GOVERNMENT,
        ("C8", "C1"),
        (SupplyKind.GOODS, SupplyKind.TALENT),
        "湘源县和平街45号",
    ),
    (
        "国网湘源县供电公司",
        "县供电公司",
        UnitKind.STATE_ENTERPRISE,
        ("C1", "C8"),
        (SupplyKind.PROJECT, SupplyKind.TALENT, SupplyKind.FUNDS),
        "湘源县站前路200号",
    ),
    (
        "湘源农村商业银行",
        "县农商银行",
        UnitKind.STATE_ENTERPRISE,
        ("C7", "C8"),
        (SupplyKind.FUNDS, SupplyKind.SPACE),
        "湘源县中山路1号",
    ),
    (
        "共青团湘源县委员会",
        "团县委",
        UnitKind.PEOPLES_ORGANISATION,
        ("C3", "C6"),
        (SupplyKind.TALENT, SupplyKind.GOODS, SupplyKind.FUNDS),
        "湘源县政务服务中心C栋2楼",
    ),
)

_CADRE_POSITIONS = ("驻村工作队队长", "驻村工作队员", "联点干部", "联点干部（科员）", "驻村第一书记")
_ADVISOR_POSITIONS = (
    "法律顾问（执业律师）",
    "乡村医生",
    "退休教师",
    "农技专家",
    "心理咨询师",
    "社会工作师",
    "退休老干部",
)
_SKILLS = (
    "护理",
    "法律",
    "文艺",
    "驾驶",
    "电工",
    "理发",
    "心理咨询",
    "厨艺",
    "摄影",
    "计算机",
    "中医推拿",
    "手工",
    "书法",
    "急救",
    "农技",
    "财会",
    "木工",
    "外语",
)

# ---------------------------------------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------------------------------------

_SURNAME_WEIGHTS = (
    "刘120 李100 陈90 王90 张80 罗60 周60 彭50 杨50 黄50 谭40 唐40 曾40 邓40 胡40 吴40 赵30 肖30 何30 蒋30 "
    "邹30 易30 谢30 朱30 龙20 汤20 田20 贺20 廖20 徐20 郭20 孙20 马20 许20 钟20 袁20 文20 黎20 宋20 段10 "
    "姚10 颜10 戴10 龚10 夏10 苏10 范10 汪10 雷10 石10 熊10 傅10 卢10 丁10 沈10 魏10 欧阳6 司马2 诸葛1"
)


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_SURNAMES: tuple[str, ...] = tuple(w.rstrip("0123456789") for w in _words(_SURNAME_WEIGHTS))
_GIVEN_NAMES: dict[tuple[Gender, int], tuple[str, ...]] = {
    (Gender.MALE, 0): _words(
        "建国 国华 德明 志刚 永福 长生 国庆 玉林 桂生 春生 树德 "
        "福生 双喜 金山 有才 光明 正清 新民 开明 炳文 松林 德胜 "
        "解放 保国 连生 满堂 运生 秋生 来福 海清"
    ),
    (Gender.FEMALE, 0): _words(
        "秀英 桂英 玉兰 秀兰 淑珍 桂兰 冬梅 翠花 凤英 美兰 金凤 "
        "菊香 秀珍 玉梅 春香 腊梅 银花 满英 素珍 玉珍 桂香 月娥 "
        "爱莲 巧云 桂花 菊英 梅香"
    ),
    (Gender.MALE, 1): _words(
        "建军 建华 志强 卫东 红军 向阳 国平 立新 勇 伟 军 斌 平 "
        "强 新华 海波 文辉 爱民 跃进 小平 铁军 志勇 建平 庆华 光辉 "
        "卫国 振华 双林 国强 利民"
    ),
    (Gender.FEMALE, 1): _words(
        "红梅 丽华 秀芳 小红 艳 芳 丽 敏 红霞 春燕 晓玲 桂芳 丽萍 "
        "美华 淑芬 彩霞 玉华 红英 翠兰 小燕 文娟 利群 素华 爱华 "
        "凤娇"
    ),
    (Gender.MALE, 2): _words(
        "伟 磊 强 涛 勇 杰 鹏 浩 俊 辉 波 斌 鑫 超 亮 明 刚 "
        "文杰 志伟 海涛 俊杰 建波 晓东 宇 飞 家豪 振宇 剑 军伟 "
        "湘平"
    ),
    (Gender.FEMALE, 2): _words(
        "静 丽 娟 敏 艳 婷 芳 娜 丹 慧 琳 倩 雪 晶 佳 燕 晓燕 "
        "丽娟 婷婷 玲玲 春梅 海燕 雅琴 思敏 湘君 慧芳 小丽"
    ),
    (Gender.MALE, 3): _words(
        "子轩 浩然 宇轩 梓豪 俊熙 一鸣 皓轩 梓睿 奕辰 宇航 明哲 "
        "思远 沐阳 博文 睿 泽宇 天佑 子墨 嘉懿 煜城 锦程 铭泽 俊豪 "
        "诗博"
    ),
    (Gender.FEMALE, 3): _words(
        "欣怡 梓涵 诗涵 可馨 雨桐 子萱 语嫣 思琪 梦瑶 一诺 佳怡 "
        "若汐 芷晴 紫萱 安琪 欣妍 雨萱 晨曦 梓琪 诗琪 婉清 可欣"
    ),
}

# 生僻字 that must survive every layer (DOMAIN.md): char, genders it is given to, given names using it.
RARE_CHARACTERS = "喆堃昇赟玥䶮𠅤"
_RARE_GIVEN: tuple[tuple[str, tuple[Gender, ...], tuple[str, ...]], ...] = (
    ("喆", (Gender.MALE,), ("喆", "嘉喆", "一喆")),
    ("堃", (Gender.MALE,), ("堃", "泽堃", "宇堃")),
    ("昇", (Gender.MALE,), ("昇", "昇平", "旭昇")),
    ("赟", (Gender.MALE, Gender.FEMALE), ("赟", "文赟", "佳赟")),
    ("玥", (Gender.FEMALE,), ("玥", "雨玥", "玥彤")),
    ("䶮", (Gender.MALE,), ("䶮",)),
    ("𠅤", (Gender.MALE, Gender.FEMALE), ("𠅤", "子𠅤")),
)

_HEALTH_NOTES = (
    "高血压",
    "糖尿病",
    "高血压、冠心病",
    "慢阻肺",
    "脑梗后遗症",
    "骨关节炎",
    "白内障",
    "阿尔茨海默病早期",
)
_DISABILITY_NOTES = (
    "肢体残疾三级",
    "肢体残疾二级",
    "视力残疾二级",
    "听力残疾四级",
    "智力残疾三级",
    "精神残疾二级",
    "言语残疾四级",
)
_PHONE_PREFIXES = _words(
    "130 131 132 133 135 136 137 138 "
    "139 150 151 152 153 155 156 157 "
    "158 159 166 173 175 176 177 178 "
    "180 181 182 183 185 186 187 188 "
    "189 191 198 199"
)

# ---------------------------------------------------------------------------------------------------------
# What people ask for: one or two typical requests per demand item (DEMAND_CATEGORIES order)
# ---------------------------------------------------------------------------------------------------------

_REQUESTS: dict[str, tuple[str, ...]] = {
    "道路硬化维修": ("组级道路坑洼需修补", "入户路需要硬化"),
    "路灯照明": ("路灯不亮，夜间出行不便", "申请加装路灯"),
    "供水排水": ("排水沟堵塞，雨天积水", "自来水水压不足"),
    "老旧小区改造": ("楼道墙面脱落需维修", "老旧小区外墙渗水"),
    "停车设施": ("小区停车位不足", "电动车充电棚损坏"),
    "无障碍设施": ("单元门口需加装无障碍坡道", "申请加装楼梯扶手"),
    "公共厕所": ("公厕无人保洁", "公厕水箱损坏"),
    "老年助餐": ("高龄老人申请助餐送餐", "助餐点饭菜偏硬，老人咀嚼困难"),
    "居家探访": ("独居老人需定期上门探访", "子女外出务工，请帮忙看望老人"),
    "日间照料": ("申请日间照料中心托管", "日间照料中心开放时间调整"),
    "适老化改造": ("卫生间加装扶手和防滑垫", "申请适老化改造评估"),
    "助浴助洁": ("失能老人申请上门助浴", "独居老人家中卫生清洁"),
    "紧急呼叫": ("申请安装一键呼叫设备", "紧急呼叫器无法使用"),
    "长者健康管理": ("老人血压偏高需定期测量", "申请老年人健康体检"),
    "四点半课堂": ("孩子放学后无人看管", "申请参加四点半课堂"),
    "托育服务": ("3岁以下婴幼儿托育需求", "申请普惠托育名额"),
    "假期托管": ("暑期托管服务需求", "寒假托管班报名"),
    "家庭教育指导": ("孩子沉迷手机，需家庭教育指导", "申请家庭教育讲座"),
    "助学帮扶": ("困难家庭学生申请助学", "留守儿童学习辅导"),
    "青少年活动": ("希望组织青少年周末活动", "暑期青少年研学活动"),
    "儿童安全": ("河塘边缺少防溺水警示牌", "上学路口需要护学岗"),
    "健康义诊": ("希望组织上门义诊", "申请开展眼科义诊"),
    "家庭医生签约": ("申请家庭医生签约", "家庭医生随访不及时"),
    "慢病管理": ("糖尿病患者需定期随访", "慢病药品配送需求"),
    "心理疏导": ("家庭变故后情绪低落，需心理疏导", "青少年心理咨询需求"),
    "康复服务": ("中风后需要康复训练指导", "申请借用康复器材"),
    "母婴保健": ("孕产妇上门随访", "新生儿访视需求"),
    "健康讲座": ("希望开展防保健品诈骗讲座", "申请开展中医养生讲座"),
    "矛盾纠纷调解": ("邻里宅基地界址纠纷", "家庭赡养纠纷需调解"),
    "法律咨询": ("土地承包合同法律咨询", "遗产继承法律咨询"),
    "法治宣传": ("申请开展普法宣传进组", "希望讲解民法典婚姻家庭编"),
    "信访化解": ("历史遗留问题多次信访", "征地补偿信访诉求"),
    "邻里互助": ("邻居装修噪音扰民", "公共区域杂物堆放"),
    "物业纠纷": ("物业费收取争议", "物业维修不及时"),
    "劳资纠纷": ("务工工资被拖欠", "工伤赔偿协商"),
    "文化活动": ("希望组织广场舞比赛", "申请送戏下乡"),
    "非遗传承": ("花鼓戏传承班招生", "申请非遗手工艺展示"),
    "健身设施": ("健身器材损坏需维修", "申请增设健身路径"),
    "图书阅览": ("农家书屋图书需更新", "希望延长书屋开放时间"),
    "文艺培训": ("申请开办葫芦丝培训班", "腰鼓队需要老师指导"),
    "节庆活动": ("重阳节敬老活动", "春节联欢晚会筹备"),
    "数字技能(银龄课堂)": ("老人不会使用智能手机", "教老人使用医保电子凭证"),
    "技能培训": ("申请参加家政技能培训", "电工证培训需求"),
    "就业岗位": ("就近就业岗位需求", "残疾人就业岗位推荐"),
    "社区工坊": ("申请来料加工进社区", "社区工坊场地需求"),
    "农技服务": ("水稻病虫害防治指导", "柑橘种植技术指导"),
    "电商帮扶": ("农产品滞销，需电商帮扶", "直播带货技能培训"),
    "创业指导": ("返乡创业贷款咨询", "小微创业政策咨询"),
    "低收入增收": ("低收入户产业帮扶", "申请公益性岗位"),
    "消防安全": ("楼道堆放杂物存在火灾隐患", "电动车楼道充电隐患"),
    "应急物资": ("应急物资储备不足", "申请配发灭火器"),
    "防汛防灾": ("山塘堤坝渗水隐患", "屋后山体有滑坡风险"),
    "治安巡逻": ("夜间有陌生人出入，申请加强巡逻", "申请加装监控探头"),
    "反诈宣传": ("老人接到诈骗电话，需反诈宣传", "申请反诈宣传进组入户"),
    "食品安全": ("流动摊贩食品安全隐患", "学校周边食品安全"),
    "应急志愿队": ("组建应急志愿队需培训", "应急志愿队装备需求"),
}
_CATEGORY_NAMES = {code: name for code, name, _ in DEMAND_CATEGORIES}
_CATEGORY_WEIGHTS = {"C1": 20, "C2": 18, "C3": 8, "C4": 12, "C5": 14, "C6": 6, "C7": 8, "C8": 14}
_RESOLUTION_NOTES = (
    "已上门处理，问题已解决",
    "已协调相关部门完成维修",
    "已落实服务并回访",
    "已组织人员现场处置",
    "已纳入联点单位年度项目，完成实施",
    "已当面答复并提供帮助",
    "已调解达成一致",
    "已联系专业人员上门服务",
)
_WITHDRAW_REASONS = ("居民已自行解决", "居民申请撤回", "重复提交，保留先前工单", "诉求已通过其他渠道解决")
_INVALID_REASONS = ("不属于联点共建服务范围", "信息不实，无法联系到诉求人", "重复工单", "测试工单，录入有误")
_EVAL_COMMENTS_GOOD = ("服务热情，解决及时", "感谢联点单位", "干部很负责", "办得很快，满意", "", "", "")
_EVAL_COMMENTS_BAD = ("处理速度太慢", "问题只解决了一部分", "没有上门看过", "希望尽快彻底解决")

_VOLUNTEER_ACTIVITIES = (
    ("敬老院志愿服务", "C2"),
    ("环境卫生清扫", "C1"),
    ("关爱留守儿童", "C3"),
    ("反诈宣传进组入户", "C8"),
    ("义务理发", "C2"),
    ("交通文明劝导", "C8"),
    ("防溺水巡河", "C8"),
    ("垃圾分类宣传", "C1"),
    ("爱心助农采摘", "C7"),
    ("独居老人陪伴", "C2"),
    ("图书整理与导读", "C6"),
    ("应急演练保障", "C8"),
)
_REDEEM_ITEMS = (
    ("毛巾", 30),
    ("理发服务券", 50),
    ("洗衣液", 80),
    ("保温杯", 120),
    ("大米（5公斤）", 150),
    ("食用油（5升）", 200),
)
_TRAININGS_WORKER = (
    ("基层治理能力提升培训", "县委组织部"),
    ("联点共建业务培训", "县委组织部"),
    ("社会工作实务培训", "县民政局"),
    ("矛盾纠纷调解实务", "县司法局"),
    ("应急管理与防汛培训", "县应急管理局"),
    ("个人信息保护培训", "县委网信办"),
    ("数字乡村应用培训", "县农业农村局"),
    ("基层党建专题培训", "云岭镇党委"),
    ("养老服务政策培训", "县民政局"),
)
_TRAININGS_VOLUNTEER = (
    ("志愿服务通用培训", "团县委"),
    ("应急救护（心肺复苏）培训", "县红十字会"),
    ("反诈宣传员培训", "县公安局"),
    ("为老服务技能培训", "县民政局"),
    ("防溺水救援培训", "县应急管理局"),
)
_EXPENSES = (
    ("C2", "老年助餐食材采购"),
    ("C4", "健康义诊耗材"),
    ("C1", "路灯维修"),
    ("C6", "文化活动音响租赁"),
    ("C3", "四点半课堂文具与教辅"),
    ("C8", "应急物资采购"),
    ("C1", "环境整治工具"),
    ("C5", "调解室设施更新"),
    ("C7", "技能培训场地与教材"),
    ("C2", "独居老人慰问品"),
    ("C8", "消防器材更换"),
    ("C6", "节庆活动布置"),
)
_OWN_PLANS = (
    ("茶叶电商直播培训", "C7"),
    ("楼道微改造", "C1"),
    ("花鼓戏传承班", "C6"),
    ("老年大学教学点", "C6"),
    ("共享菜园", "C7"),
    ("儿童友好空间", "C3"),
    ("邻里互助积分超市", "C5"),
    ("山塘安全巡护", "C8"),
)

# owner unit short name (None: the township), kind, name, quantity, location, description
_OFFERS: tuple[tuple[str | None, ResourceKind, str, int, str, str], ...] = (
    (
        "县民政局",
        ResourceKind.VEHICLE,
        "9座公务面包车",
        1,
        "县民政局车库",
        "老人集中体检接送等，需提前3天预约，驾驶员随车",
    ),
    ("县民政局", ResourceKind.EQUIPMENT, "轮椅", 6, "云岭镇民政办", "短期借用，归还时检查"),
    ("县卫健局", ResourceKind.EQUIPMENT, "电子血压计", 8, "云岭镇卫生院", "义诊、健康管理使用"),
    ("县卫健局", ResourceKind.EQUIPMENT, "AED除颤仪（培训机）", 2, "云岭镇卫生院", "急救培训演示用"),
    ("县司法局", ResourceKind.SPACE, "云岭司法所调解室", 1, "云岭司法所", "工作日开放，可用于矛盾调解"),
    ("县教育局", ResourceKind.SPACE, "云岭中学图书室（周末开放）", 1, "云岭中学", "周末及假期开放"),
    ("县人社局", ResourceKind.SPACE, "就业培训教室", 1, "云岭镇就业服务站", "可容纳40人，有投影"),
    ("县农业农村局", ResourceKind.VEHICLE, "农技服务皮卡车", 1, "云岭镇农技站", "农技下乡、物资运输"),
    ("县农业农村局", ResourceKind.EQUIPMENT, "植保无人机", 2, "云岭镇农技站", "需持证飞手操作"),
    ("县住建局", ResourceKind.EQUIPMENT, "房屋安全检测仪", 1, "县住建局", "危房排查使用"),
    ("县文旅局", ResourceKind.EQUIPMENT, "户外音响设备（套）", 2, "云岭镇文化站", "文艺演出、宣传活动"),
    ("县文旅局", ResourceKind.VEHICLE, "流动舞台车", 1, "县文化馆", "送戏下乡专用"),
    ("县应急管理局", ResourceKind.GOODS, "应急物资包", 60, "云岭镇应急物资仓库", "防汛抗旱、应急演练"),
    ("县应急管理局", ResourceKind.EQUIPMENT, "便携式发电机", 3, "云岭镇应急物资仓库", "停电、演出保障"),
    ("县供电公司", ResourceKind.SPACE, "云岭供电所培训室", 1, "云岭供电所", "可容纳30人"),
    (
        "县农商银行",
        ResourceKind.SPACE,
        "云岭支行二楼会议室",
        1,
        "县农商银行云岭支行",
        "工作日下班后及周末开放",
    ),
    ("团县委", ResourceKind.GOODS, "折叠帐篷（3×3米）", 10, "云岭镇团委", "户外活动使用"),
    (None, ResourceKind.GOODS, "折叠桌椅（套）", 40, "云岭镇政府仓库", "每套一桌四椅"),
    (None, ResourceKind.EQUIPMENT, "便携式投影仪", 2, "云岭镇党政办", "含幕布"),
    (None, ResourceKind.SPACE, "云岭社区党群服务中心多功能厅", 1, "云岭社区党群服务中心", "可容纳120人"),
    (None, ResourceKind.SPACE, "新街社区会议室", 1, "新街社区党群服务中心", "可容纳40人"),
    (None, ResourceKind.SPACE, "枫林村文化广场", 1, "枫林村村部旁", "露天，可搭舞台"),
)

_ORDER_STATUSES = tuple(OrderStatus)
_QUALITY = {
    code: f"服务标准：{quality}（对象：{group}）" for code, _, _, _, _, group, quality, _ in STANDARD_SERVICES
}


# ---------------------------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------------------------


class _Rng(random.Random):
    """A seeded RNG that also makes the ids (never uuid4: two builds must be identical)."""

    def uid(self) -> uuid.UUID:
        return uuid.UUID(int=self.getrandbits(128), version=4)

    def chance(self, p: float) -> bool:
        return self.random() < p

    def poisson(self, lam: float) -> int:
        if lam <= 0:
            return 0
        if lam > 30:
            return max(0, round(self.gauss(lam, math.sqrt(lam))))
        limit, k, p = math.exp(-lam), 0, self.random()
        while p > limit:
            k += 1
            p *= self.random()
        return k

    def phone(self) -> str:
        return f"{self.choice(_PHONE_PREFIXES)}{self.randrange(10**8):08d}"

    def hours(self, lo: float, hi: float) -> Decimal:
        """A duration in half hours between lo and hi."""
        return Decimal(self.randint(round(lo * 2), round(hi * 2))) / 2


def _cum(weights: Sequence[float]) -> list[float]:
    out, total = [], 0.0
    for w in weights:
        total += w
        out.append(total)
    return out


_SURNAME_CUM_WEIGHTS = _cum(
    [int(w[len(s) :]) for s, w in zip(_SURNAMES, _words(_SURNAME_WEIGHTS), strict=True)]
)


def _surname(rng: _Rng) -> str:
    return rng.choices(_SURNAMES, cum_weights=_SURNAME_CUM_WEIGHTS)[0]


def _era(birth_year: int) -> int:
    return 0 if birth_year <= 1955 else 1 if birth_year <= 1979 else 2 if birth_year <= 1999 else 3


def _given(rng: _Rng, gender: Gender, birth_year: int) -> str:
    return rng.choice(_GIVEN_NAMES[(gender, _era(birth_year))])


def _at(day: date, hour: float) -> datetime:
    """``hour`` hours after local midnight of ``day`` (Asia/Shanghai), as a UTC instant, to the second."""
    return datetime.combine(day, time(), LOCAL_TZ).astimezone(UTC) + timedelta(seconds=round(hour * 3600))


def _plus(t: datetime, hours: float) -> datetime:
    return t + timedelta(seconds=round(hours * 3600))


def _local(t: datetime) -> tuple[date, float]:
    loc = t.astimezone(LOCAL_TZ)
    return loc.date(), loc.hour + loc.minute / 60 + loc.second / 3600


def _within(
    rng: _Rng, t: datetime, start: float, end: float, jitter: float = 1.0, workdays: bool = False
) -> datetime:
    """``t`` if in local hours [start, end) (on a weekday when ``workdays``), else the next such start."""
    day, hour = _local(t)
    if start <= hour < end and not (workdays and day.weekday() >= 5):
        return t
    if hour >= end:
        day += timedelta(days=1)
    while workdays and day.weekday() >= 5:
        day += timedelta(days=1)
    return _at(day, start + rng.random() * jitter)


def _add_workdays(day: date, n: int) -> date:
    while n > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            n -= 1
    return day


def _age(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def _school_day(day: date) -> bool:
    if day.weekday() >= 5:
        return False
    md = (day.month, day.day)
    holidays = (
        ((1, 18), (2, 22)),  # winter vacation and Spring Festival (approximate)
        ((5, 1), (5, 5)),
        ((7, 1), (8, 31)),
        ((10, 1), (10, 7)),
    )
    return not any(lo <= md <= hi for lo, hi in holidays)


_TABLE_ORDER = {table.name: i for i, table in enumerate(Base.metadata.sorted_tables)}


class _Writer:
    """Buffers rows per table and bulk-inserts them, parents before children, in the caller's transaction."""

    def __init__(self, session: Session, device_id: str, chunk: int = 20_000) -> None:
        self.session = session
        self.device_id = device_id
        self.chunk = chunk
        self.counts: dict[str, int] = defaultdict(int)
        self._buffers: dict[type[Base], list[Row]] = {}
        self._templates: dict[type[Base], Row] = {}
        self._pending = 0

    def _template(self, model: type[Base]) -> Row:
        template: Row = {}
        for column in model.__table__.columns:
            default = column.default
            scalar = default is not None and getattr(default, "is_scalar", False)
            template[column.key] = getattr(default, "arg", None) if scalar else None
        template["device_id"] = self.device_id
        template["deleted_at"] = None
        self._templates[model] = template
        self._buffers[model] = []
        return template

    def add(self, model: type[Base], row: Row) -> None:
        template = self._templates.get(model) or self._template(model)
        full = template.copy()
        full.update(row)
        if "updated_at" not in row:
            full["updated_at"] = row["created_at"]
        self._buffers[model].append(full)
        self._pending += 1
        if self._pending >= self.chunk:
            self.flush()

    def flush(self) -> None:
        for model in sorted(self._buffers, key=lambda m: _TABLE_ORDER[m.__tablename__]):
            rows = self._buffers[model]
            if rows:
                # A Core INSERT of the table: one executemany, none of the ORM's per-row bookkeeping.
                self.session.execute(insert(model.__table__), rows)  # type: ignore[arg-type]
                self.counts[model.__tablename__] += len(rows)
                self._buffers[model] = []
        self._pending = 0


# ---------------------------------------------------------------------------------------------------------
# What the builder keeps in memory to connect the tables
# ---------------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Comm:
    idx: int
    id: uuid.UUID
    code: str
    name: str
    kind: CommunityKind
    is_key: bool
    population: int
    target: int  # residents to generate
    lat: float
    lon: float
    roads: tuple[str, ...]
    secretary: str
    secretary_phone: str
    has_canteen: bool = False
    has_class: bool = False
    units: list[int] = field(default_factory=list)  # paired units, the lead first
    cadres: list[int] = field(default_factory=list)  # full-time cadres posted here
    advisors: list[int] = field(default_factory=list)
    workers: list[str] = field(default_factory=list)  # community workers, the secretary first
    residents: list[int] = field(default_factory=list)
    volunteers: list[int] = field(default_factory=list)

    @property
    def office(self) -> str:
        return f"{self.name}党群服务中心" if self.kind is CommunityKind.COMMUNITY else f"{self.name}村部"

    @property
    def committee(self) -> str:
        suffix = "居民委员会" if self.kind is CommunityKind.COMMUNITY else "村民委员会"
        return f"{self.name}{suffix}"


@dataclass(slots=True)
class _Unit:
    idx: int
    id: uuid.UUID
    name: str
    short: str
    categories: tuple[str, ...]
    supply_kinds: tuple[SupplyKind, ...]
    lat: float
    lon: float
    communities: list[int] = field(default_factory=list)
    cadres: list[int] = field(default_factory=list)


@dataclass(slots=True)
class _Cadre:
    id: uuid.UUID
    name: str
    phone: str
    kind: CadreKind
    unit: int | None
    comm: int
    position: str


@dataclass(slots=True)
class _Res:
    id: uuid.UUID
    comm: int
    name: str
    gender: Gender
    birth: date
    age: int
    phone: str
    groups: frozenset[str]
    id_number: str


@dataclass(slots=True)
class _Vol:
    id: uuid.UUID
    comm: int
    name: str
    phone: str
    resident: int | None
    registered_on: date
    active_until: date | None  # suspended or left after this day
    points: list[tuple[date, PointsKind, Decimal, uuid.UUID | None, uuid.UUID | None, str]] = field(
        default_factory=list
    )  # (date, kind, points, rule id, service record id, note)
    hours: Decimal = Decimal(0)

    def active_on(self, day: date) -> bool:
        return self.registered_on <= day and (self.active_until is None or day <= self.active_until)


@dataclass(slots=True)
class _Item:
    id: uuid.UUID
    code: str
    name: str
    cat: str
    cat_id: uuid.UUID


@dataclass(slots=True)
class _Ev:
    action: OrderAction
    frm: OrderStatus | None
    to: OrderStatus
    at: datetime
    unit: int | None
    actor: str
    note: str = ""
    evaluation: tuple[Satisfaction, Resolution, EvaluationSource, str] | None = None


@dataclass(slots=True)
class _OrderPlan:
    ordered_at: datetime
    comm: int
    item: _Item
    urgency: Urgency
    resident: int | None
    demand: int | None
    title: str
    events: list[_Ev] = field(default_factory=list)

    @property
    def status(self) -> OrderStatus:
        return self.events[-1].to

    @property
    def reopened(self) -> bool:
        return any(e.action is OrderAction.REOPEN for e in self.events)


@dataclass(slots=True)
class _DemandPlan:
    id: uuid.UUID
    comm: int
    quarter: str
    q_index: int
    source: DemandSource
    resident: int | None
    item: _Item
    title: str
    description: str
    urgency: Urgency
    special_group: str
    beneficiaries: int
    raised_on: date
    status: DemandStatus = DemandStatus.OPEN
    updated_at: datetime | None = None


@dataclass(slots=True)
class _SupplyPlan:
    id: uuid.UUID
    unit: int
    comm: int | None
    quarter: str
    kind: SupplyKind
    categories: tuple[str, ...]
    capacity: Decimal
    remaining: Decimal


# ---------------------------------------------------------------------------------------------------------
# The result
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoSummary:
    """What ``build_demo`` made: rows per table, the township, and the demo's "now"."""

    township_id: uuid.UUID
    county_id: uuid.UUID
    today: date
    as_of: datetime  # local midnight at the start of ``today`` (Asia/Shanghai), in UTC
    counts: dict[str, int]  # table name → rows (catalogue tables: rows present)
    seconds: float

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def __getitem__(self, table: str) -> int:
        return self.counts.get(table, 0)


_STAGES: tuple[tuple[str, float], ...] = (
    ("区划、联点单位与干部", 0.02),
    ("居民", 0.16),
    ("志愿者", 0.02),
    ("活动与签到", 0.38),
    ("三张清单与工单", 0.27),
    ("资源池", 0.03),
    ("蹲点、培训与经费", 0.05),
    ("写入数据库", 0.07),
)


def build_demo(
    store: Store,
    *,
    seed: int = DEFAULT_SEED,
    scale: float = 1.0,
    today: date | None = None,
    progress: Progress | None = None,
) -> DemoSummary:
    """Fill an empty ledger with the demo township. Refuses (LedgerError) a ledger that has a township."""
    if not scale > 0 or not math.isfinite(scale):
        raise LedgerError("演示数据规模必须是大于 0 的数")
    today = today or datetime.now(LOCAL_TZ).date()
    started = perf_counter()
    with store.transaction() as session:
        if session.scalar(select(func.count()).select_from(Township)):
            raise LedgerError(
                "台账中已有乡镇数据，不能再生成演示乡镇（否则数据会重复）；请新建一个空台账后再生成。"
            )
        builder = _Builder(session, store.device_id, seed, scale, today, progress)
        builder.run()
        # Local, never synced: lets sync and the GUI tell a demo ledger from a real one.
        session.merge(LedgerMeta(key=DEMO_META_KEY, value=f"seed={seed};scale={scale:g};today={today}"))
        counts = dict(builder.writer.counts)
        for model in (DemandCategory, DemandItem, StandardService, PointsRule):
            counts[model.__tablename__] = session.scalar(select(func.count()).select_from(model)) or 0
    if progress is not None:
        progress("完成", 1.0)
    return DemoSummary(
        township_id=builder.township_id,
        county_id=builder.county_id,
        today=today,
        as_of=builder.as_of,
        counts=dict(sorted(counts.items())),
        seconds=perf_counter() - started,
    )


# ---------------------------------------------------------------------------------------------------------
# The builder
# ---------------------------------------------------------------------------------------------------------


class _Builder:
    def __init__(
        self,
        session: Session,
        device_id: str,
        seed: int,
        scale: float,
        today: date,
        progress: Progress | None,
    ) -> None:
        self.session = session
        self.writer = _Writer(session, device_id)
        self.seed = seed
        self.scale = scale
        # What one community's team can run in a month grows with the community, up to a point.
        self.team = min(scale, 4.0)
        self.today = today
        self.progress = progress
        self.as_of = _at(today, 0)
        self.last_day = today - timedelta(days=1)
        # People cannot be born after the real today either (validation refuses such ID numbers).
        self.latest_birth = min(today, date.today()) - timedelta(days=1)
        year, q = today.year, (today.month - 1) // 3 + 1
        labels = []
        for _ in range(4):
            labels.append(format_quarter(year, q))
            year, q = (year, q - 1) if q > 1 else (year - 1, 4)
        self.quarters: list[tuple[str, date, date]] = [
            (label, *quarter_bounds(label)) for label in reversed(labels)
        ]
        self.window_start = self.quarters[0][1]
        self.days = [self.window_start + timedelta(days=k) for k in range((today - self.window_start).days)]
        self.county_id = uuid.UUID(int=0)
        self.township_id = uuid.UUID(int=0)
        self.comms: list[_Comm] = []
        self.units: list[_Unit] = []
        self.cadres: list[_Cadre] = []
        self.residents: list[_Res] = []
        self.adults: list[list[int]] = []  # per community: residents aged 18 or more
        self.vols: list[_Vol] = []
        self.coordinators: list[str] = []
        self.items: list[_Item] = []
        self.services: dict[str, uuid.UUID] = {}
        self.rule_ids = {code: reference_id("points_rule", code) for code in ("P01", "P02", "P03")}
        self.id_numbers: set[str] = set()
        self.activity_seq: dict[date, int] = defaultdict(int)  # activity codes count per day
        self._stage_name = ""
        self._stage_start = 0.0
        self._stage_weight = 0.0

    # -- plumbing -------------------------------------------------------------------------------------------
    def rng(self, stage: str) -> _Rng:
        return _Rng(f"liandian-demo:{self.seed}:{stage}")

    def clamp(self, t: datetime) -> datetime:
        """Record-keeping times (created_at, updated_at) never lie after the demo's now."""
        return min(t, self.as_of - timedelta(seconds=1))

    def report(self, fraction: float) -> None:
        if self.progress is not None:
            self.progress(self._stage_name, self._stage_start + self._stage_weight * min(1.0, fraction))

    def run(self) -> None:
        steps: list[Callable[[], None]] = [
            self.build_org,
            self.build_residents,
            self.build_volunteers,
            self.build_activities,
            self.build_lists_and_orders,
            self.build_resources,
            self.build_workforce,
            self.writer.flush,
        ]
        done = 0.0
        for (name, weight), step in zip(_STAGES, steps, strict=True):
            self._stage_name, self._stage_start, self._stage_weight = name, done, weight
            self.report(0.0)
            step()
            done += weight

    def base(self, rng: _Rng, created: datetime, updated: datetime | None = None) -> Row:
        created = self.clamp(created)
        return {"id": rng.uid(), "created_at": created, "updated_at": self.clamp(updated or created)}

    def person_id_number(self, rng: _Rng, birth: date, gender: Gender, region: str = REGION6) -> str:
        odd = gender is Gender.MALE
        while True:
            seq = rng.randrange(500) * 2 + (1 if odd else 0)
            number = make_id_number(region, birth, seq)
            if number not in self.id_numbers:
                self.id_numbers.add(number)
                return number

    def birth_for_age(self, rng: _Rng, age: int) -> date:
        birth = self.today - timedelta(days=age * 365 + rng.randrange(1, 365))
        return min(birth, self.latest_birth)

    def new_person(self, rng: _Rng, age_lo: int, age_hi: int) -> tuple[str, Gender, date]:
        gender = rng.choice((Gender.MALE, Gender.FEMALE))
        birth = self.birth_for_age(rng, rng.randint(age_lo, age_hi))
        return _surname(rng) + _given(rng, gender, birth.year), gender, birth

    # -- 1. divisions, units, pairings, cadres ---------------------------------------------------------------
    def build_org(self) -> None:
        rng = self.rng("org")
        w = self.writer
        seed_catalogue(self.session)
        self.session.flush()
        for c_code, _c_name, item_names in DEMAND_CATEGORIES:
            cat_id = reference_id("category", c_code)
            for i, name in enumerate(item_names, start=1):
                code = f"{c_code}-{i:02d}"
                self.items.append(_Item(reference_id("item", code), code, name, c_code, cat_id))
        self.services = {code: reference_id("service", code) for code, *_ in STANDARD_SERVICES}

        setup = _at(self.window_start - timedelta(days=30), 9.5)
        self.county_id, self.township_id = rng.uid(), rng.uid()
        w.add(
            County,
            {"id": self.county_id, "created_at": self.clamp(setup), "code": COUNTY_CODE, "name": COUNTY_NAME},
        )

        # Communities: 9 社区 (codes 001–009) around the centre, 16 村 (201–216) in the hills.
        specs = [(n + "社区", CommunityKind.COMMUNITY, f"{i + 1:03d}") for i, n in enumerate(_URBAN)]
        specs += [(n + "村", CommunityKind.VILLAGE, f"{201 + i:03d}") for i, n in enumerate(_VILLAGES)]
        key = set(rng.sample(range(len(_URBAN)), 2)) | set(rng.sample(range(len(_URBAN), len(specs)), 3))
        raw_pops = [
            rng.randint(2500, 6000) if kind is CommunityKind.COMMUNITY else rng.randint(800, 3500)
            for _, kind, _ in specs
        ]
        total_target = max(8 * len(specs), round(4000 * self.scale))
        pop_sum = sum(raw_pops)
        for idx, ((name, kind, suffix), pop) in enumerate(zip(specs, raw_pops, strict=True)):
            target = max(8, round(total_target * pop / pop_sum))
            spread = 0.012 if kind is CommunityKind.COMMUNITY else 0.07
            secretary, _, _ = self.new_person(rng, 38, 58)
            roads = tuple(rng.sample(_ROADS, 3))
            self.comms.append(
                _Comm(
                    idx=idx,
                    id=rng.uid(),
                    code=TOWNSHIP_CODE[:9] + suffix,
                    name=name,
                    kind=kind,
                    is_key=idx in key,
                    population=max(pop, math.ceil(target * 1.08)),
                    target=target,
                    lat=round(CENTRE[0] + rng.uniform(-spread, spread), 6),
                    lon=round(CENTRE[1] + rng.uniform(-spread, spread), 6),
                    roads=roads,
                    secretary=secretary,
                    secretary_phone=rng.phone(),
                )
            )
        for c in rng.sample(self.comms, 3):
            c.has_canteen = True
        urban = [c for c in self.comms if c.kind is CommunityKind.COMMUNITY]
        for c in rng.sample(urban, 1) + rng.sample([c for c in self.comms if c not in urban], 1):
            c.has_class = True

        w.add(
            Township,
            {
                "id": self.township_id,
                "created_at": self.clamp(setup),
                "county_id": self.county_id,
                "code": TOWNSHIP_CODE,
                "name": TOWNSHIP_NAME,
                "population": sum(c.population for c in self.comms),
            },
        )
        for c in self.comms:
            address = (
                f"{PLACE}{c.name}{rng.choice(c.roads)}{rng.randint(1, 99)}号"
                if (c.kind is CommunityKind.COMMUNITY)
                else f"{PLACE}{c.name}{rng.randint(1, 9)}组"
            )
            w.add(
                Community,
                {
                    **self.base(rng, setup),
                    "id": c.id,
                    "township_id": self.township_id,
                    "code": c.code,
                    "name": c.name,
                    "kind": c.kind,
                    "population": c.population,
                    "households": round(c.population / rng.uniform(2.6, 3.2)),
                    "is_key": c.is_key,
                    "address": address,
                    "latitude": c.lat,
                    "longitude": c.lon,
                    "secretary_name": c.secretary,
                    "secretary_phone": c.secretary_phone,
                },
            )
            c.workers = [c.secretary] + [self.new_person(rng, 25, 55)[0] for _ in range(rng.randint(2, 4))]
        self.coordinators = [self.new_person(rng, 28, 50)[0] for _ in range(3)]

        for idx, (name, short, unit_kind, cats, kinds, address) in enumerate(_UNITS):
            unit = _Unit(
                idx,
                rng.uid(),
                name,
                short,
                cats,
                kinds,
                round(COUNTY_SEAT[0] + rng.uniform(-0.01, 0.01), 6),
                round(COUNTY_SEAT[1] + rng.uniform(-0.01, 0.01), 6),
            )
            self.units.append(unit)
            contact, _, _ = self.new_person(rng, 30, 55)
            w.add(
                PairedUnit,
                {
                    **self.base(rng, setup),
                    "id": unit.id,
                    "county_id": self.county_id,
                    "name": name,
                    "short_name": short,
                    "kind": unit_kind,
                    "address": address,
                    "contact_name": contact,
                    "contact_phone": rng.phone(),
                    "latitude": unit.lat,
                    "longitude": unit.lon,
                },
            )

        # Pairings: every community gets a lead unit (each unit leads two or three), key communities a second,
        # a few others a second too.
        order = list(range(len(self.comms)))
        rng.shuffle(order)
        for k, ci in enumerate(order):
            self.comms[ci].units.append(k % len(self.units))
        extra = [c for c in self.comms if c.is_key] + rng.sample([c for c in self.comms if not c.is_key], 4)
        for c in extra:
            choices = [u.idx for u in self.units if u.idx not in c.units]
            c.units.append(rng.choice(choices))
        start = self.window_start
        for c in self.comms:
            for position, ui in enumerate(c.units):
                self.units[ui].communities.append(c.idx)
                w.add(
                    Pairing,
                    {
                        **self.base(rng, _at(start - timedelta(days=10), 10)),
                        "township_id": self.township_id,
                        "unit_id": self.units[ui].id,
                        "community_id": c.id,
                        "start_date": start,
                        "is_lead": position == 0,
                        "note": "牵头单位" if position == 0 else "",
                    },
                )

        # Full-time cadres: ≥ 2 per unit and one in each of its communities; advisors: 2–3 per community.
        for u in self.units:
            for j in range(max(2, len(u.communities))):
                c = self.comms[u.communities[j % len(u.communities)]]
                self.add_cadre(rng, CadreKind.FULL_TIME, u.idx, c, rng.choice(_CADRE_POSITIONS), setup)
        for c in self.comms:
            for _ in range(rng.randint(2, 3)):
                advised = rng.choice(c.units) if rng.chance(0.5) else None
                self.add_cadre(rng, CadreKind.ADVISOR, advised, c, rng.choice(_ADVISOR_POSITIONS), setup)

    def add_cadre(
        self, rng: _Rng, kind: CadreKind, unit: int | None, c: _Comm, position: str, at: datetime
    ) -> None:
        name, gender, birth = self.new_person(rng, 26, 58 if kind is CadreKind.FULL_TIME else 68)
        region = REGION6 if rng.chance(0.7) else rng.choice(_OTHER_HUNAN_REGIONS)
        cadre = _Cadre(rng.uid(), name, rng.phone(), kind, unit, c.idx, position)
        index = len(self.cadres)
        self.cadres.append(cadre)
        if kind is CadreKind.FULL_TIME:
            c.cadres.append(index)
            assert unit is not None
            self.units[unit].cadres.append(index)
        else:
            c.advisors.append(index)
        self.writer.add(
            Cadre,
            {
                "id": cadre.id,
                "created_at": self.clamp(at),
                "kind": kind,
                "unit_id": self.units[unit].id if unit is not None else None,
                "township_id": self.township_id,
                "community_id": c.id,
                "name": name,
                "gender": gender,
                "phone": cadre.phone,
                "id_number": self.person_id_number(rng, birth, gender, region),
                "position": position,
                "start_date": self.window_start - timedelta(days=rng.choice((0, 0, 0, 90, 365, 730))),
            },
        )

    # -- 2. residents ----------------------------------------------------------------------------------------
    def build_residents(self) -> None:
        rng = self.rng("residents")
        total = sum(c.target for c in self.comms)
        n_rare = max(len(_RARE_GIVEN), round(14 * self.scale))
        rare_at = sorted(rng.sample(range(total), min(n_rare, total)))
        rare_queue = list(range(len(_RARE_GIVEN))) + [rng.randrange(len(_RARE_GIVEN)) for _ in range(n_rare)]
        rare_queue = rare_queue[: len(rare_at)]
        made = 0
        for c in self.comms:
            village = c.kind is CommunityKind.VILLAGE
            household = 0
            while len(c.residents) < c.target:
                household += 1
                members = self.household(rng, village)
                dibao = rng.chance(0.045 if village else 0.03)
                if village:
                    address = f"{PLACE}{c.name}{rng.randint(1, 12)}组{rng.randint(1, 80)}号"
                elif rng.chance(0.7):
                    address = (
                        f"{PLACE}{rng.choice(c.roads)}{rng.randint(1, 200)}号{rng.randint(1, 12)}栋"
                        f"{rng.randint(1, 4)}单元{rng.randint(1, 7)}0{rng.randint(1, 4)}"
                    )
                else:
                    address = f"{PLACE}{rng.choice(c.roads)}{rng.randint(1, 300)}号"
                registered = _at(
                    self.window_start - timedelta(days=rng.randint(1, 400)), rng.uniform(8.5, 17.5)
                )
                for name, gender, age, role in members:
                    if rare_at and made >= rare_at[0]:
                        _, genders, given = _RARE_GIVEN[rare_queue[0]]
                        if gender in genders:
                            name = name[: 2 if name[:2] in ("欧阳", "司马", "诸葛") else 1] + rng.choice(
                                given
                            )
                            rare_at.pop(0)
                            rare_queue.pop(0)
                    self.add_resident(rng, c, household, address, registered, name, gender, age, role, dibao)
                    made += 1
            self.adults.append([i for i in c.residents if self.residents[i].age >= 18])
            self.report(c.idx / len(self.comms))

    def household(self, rng: _Rng, village: bool) -> list[tuple[str, Gender, int, str]]:
        """One household's members: (name, gender, age, role); a wife keeps her surname, children take one."""
        weights = (10, 16, 10, 22, 24, 10, 8) if village else (8, 12, 3, 15, 34, 15, 13)
        kind = rng.choices(
            ("alone", "elder_couple", "skipped", "three", "nuclear", "couple", "single"), weights=weights
        )[0]
        family = _surname(rng)
        out: list[tuple[str, Gender, int, str]] = []

        def person(surname: str, gender: Gender, age: int, role: str) -> None:
            year = self.today.year - age
            out.append((surname + _given(rng, gender, year), gender, max(0, age), role))

        def elder_age() -> int:
            return rng.choices(
                (rng.randint(60, 69), rng.randint(70, 79), rng.randint(80, 89), rng.randint(90, 99)),
                weights=(50, 32, 15, 3),
            )[0]

        def kids(parent_age: int, n: int, role: str) -> None:
            for _ in range(n):
                age = parent_age - rng.randint(22, 36)
                if age >= 0:
                    person(family if rng.chance(0.93) else _surname(rng), rng.choice(list(Gender)), age, role)

        if kind == "alone":
            person(family, rng.choice(list(Gender)), max(60, elder_age() + 3), "alone")
        elif kind == "elder_couple":
            age = elder_age()
            person(family, Gender.MALE, age, "elder")
            person(_surname(rng), Gender.FEMALE, max(58, age - rng.randint(0, 5)), "elder")
        elif kind == "skipped":
            age = rng.randint(55, 78)
            person(family, Gender.MALE, age, "elder")
            if rng.chance(0.75):
                person(_surname(rng), Gender.FEMALE, age - rng.randint(0, 4), "elder")
            for _ in range(rng.randint(1, 2)):
                person(family, rng.choice(list(Gender)), rng.randint(2, 15), "left_behind")
        elif kind in ("three", "nuclear"):
            age = rng.randint(28, 52)
            person(family, Gender.MALE, age, "adult")
            person(_surname(rng), Gender.FEMALE, age - rng.randint(-2, 5), "adult")
            kids(age, rng.choices((1, 2, 3), weights=(50, 42, 8))[0], "kid")
            if kind == "three":
                elder = age + rng.randint(22, 32)
                person(family, Gender.MALE, elder, "elder")
                if rng.chance(0.7):
                    person(_surname(rng), Gender.FEMALE, elder - rng.randint(0, 5), "elder")
        elif kind == "couple":
            age = rng.randint(22, 59)
            person(family, Gender.MALE, age, "adult")
            person(_surname(rng), Gender.FEMALE, max(20, age - rng.randint(-2, 5)), "adult")
        else:
            person(family, rng.choice(list(Gender)), rng.randint(18, 45), "adult")
        return out

    def add_resident(
        self,
        rng: _Rng,
        c: _Comm,
        household: int,
        address: str,
        registered: datetime,
        name: str,
        gender: Gender,
        age: int,
        role: str,
        dibao: bool,
    ) -> None:
        birth = self.birth_for_age(rng, age)
        age = _age(birth, self.today)
        groups: set[str] = set()
        if age >= 60:
            groups.add(SpecialGroup.ELDERLY)
        if age >= 80:
            groups.add(SpecialGroup.ELDERLY_80)
        if role == "alone" and age >= 60:
            groups.add(SpecialGroup.LIVING_ALONE)
            if not dibao and rng.chance(0.12):
                groups.add(SpecialGroup.TEKUN)
        if dibao:
            groups.add(SpecialGroup.DIBAO)
        if role == "left_behind" and age < 16:
            groups.add(SpecialGroup.LEFT_BEHIND_CHILD)
        disabled = rng.chance(0.015 + (0.05 if age >= 60 else 0.0))
        if disabled:
            groups.add(SpecialGroup.DISABLED)
        if age < 16 and (disabled or (dibao and rng.chance(0.5))):
            groups.add(SpecialGroup.CHILD_IN_DIFFICULTY)
        if gender is Gender.MALE and age >= 60 and rng.chance(0.03):
            groups.add(SpecialGroup.ENTITLED)
        has_phone = age >= 16 and not (age >= 80 and rng.chance(0.5)) and not (age >= 70 and rng.chance(0.15))
        phone = rng.phone() if has_phone else ""
        res = _Res(
            rng.uid(),
            c.idx,
            name,
            gender,
            birth,
            age,
            phone,
            frozenset(groups),
            self.person_id_number(rng, birth, gender),
        )
        c.residents.append(len(self.residents))
        self.residents.append(res)
        note = ""
        if role == "elder" and SpecialGroup.ELDERLY in groups and rng.chance(0.2):
            note = "子女在外务工"
        elif role == "adult" and rng.chance(0.06):
            note = "长期在外务工"
        updated = registered if rng.chance(0.8) else _at(rng.choice(self.days), rng.uniform(8.5, 17.5))
        self.writer.add(
            Resident,
            {
                "id": res.id,
                "created_at": registered,
                "updated_at": self.clamp(max(updated, registered)),
                "township_id": self.township_id,
                "community_id": c.id,
                "name": name,
                "gender": gender,
                "birth_date": birth,
                "id_number": res.id_number,
                "phone": phone,
                "address": address,
                "household_no": f"HH{c.code[-3:]}-{household:04d}",
                "special_groups": ",".join(sorted(groups)),
                "health_note": rng.choice(_HEALTH_NOTES) if age >= 60 and rng.chance(0.45) else "",
                "disability_note": rng.choice(_DISABILITY_NOTES) if disabled else "",
                "note": note,
            },
        )

    # -- 3. volunteers ---------------------------------------------------------------------------------------
    def build_volunteers(self) -> None:
        rng = self.rng("volunteers")
        total = max(len(self.comms), round(300 * self.scale))
        weights = [len(c.residents) for c in self.comms]
        per_comm = [0] * len(self.comms)
        for ci in rng.choices(range(len(self.comms)), weights=weights, k=total):
            per_comm[ci] += 1
        serial = 0
        for c, n in zip(self.comms, per_comm, strict=True):
            candidates = [
                i for i in c.residents if 18 <= self.residents[i].age <= 72 and self.residents[i].phone
            ]
            rng.shuffle(candidates)
            candidates.sort(
                key=lambda i: 0 if 45 <= self.residents[i].age <= 68 else 1
            )  # retirees volunteer most
            from_residents = min(len(candidates), round(n * 0.8))
            picked = candidates[: round(from_residents * 1.6)]
            rng.shuffle(picked)
            for k in range(n):
                serial += 1
                if k < from_residents:
                    ri: int | None = picked[k]
                    r = self.residents[picked[k]]
                    name, gender, birth, phone, id_number = r.name, r.gender, r.birth, r.phone, r.id_number
                    region = f"{PLACE}{c.name}"
                else:
                    ri = None
                    name, gender, birth = self.new_person(rng, 20, 58)
                    phone = rng.phone()
                    id_number = self.person_id_number(
                        rng, birth, gender, rng.choice((REGION6, *_OTHER_HUNAN_REGIONS))
                    )
                    region = f"{COUNTY_NAME}城区"
                if rng.chance(0.35):
                    registered = self.window_start - timedelta(days=rng.randint(20, 2000))
                else:
                    registered = rng.choice(self.days[: max(1, len(self.days) - 7)])
                roll = rng.random()
                status = VolunteerStatus.ACTIVE
                until = None
                note = ""
                if roll < 0.09:
                    status = VolunteerStatus.LEFT if roll < 0.05 else VolunteerStatus.SUSPENDED
                    until = min(
                        self.last_day,
                        max(registered, self.window_start) + timedelta(days=rng.randint(30, 220)),
                    )
                    note = "本人申请注销" if status is VolunteerStatus.LEFT else "外出务工，暂停服务"
                vol = _Vol(rng.uid(), c.idx, name, phone, ri, registered, until)
                c.volunteers.append(len(self.vols))
                self.vols.append(vol)
                created = _at(registered, rng.uniform(9, 17))
                skills = rng.sample(_SKILLS, rng.choice((0, 1, 1, 2)))
                cats = sorted(rng.sample(list(_CATEGORY_WEIGHTS), rng.randint(1, 3)))
                self.writer.add(
                    Volunteer,
                    {
                        **self.base(rng, created, _at(until, 18) if until else created),
                        "id": vol.id,
                        "township_id": self.township_id,
                        "community_id": c.id,
                        "resident_id": self.residents[ri].id if ri is not None else None,
                        "volunteer_no": f"ZY{REGION6}{serial:06d}",
                        "name": name,
                        "gender": gender,
                        "birth_date": birth,
                        "id_number": id_number,
                        "region": region,
                        "phone": phone,
                        "skills": "、".join(skills),
                        "service_categories": ",".join(cats),
                        "registered_on": registered,
                        "status": status,
                        "note": note,
                    },
                )

    # -- 4. activities and sign-in sheets --------------------------------------------------------------------
    def build_activities(self) -> None:
        rng = self.rng("activities")
        horizon = self.today + timedelta(days=13)  # sheets are printed up to two weeks ahead
        months = sorted({(d.year, d.month) for d in self.days} | {(self.today.year, self.today.month)})
        # Bigger communities, longer sheets (capped: one meeting hall).
        sheet = min(1.5, math.sqrt(self.scale))
        for c in self.comms:
            people = [self.residents[i] for i in c.residents]
            idx = c.residents
            adults = [i for i, r in zip(idx, people, strict=True) if r.age >= 18]
            elders80 = [
                i
                for i, r in zip(idx, people, strict=True)
                if SpecialGroup.ELDERLY_80 in r.groups or SpecialGroup.LIVING_ALONE in r.groups
            ]
            pupils = [i for i, r in zip(idx, people, strict=True) if 6 <= r.age <= 12]
            special_codes = {
                SpecialGroup.LIVING_ALONE,
                SpecialGroup.DISABLED,
                SpecialGroup.DIBAO,
                SpecialGroup.TEKUN,
                SpecialGroup.LEFT_BEHIND_CHILD,
                SpecialGroup.CHILD_IN_DIFFICULTY,
                SpecialGroup.ELDERLY_80,
            }
            special = [i for i, r in zip(idx, people, strict=True) if r.groups & special_codes]
            elderly = [i for i, r in zip(idx, people, strict=True) if r.age >= 60]
            workers = [i for i, r in zip(idx, people, strict=True) if 18 <= r.age <= 59]

            # S01 老年助餐 (canteen communities): every weekday, the registered diners on the sheet.
            if c.has_canteen and elders80:
                diners = rng.sample(elders80, min(40, len(elders80)))
                for day in self.days:
                    if day.weekday() < 5 and rng.chance(0.97):
                        self.activity(
                            rng,
                            c,
                            "S01",
                            ActivityKind.SERVICE,
                            f"{c.name}老年助餐",
                            day,
                            10.8,
                            1.5,
                            f"{c.name}老年食堂",
                            diners,
                            0.85,
                            walk_ins=rng.choice((0, 0, 1, 2)),
                            volunteers=rng.choice((0, 0, 1, 2)),
                            unit=c.units[0],
                        )
            # S06 四点半课堂: school days.
            if c.has_class and pupils:
                children = rng.sample(pupils, min(25, len(pupils)))
                for day in self.days:
                    if _school_day(day) and rng.chance(0.95):
                        self.activity(
                            rng,
                            c,
                            "S06",
                            ActivityKind.SERVICE,
                            f"{c.name}四点半课堂",
                            day,
                            16.5,
                            1.5,
                            f"{c.office}四点半课堂",
                            children,
                            0.86,
                            volunteers=rng.choice((1, 1, 2)),
                            unit=self.unit_for(c, "C3"),
                        )
            # S11 安全巡查: weekly evening patrol by volunteers.
            week_days: dict[tuple[int, int], list[date]] = defaultdict(list)
            for day in self.days:
                week_days[day.isocalendar()[:2]].append(day)
            for days in week_days.values():
                if rng.chance(0.92):
                    self.activity(
                        rng,
                        c,
                        "S11",
                        ActivityKind.SERVICE,
                        f"{c.name}安全巡查",
                        rng.choice(days),
                        19.5,
                        2.0,
                        f"{c.name}辖区",
                        [],
                        1.0,
                        volunteers=rng.randint(2, 5),
                        unit=self.unit_for(c, "C8"),
                    )
            # Monthly: S02 visits to every special-group resident (sheets of ≤ 30), S03 S05 S07 S10.
            for year, month in months:
                month_days = [d for d in self.month_days(year, month, horizon)]
                if not month_days:
                    continue
                if special and rng.chance(0.93):
                    group = special[:]
                    rng.shuffle(group)
                    # ≤ 4 rounds of 30 households a month; a longer list is visited in turn.
                    rounds = min(4, math.ceil(len(group) / 30))
                    for r_no in range(rounds):
                        chunk = group[r_no * 30 : (r_no + 1) * 30]
                        self.activity(
                            rng,
                            c,
                            "S02",
                            ActivityKind.VISIT,
                            f"{c.name}特殊群体居家探访（第{r_no + 1}组）",
                            self.weekday_in(rng, month_days),
                            8.5 + rng.choice((0, 5.5)),
                            3.5,
                            f"{c.name}入户",
                            chunk,
                            0.88,
                            unit=self.unit_for(c, "C2"),
                            responsible=self.cadre_name(rng, c),
                        )
                for code, title, pool, place, hour, cat in (
                    ("S03", "健康义诊", elderly or adults, c.office, 8.5, "C4"),
                    ("S05", "法律咨询进村（社区）", adults, c.office, 14.5, "C5"),
                    ("S07", "文化活动", adults, f"{c.name}文化广场", 19.0, "C6"),
                    ("S10", "环境整治", adults, f"{c.name}辖区", 8.0, "C1"),
                ):
                    if rng.chance(0.93):
                        k = round(rng.randint(8, 20) * sheet)
                        self.activity(
                            rng,
                            c,
                            code,
                            ActivityKind.SERVICE,
                            f"{c.name}{title}（{month}月）",
                            rng.choice(month_days),
                            hour,
                            rng.choice((2.0, 2.5, 3.0)),
                            place,
                            rng.sample(pool, min(k, len(pool))),
                            rng.uniform(0.68, 0.88),
                            walk_ins=rng.randint(0, 6),
                            volunteers=rng.choice((0, 1, 2, 3)),
                            unit=self.unit_for(c, cat),
                        )
                # S04 矛盾调解 (on demand): small sessions with the parties.
                for _ in range(rng.poisson(1.0 * self.team)):
                    past = [d for d in month_days if d <= self.last_day]
                    if past and len(adults) >= 4:
                        item = rng.choice(("邻里纠纷", "家庭纠纷", "土地界址纠纷", "赡养纠纷", "物业纠纷"))
                        self.activity(
                            rng,
                            c,
                            "S04",
                            ActivityKind.SERVICE,
                            f"{c.name}矛盾调解（{item}）",
                            rng.choice(past),
                            rng.choice((9.0, 14.5)),
                            1.5,
                            f"{c.office}调解室",
                            rng.sample(adults, rng.randint(2, 4)),
                            1.0,
                            unit=self.unit_for(c, "C5"),
                            responsible=self.advisor_name(rng, c),
                        )
                # Cadres' own visits (走访), and volunteer activities.
                for _ in range(rng.poisson(1.5 * self.team)):
                    if adults:
                        self.activity(
                            rng,
                            c,
                            None,
                            ActivityKind.VISIT,
                            f"联点干部入户走访（{c.name}）",
                            self.weekday_in(rng, month_days),
                            rng.choice((9.0, 14.5)),
                            3.0,
                            f"{c.name}入户",
                            rng.sample(adults, min(len(adults), rng.randint(4, 10))),
                            0.9,
                            unit=c.units[0],
                            responsible=self.cadre_name(rng, c),
                        )
                for _ in range(rng.poisson(2.0 * self.team)):
                    name, cat = rng.choice(_VOLUNTEER_ACTIVITIES)
                    day = rng.choice(month_days)
                    self.activity(
                        rng,
                        c,
                        None,
                        ActivityKind.VOLUNTEER,
                        f"{c.name}{name}",
                        day,
                        rng.choice((8.5, 9.0, 14.0, 15.0)),
                        float(rng.hours(1, 6)),
                        f"{c.name}辖区",
                        [],
                        1.0,
                        volunteers=rng.randint(3, 10),
                        unit=None,
                    )
            # Quarterly: S08 S09 S12, and a residents' meeting to collect demands.
            for label, q_start, q_end in self.quarters:
                q_days = [d for d in self.days_between(q_start, min(q_end, horizon))]
                if not q_days:
                    continue
                for code, title, pool, cat in (
                    ("S08", "政策宣讲", adults, "C5"),
                    ("S09", "技能培训", workers or adults, "C7"),
                    ("S12", "心理关爱", special or adults, "C4"),
                ):
                    if rng.chance(0.95):
                        k = round(rng.randint(10, 24) * sheet)
                        self.activity(
                            rng,
                            c,
                            code,
                            ActivityKind.SERVICE,
                            f"{c.name}{title}（{label}）",
                            rng.choice(q_days),
                            rng.choice((9.0, 14.5, 19.0)),
                            2.0,
                            c.office,
                            rng.sample(pool, min(k, len(pool))),
                            rng.uniform(0.65, 0.85),
                            walk_ins=rng.randint(0, 5),
                            unit=self.unit_for(c, cat),
                        )
                for title in ("需求征集居民会议", "院落议事会")[: rng.randint(1, 2)]:
                    k = round(rng.randint(12, 28) * sheet)
                    early = q_days[: max(1, min(len(q_days), 35))]
                    self.activity(
                        rng,
                        c,
                        None,
                        ActivityKind.MEETING,
                        f"{c.name}{title}（{label}）",
                        rng.choice(early),
                        19.0,
                        2.0,
                        c.office,
                        rng.sample(adults, min(k, len(adults))),
                        rng.uniform(0.6, 0.8),
                        walk_ins=rng.randint(0, 8),
                        unit=c.units[0],
                    )
            self.report(c.idx / len(self.comms) * 0.9)
        self.build_volunteer_trainings(rng)
        self.build_points(rng)
        self.report(1.0)

    def month_days(self, year: int, month: int, horizon: date) -> list[date]:
        first = date(year, month, 1)
        nxt = date(year + (month == 12), month % 12 + 1, 1)
        return self.days_between(max(first, self.window_start), min(nxt - timedelta(days=1), horizon))

    @staticmethod
    def days_between(lo: date, hi: date) -> list[date]:
        return [lo + timedelta(days=k) for k in range((hi - lo).days + 1)]

    @staticmethod
    def weekday_in(rng: _Rng, days: Sequence[date]) -> date:
        weekdays = [d for d in days if d.weekday() < 5]
        return rng.choice(weekdays or list(days))

    def unit_for(self, c: _Comm, category: str) -> int:
        for ui in c.units:
            if category in self.units[ui].categories:
                return ui
        return c.units[0]

    def cadre_name(self, rng: _Rng, c: _Comm) -> str:
        return self.cadres[rng.choice(c.cadres)].name if c.cadres else c.secretary

    def advisor_name(self, rng: _Rng, c: _Comm) -> str:
        return self.cadres[rng.choice(c.advisors)].name if c.advisors else c.secretary

    def activity_code(self, day: date) -> str:
        self.activity_seq[day] += 1
        return f"HD{day:%Y%m%d}{self.activity_seq[day]:03d}"

    def activity(
        self,
        rng: _Rng,
        c: _Comm | None,
        service: str | None,
        kind: ActivityKind,
        title: str,
        day: date,
        hour: float,
        duration: float,
        place: str,
        invitees: Sequence[int],
        present_p: float,
        *,
        walk_ins: int = 0,
        volunteers: int = 0,
        unit: int | None,
        responsible: str = "",
        volunteer_pool: Sequence[int] | None = None,
        extra_rows: Sequence[tuple[str, str]] = (),
    ) -> tuple[uuid.UUID, datetime, list[int]]:
        """One activity with its sign-in sheet; returns (id, start, present volunteers)."""
        starts = _at(day, hour)
        ends = _plus(starts, duration)
        future = starts >= self.as_of
        # A sheet from the last few days may still be on paper: invited rows only, not yet keyed back.
        keyed = (
            not future
            and ends < self.as_of
            and not (day > self.today - timedelta(days=5) and rng.chance(0.4))
        )
        activity_id = rng.uid()
        created = _plus(starts, -rng.uniform(24, 240))
        updated = _plus(ends, rng.uniform(12, 72)) if keyed else created
        # Daily services are run by the community committee with its paired unit's support.
        if c is not None and (unit is None or service in ("S01", "S06", "S11")):
            organiser = c.committee
        else:
            organiser = self.units[unit].name if unit is not None else TOWNSHIP_NAME
        if not responsible:
            responsible = (
                self.cadre_name(rng, c)
                if c and unit is not None
                else (c.workers[1 % len(c.workers)] if c else self.coordinators[0])
            )
        self.writer.add(
            Activity,
            {
                "id": activity_id,
                "created_at": self.clamp(created),
                "updated_at": self.clamp(updated),
                "township_id": self.township_id,
                "community_id": c.id if c else None,
                "code": self.activity_code(day),
                "kind": kind,
                "service_id": self.services[service] if service else None,
                "unit_id": self.units[unit].id if unit is not None else None,
                "title": title,
                "starts_at": starts,
                "ends_at": ends,
                "place": place,
                "organiser": organiser,
                "responsible": responsible,
                "description": _QUALITY.get(service or "", ""),
            },
        )
        sheet_at = self.clamp(updated)
        row_no = 0
        present_residents: list[int] = []

        def sign(status: AttendanceStatus) -> datetime | None:
            if status in (AttendanceStatus.PRESENT, AttendanceStatus.WALK_IN):
                return _plus(starts, rng.uniform(-0.25, 0.35))
            return None

        for ri in invitees:
            row_no += 1
            r = self.residents[ri]
            if not keyed:
                status = AttendanceStatus.INVITED
            else:
                status = AttendanceStatus.PRESENT if rng.chance(present_p) else AttendanceStatus.ABSENT
            if status is AttendanceStatus.PRESENT:
                present_residents.append(ri)
            note = ""
            if status is AttendanceStatus.ABSENT and rng.chance(0.3):
                note = rng.choice(("外出务工", "住院", "走亲戚", "不在家"))
            self.writer.add(
                Attendance,
                {
                    "id": rng.uid(),
                    "created_at": self.clamp(created),
                    "updated_at": sheet_at,
                    "township_id": self.township_id,
                    "activity_id": activity_id,
                    "resident_id": r.id,
                    "volunteer_id": None,
                    "name": r.name,
                    "phone": r.phone,
                    "row_code": f"{row_no:03d}",
                    "status": status,
                    "signed_at": sign(status),
                    "hours": None,
                    "note": note,
                },
            )
        for name, note in extra_rows:
            row_no += 1
            status = (
                AttendanceStatus.PRESENT
                if keyed and rng.chance(0.9)
                else (AttendanceStatus.ABSENT if keyed else AttendanceStatus.INVITED)
            )
            self.writer.add(
                Attendance,
                {
                    "id": rng.uid(),
                    "created_at": self.clamp(created),
                    "updated_at": sheet_at,
                    "township_id": self.township_id,
                    "activity_id": activity_id,
                    "resident_id": None,
                    "volunteer_id": None,
                    "name": name,
                    "phone": "",
                    "row_code": f"{row_no:03d}",
                    "status": status,
                    "signed_at": sign(status),
                    "hours": None,
                    "note": note,
                },
            )
        present_vols: list[int] = []
        if volunteers:
            pool = volunteer_pool if volunteer_pool is not None else (c.volunteers if c else [])
            active = [v for v in pool if self.vols[v].active_on(day)]
            for vi in rng.sample(active, min(volunteers, len(active))):
                row_no += 1
                v = self.vols[vi]
                status = (
                    (AttendanceStatus.PRESENT if rng.chance(0.93) else AttendanceStatus.ABSENT)
                    if keyed
                    else (AttendanceStatus.INVITED)
                )
                hours = None
                if status is AttendanceStatus.PRESENT:
                    present_vols.append(vi)
                    full = Decimal(round(duration * 2)) / 2
                    hours = max(Decimal("0.5"), full - (Decimal("0.5") if rng.chance(0.1) else 0))
                    if kind is not ActivityKind.TRAINING:
                        self.service_record(
                            rng, v, activity_id, title, day, place, organiser, responsible, hours
                        )
                self.writer.add(
                    Attendance,
                    {
                        "id": rng.uid(),
                        "created_at": self.clamp(created),
                        "updated_at": sheet_at,
                        "township_id": self.township_id,
                        "activity_id": activity_id,
                        "resident_id": self.residents[v.resident].id if v.resident is not None else None,
                        "volunteer_id": v.id,
                        "name": v.name,
                        "phone": v.phone,
                        "row_code": f"{row_no:03d}",
                        "status": status,
                        "signed_at": sign(status),
                        "hours": hours,
                        "note": "志愿者",
                    },
                )
        if keyed and c is not None:
            for _ in range(walk_ins):
                known = rng.chance(0.6) and c.residents
                if known:
                    r = self.residents[rng.choice(c.residents)]
                    rid: uuid.UUID | None = r.id
                    name, phone = r.name, r.phone
                else:
                    rid, (name, _, _), phone = None, self.new_person(rng, 18, 80), rng.phone()
                self.writer.add(
                    Attendance,
                    {
                        "id": rng.uid(),
                        "created_at": sheet_at,
                        "updated_at": sheet_at,
                        "township_id": self.township_id,
                        "activity_id": activity_id,
                        "resident_id": rid,
                        "volunteer_id": None,
                        "name": name,
                        "phone": phone,
                        "row_code": "",
                        "status": AttendanceStatus.WALK_IN,
                        "signed_at": sign(AttendanceStatus.WALK_IN),
                        "hours": None,
                        "note": "现场加入",
                    },
                )
        # 满意度测评 of some activities, on paper, by residents who came.
        if (
            keyed
            and c is not None
            and kind in (ActivityKind.SERVICE, ActivityKind.MEETING)
            and (len(present_residents) >= 3 and rng.chance(0.12))
        ):
            for ri in rng.sample(present_residents, min(len(present_residents), rng.randint(3, 8))):
                satisfaction = self.satisfaction(rng)
                at = self.clamp(_plus(ends, rng.uniform(0, 0.5)))
                self.writer.add(
                    Evaluation,
                    {
                        **self.base(rng, at),
                        "township_id": self.township_id,
                        "community_id": c.id,
                        "work_order_id": None,
                        "activity_id": activity_id,
                        "resident_id": self.residents[ri].id,
                        "satisfaction": satisfaction,
                        "resolution": None,
                        "comment": rng.choice(
                            _EVAL_COMMENTS_GOOD if satisfaction.counts_as_satisfied else _EVAL_COMMENTS_BAD
                        ),
                        "source": EvaluationSource.PAPER,
                        "form_version": "MYD-2026",
                        "evaluated_at": at,
                    },
                )
        return activity_id, starts, present_vols

    def service_record(
        self,
        rng: _Rng,
        v: _Vol,
        activity_id: uuid.UUID | None,
        title: str,
        day: date,
        place: str,
        organiser: str,
        responsible: str,
        hours: Decimal,
    ) -> None:
        """A volunteer service record (MCA Order 67), keyed within 10 working days (a few late)."""
        delay = rng.choices(
            (rng.randint(0, 3), rng.randint(4, 10), rng.randint(11, 20)), weights=(70, 27, 3)
        )[0]
        recorded = _add_workdays(day, delay)
        if recorded > self.last_day:
            return  # not keyed in yet
        record_id = rng.uid()
        corrected = rng.chance(0.01)
        created = _at(recorded, rng.uniform(9, 17.5))
        updated = _plus(created, rng.uniform(24, 240)) if corrected else created
        self.writer.add(
            VolunteerServiceRecord,
            {
                "id": record_id,
                "created_at": created,
                "updated_at": self.clamp(updated),
                "township_id": self.township_id,
                "volunteer_id": v.id,
                "activity_id": activity_id,
                "activity_name": title,
                "service_date": day,
                "place": place,
                "content": f"参与{title}",
                "hours": hours,
                "organiser": organiser,
                "responsible_person": responsible,
                "recorded_on": recorded,
                "corrected_at": self.clamp(updated) if corrected else None,
                "correction_note": "服务时长登记有误，按签到表更正" if corrected else "",
            },
        )
        v.hours += hours
        v.points.append((recorded, PointsKind.EARN, hours * 10, self.rule_ids["P01"], record_id, ""))

    def build_volunteer_trainings(self, rng: _Rng) -> None:
        """Township trainings for volunteers (kind TRAINING), two a quarter, and their training records."""
        everyone = list(range(len(self.vols)))
        size = min(3.0, math.sqrt(self.scale))
        for label, q_start, q_end in self.quarters:
            days = [d for d in self.days_between(q_start, min(q_end, self.last_day)) if d.weekday() >= 5]
            for title, organiser in rng.sample(_TRAININGS_VOLUNTEER, 2):
                if not days:
                    continue
                day = rng.choice(days)
                hours = rng.choice((2.0, 3.0, 4.0, 6.0))
                _, _, present = self.activity(
                    rng,
                    None,
                    None,
                    ActivityKind.TRAINING,
                    f"{title}（{label}）",
                    day,
                    9.0,
                    hours,
                    TOWNSHIP_HALL,
                    [],
                    1.0,
                    volunteers=round(rng.randint(20, 50) * size),
                    volunteer_pool=everyone,
                    unit=None,
                    responsible=self.coordinators[1],
                )
                for vi in present:
                    v = self.vols[vi]
                    at = _at(day, 17)
                    self.writer.add(
                        VolunteerTraining,
                        {
                            **self.base(rng, at),
                            "township_id": self.township_id,
                            "volunteer_id": v.id,
                            "training_date": day,
                            "title": title,
                            "hours": Decimal(str(hours)),
                            "organiser": organiser,
                        },
                    )
                    v.points.append(
                        (day, PointsKind.EARN, Decimal(5), self.rule_ids["P02"], None, f"参加{title}")
                    )

    def build_points(self, rng: _Rng) -> None:
        """Standalone service, awards, then the points ledger with redemptions that never overdraw."""
        for v in self.vols:
            # Help given outside an organised activity (邻里互助), recorded on its own.
            for _ in range(rng.poisson(1.0)):
                day = rng.choice(self.days)
                if v.active_on(day):
                    c = self.comms[v.comm]
                    self.service_record(
                        rng,
                        v,
                        None,
                        "邻里互助：帮助独居老人",
                        day,
                        f"{c.name}辖区",
                        c.committee,
                        c.secretary,
                        rng.hours(0.5, 3),
                    )
        award_days = [
            d
            for d in (
                date(y, m, dd) for y in {d.year for d in self.days} for m, dd in ((3, 5), (7, 1), (12, 5))
            )
            if self.window_start <= d <= self.last_day
        ]
        ranked = sorted(range(len(self.vols)), key=lambda i: (-self.vols[i].hours, i))
        winners = [i for i in ranked[: max(1, len(self.vols) // 20)] if self.vols[i].hours >= 20]
        for vi in winners:
            if not award_days:
                break
            v = self.vols[vi]
            day = rng.choice(award_days)
            title, level, issuer = rng.choice(
                (
                    ("优秀志愿者", "镇级", f"{TOWNSHIP_NAME}人民政府"),
                    ("星级志愿者（三星）", "县级", "共青团湘源县委员会"),
                    ("最美志愿者", "县级", "湘源县志愿服务联合会"),
                )
            )
            self.writer.add(
                VolunteerAward,
                {
                    **self.base(rng, _at(day, 10)),
                    "township_id": self.township_id,
                    "volunteer_id": v.id,
                    "award_date": day,
                    "title": title,
                    "level": level,
                    "issuer": issuer,
                },
            )
            v.points.append(
                (day, PointsKind.EARN, Decimal(50), self.rule_ids["P03"], None, f"获得表彰：{title}")
            )
        # Redemptions at the monthly 积分超市 (on the 15th), only from points earned on earlier days.
        market_days = [d for d in self.days if d.day == 15]
        for v in self.vols:
            if v.points and rng.chance(0.1):
                day = rng.choice(self.days)
                v.points.append((day, PointsKind.ADJUST, Decimal(5), None, None, "补录签到表遗漏的积分"))
            entries = sorted(v.points, key=lambda e: e[0])
            redemptions: list[tuple[date, Decimal]] = []
            for day in market_days:
                if not rng.chance(0.35):
                    continue
                balance = sum((e[2] for e in entries if e[0] < day), Decimal(0)) - sum(
                    (cost for _, cost in redemptions), Decimal(0)
                )
                affordable = [(item, cost) for item, cost in _REDEEM_ITEMS if cost <= balance]
                if affordable:
                    item, cost = rng.choice(affordable)
                    redemptions.append((day, Decimal(cost)))
                    v.points.append((day, PointsKind.REDEEM, -Decimal(cost), None, None, item))
            for day, kind, points, rule, record, note in v.points:
                self.writer.add(
                    PointsEntry,
                    {
                        **self.base(rng, _at(day, 16)),
                        "township_id": self.township_id,
                        "volunteer_id": v.id,
                        "entry_date": day,
                        "kind": kind,
                        "points": points,
                        "rule_id": rule,
                        "record_id": record,
                        "item": note if kind is PointsKind.REDEEM else "",
                        "note": "" if kind is PointsKind.REDEEM else note,
                    },
                )
            v.points.clear()

    @staticmethod
    def satisfaction(rng: _Rng) -> Satisfaction:
        return rng.choices(tuple(Satisfaction), weights=(46, 34, 12, 6, 2))[0]

    # -- 5. the three lists and the work orders --------------------------------------------------------------
    def build_lists_and_orders(self) -> None:
        rng = self.rng("lists")
        cat_cum = _cum([_CATEGORY_WEIGHTS[item.cat] / 7 for item in self.items])
        demands: list[_DemandPlan] = []
        meetings: dict[str, tuple[uuid.UUID, datetime]] = {}
        demand_seq = 0
        for qi, (label, q_start, q_end) in enumerate(self.quarters):
            # The supply–demand meeting (供需对接会) of the quarter, in its second month.
            meeting_day = self.weekday_in(
                rng, self.days_between(q_start + timedelta(days=35), q_start + timedelta(days=48))
            )
            extra = [(self.cadres[rng.choice(u.cadres)].name, f"{u.short}代表") for u in self.units]
            extra += [(c.secretary, f"{c.name}书记") for c in self.comms]
            meeting_id, meeting_at, _ = self.activity(
                rng,
                None,
                None,
                ActivityKind.MATCHING_MEETING,
                f"{TOWNSHIP_NAME}{label}供需对接会",
                meeting_day,
                9.0,
                3.0,
                TOWNSHIP_HALL,
                [],
                1.0,
                unit=None,
                responsible=self.coordinators[0],
                extra_rows=extra,
            )
            meetings[label] = (meeting_id, meeting_at)
            last = min(q_end, self.last_day)
            for c in self.comms:
                adults = self.adults[c.idx]
                for _ in range(max(1, round(rng.randint(5, 12) * self.scale))):
                    demand_seq += 1
                    item = rng.choices(self.items, cum_weights=cat_cum)[0]
                    from_resident = rng.chance(0.4) and bool(adults)
                    if from_resident:
                        ri: int | None = rng.choice(adults)
                        raised_hi = last
                    else:
                        ri = None
                        # Collected before the quarter's meeting; in the current quarter some come in after
                        # it and wait, proposed, for the next one.
                        current = qi == len(self.quarters) - 1 and rng.chance(0.3)
                        raised_hi = last if current else min(last, meeting_day - timedelta(days=1))
                    if raised_hi < q_start:
                        continue
                    raised = q_start + timedelta(days=rng.randint(0, (raised_hi - q_start).days))
                    request = rng.choice(_REQUESTS[item.name])
                    group = {"C2": SpecialGroup.ELDERLY, "C3": SpecialGroup.LEFT_BEHIND_CHILD}.get(
                        item.cat, ""
                    )
                    if ri is not None:
                        asker = self.residents[ri]
                        group = next(iter(sorted(asker.groups)), "") if asker.groups else group
                        title = f"{asker.name}：{request}"
                        description = f"{asker.name}（{c.name}）反映：{request}。"
                    else:
                        title = f"{c.name}{item.name}：{request}"
                        description = f"{c.name}经居民会议征集：{request}，涉及{rng.randint(3, 60)}户。"
                    demands.append(
                        _DemandPlan(
                            id=rng.uid(),
                            comm=c.idx,
                            quarter=label,
                            q_index=qi,
                            source=DemandSource.RESIDENT if ri is not None else DemandSource.COMMUNITY,
                            resident=ri,
                            item=item,
                            title=title[:100],
                            description=description,
                            urgency=rng.choices(tuple(Urgency), weights=(75, 20, 5))[0],
                            special_group=str(group),
                            beneficiaries=1 if ri is not None else rng.randint(5, 300),
                            raised_on=raised,
                        )
                    )
            self.report(0.1 * (qi + 1) / len(self.quarters))

        supplies = self.build_supplies(rng)
        matches = self.build_matches(rng, demands, supplies, meetings)
        self.report(0.3)
        orders = self.plan_orders(rng, demands)
        self.report(0.7)
        # Written once matches and orders have decided each demand's status; parents before children.
        for n, d in enumerate(demands, start=1):
            c = self.comms[d.comm]
            r = self.residents[d.resident] if d.resident is not None else None
            created = _at(d.raised_on, 10)
            self.writer.add(
                Demand,
                {
                    "id": d.id,
                    "created_at": self.clamp(created),
                    "updated_at": self.clamp(d.updated_at or created),
                    "township_id": self.township_id,
                    "community_id": c.id,
                    "code": f"XQ-{d.quarter}-{n:05d}",
                    "quarter": d.quarter,
                    "source": d.source,
                    "resident_id": r.id if r else None,
                    "requester_name": r.name if r else c.secretary,
                    "category_id": d.item.cat_id,
                    "item_id": d.item.id,
                    "title": d.title,
                    "description": d.description,
                    "urgency": d.urgency,
                    "special_group": d.special_group,
                    "beneficiaries": d.beneficiaries,
                    "raised_on": d.raised_on,
                    "status": d.status,
                },
            )
        for row in matches:
            self.writer.add(Match, row)
        seq: dict[date, int] = defaultdict(int)
        for plan in orders:
            day = _local(plan.ordered_at)[0]
            seq[day] += 1
            self.write_order(rng, plan, f"GD{day:%Y%m%d}{seq[day]:04d}", demands)

    def build_supplies(self, rng: _Rng) -> list[_SupplyPlan]:
        kinds = tuple(SupplyKind)
        out: list[_SupplyPlan] = []
        seq = 0
        for label, q_start, _ in self.quarters:
            for u in self.units:
                n = max(3, round(rng.uniform(3, 5) * self.scale))
                for k in range(n):
                    seq += 1
                    # Each unit's first supply takes one kind in turn: every kind is declared every quarter.
                    kind = kinds[(u.idx + k) % len(kinds)] if k == 0 else rng.choice(u.supply_kinds)
                    cats = tuple(sorted(rng.sample(u.categories, rng.randint(1, len(u.categories)))))
                    capacity = {
                        SupplyKind.FUNDS: Decimal(rng.choice((20000, 30000, 50000, 80000, 100000, 150000))),
                        SupplyKind.TALENT: Decimal(rng.randint(10, 60)),
                        SupplyKind.PROJECT: Decimal(rng.randint(1, 3)),
                        SupplyKind.GOODS: Decimal(rng.randint(20, 300)),
                        SupplyKind.SPACE: Decimal(rng.randint(6, 36)),
                    }[kind]
                    comm = rng.choice(u.communities) if u.communities and rng.chance(0.5) else None
                    cat_names = "、".join(_CATEGORY_NAMES[code] for code in cats)
                    title = {
                        SupplyKind.FUNDS: f"{u.short}{cat_names}专项资金",
                        SupplyKind.TALENT: f"{u.short}{cat_names}专业人才服务",
                        SupplyKind.PROJECT: f"{u.short}{cat_names}项目",
                        SupplyKind.GOODS: f"{u.short}{cat_names}物资",
                        SupplyKind.SPACE: f"{u.short}活动场地开放",
                    }[kind]
                    supply = _SupplyPlan(rng.uid(), u.idx, comm, label, kind, cats, capacity, capacity)
                    out.append(supply)
                    declared = _at(q_start + timedelta(days=rng.randint(0, 20)), rng.uniform(9, 17))
                    self.writer.add(
                        Supply,
                        {
                            "id": supply.id,
                            "created_at": self.clamp(declared),
                            "township_id": self.township_id,
                            "unit_id": u.id,
                            "community_id": self.comms[comm].id if comm is not None else None,
                            "code": f"GJ-{label}-{seq:05d}",
                            "quarter": label,
                            "kind": kind,
                            "title": title[:100],
                            "description": f"{u.name}{label}供给：{title}，"
                            f"容量{capacity}{kind.capacity_unit}",
                            "category_codes": ",".join(cats),
                            "capacity": capacity,
                        },
                    )
        return out

    def build_matches(
        self,
        rng: _Rng,
        demands: list[_DemandPlan],
        supplies: list[_SupplyPlan],
        meetings: dict[str, tuple[uuid.UUID, datetime]],
    ) -> list[Row]:
        """The matching list: proposals scored by category, pairing, distance and urgency; decided at the
        quarter's meeting within each supply's capacity. Updates the demands' status."""
        rows: list[Row] = []
        candidates: dict[tuple[str, str], list[_SupplyPlan]] = defaultdict(list)
        for s in supplies:
            for cat in s.categories:
                candidates[(s.quarter, cat)].append(s)
        km_to = {
            (c.idx, u.idx): _distance_km((c.lat, c.lon), (u.lat, u.lon))
            for c in self.comms
            for u in self.units
        }
        urgency_score = {Urgency.CRITICAL: 10, Urgency.URGENT: 6, Urgency.NORMAL: 2}
        for d in sorted(demands, key=lambda d: (d.q_index, -urgency_score[d.urgency], d.raised_on)):
            c = self.comms[d.comm]
            past_quarter = d.q_index < len(self.quarters) - 1
            if d.source is DemandSource.RESIDENT:
                continue  # residents' requests go through work orders (群众点单)
            meeting_id, meeting_at = meetings[d.quarter]
            decided = meeting_at + timedelta(hours=3) <= self.as_of and d.raised_on < _local(meeting_at)[0]
            scored = []
            for s in candidates[(d.quarter, d.item.cat)]:
                if s.comm is not None and s.comm != d.comm:
                    continue
                km = km_to[(c.idx, s.unit)]
                score = 40 + (30 if s.unit in c.units else 0) + 20 * max(0.0, 1 - km / 40)
                scored.append((score + urgency_score[d.urgency] + rng.uniform(0, 3), s))
            scored.sort(key=lambda x: -x[0])
            # The app proposes the best one or two supplies with room left for what the demand needs; when
            # none has room, the best one goes to the meeting anyway (and is turned down there).
            wanted = rng.choice((1, 1, 2))
            chosen: list[tuple[float, _SupplyPlan, Decimal]] = []
            for score, s in scored:
                need = self.need(rng, s.kind)
                if s.remaining >= need:
                    chosen.append((score, s, need))
                    if len(chosen) == wanted:
                        break
            if not chosen and scored:
                chosen.append((*scored[0], self.need(rng, scored[0][1].kind)))
            confirmed = False
            for score, s, need in chosen:
                why = [f"类别相符（{_CATEGORY_NAMES[d.item.cat]}）"]
                if s.unit in c.units:
                    why.append("结对单位")
                why.append(f"距离{km_to[(c.idx, s.unit)]:.1f}公里")
                why.append(f"紧急程度：{d.urgency.label}")
                reasons = "；".join(why)
                note = ""
                if decided:
                    if not confirmed and s.remaining >= need and rng.chance(0.85):
                        status, allocated, confirmed = MatchStatus.CONFIRMED, need, True
                    else:
                        status, allocated = MatchStatus.REJECTED, Decimal(0)
                        note = (
                            "已由其他供给承接"
                            if confirmed
                            else "供给容量不足"
                            if s.remaining < need
                            else rng.choice(("需求与供给内容不一致", "本季度已安排其他项目"))
                        )
                elif s.remaining >= need:
                    status, allocated = MatchStatus.PROPOSED, need
                else:
                    continue
                s.remaining -= allocated
                proposed_at = _at(min(d.raised_on + timedelta(days=1), self.last_day), 9)
                rows.append(
                    {
                        **self.base(rng, proposed_at, meeting_at + timedelta(hours=3) if decided else None),
                        "township_id": self.township_id,
                        "quarter": d.quarter,
                        "demand_id": d.id,
                        "supply_id": s.id,
                        "status": status,
                        "score": Decimal(f"{score:.2f}"),
                        "reasons": reasons,
                        "allocated": allocated,
                        "meeting_id": meeting_id if decided else None,
                        "decided_at": meeting_at + timedelta(hours=3) if decided else None,
                        "note": note,
                    },
                )
            if confirmed:
                old = (self.today - d.raised_on).days > 60
                d.status = (
                    DemandStatus.CLOSED
                    if (past_quarter and rng.chance(0.75)) or (old and rng.chance(0.3))
                    else DemandStatus.MATCHED
                )
                d.updated_at = meeting_at + timedelta(hours=3)
            elif past_quarter and rng.chance(0.3):
                d.status = DemandStatus.CANCELLED
                d.updated_at = meeting_at + timedelta(hours=3)
        return rows

    @staticmethod
    def need(rng: _Rng, kind: SupplyKind) -> Decimal:
        """What one demand takes of a supply of this kind (yuan, person-days, projects, items, sessions)."""
        if kind is SupplyKind.FUNDS:
            return Decimal(rng.choice((2000, 3000, 5000, 8000, 10000, 15000, 20000, 30000)))
        if kind is SupplyKind.TALENT:
            return Decimal(rng.randint(1, 10))
        if kind is SupplyKind.PROJECT:
            return Decimal(1)
        if kind is SupplyKind.GOODS:
            return Decimal(rng.randint(5, 60))
        return Decimal(rng.randint(1, 6))

    def plan_orders(self, rng: _Rng, demands: list[_DemandPlan]) -> list[_OrderPlan]:
        """The work orders' lives up to now, in order of ordering; updates the status of their demands."""
        total = max(30, round(800 * self.scale))
        plans: list[_OrderPlan] = []
        # Residents' own requests in the demand list become work orders (群众点单 → 组织派单).
        for di, d in enumerate(demands):
            if d.source is DemandSource.RESIDENT and rng.chance(0.6):
                t0 = _at(d.raised_on, rng.uniform(8.5, 17.5))
                if t0 < self.as_of:
                    request = d.title.split("：", 1)[-1]
                    plans.append(_OrderPlan(t0, d.comm, d.item, d.urgency, d.resident, di, request))
        comm_cum = _cum([len(c.residents) for c in self.comms])
        day_cum = _cum([0.6 if d.weekday() >= 5 else 1.0 for d in self.days])
        cat_cum = _cum([_CATEGORY_WEIGHTS[item.cat] / 7 for item in self.items])
        hour_bands = ((8.0, 12.0), (14.0, 18.0), (18.0, 22.0), (6.5, 8.0), (22.0, 24.0))
        band_weights = (40, 35, 18, 4, 3)

        def standalone(day: date | None = None, band: tuple[float, float] | None = None) -> _OrderPlan:
            ci = rng.choices(range(len(self.comms)), cum_weights=comm_cum)[0]
            c = self.comms[ci]
            day = day or rng.choices(self.days, cum_weights=day_cum)[0]
            lo, hi = band or rng.choices(hour_bands, weights=band_weights)[0]
            item = rng.choices(self.items, cum_weights=cat_cum)[0]
            adults = self.adults[c.idx]
            resident = rng.choice(adults) if adults and rng.chance(0.85) else None
            return _OrderPlan(
                _at(day, rng.uniform(lo, hi)),
                ci,
                item,
                rng.choices(tuple(Urgency), (75, 20, 5))[0],
                resident,
                None,
                rng.choice(_REQUESTS[item.name]),
            )

        while len(plans) < total:
            plans.append(standalone())
        for plan in plans:
            self.plan_order(rng, plan)
        # A ledger on any given day has orders in every state; top up from the last days if one is missing.
        recent = [d for d in self.days[-4:]]
        for _ in range(5000):
            present = {p.status for p in plans}
            if not recent or (len(present) == len(_ORDER_STATUSES) and any(p.reopened for p in plans)):
                break
            candidate = standalone(rng.choice(recent), rng.choice(((8.0, 12.0), (14.0, 18.0), (18.0, 24.0))))
            self.plan_order(rng, candidate)
            if candidate.status not in present:
                plans.append(candidate)
        for _ in range(5000):
            if any(p.reopened for p in plans):
                break
            candidate = standalone()
            self.plan_order(rng, candidate)
            if candidate.reopened:
                plans.append(candidate)

        plans.sort(key=lambda p: p.ordered_at)
        for plan in plans:
            if plan.demand is not None:
                d = demands[plan.demand]
                d.updated_at = plan.events[-1].at
                d.status = {
                    OrderStatus.RESOLVED: DemandStatus.CLOSED,
                    OrderStatus.EVALUATED: DemandStatus.CLOSED,
                    OrderStatus.WITHDRAWN: DemandStatus.CANCELLED,
                    OrderStatus.INVALID: DemandStatus.CANCELLED,
                }.get(plan.status, DemandStatus.ORDERED)
        return plans

    def plan_order(self, rng: _Rng, plan: _OrderPlan) -> None:
        """The order's whole life as planned, cut at ``as_of``: its events up to now, in order."""
        S, A = OrderStatus, OrderAction
        c = self.comms[plan.comm]
        creator = self.residents[plan.resident].name if plan.resident is not None else rng.choice(c.workers)
        coordinator = rng.choice(self.coordinators)
        t0 = plan.ordered_at
        evs = [
            _Ev(
                A.CREATE,
                None,
                S.CREATED,
                t0,
                None,
                creator,
                "群众点单" if plan.resident is not None else "社区上报",
            )
        ]
        roll = rng.random()
        if roll < 0.025:
            fate, stage = A.INVALIDATE, rng.choices((S.CREATED, S.DISPATCHED), weights=(70, 30))[0]
        elif roll < 0.06:
            fate, stage = A.WITHDRAW, rng.choice((S.CREATED, S.DISPATCHED, S.ACCEPTED, S.IN_PROGRESS))
        else:
            fate, stage = None, None

        def close(after: datetime, frm: OrderStatus, unit: int | None) -> None:
            assert fate is not None
            at = _within(rng, _plus(after, rng.uniform(0.5, 48)), 8.5, 18.0)
            to = S.INVALID if fate is A.INVALIDATE else S.WITHDRAWN
            reason = rng.choice(_INVALID_REASONS if fate is A.INVALIDATE else _WITHDRAW_REASONS)
            who = coordinator if fate is A.INVALIDATE or rng.chance(0.5) else creator
            evs.append(_Ev(fate, frm, to, at, unit, who, reason))

        def finish() -> None:
            plan.events = [e for e in evs if e.at <= self.as_of]

        if stage is S.CREATED:
            close(t0, S.CREATED, None)
            return finish()
        unit = self.unit_for(c, plan.item.cat)
        t1 = _within(rng, _plus(t0, rng.uniform(0.1, 3.0)), 8.0, 20.0, 1.5)
        evs.append(
            _Ev(A.DISPATCH, S.CREATED, S.DISPATCHED, t1, unit, coordinator, f"派至{self.units[unit].short}")
        )
        if rng.chance(0.05):
            other = rng.choice([u.idx for u in self.units if u.idx != unit])
            t1 = _within(rng, _plus(t1, rng.uniform(1, 20)), 8.0, 20.0, 1.5)
            evs.append(
                _Ev(
                    A.REDISPATCH,
                    S.DISPATCHED,
                    S.DISPATCHED,
                    t1,
                    other,
                    coordinator,
                    f"{self.units[unit].short}反馈不属职责范围，改派{self.units[other].short}",
                )
            )
            unit = other
        if stage is S.DISPATCHED:
            close(t1, S.DISPATCHED, unit)
            return finish()
        u = self.units[unit]
        handler = self.cadres[rng.choice(u.cadres)].name if u.cadres else u.short
        # Response: first contact within 24 h for ~92 %; the rest between 24 and 72 hours.
        if rng.chance(0.075):
            fc = _within(rng, _plus(t1, rng.uniform(24.5, 66)), 7.5, 21.5)
            if fc - t1 > timedelta(hours=72):
                fc = _plus(t1, rng.uniform(60, 71.5))
        else:
            quick = {Urgency.CRITICAL: 1.0, Urgency.URGENT: 2.5, Urgency.NORMAL: 5.0}[plan.urgency]
            fc = _plus(t1, 0.5)
            for _ in range(6):
                candidate = _within(
                    rng, _plus(t1, min(23.0, rng.lognormvariate(math.log(quick), 0.8))), 7.5, 21.5
                )
                if candidate - t1 <= timedelta(hours=23.5):
                    fc = candidate
                    break
        acc = t1 + (fc - t1) * rng.uniform(0.1, 0.7)
        acc = acc.replace(microsecond=0)
        evs.append(_Ev(A.ACCEPT, S.DISPATCHED, S.ACCEPTED, acc, unit, handler))
        if stage is S.ACCEPTED:
            close(acc, S.ACCEPTED, unit)
            return finish()
        who = self.residents[plan.resident].name if plan.resident is not None else "诉求人"
        evs.append(
            _Ev(
                A.FIRST_CONTACT,
                S.ACCEPTED,
                S.IN_PROGRESS,
                fc,
                unit,
                handler,
                f"已电话联系{who}，约定上门时间",
            )
        )
        if stage is S.IN_PROGRESS:
            close(fc, S.IN_PROGRESS, unit)
            return finish()

        def resolve_after(t: datetime) -> datetime:
            days = {
                Urgency.CRITICAL: rng.uniform(0.1, 1.5),
                Urgency.URGENT: rng.uniform(0.3, 4.0),
                Urgency.NORMAL: min(30.0, max(0.2, rng.lognormvariate(math.log(4.0), 0.8))),
            }[plan.urgency]
            at = _within(rng, _plus(t, days * 24), 8.5, 18.0)
            evs.append(
                _Ev(A.RESOLVE, S.IN_PROGRESS, S.RESOLVED, at, unit, handler, rng.choice(_RESOLUTION_NOTES))
            )
            return at

        resolved = resolve_after(fc)
        for round_no in range(2):
            if rng.chance(0.025):  # the resident calls back before any evaluation: not fixed after all
                again = _within(rng, _plus(resolved, rng.uniform(12, 120)), 8.5, 18.0)
                evs.append(
                    _Ev(A.REOPEN, S.RESOLVED, S.IN_PROGRESS, again, unit, coordinator, "居民反映问题仍未解决")
                )
                resolved = resolve_after(again)
                continue
            if not rng.chance(0.85):
                break  # never evaluated (the form did not come back)
            at = _within(rng, _plus(resolved, rng.uniform(12, 288)), 9.0, 17.5)
            satisfaction = self.satisfaction(rng)
            if round_no == 1 and not satisfaction.counts_as_satisfied and rng.chance(0.6):
                satisfaction = Satisfaction.SATISFIED
            if satisfaction.counts_as_satisfied:
                good = satisfaction is not Satisfaction.BASICALLY_SATISFIED
                resolution = rng.choices(tuple(Resolution), weights=(98, 2, 0) if good else (75, 25, 0))[0]
                comment = rng.choice(_EVAL_COMMENTS_GOOD)
            else:
                resolution = rng.choices(tuple(Resolution), weights=(0, 40, 60))[0]
                comment = rng.choice(_EVAL_COMMENTS_BAD)
            source = rng.choices(tuple(EvaluationSource)[:3], weights=(70, 20, 10))[0]
            evs.append(
                _Ev(
                    A.EVALUATE,
                    S.RESOLVED,
                    S.EVALUATED,
                    at,
                    unit,
                    coordinator,
                    "",
                    (satisfaction, resolution, source, comment),
                )
            )
            if round_no == 0 and resolution is not Resolution.RESOLVED and rng.chance(0.5):
                again = _within(rng, _plus(at, rng.uniform(4, 72)), 8.5, 18.0)
                evs.append(
                    _Ev(
                        A.REOPEN,
                        S.EVALUATED,
                        S.IN_PROGRESS,
                        again,
                        unit,
                        coordinator,
                        "测评为未解决，重新办理",
                    )
                )
                resolved = resolve_after(again)
                continue
            break
        return finish()

    def write_order(self, rng: _Rng, plan: _OrderPlan, code: str, demands: list[_DemandPlan]) -> None:
        c = self.comms[plan.comm]
        order_id = rng.uid()
        cols: Row = {
            "dispatched_at": None,
            "accepted_at": None,
            "first_contact_at": None,
            "resolved_at": None,
            "evaluated_at": None,
            "closed_at": None,
            "closed_reason": "",
            "resolution_note": "",
            "reopen_count": 0,
        }
        unit: int | None = None
        for e in plan.events:
            if e.action is OrderAction.DISPATCH:
                cols["dispatched_at"], unit = e.at, e.unit
            elif e.action is OrderAction.REDISPATCH:
                unit = e.unit  # the response clock runs from the first dispatch (WorkOrderService.redispatch)
            elif e.action is OrderAction.ACCEPT:
                cols["accepted_at"] = e.at
            elif e.action is OrderAction.FIRST_CONTACT:
                cols["first_contact_at"] = e.at
            elif e.action is OrderAction.RESOLVE:
                cols["resolved_at"], cols["resolution_note"] = e.at, e.note
            elif e.action is OrderAction.EVALUATE:
                cols["evaluated_at"] = e.at
            elif e.action is OrderAction.REOPEN:
                cols["reopen_count"] += 1
                cols["resolved_at"] = cols["evaluated_at"] = None
            elif e.action in (OrderAction.WITHDRAW, OrderAction.INVALIDATE):
                cols["closed_at"], cols["closed_reason"] = e.at, e.note
        r = self.residents[plan.resident] if plan.resident is not None else None
        requester = r.name if r else rng.choice(c.workers)
        self.writer.add(
            WorkOrder,
            {
                "id": order_id,
                "created_at": plan.ordered_at,
                "updated_at": plan.events[-1].at,
                "township_id": self.township_id,
                "community_id": c.id,
                "code": code,
                "demand_id": demands[plan.demand].id if plan.demand is not None else None,
                "resident_id": r.id if r else None,
                "requester_name": requester,
                "requester_phone": (r.phone if r else "") or rng.phone(),
                "category_id": plan.item.cat_id,
                "title": plan.title[:100],
                "description": f"{requester}（{c.name}）反映：{plan.title}。",
                "urgency": plan.urgency,
                "unit_id": self.units[unit].id if unit is not None else None,
                "status": plan.status,
                "response_limit_hours": 24,
                "ordered_at": plan.ordered_at,
                **cols,
            },
        )
        for e in plan.events:
            self.writer.add(
                WorkOrderEvent,
                {
                    "id": rng.uid(),
                    "created_at": e.at,
                    "township_id": self.township_id,
                    "order_id": order_id,
                    "action": e.action,
                    "from_status": e.frm,
                    "to_status": e.to,
                    "at": e.at,
                    "unit_id": self.units[e.unit].id if e.unit is not None else None,
                    "actor": e.actor,
                    "note": e.note,
                },
            )
            if e.evaluation is not None:
                satisfaction, resolution, source, comment = e.evaluation
                self.writer.add(
                    Evaluation,
                    {
                        "id": rng.uid(),
                        "created_at": e.at,
                        "township_id": self.township_id,
                        "community_id": c.id,
                        "work_order_id": order_id,
                        "activity_id": None,
                        "resident_id": r.id if r else None,
                        "satisfaction": satisfaction,
                        "resolution": resolution,
                        "comment": comment,
                        "source": source,
                        "form_version": "MYD-2026",
                        "evaluated_at": e.at,
                    },
                )

    # -- 6. the resource pool --------------------------------------------------------------------------------
    def build_resources(self) -> None:
        rng = self.rng("resources")
        units = {u.short: u for u in self.units}
        by_name = {c.name: c for c in self.comms}
        horizon = self.as_of + timedelta(days=21)
        for owner, kind, name, quantity, location, description in _OFFERS:
            unit = units[owner] if owner else None
            home = next((c for n, c in by_name.items() if name.startswith(n)), None)
            offer_id = rng.uid()
            self.writer.add(
                ResourceOffer,
                {
                    **self.base(rng, _at(self.window_start, 10)),
                    "id": offer_id,
                    "township_id": self.township_id,
                    "unit_id": unit.id if unit else None,
                    "community_id": home.id if home else None,
                    "kind": kind,
                    "name": name,
                    "description": description,
                    "quantity": quantity,
                    "location": location,
                    "available_from": self.window_start,
                    "available_until": None,
                    "active": True,
                },
            )
            loan = kind is not ResourceKind.SPACE
            mean_gap_days = (5.0 if loan else 2.5) / self.scale
            cursor = _at(self.window_start, 8)
            while True:
                start = _plus(cursor, max(0.5, rng.expovariate(1 / mean_gap_days)) * 24)
                start = _within(rng, start, 8.0, 17.0 if loan else 19.5, 1.0)
                if start > horizon:
                    break
                if loan:
                    duration = rng.uniform(20, 44) if kind is ResourceKind.VEHICLE else rng.uniform(1, 7) * 24
                else:
                    duration = rng.choice((2.0, 2.5, 3.0, 4.0))
                end = _plus(start, duration)
                borrower_comm = (
                    rng.choice(unit.communities)
                    if unit and unit.communities and rng.chance(0.7)
                    else (rng.randrange(len(self.comms)))
                )
                bc = self.comms[borrower_comm]
                row: Row = {
                    "township_id": self.township_id,
                    "offer_id": offer_id,
                    "community_id": bc.id,
                    "kind": BookingKind.LOAN if loan else BookingKind.BOOKING,
                    "borrower": f"{bc.name} {rng.choice(bc.workers)}",
                    "contact_phone": rng.phone(),
                    "purpose": rng.choice(
                        (
                            "居民会议",
                            "文艺演出",
                            "健康义诊",
                            "老人体检接送",
                            "应急演练",
                            "技能培训",
                            "志愿服务活动",
                            "节庆活动",
                        )
                    ),
                    "quantity": rng.randint(1, quantity),
                    "starts_at": start,
                    "ends_at": end,
                    "lent_at": None,
                    "returned_at": None,
                    "note": "",
                }
                booked_at = _plus(start, -rng.uniform(24, 240))
                stop = False
                if rng.chance(0.05):
                    row["status"], changed = BookingStatus.CANCELLED, _plus(booked_at, rng.uniform(2, 48))
                    row["note"] = "活动取消"
                elif start >= self.as_of:
                    row["status"], changed = BookingStatus.BOOKED, booked_at
                elif not loan:
                    if end <= self.as_of:
                        row["status"], row["returned_at"], changed = BookingStatus.RETURNED, end, end
                    else:
                        row["status"], changed = BookingStatus.BOOKED, booked_at
                    cursor = end
                else:
                    row["lent_at"] = _plus(start, rng.uniform(0, 1))
                    late = rng.chance(0.15)
                    back = _plus(
                        end, rng.uniform(4, 96) if late else -rng.uniform(0, min(12.0, duration / 2))
                    )
                    back = _within(rng, back, 8.0, 18.0)
                    overdue = end <= self.as_of and end > self.as_of - timedelta(days=30) and rng.chance(0.3)
                    if back > self.as_of or overdue:
                        row["status"], changed = BookingStatus.ON_LOAN, row["lent_at"]
                        row["note"] = "已逾期，已电话催还" if end < self.as_of else ""
                        stop = True  # the item is out: nothing else can be booked until it comes back
                    else:
                        row["status"], row["returned_at"], changed = BookingStatus.RETURNED, back, back
                        row["note"] = "逾期归还" if back > end else ""
                        cursor = back
                if row["status"] in (BookingStatus.CANCELLED, BookingStatus.BOOKED):
                    cursor = max(cursor, end)
                self.writer.add(Booking, {**self.base(rng, booked_at, changed), **row})
                if stop:
                    break

    # -- 7. cadre days, training hours, funds, service plans -------------------------------------------------
    def build_workforce(self) -> None:
        rng = self.rng("workforce")
        workdays = [d for d in self.days if d.weekday() < 5]
        tasks = (
            "入户走访",
            "参加供需对接会",
            "协调道路维修",
            "政策宣讲",
            "跟进工单办理",
            "参加居民会议",
            "特殊群体探访",
            "矛盾纠纷调解",
            "指导社区台账整理",
        )
        for cadre in self.cadres:
            if cadre.kind is not CadreKind.FULL_TIME:
                continue
            c = self.comms[cadre.comm]
            per_year = rng.uniform(8, 28) if rng.chance(0.15) else rng.uniform(40, 70)
            for day in workdays:
                if rng.chance(per_year / 250):
                    half = rng.chance(0.15)
                    self.writer.add(
                        CadreDay,
                        {
                            **self.base(rng, _at(day, 17.5)),
                            "township_id": self.township_id,
                            "cadre_id": cadre.id,
                            "community_id": c.id,
                            "day": day,
                            "kind": CadreDayKind.HALF if half else CadreDayKind.FULL,
                            "work": rng.choice(tasks),
                        },
                    )
        trainees: list[tuple[uuid.UUID | None, _Comm, str]] = [
            (cadre.id, self.comms[cadre.comm], cadre.name)
            for cadre in self.cadres
            if cadre.kind is CadreKind.FULL_TIME
        ]
        trainees += [(None, c, name) for c in self.comms for name in c.workers]
        fraction = len(self.days) / 365
        for cadre_id, c, name in trainees:
            goal = (rng.uniform(15, 36) if rng.chance(0.15) else rng.uniform(40, 64)) * fraction
            hours = Decimal(0)
            while hours < Decimal(str(round(goal, 1))) and self.days:
                title, organiser = rng.choice(_TRAININGS_WORKER)
                day = rng.choice(workdays or self.days)
                h = rng.hours(2, 8)
                hours += h
                self.writer.add(
                    TrainingRecord,
                    {
                        **self.base(rng, _at(day, 17)),
                        "township_id": self.township_id,
                        "cadre_id": cadre_id,
                        "community_id": c.id,
                        "trainee_name": name,
                        "training_date": day,
                        "title": title,
                        "hours": h,
                        "organiser": organiser,
                    },
                )
        self.report(0.5)
        years = sorted({d.year for d in self.days})
        for year in years:
            year_days = [d for d in self.days if d.year == year]
            for c in self.comms:
                vouchers = (f"PZ{year}-{c.code[-3:]}-{n:03d}" for n in range(1, 1000))
                first = year_days[0]
                base_amount = Decimal(c.population * rng.randint(20, 28))
                allocations: list[tuple[date, Decimal, int | None, str]] = [
                    (first, base_amount * Decimal("0.6"), None, "专项经费第一批拨付"),
                    (first + timedelta(days=180), base_amount * Decimal("0.4"), None, "专项经费第二批拨付"),
                ]
                for ui in c.units:
                    allocations.append(
                        (
                            first + timedelta(days=rng.randint(10, 120)),
                            Decimal(rng.choice((10000, 20000, 30000, 50000))),
                            ui,
                            "联点单位共建资金",
                        )
                    )
                granted = Decimal(0)
                for day, amount, giver, purpose in allocations:
                    if day > self.last_day:
                        continue
                    granted += amount
                    self.writer.add(
                        FundEntry,
                        {
                            **self.base(rng, _at(day, 10)),
                            "township_id": self.township_id,
                            "community_id": c.id,
                            "unit_id": self.units[giver].id if giver is not None else None,
                            "year": year,
                            "kind": FundKind.ALLOCATION,
                            "amount": amount.quantize(Decimal("0.01")),
                            "entry_date": day,
                            "purpose": purpose,
                            "voucher_no": next(vouchers),
                        },
                    )
                use = rng.uniform(0.6, 0.84) if rng.chance(0.2) else rng.uniform(0.86, 0.98)
                budget = int(granted * Decimal(str(round(use, 3))) * 100)  # in fen
                n = rng.randint(8, 20)
                cuts = sorted(rng.randint(1, budget - 1) for _ in range(n - 1)) if budget > n else []
                parts = [b - a for a, b in zip([0, *cuts], [*cuts, budget], strict=True)]
                for fen in parts:
                    if fen <= 0:
                        continue
                    day = rng.choice(year_days)
                    _cat, purpose = rng.choice(_EXPENSES)
                    self.writer.add(
                        FundEntry,
                        {
                            **self.base(rng, _at(day, 15)),
                            "township_id": self.township_id,
                            "community_id": c.id,
                            "unit_id": None,
                            "year": year,
                            "kind": FundKind.EXPENSE,
                            "amount": Decimal(fen) / 100,
                            "entry_date": day,
                            "purpose": purpose,
                            "voucher_no": next(vouchers),
                        },
                    )
                # 一社区一方案: the 12 standard services plus one or two of the community's own.
                for code, s_name, _, frequency, times, _, _, _ in STANDARD_SERVICES:
                    self.writer.add(
                        CommunityServicePlan,
                        {
                            **self.base(rng, _at(first, 9)),
                            "township_id": self.township_id,
                            "community_id": c.id,
                            "service_id": self.services[code],
                            "year": year,
                            "title": s_name,
                            "frequency": frequency,
                            "times_per_period": times,
                            "note": "",
                        },
                    )
                for title, _cat in rng.sample(_OWN_PLANS, rng.randint(1, 2)):
                    self.writer.add(
                        CommunityServicePlan,
                        {
                            **self.base(rng, _at(first, 9)),
                            "township_id": self.township_id,
                            "community_id": c.id,
                            "service_id": None,
                            "year": year,
                            "title": f"{c.name}{title}",
                            "frequency": rng.choice((Frequency.MONTHLY, Frequency.QUARTERLY)),
                            "times_per_period": 1,
                            "note": "一社区一方案特色项目",
                        },
                    )
        self.report(1.0)
