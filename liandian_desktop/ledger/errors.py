"""Errors the ledger raises.

Messages are Chinese, for the user; ``field`` lets a form put the message next to the input.
"""

from __future__ import annotations


class LedgerError(Exception):
    """Base of every error the ledger reports to a user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationError(LedgerError):
    """Input that cannot be stored: ``field`` names the attribute (English), ``message`` says why."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class NotFoundError(LedgerError):
    """A record that does not exist or was deleted."""


class TransitionError(LedgerError):
    """A work-order (or booking) state change that the rules do not allow."""


class ConflictError(LedgerError):
    """A change that collides with existing data (double booking, duplicate ID number)."""
