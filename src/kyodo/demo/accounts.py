"""The demo accounts (ARCHITECTURE.md, "Demo accounts"). They sign in only in demo mode."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from kyodo.accounts.models import User
from kyodo.accounts.roles import Role
from kyodo.communities.models import BranchOffice, Community
from kyodo.companies.models import Company
from kyodo.demo.steps import demo_step
from kyodo.plans.models import Department
from kyodo.support.models import LiaisonAssignment

DEMO_PASSWORD = "kyodo-demo"  # noqa: S105 — documented demo password, refused outside demo mode


@dataclass(frozen=True)
class DemoAccount:
    username: str
    display_name: str
    role: Role
    description: str


DEMO_ACCOUNTS = (
    DemoAccount("city", "協働 一郎(デモ)", Role.CITY_ADMIN,
                "まちづくり推進課: administers everything, decides (交付決定)"),
    DemoAccount("honcho", "推進 七海(デモ)", Role.CITY_ADMIN,
                "まちづくり推進課: reviews (推薦) the applications of 本庁 area communities such as 山目"),
    DemoAccount("branch", "支所 花子(デモ)", Role.BRANCH_STAFF, "花泉支所: the districts of 花泉地域"),
    DemoAccount("liaison", "担当 次郎(デモ)", Role.LIAISON, "liaison of three communities"),
    DemoAccount("dept", "所管 三郎(デモ)", Role.DEPARTMENT_STAFF, "職員課"),
    DemoAccount("community", "事務 四季(デモ)", Role.COMMUNITY_SECRETARIAT, "山目地域協働体"),
    DemoAccount("advisor", "相談 五月(デモ)", Role.ADVISOR, "いちのせき市民活動センター"),
    DemoAccount("company", "企業 六花(デモ)", Role.COMPANY_CONTACT, "いちのせき架空建設株式会社"),
    DemoAccount("accounts", "情報 八雲(デモ)", Role.ACCOUNT_ADMIN,
                "情報政策課: creates accounts and grants roles (no business decisions)"),
)


def _pick(queryset, **preferred):
    return queryset.filter(**preferred).first() or queryset.first()


@transaction.atomic
@demo_step(20)
def create_demo_accounts() -> list[DemoAccount]:
    """Create (or reset the scope of) the demo accounts. Needs the communities loaded."""
    branch = _pick(BranchOffice.objects.filter(is_head_office=False), slug="hanaizumi")
    community = _pick(Community.objects.all(), slug="yamanome")
    department = _pick(Department.objects.all(), name="職員課")
    company, _ = Company.objects.get_or_create(
        slug="demo-kensetsu",
        defaults={
            "name": "いちのせき架空建設株式会社",
            "description": "地域の清掃活動や防災訓練に社員が参加しています。(デモデータ)",
            "is_demo_data": True,
        },
    )
    scopes = {
        Role.BRANCH_STAFF: {"branch_office": branch},
        Role.DEPARTMENT_STAFF: {"department": department},
        Role.COMMUNITY_SECRETARIAT: {"community": community},
        Role.COMPANY_CONTACT: {"company": company},
    }
    for account in DEMO_ACCOUNTS:
        scope = scopes.get(account.role, {})
        user, created = User.objects.get_or_create(
            username=account.username,
            defaults={"display_name": account.display_name, "role": account.role, "is_demo": True, **scope},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
    liaison = User.objects.get(username="liaison")
    for assigned in Community.objects.order_by("pk")[:3]:
        LiaisonAssignment.objects.get_or_create(
            staff=liaison, community=assigned, defaults={"started_on": dt.date(2023, 4, 1)}
        )
    return list(DEMO_ACCOUNTS)


def ensure_no_demo_accounts_outside_demo_mode() -> None:
    """Refuse to serve when demo accounts exist and demo mode is off."""
    if settings.DEMO_MODE:
        return
    if User.objects.filter(is_demo=True, is_active=True).exists():
        raise ImproperlyConfigured(
            "Demo accounts exist but KYODO_DEMO is not set: deactivate them "
            "(manage.py disable_demo_accounts) or run in demo mode."
        )
