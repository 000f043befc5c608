"""Subsidies (補助金): programs, rules per fiscal year, entitlements, applications and their lifecycle."""
