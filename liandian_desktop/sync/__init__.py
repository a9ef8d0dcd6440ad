"""Offline-first sync with the county server (client side). The wire format is shared with ``county``."""
