"""Verification of an order or a change by the assigned Assistant Manager (6.5)."""
