"""Companies and partnerships in any state, for the tests."""

from __future__ import annotations

from typing import Any

from kyodo.companies.models import Company, Partnership, Transition


def other_company(name: str = "よその商事株式会社", slug: str = "yoso-shoji", **fields: Any) -> Company:
    found, _ = Company.objects.get_or_create(slug=slug, defaults={"name": name, **fields})
    return found


def _author(company: Company) -> Any:
    from kyodo.accounts.models import User
    from tests.factories import UserFactory

    return (User.objects.filter(company=company).first() or User.objects.filter(role="city_admin").first()
            or UserFactory(role="city_admin"))


def make_partnership(company: Company, *, status: str = "published", title: str = "河川清掃への参加",
                     kind: str = "volunteering", community: Any = None, fiscal_year: int = 2025,
                     return_comment: str = "", **fields: Any) -> Partnership:
    author = _author(company)
    partnership = Partnership.objects.create(
        company=company, title=title, kind=kind, community=community, fiscal_year=fiscal_year,
        description=fields.pop("description", "社員が地域の河川清掃に参加しました。"), status=status,
        created_by=author, **fields)
    if return_comment:
        Transition.objects.create(partnership=partnership, action="return", from_status="submitted",
                                  to_status="returned", actor=author, comment=return_comment)
    return partnership
