"""Users and their scope."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kyodo.accounts.roles import CITY_STAFF_ROLES, COMMUNITY_ROLES, Role


class User(AbstractUser):
    """A signed-in person: city staff, a community's secretariat or officer, an advisor, a company.

    The scope fields say where the role applies; ``role`` and scope are checked together by
    the predicates in ``accounts/rules.py``.
    """

    display_name = models.CharField(_("氏名"), max_length=100, blank=True)
    role = models.CharField(_("役割"), max_length=32, choices=Role.choices, blank=True)
    branch_office = models.ForeignKey(
        "communities.BranchOffice", verbose_name=_("支所"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="staff",
    )
    department = models.ForeignKey(
        "plans.Department", verbose_name=_("所属課"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="staff",
    )
    community = models.ForeignKey(
        "communities.Community", verbose_name=_("地域協働体"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="accounts",
    )
    company = models.ForeignKey(
        "companies.Company", verbose_name=_("企業"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="contacts",
    )
    is_demo = models.BooleanField(
        _("デモアカウント"), default=False,
        help_text=_("デモモード以外ではサインインできません。"),
    )

    objects = UserManager()  # type: ignore[misc]
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("ユーザー")
        verbose_name_plural = _("ユーザー")
        constraints = [
            models.CheckConstraint(
                name="branch_staff_has_branch",
                condition=~models.Q(role="branch_staff") | models.Q(branch_office__isnull=False),
            ),
            models.CheckConstraint(
                name="community_role_has_community",
                condition=~models.Q(role__in=["community_secretariat", "community_officer"])
                | models.Q(community__isnull=False),
            ),
            models.CheckConstraint(
                name="department_staff_has_department",
                condition=~models.Q(role="department_staff") | models.Q(department__isnull=False),
            ),
            models.CheckConstraint(
                name="company_contact_has_company",
                condition=~models.Q(role="company_contact") | models.Q(company__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.display_name or self.username

    @property
    def is_city_admin(self) -> bool:
        return self.is_active and (self.role == Role.CITY_ADMIN or self.is_superuser)

    @property
    def is_account_admin(self) -> bool:
        """情報システム担当: manages accounts and roles, and nothing else (superusers too)."""
        return self.is_active and (self.role == Role.ACCOUNT_ADMIN or self.is_superuser)

    @property
    def is_city_staff(self) -> bool:
        return self.is_active and (self.role in CITY_STAFF_ROLES or self.is_superuser)

    @property
    def is_community_member(self) -> bool:
        return self.is_active and self.role in COMMUNITY_ROLES and self.community_id is not None

    @property
    def role_label(self) -> str:
        return self.get_role_display() if self.role else ""
