"""Public pages of meetings: the list, each meeting's page (with the answers to what was said), the iCal feed."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from kyodo.access import public
from kyodo.dialogue import ical, meeting_files, meeting_queries
from kyodo.dialogue.models import MeetingKind, MeetingStatus
from kyodo.dialogue.outcomes import outcome_summary
from kyodo.dialogue.views import query_without_page

PAGE_SIZE = 30


@public
def meeting_list(request: HttpRequest) -> HttpResponse:
    filters = meeting_queries.MeetingFilters.of(request.GET)
    page_obj = Paginator(meeting_queries.meeting_list(filters), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "dialogue/meeting_list.html", {
        "page_obj": page_obj,
        "filters": filters,
        "kinds": MeetingKind.objects.all(),
        "query_without_page": query_without_page(request),
        "crumbs": [(_("ホーム"), reverse("portal:home")), (_("意見交換会・懇談会"), None)],
    })


@public
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_queries.meeting_page(pk)
    opinions = meeting_queries.published_opinions(meeting)
    return render(request, "dialogue/meeting_detail.html", {
        "meeting": meeting,
        "minutes_public": meeting.status == MeetingStatus.MINUTES_PUBLISHED,
        "opinions": [(opinion, outcome_summary(opinion)) for opinion in opinions],
        "files": list(meeting_files.public_files(meeting)),
        "crumbs": [(_("ホーム"), reverse("portal:home")), (_("意見交換会・懇談会"), reverse("meetings:list")),
                   (meeting.title, None)],
    })


@public
def meeting_feed(request: HttpRequest) -> HttpResponse:
    base_url = f"{request.scheme}://{request.get_host()}"
    body = ical.calendar(meeting_queries.feed(), base_url=base_url)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="meetings.ics"'
    return response
