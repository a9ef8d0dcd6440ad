"""One importer per kind: from a row's values to the service that checks and writes them."""

from __future__ import annotations

from liandian_desktop.excel.columns import ImportKind
from liandian_desktop.excel.importers.base import Importer, References
from liandian_desktop.excel.importers.lists import DemandImporter, SupplyImporter
from liandian_desktop.excel.importers.org import CadreImporter, UnitImporter
from liandian_desktop.excel.importers.people import ResidentImporter, VolunteerImporter
from liandian_desktop.excel.importers.sheets import AttendanceImporter, InvitationImporter
from liandian_desktop.excel.plan import ImportOptions
from liandian_desktop.store.engine import Store

IMPORTERS: dict[ImportKind, type[Importer]] = {
    cls.kind: cls
    for cls in (
        ResidentImporter,
        VolunteerImporter,
        UnitImporter,
        CadreImporter,
        DemandImporter,
        SupplyImporter,
        InvitationImporter,
        AttendanceImporter,
    )
}


def importer_for(store: Store, kind: ImportKind, options: ImportOptions) -> Importer:
    return IMPORTERS[kind](store, options)


__all__ = ["IMPORTERS", "Importer", "References", "importer_for"]
