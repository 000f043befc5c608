"""Subsidy programs and their rules per fiscal year: the amount formula, entitlements, simulation of rule
changes, the city's pages for rules and scenarios, the programs' data file."""
