"""Accounts, roles and their scope (branch office, community, department, company)."""
