"""Where the ledger lives on disk: engine and sessions, migrations, backups."""
