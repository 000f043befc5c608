"""The ledger (台帳) per program and fiscal year, a community's grant history, and the public totals."""
