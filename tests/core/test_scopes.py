""""May see this object" equals "this object is in my list", for every role and for a person with two duties."""

from __future__ import annotations

import pytest

from kyodo.communities.queries import internally_viewable
from kyodo.grants.applications.queries import applications_visible_to
from tests.factories import CommunityFactory, DistrictFactory, LiaisonAssignmentFactory, UserFactory
from tests.grants.factories import make_application

ROLES = ("anonymous", "city_admin", "branch_staff", "liaison", "department_staff", "community_secretariat",
         "community_officer", "advisor", "company_contact", "branch_officer_and_liaison_elsewhere",
         "department_liaison", "inactive_city_admin")


@pytest.fixture
def people(world):
    users = dict(world.users)
    # Branch staff of branch A who is also the liaison of community B, in branch B.
    both = UserFactory(username="t_both", role="branch_staff", branch_office=world.branch_a)
    LiaisonAssignmentFactory(staff=both, community=world.community_b)
    users["branch_officer_and_liaison_elsewhere"] = both
    department_liaison = UserFactory(username="t_dept_liaison", role="department_staff",
                                     department=world.department)
    # A community has one liaison at a time (kept by the database): the department's liaison has a third one.
    world.community_c = CommunityFactory(name="はなの地域協働体", slug="hanano",
                                         district=DistrictFactory(name="花野", branch_office=world.branch_b))
    LiaisonAssignmentFactory(staff=department_liaison, community=world.community_c)
    users["department_liaison"] = department_liaison
    users["inactive_city_admin"] = UserFactory(username="t_gone", role="city_admin", is_active=False)
    return users


def _as_user(people, role):
    from django.contrib.auth.models import AnonymousUser

    return people[role] or AnonymousUser()


@pytest.mark.parametrize("role", ROLES)
def test_seeing_a_community_is_being_in_its_list(world, people, role):
    user = _as_user(people, role)
    listed = set(internally_viewable(user))
    for community in (world.community_a, world.community_b, world.community_c):
        assert user.has_perm("communities.view_community_internal", community) == (community in listed), community


@pytest.mark.parametrize("role", ROLES)
def test_seeing_an_application_is_being_in_the_queue(world, people, role):
    applications = [make_application(world.community_a, status="submitted"),
                    make_application(world.community_b, status="awarded")]
    user = _as_user(people, role)
    listed = set(applications_visible_to(user))
    for application in applications:
        assert user.has_perm("grants.see_application", application) == (application in listed), application


def test_a_branch_officer_who_is_liaison_elsewhere_sees_both(world, people):
    user = people["branch_officer_and_liaison_elsewhere"]
    assert set(internally_viewable(user)) == {world.community_a, world.community_b}
    application = make_application(world.community_b, status="submitted")
    assert user.has_perm("grants.see_application", application)
    # Seeing is not reviewing: community B's reviewer is branch B.
    assert not user.has_perm("grants.review_application", application)


def test_no_permission_is_named_like_a_django_model_permission():
    """Django grants add_/change_/delete_/view_<model> to superusers and through groups: a rules permission
    of the same name would be granted by the admin's permission screens, not by kyodo's rules."""
    from django.apps import apps
    from rules.permissions import permissions

    automatic = {f"{model._meta.app_label}.{action}_{model._meta.model_name}"
                 for model in apps.get_models() for action in model._meta.default_permissions}
    assert sorted(set(permissions) & automatic) == []


@pytest.mark.parametrize("role", ROLES)
def test_seeing_an_opinion_is_being_in_the_list(world, people, role):
    from kyodo.dialogue.queries import opinions_visible_to
    from tests.dialogue.factories import opinion_in_state

    opinions = [opinion_in_state(world.community_a, "routed"), opinion_in_state(world.community_b, "received"),
                opinion_in_state(world.community_b, "answered"), opinion_in_state(world.community_c, "routed")]
    user = _as_user(people, role)
    listed = set(opinions_visible_to(user))
    for opinion in opinions:
        assert user.has_perm("dialogue.see_opinion", opinion) == (opinion in listed), opinion


@pytest.mark.parametrize("role", ROLES)
def test_seeing_a_communitys_support_is_being_in_the_coverage(world, people, role):
    from kyodo.support.scopes import SUPPORTED

    user = _as_user(people, role)
    listed = set(SUPPORTED.queryset(user))
    for community in (world.community_a, world.community_b, world.community_c):
        assert user.has_perm("support.view_community_support", community) == (community in listed), community
