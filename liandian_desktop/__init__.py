"""LianDian Desktop (联点共建桌面端).

Package map (dependencies point downwards only):

- ``ledger``  the domain: models, validation, services. No Qt, no network.
- ``store``   the SQLite/PostgreSQL engine, Alembic migrations, backups.
- ``demo``    the deterministic demo township.
- ``sync``    the offline-first sync client (wire format shared with ``county``).
- ``paper``   printable forms and PDFs (ReportLab). No Qt.
- ``county``  the county server.
- ``gui``     the PySide6 desktop app: the only package that imports Qt.
"""

__version__ = "0.1.0"
