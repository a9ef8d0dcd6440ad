"""The ledger's tables. Import from here: ``from liandian_desktop.ledger.models import WorkOrder``."""

from liandian_desktop.ledger.models.activities import Activity, Attendance, Evaluation
from liandian_desktop.ledger.models.assessment import AssessmentResult, ConfigEntry, InnovationScore
from liandian_desktop.ledger.models.audit import PersonalDataLog
from liandian_desktop.ledger.models.base import Base, FixedDecimal, Synced, UTCDateTime, utcnow
from liandian_desktop.ledger.models.catalogue import (
    CommunityServicePlan,
    DemandCategory,
    DemandItem,
    PointsRule,
    StandardService,
)
from liandian_desktop.ledger.models.enums import *  # noqa: F403
from liandian_desktop.ledger.models.lists import Demand, Match, Supply
from liandian_desktop.ledger.models.meta import LedgerMeta
from liandian_desktop.ledger.models.orders import WorkOrder, WorkOrderEvent
from liandian_desktop.ledger.models.org import Cadre, Community, County, PairedUnit, Pairing, Township
from liandian_desktop.ledger.models.people import Resident
from liandian_desktop.ledger.models.resources import Booking, ResourceOffer
from liandian_desktop.ledger.models.sync import (
    ChangeLogEntry,
    FormTemplate,
    SyncConflict,
    SyncIssue,
    SyncState,
    UnknownFields,
)
from liandian_desktop.ledger.models.volunteers import (
    PointsEntry,
    Volunteer,
    VolunteerAward,
    VolunteerServiceRecord,
    VolunteerTraining,
)
from liandian_desktop.ledger.models.workforce import CadreDay, FundEntry, TrainingRecord

SYNCED_MODELS: tuple[type[Synced], ...] = tuple(
    m.class_ for m in Base.registry.mappers if issubclass(m.class_, Synced)
)

__all__ = [
    "SYNCED_MODELS",
    "Activity",
    "AssessmentResult",
    "Attendance",
    "Base",
    "Booking",
    "Cadre",
    "CadreDay",
    "ChangeLogEntry",
    "Community",
    "CommunityServicePlan",
    "ConfigEntry",
    "County",
    "Demand",
    "DemandCategory",
    "DemandItem",
    "Evaluation",
    "FixedDecimal",
    "FormTemplate",
    "FundEntry",
    "InnovationScore",
    "LedgerMeta",
    "Match",
    "PairedUnit",
    "Pairing",
    "PersonalDataLog",
    "PointsEntry",
    "PointsRule",
    "Resident",
    "ResourceOffer",
    "StandardService",
    "Supply",
    "SyncConflict",
    "SyncIssue",
    "SyncState",
    "Synced",
    "Township",
    "TrainingRecord",
    "UTCDateTime",
    "UnknownFields",
    "Volunteer",
    "VolunteerAward",
    "VolunteerServiceRecord",
    "VolunteerTraining",
    "WorkOrder",
    "WorkOrderEvent",
    "utcnow",
]
