from kyodo.audit.services import verify_chain
from kyodo.grants.demo import PATHS, _years, create_demo_applications
from kyodo.grants.loading import load_grant_programs
from kyodo.grants.models import Application
from tests.factories import CommunityFactory
from tests.grants.factories import make_eligible


def test_demo_applications_cover_every_state_in_two_years_once(world):
    load_grant_programs()
    years = _years()  # the current and previous fiscal year, or the newest two with rules
    assert len(years) == 2
    for community in (world.community_a, world.community_b, CommunityFactory()):
        for year in years:
            make_eligible(community, year)
    assert create_demo_applications() == 12
    assert create_demo_applications() == 0
    for year in years:
        states = set(Application.objects.filter(fiscal_year=year).values_list("status", flat=True))
        assert states == set(PATHS)
    assert verify_chain().ok
