"""Test fixtures for sync and the county server: a real server on loopback, laptops with real ledger files,
a throwaway PostgreSQL cluster, and a proxy that breaks connections. Test modules load ``harness`` as a
plugin (``pytest_plugins``) for its fixtures."""

import pytest

pytest.register_assert_rewrite("tests.sync.harness", "tests.sync.craft")
