"""What every screen is handed: the open ledger's services, the task runner, the township, and small lookup
tables (community and unit names) for showing ids as names.

Passed explicitly to each screen (no global registry: qutebrowser #640). Screens call services through
``ctx.tasks``; none of them holds a session or builds a query.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any

from liandian_desktop.gui.qt import QObject, Signal, translate
from liandian_desktop.gui.syncstatus import SyncState
from liandian_desktop.gui.tasks import TaskManager
from liandian_desktop.ledger.catalogue import DEMAND_CATEGORIES, reference_id
from liandian_desktop.ledger.models import Community, PairedUnit, Township, utcnow
from liandian_desktop.ledger.services.base import ListQuery
from liandian_desktop.settings import Paths, Settings
from liandian_desktop.store.engine import Store

if TYPE_CHECKING:  # the service modules load when a screen first asks for one (start-up time)
    from liandian_desktop.ledger.services.activities import ActivityService, EvaluationService
    from liandian_desktop.ledger.services.lists import DemandService, MatchService, SupplyService
    from liandian_desktop.ledger.services.orders import WorkOrderService
    from liandian_desktop.ledger.services.org import (
        CadreService,
        DivisionService,
        PairingService,
        UnitService,
    )
    from liandian_desktop.ledger.services.people import ResidentService
    from liandian_desktop.ledger.services.resources import BookingService, ResourceService
    from liandian_desktop.ledger.services.volunteers import VolunteerService
    from liandian_desktop.ledger.services.workforce import CadreDayService, FundService, TrainingService


@dataclass
class Lookups:
    """Names for the ids that lists show: small tables, loaded once and refreshed after org edits."""

    township: Township | None = None
    communities: dict[uuid.UUID, Community] = field(default_factory=dict)  # by code
    units: dict[uuid.UUID, PairedUnit] = field(default_factory=dict)  # by name
    categories: dict[uuid.UUID, str] = field(
        default_factory=lambda: {reference_id("category", code): name for code, name, _ in DEMAND_CATEGORIES}
    )

    def community_name(self, community_id: uuid.UUID | None) -> str:
        community = self.communities.get(community_id) if community_id is not None else None
        return community.name if community is not None else ""

    def unit_name(self, unit_id: uuid.UUID | None) -> str:
        unit = self.units.get(unit_id) if unit_id is not None else None
        if unit is None:
            return ""
        return unit.short_name or unit.name

    def community_choices(self) -> list[tuple[uuid.UUID, str]]:
        return [(c.id, c.name) for c in self.communities.values()]

    def unit_choices(self) -> list[tuple[uuid.UUID, str]]:
        return [(u.id, u.name) for u in self.units.values()]

    def category_choices(self) -> list[tuple[uuid.UUID, str]]:
        return list(self.categories.items())


def load_lookups(divisions: DivisionService, units: UnitService) -> Lookups:
    """Read the township (the ledger serves one), its communities and the county's units."""
    townships = divisions.townships.list(ListQuery(sort="code", limit=1)).rows
    township = townships[0] if townships else None
    lookups = Lookups(township=township)
    if township is not None:
        lookups.communities = {c.id: c for c in divisions.communities_of(township.id)}
        all_units = units.list(ListQuery(sort="name", limit=None)).rows
        lookups.units = {u.id: u for u in all_units if u.county_id == township.county_id}
    return lookups


class AppContext(QObject):
    """The open ledger as the screens see it."""

    ready = Signal()  # the township and lookups are loaded (again)
    data_changed = Signal(str)  # a write went through; the argument names the kind of record
    navigate_requested = Signal(str, object)  # page key, record id (or None)
    # message, restore: () -> record (runs on the writer thread), on_restored: (record) -> None
    undo_offered = Signal(str, object, object)
    message = Signal(str)  # a short note for the status bar
    sync_state_changed = Signal(object)  # SyncState: records not yet synced, last sync

    def __init__(self, store: Store, paths: Paths, settings: Settings, tasks: TaskManager) -> None:
        super().__init__()
        self.store = store
        self.paths = paths
        self.settings = settings
        self.tasks = tasks
        self.lookups = Lookups()
        self.loaded = False
        self.clock: Callable[[], datetime] = utcnow  # tests may pin "now"
        self.sync_state: SyncState | None = None

    # -- services (one instance each; they hold nothing but the store) ----------------------------
    @cached_property
    def orders(self) -> WorkOrderService:
        from liandian_desktop.ledger.services.orders import WorkOrderService

        return WorkOrderService(self.store)

    @cached_property
    def divisions(self) -> DivisionService:
        from liandian_desktop.ledger.services.org import DivisionService

        return DivisionService(self.store)

    @cached_property
    def units(self) -> UnitService:
        from liandian_desktop.ledger.services.org import UnitService

        return UnitService(self.store)

    @cached_property
    def pairings(self) -> PairingService:
        from liandian_desktop.ledger.services.org import PairingService

        return PairingService(self.store)

    @cached_property
    def cadres(self) -> CadreService:
        from liandian_desktop.ledger.services.org import CadreService

        return CadreService(self.store)

    @cached_property
    def residents(self) -> ResidentService:
        from liandian_desktop.ledger.services.people import ResidentService

        return ResidentService(self.store)

    @cached_property
    def resources(self) -> ResourceService:
        from liandian_desktop.ledger.services.resources import ResourceService

        return ResourceService(self.store)

    @cached_property
    def bookings(self) -> BookingService:
        from liandian_desktop.ledger.services.resources import BookingService

        return BookingService(self.store)

    @cached_property
    def volunteers(self) -> VolunteerService:
        from liandian_desktop.ledger.services.volunteers import VolunteerService

        return VolunteerService(self.store)

    @cached_property
    def activities(self) -> ActivityService:
        from liandian_desktop.ledger.services.activities import ActivityService

        return ActivityService(self.store)

    @cached_property
    def evaluations(self) -> EvaluationService:
        from liandian_desktop.ledger.services.activities import EvaluationService

        return EvaluationService(self.store)

    @cached_property
    def demands(self) -> DemandService:
        from liandian_desktop.ledger.services.lists import DemandService

        return DemandService(self.store)

    @cached_property
    def supplies(self) -> SupplyService:
        from liandian_desktop.ledger.services.lists import SupplyService

        return SupplyService(self.store)

    @cached_property
    def matches(self) -> MatchService:
        from liandian_desktop.ledger.services.lists import MatchService

        return MatchService(self.store)

    @cached_property
    def training(self) -> TrainingService:
        from liandian_desktop.ledger.services.workforce import TrainingService

        return TrainingService(self.store)

    @cached_property
    def cadre_days(self) -> CadreDayService:
        from liandian_desktop.ledger.services.workforce import CadreDayService

        return CadreDayService(self.store)

    @cached_property
    def funds(self) -> FundService:
        from liandian_desktop.ledger.services.workforce import FundService

        return FundService(self.store)

    # -- the township ------------------------------------------------------------------------------
    @property
    def township(self) -> Township | None:
        return self.lookups.township

    @property
    def township_id(self) -> uuid.UUID:
        """The township every new record belongs to. Screens only offer 新建 once it exists."""
        if self.lookups.township is None:
            from liandian_desktop.ledger.errors import ValidationError

            raise ValidationError(
                "township_id", translate("AppContext", "台账中尚未建立乡镇（街道），请先建立或同步区划")
            )
        return self.lookups.township.id

    def reload_lookups(self, on_done: Callable[[], None] | None = None) -> None:
        divisions, units = self.divisions, self.units

        def done(lookups: Lookups) -> None:
            self.lookups = lookups
            self.loaded = True
            self.ready.emit()
            if on_done is not None:
                on_done()

        self.tasks.read(lambda: load_lookups(divisions, units), done, name="load_lookups")

    # -- helpers for screens -----------------------------------------------------------------------
    def now(self) -> datetime:
        return self.clock()

    def actor(self) -> str:
        return self.settings.operator_name

    def set_sync_state(self, state: SyncState) -> None:
        self.sync_state = state
        self.sync_state_changed.emit(state)

    def changed(self, kind: str) -> None:
        self.data_changed.emit(kind)

    def offer_undo(self, text: str, restore: Callable[[], Any], on_restored: Callable[[Any], None]) -> None:
        """Let the status bar offer 撤销 for a while; ``restore`` runs on the writer thread."""
        self.undo_offered.emit(text, restore, on_restored)

    def navigate(self, page: str, record_id: uuid.UUID | None = None) -> None:
        self.navigate_requested.emit(page, record_id)
