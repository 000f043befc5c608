"""The public home page shows what is coming up and what is new, from each app's ``home`` panel: public items
only (no drafts), a few each, with a link to the whole list, in a number of queries that does not grow."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kyodo.events.models import EventStatus
from kyodo.participation.models import OpportunityStatus
from tests.dialogue.factories import opinion_in_state
from tests.events.factories import make_event
from tests.participation.factories import make_opportunity
from tests.practice.factories import make_report


def _add(world, number: int, prefix: str = "") -> None:
    for index in range(number):
        make_event(world.community_a, title=f"講演会{prefix}{index}", days_ahead=10 + index)
        make_opportunity(world.community_a, title=f"清掃活動{index}", days_ahead=10 + index)
        make_report(world.community_a, title=f"防災訓練{index}")
        opinion_in_state(world.community_a, "published", title=f"街灯の要望{index}")


def _home(client) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("portal:home")).content.decode()
    return html, len(queries)


def test_the_home_page_lists_public_items_of_each_app_and_links_to_each_list(world, client):
    _add(world, 1)
    make_event(world.community_a, title="下書きの講演会", status=EventStatus.DRAFT)
    make_opportunity(world.community_a, title="下書きの清掃活動", status=OpportunityStatus.DRAFT)
    make_report(world.community_a, title="下書きの事例", status="draft")
    opinion_in_state(world.community_a, "answered", title="回答前の要望")
    html, _count = _home(client)
    for title in ("講演会0", "清掃活動0", "防災訓練0", "街灯の要望0"):
        assert title in html
    for hidden in ("下書きの講演会", "下書きの清掃活動", "下書きの事例", "回答前の要望"):
        assert hidden not in html
    for name in ("events:list", "participation:list", "practice:list", "dialogue:opinion-list"):
        assert f'href="{reverse(name)}"' in html


def test_an_app_with_nothing_to_show_adds_no_empty_section(world, client):
    html, _count = _home(client)
    assert "これからの研修会・交流会" not in html and "新しい活動事例" not in html


def test_the_home_page_shows_three_of_each_in_constant_queries(world, client):
    _add(world, 1)
    _html, few = _home(client)
    _add(world, 5, prefix="B")
    html, many = _home(client)
    assert many == few
    assert "講演会B1" in html and "講演会B2" not in html  # the next three events, soonest first


def test_the_home_panels_speak_english(world, client):
    _add(world, 1)
    client.cookies["django_language"] = "en"
    html = client.get(reverse("portal:home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for heading in ("Upcoming trainings and exchange meetings", "Volunteering", "New activity reports",
                    "Newly published answers"):
        assert heading in html
    assert "新しい活動事例" not in html
