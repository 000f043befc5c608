"""The demo opinions: five fiscal years, every state and outcome, the dept account's answers waiting, once."""

from __future__ import annotations

from django.utils import timezone

from kyodo.dialogue.demo import create_demo_opinions
from kyodo.dialogue.models import Opinion, OpinionStatus, OpinionTransition, Outcome
from kyodo.dialogue.queries import waiting_for_department
from kyodo.dialogue.workflow import OPINION_WORKFLOW
from kyodo.fiscal_years import FiscalYear
from kyodo.plans.models import Department
from tests.factories import UserFactory


def test_demo_opinions_cover_every_state_outcome_and_five_years(world):
    UserFactory(username="city", role="city_admin")
    UserFactory(username="community", role="community_secretariat", community=world.community_a)
    dept = UserFactory(username="dept", role="department_staff", department=world.department)
    Department.objects.create(name="防災課")
    created = create_demo_opinions()
    assert created == Opinion.objects.count() > 0
    assert set(Opinion.objects.values_list("status", flat=True)) == set(OpinionStatus.values)
    assert set(Opinion.objects.filter(status="published").values_list("outcome", flat=True)) == set(Outcome.values)
    this_year = FiscalYear.current().year
    assert set(range(this_year - 4, this_year)) <= set(Opinion.objects.values_list("fiscal_year", flat=True))
    waiting = waiting_for_department(dept.department_id)
    assert waiting["waiting"] >= 3 and waiting["overdue"] >= 1
    # Every timeline follows the workflow and happened in the past.
    now = timezone.now()
    for opinion in Opinion.objects.prefetch_related("transitions"):
        state = "received"
        for transition in opinion.transitions.all():
            assert OPINION_WORKFLOW.can_act(state, transition.action)
            assert transition.occurred_at <= now
            state = transition.to_status
        assert state == opinion.status
    from kyodo.dialogue.models import Meeting, MeetingKind

    assert set(Meeting.objects.values_list("status", flat=True)) == {"planned", "held", "minutes_published",
                                                                        "cancelled"}
    assert set(Meeting.objects.values_list("kind__name", flat=True)) == set(
        MeetingKind.objects.values_list("name", flat=True))
    assert Opinion.objects.filter(source="meeting", meeting__isnull=False).exists()
    from kyodo.dialogue.models import MeetingRequest

    assert set(MeetingRequest.objects.values_list("status", flat=True)) == {"requested", "scheduled", "declined"}
    assert create_demo_opinions() == 0  # once
    assert OpinionTransition.objects.filter(opinion__is_demo_data=False).count() == 0


def test_demo_meetings_with_published_minutes_offer_the_minutes_as_a_pdf(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    UserFactory(username="city", role="city_admin")
    UserFactory(username="dept", role="department_staff", department=world.department)
    create_demo_opinions()
    from django.test import Client

    from kyodo.dialogue.models import Meeting, MeetingAttachment

    files = list(MeetingAttachment.objects.select_related("meeting"))
    assert files and {file.meeting.status for file in files} == {"minutes_published"}
    assert {(file.kind, file.content_type) for file in files} == {("minutes", "application/pdf")}
    meeting = files[0].meeting
    page = Client().get(meeting.get_absolute_url()).content.decode()
    assert files[0].original_name in page
    assert Meeting.objects.filter(status="minutes_published").count() >= len(files)
