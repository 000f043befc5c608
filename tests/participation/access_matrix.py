"""Who may use each participation URL.

Public: the list, an opportunity, signing up, a sign-up's own page and its cancellation by link (the
token is the key). Hosts (participation.manage_opportunity) of a community's opportunity: the city,
the community's branch, its secretariat and officers; of the other community's: the city only.
"""

from __future__ import annotations

from tests.access import ALL, CITY, COMMUNITY_EDITORS_OWN, Case
from tests.participation.factories import make_opportunity, make_signup

HOSTS = frozenset({"city_admin", "branch_staff", "community_secretariat", "community_officer"})
PARTICIPATION = frozenset({"city_admin", "branch_staff", "liaison", "department_staff", "community_secretariat",
                           "community_officer"})


def _opportunity(status="published"):
    def kwargs(world, which):
        return {"pk": make_opportunity(world.community(which), status=status).pk}

    return kwargs


def _token(world, which):
    return {"token": make_signup(make_opportunity(world.community(which))).token}


def _signup(world, which):
    signup = make_signup(make_opportunity(world.community(which)))
    return {"pk": signup.opportunity_id, "signup_pk": signup.pk}


def _confirmed_signup(world, which):
    from kyodo.participation.models import Signup

    kwargs = _signup(world, which)
    Signup.objects.filter(pk=kwargs["signup_pk"]).update(status="confirmed")
    return kwargs


def _version(prefix):
    def data(world, which):
        return {f"{prefix}-version": "1"}

    return data


def _action(name, status):
    return Case(f"participation_staff:opportunity-{name}", own=COMMUNITY_EDITORS_OWN, other=CITY,
                kwargs=_opportunity(status), method="post", data=_version(name), ok_status=(302,))


CASES = [
    Case("participation:list", own=ALL),
    Case("participation:detail", own=ALL, other=ALL, kwargs=_opportunity()),
    Case("participation:sign-up", own=ALL, other=ALL, kwargs=_opportunity()),
    Case("participation:signed-up", own=ALL, other=ALL, kwargs=_token),
    Case("participation:cancel", own=ALL, other=ALL, kwargs=_token),
    Case("participation_staff:index", own=HOSTS),
    Case("participation_staff:opportunity-create", own=HOSTS),
    Case("participation_staff:opportunity", own=COMMUNITY_EDITORS_OWN, other=CITY, kwargs=_opportunity()),
    Case("participation_staff:opportunity-edit", own=COMMUNITY_EDITORS_OWN, other=CITY, kwargs=_opportunity()),
    Case("participation_staff:signup-confirm", own=COMMUNITY_EDITORS_OWN, other=CITY, kwargs=_signup,
         method="post", ok_status=(302,)),
    Case("participation_staff:signup-cancel", own=COMMUNITY_EDITORS_OWN, other=CITY, kwargs=_signup,
         method="post", ok_status=(302,)),
    Case("participation_staff:signup-attended", own=COMMUNITY_EDITORS_OWN, other=CITY, kwargs=_confirmed_signup,
         method="post", ok_status=(302,)),
    _action("publish", "draft"),
    _action("close", "published"),
    _action("reopen", "closed"),
    _action("cancel", "published"),
    Case("participation_staff:participation", own=PARTICIPATION),
    Case("participation_staff:participation-xlsx", own=PARTICIPATION),
]
