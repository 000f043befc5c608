"""Who may write, submit, publish, return and withdraw partnerships, and who edits a company's profile."""

from __future__ import annotations

import rules

from kyodo.accounts.rules import is_city_admin
from kyodo.companies.scopes import COMPANIES, VISIBLE, WRITTEN, contact_company_id


@rules.predicate
def is_own_company_contact(user: object) -> bool:
    """A company's contact (with their company set)."""
    return contact_company_id(user) is not None


# A company's contact writes and submits their own company's partnerships.
rules.add_perm("companies.create_partnership", is_own_company_contact)
# The staff list is scoped in SQL: the city sees every partnership, a company its own.
rules.add_perm("companies.list_partnerships", is_city_admin | is_own_company_contact)
rules.add_perm("companies.see_partnership", VISIBLE.predicate())
rules.add_perm("companies.edit_partnership", WRITTEN.predicate())
# Publishing and returning: the city's coordination division.
rules.add_perm("companies.review_partnership", is_city_admin)
# Ending publication: the city, or the company itself.
rules.add_perm("companies.withdraw_partnership", is_city_admin | WRITTEN.predicate())
# Registering companies and seeing all of them: the city.
rules.add_perm("companies.manage_companies", is_city_admin)
# A company's profile (description, address, website): the city, or the company's own contact.
rules.add_perm("companies.edit_company", COMPANIES.predicate())
