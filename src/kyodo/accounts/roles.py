"""The roles of kyodo's users. One role per account; liaison duty is added by assignment."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CITY_ADMIN = "city_admin", _("まちづくり推進課(市の管理者)")
    BRANCH_STAFF = "branch_staff", _("支所 地域振興課")
    LIAISON = "liaison", _("地域担当職員")
    DEPARTMENT_STAFF = "department_staff", _("所管課職員")
    COMMUNITY_SECRETARIAT = "community_secretariat", _("地域協働体 事務局")
    COMMUNITY_OFFICER = "community_officer", _("地域協働体 役員")
    ADVISOR = "advisor", _("市民活動センター 相談員")
    COMPANY_CONTACT = "company_contact", _("企業 担当者")
    # Separation of duties: only this role creates accounts and grants roles; it has no business role.
    ACCOUNT_ADMIN = "account_admin", _("情報システム担当(アカウント管理)")


CITY_STAFF_ROLES = frozenset({Role.CITY_ADMIN, Role.BRANCH_STAFF, Role.LIAISON, Role.DEPARTMENT_STAFF})
COMMUNITY_ROLES = frozenset({Role.COMMUNITY_SECRETARIAT, Role.COMMUNITY_OFFICER})

# The scope field each role needs (database constraints in models.py say the same); a role not listed
# uses no scope field, and every scope field other than its own must stay empty.
SCOPE_FIELDS = ("branch_office", "department", "community", "company")
ROLE_SCOPE: dict[str, str] = {
    Role.BRANCH_STAFF: "branch_office",
    Role.DEPARTMENT_STAFF: "department",
    Role.COMMUNITY_SECRETARIAT: "community",
    Role.COMMUNITY_OFFICER: "community",
    Role.COMPANY_CONTACT: "company",
}
