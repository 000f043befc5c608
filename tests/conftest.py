"""Shared fixtures: a small world with two communities in two branches and one user per role."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from django.core.management.commands import flush
from django.test import Client

from kyodo.accounts.models import User
from kyodo.accounts.roles import Role
from kyodo.audit.triggers import maintenance
from kyodo.plans.models import Department
from tests.factories import (
    BranchOfficeFactory,
    CommunityFactory,
    CompanyFactory,
    DistrictFactory,
    LiaisonAssignmentFactory,
    UserFactory,
)

# Transactional tests end with a table flush; the audit log's triggers would refuse it.
_original_flush = flush.Command.handle


def _flush_with_audit_maintenance(self, *args, **kwargs):
    with maintenance():
        return _original_flush(self, *args, **kwargs)


flush.Command.handle = _flush_with_audit_maintenance

ROLES = (
    "anonymous",
    "city_admin",
    "branch_staff",
    "liaison",
    "department_staff",
    "community_secretariat",
    "community_officer",
    "advisor",
    "company_contact",
)


@dataclass
class World:
    """Community A (own) is in branch A, with a liaison; community B (other) is in branch B."""

    branch_a: object
    branch_b: object
    community_a: object
    community_b: object
    department: object
    company: object
    users: dict[str, User | None] = field(default_factory=dict)

    def community(self, which: str):
        return self.community_a if which == "own" else self.community_b

    def client(self, role: str) -> Client:
        client = Client()
        user = self.users.get(role)
        if user is not None:
            client.force_login(user)
        return client


@pytest.fixture
def world(db) -> World:
    branch_a = BranchOfficeFactory(name="A支所", slug="branch-a")
    branch_b = BranchOfficeFactory(name="B支所", slug="branch-b")
    community_a = CommunityFactory(
        name="あおば地域協働体", name_kana="あおばちいききょうどうたい", slug="aoba",
        district=DistrictFactory(name="青葉", branch_office=branch_a),
    )
    community_b = CommunityFactory(
        name="みどり地域協働体", name_kana="みどりちいききょうどうたい", slug="midori",
        district=DistrictFactory(name="緑", branch_office=branch_b),
    )
    department, _ = Department.objects.get_or_create(name="まちづくり推進課")
    company = CompanyFactory(name="架空建設株式会社", slug="kaku-kensetsu")
    users: dict[str, User | None] = {
        "anonymous": None,
        "city_admin": UserFactory(username="t_city", role=Role.CITY_ADMIN),
        "branch_staff": UserFactory(username="t_branch", role=Role.BRANCH_STAFF, branch_office=branch_a),
        "liaison": UserFactory(username="t_liaison", role=Role.LIAISON),
        "department_staff": UserFactory(username="t_dept", role=Role.DEPARTMENT_STAFF, department=department),
        "community_secretariat": UserFactory(
            username="t_secretariat", role=Role.COMMUNITY_SECRETARIAT, community=community_a
        ),
        "community_officer": UserFactory(username="t_officer", role=Role.COMMUNITY_OFFICER, community=community_a),
        "advisor": UserFactory(username="t_advisor", role=Role.ADVISOR),
        "company_contact": UserFactory(username="t_company", role=Role.COMPANY_CONTACT, company=company),
    }
    LiaisonAssignmentFactory(staff=users["liaison"], community=community_a)
    return World(branch_a, branch_b, community_a, community_b, department, company, users)


@pytest.fixture
def city_admin(world) -> User:
    return world.users["city_admin"]


@pytest.fixture
def secretary(world) -> User:
    return world.users["community_secretariat"]


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path_factory):
    """Uploaded files go to a temporary folder, never into var/."""
    settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))


@pytest.fixture(autouse=True)
def _audit_checkpoints(settings, tmp_path_factory):
    """The audit log's checkpoints go to a file of each test's own, never into var/."""
    settings.KYODO_AUDIT_CHECKPOINT_FILE = str(tmp_path_factory.mktemp("audit") / "checkpoints.jsonl")


@pytest.fixture(autouse=True)
def _japanese_by_default():
    """Each test starts in Japanese: a request in English must not leave English active for the next test."""
    from django.utils import translation

    translation.activate("ja")
    yield
    translation.activate("ja")
