"""Closed vocabularies of the ledger. Values are stable English codes (stored, synced);
``label`` is the Chinese text users see (the GUI may translate it further)."""

from __future__ import annotations

from enum import StrEnum


class Labelled(StrEnum):
    """A StrEnum whose members carry a Chinese label: ``MEMBER = "code", "标签"``."""

    _label_: str

    def __new__(cls, value: str, label: str = "") -> Labelled:
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj._label_ = label or value
        return obj

    @property
    def label(self) -> str:
        return self._label_

    @classmethod
    def from_label(cls, text: str) -> Labelled:
        for member in cls:
            if text in (member.value, member.label):
                return member
        raise ValueError(text)


class CommunityKind(Labelled):
    VILLAGE = "village", "村"
    COMMUNITY = "community", "社区"


class UnitKind(Labelled):
    PARTY_GOVERNMENT = "party_government", "党政机关"
    PUBLIC_INSTITUTION = "public_institution", "事业单位"
    STATE_ENTERPRISE = "state_enterprise", "国有企业"
    PEOPLES_ORGANISATION = "peoples_organisation", "群团组织"
    SOCIAL_ORGANISATION = "social_organisation", "社会组织"
    OTHER = "other", "其他"


class CadreKind(Labelled):
    FULL_TIME = "full_time", "专职联点干部"
    ADVISOR = "advisor", "兼职顾问"


class Gender(Labelled):
    MALE = "male", "男"
    FEMALE = "female", "女"


class SpecialGroup(Labelled):
    """Special-group flags on a resident (stored as a sorted comma-separated list of codes)."""

    ELDERLY = "elderly", "老年人"
    ELDERLY_80 = "elderly_80", "高龄老人"
    LIVING_ALONE = "living_alone", "独居老人"
    DISABLED = "disabled", "残疾人"
    DIBAO = "dibao", "低保"
    TEKUN = "tekun", "特困"
    LEFT_BEHIND_CHILD = "left_behind_child", "留守儿童"
    CHILD_IN_DIFFICULTY = "child_in_difficulty", "困境儿童"
    ENTITLED = "entitled", "优抚对象"


class Urgency(Labelled):
    NORMAL = "normal", "一般"
    URGENT = "urgent", "较急"
    CRITICAL = "critical", "紧急"


class DemandSource(Labelled):
    COMMUNITY = "community", "社区提出"
    RESIDENT = "resident", "居民点单"


class DemandStatus(Labelled):
    OPEN = "open", "待对接"
    MATCHED = "matched", "已对接"
    ORDERED = "ordered", "已转工单"
    CLOSED = "closed", "已完成"
    CANCELLED = "cancelled", "已取消"


class SupplyKind(Labelled):
    FUNDS = "funds", "资金"
    TALENT = "talent", "人才"
    PROJECT = "project", "项目"
    GOODS = "goods", "物资/设备"
    SPACE = "space", "场地"

    @property
    def capacity_unit(self) -> str:
        return {"funds": "元", "talent": "人·天", "project": "个", "goods": "件", "space": "场次"}[self.value]


class MatchStatus(Labelled):
    PROPOSED = "proposed", "建议"
    CONFIRMED = "confirmed", "已确认"
    REJECTED = "rejected", "已否决"


class OrderStatus(Labelled):
    CREATED = "created", "待派单"
    DISPATCHED = "dispatched", "已派单"
    ACCEPTED = "accepted", "已接单"
    IN_PROGRESS = "in_progress", "办理中"
    RESOLVED = "resolved", "已办结"
    EVALUATED = "evaluated", "已评单"
    WITHDRAWN = "withdrawn", "已撤回"
    INVALID = "invalid", "无效"


class OrderAction(Labelled):
    CREATE = "create", "点单"
    DISPATCH = "dispatch", "派单"
    REDISPATCH = "redispatch", "改派"
    ACCEPT = "accept", "接单"
    FIRST_CONTACT = "first_contact", "首次联系"
    RESOLVE = "resolve", "办结"
    EVALUATE = "evaluate", "评单"
    REOPEN = "reopen", "重新办理"
    WITHDRAW = "withdraw", "撤回"
    INVALIDATE = "invalidate", "作废"


class Frequency(Labelled):
    DAILY = "daily", "每天"
    SCHOOL_DAY = "school_day", "每上学日"
    WEEKLY = "weekly", "每周"
    MONTHLY = "monthly", "每月"
    QUARTERLY = "quarterly", "每季度"
    YEARLY = "yearly", "每年"
    ON_DEMAND = "on_demand", "按需"


class ActivityKind(Labelled):
    SERVICE = "service", "服务活动"
    VISIT = "visit", "走访"
    MEETING = "meeting", "居民会议"
    MATCHING_MEETING = "matching_meeting", "供需对接会"
    VOLUNTEER = "volunteer", "志愿服务"
    TRAINING = "training", "培训"


class AttendanceStatus(Labelled):
    INVITED = "invited", "已邀请"
    PRESENT = "present", "已签到"
    ABSENT = "absent", "缺席"
    WALK_IN = "walk_in", "现场加入"


class Satisfaction(Labelled):
    VERY_SATISFIED = "very_satisfied", "非常满意"
    SATISFIED = "satisfied", "满意"
    BASICALLY_SATISFIED = "basically_satisfied", "基本满意"
    DISSATISFIED = "dissatisfied", "不满意"
    VERY_DISSATISFIED = "very_dissatisfied", "非常不满意"

    @property
    def counts_as_satisfied(self) -> bool:
        return self in (Satisfaction.VERY_SATISFIED, Satisfaction.SATISFIED, Satisfaction.BASICALLY_SATISFIED)


class Resolution(Labelled):
    RESOLVED = "resolved", "已解决"
    PARTLY = "partly", "部分解决"
    UNRESOLVED = "unresolved", "未解决"


class EvaluationSource(Labelled):
    PAPER = "paper", "纸质测评表"
    PHONE = "phone", "电话回访"
    IN_PERSON = "in_person", "当面评价"
    THIRD_PARTY = "third_party", "第三方测评"


class ResourceKind(Labelled):
    SPACE = "space", "场地"
    EQUIPMENT = "equipment", "设备"
    VEHICLE = "vehicle", "车辆"
    GOODS = "goods", "物资"


class BookingKind(Labelled):
    BOOKING = "booking", "预约使用"
    LOAN = "loan", "借用"


class BookingStatus(Labelled):
    BOOKED = "booked", "已预约"
    ON_LOAN = "on_loan", "借出中"
    RETURNED = "returned", "已归还"
    CANCELLED = "cancelled", "已取消"


class VolunteerStatus(Labelled):
    ACTIVE = "active", "在册"
    SUSPENDED = "suspended", "暂停"
    LEFT = "left", "已注销"


class PointsKind(Labelled):
    EARN = "earn", "服务积分"
    REDEEM = "redeem", "积分兑换"
    ADJUST = "adjust", "积分调整"


class CadreDayKind(Labelled):
    FULL = "full", "全天"
    HALF = "half", "半天"


class FundKind(Labelled):
    ALLOCATION = "allocation", "拨付"
    EXPENSE = "expense", "支出"
