"""The county server: receives every township's ledger and publishes county reference data."""
