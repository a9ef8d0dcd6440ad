"""Helpers for the paper tests: a demo ledger with the people paper must cope with, and PDF inspection."""
