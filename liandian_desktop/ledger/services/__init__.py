"""Ledger services: the only way screens, imports and sync change or read the ledger.

Each service owns its transactions (one per call) and returns detached model objects or plain data.
"""
