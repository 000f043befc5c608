"""The pages: registering on the public site, refusals (422, nothing changed), cancelling by link,
the organisers' pages, the logged participant list, and query counts that do not grow with the data."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kyodo.audit.models import AuditEvent
from kyodo.events.models import Event, Registration
from tests.events.factories import make_event, make_registration

pytestmark = pytest.mark.django_db

FORM = {"name": "一関 花子", "name_kana": "いちのせき はなこ", "contact": "0191-21-2111", "age_band": "20s"}


def test_a_resident_registers_without_an_account_and_cancels_by_the_link(world):
    event = make_event(capacity=1)
    client = Client()
    page = client.get(f"/events/{event.pk}/")
    assert "申し込む" in page.content.decode()
    response = client.post(f"/events/{event.pk}/register/", FORM)
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.status == "confirmed" and registration.channel == "web" and registration.user is None
    assert response["Location"] == f"/events/registrations/{registration.token}/"
    mine = client.get(response["Location"]).content.decode()
    assert "参加確定" in mine and f"/events/registrations/{registration.token}/cancel/" in mine

    waiting = client.post(f"/events/{event.pk}/register/", FORM | {"name_kana": "いちのせき じろう"})
    second = Registration.objects.get(name_kana="いちのせき じろう")
    assert waiting.status_code == 302 and second.status == "waiting"

    assert client.post(f"/events/registrations/{registration.token}/cancel/").status_code == 302
    assert Registration.objects.get(pk=registration.pk).status == "cancelled"
    assert Registration.objects.get(pk=second.pk).status == "confirmed"


@pytest.mark.parametrize(("field", "value", "message"), [
    ("name", "<script>alert(1)</script>", "記号"),
    ("name_kana", "Ichinoseki", "ひらがなまたはカタカナ"),
    ("contact", "abc", "電話番号"),
    ("age_band", "teen", "年代を一覧から"),
    ("name", "", "お名前を入力"),
])
def test_bad_input_is_explained_in_japanese_and_nothing_is_saved(world, field, value, message):
    event = make_event()
    response = Client().post(f"/events/{event.pk}/register/", FORM | {field: value})
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Registration.objects.exists()


def test_registration_after_the_window_is_refused(world):
    event = make_event(days_ahead=-3, status="published")
    response = Client().post(f"/events/{event.pk}/register/", FORM)
    assert response.status_code == 422 and "終了しました" in response.content.decode()
    assert not Registration.objects.exists()


def test_drafts_and_city_staff_trainings_are_not_public(world):
    draft = make_event(status="draft")
    staff_only = make_event(audience="city_staff")
    assert Client().get(f"/events/{draft.pk}/").status_code == 404
    assert Client().get(f"/events/{staff_only.pk}/").status_code == 404
    listing = Client().get("/events/").content.decode()
    assert f"/events/{draft.pk}/" not in listing and f"/events/{staff_only.pk}/" not in listing
    shown = make_event(title="公開講座")
    assert f"/events/{shown.pk}/" in Client().get("/events/").content.decode()


def test_an_unknown_token_is_404(world):
    assert Client().get("/events/registrations/not-a-token/").status_code == 404


def test_staff_create_publish_and_take_a_phone_registration(world):
    client = world.client("community_secretariat")
    kind = make_event().kind
    response = client.post("/staff/events/new/", {
        "kind": kind.pk, "title": "あおば交流会", "organiser": "community", "organiser_community": world.community_a.pk,
        "starts_at": "2099-05-01T13:00", "ends_at": "2099-05-01T15:00", "place": "あおば公民館", "capacity": "0",
        "registration_opens_at": "2099-04-01T09:00", "registration_closes_at": "2099-04-30T17:00",
        "audience": "public",
    })
    assert response.status_code == 422 and "定員は1人以上" in response.content.decode()
    assert not Event.objects.filter(title="あおば交流会").exists()
    response = client.post("/staff/events/new/", {
        "kind": kind.pk, "title": "あおば交流会", "organiser": "community", "organiser_community": world.community_a.pk,
        "starts_at": "2099-05-01T13:00", "ends_at": "2099-05-01T15:00", "place": "あおば公民館", "capacity": "2",
        "registration_opens_at": "2099-04-01T09:00", "registration_closes_at": "2099-04-30T17:00",
        "audience": "public",
    })
    event = Event.objects.get(title="あおば交流会")
    assert response.status_code == 302 and event.status == "draft"
    assert client.post(f"/staff/events/{event.pk}/publish/", {"publish-version": event.version}).status_code == 302
    event.refresh_from_db()
    assert event.status == "published" and event.transitions.get().action == "publish"
    stale = client.post(f"/staff/events/{event.pk}/close/", {"close-version": 1})
    assert stale.status_code == 409
    response = client.post(f"/staff/events/{event.pk}/register/", FORM | {"channel": "phone"})
    assert response.status_code == 302
    assert Registration.objects.get(event=event).registered_by == world.users["community_secretariat"]


def test_each_view_of_the_participant_list_is_logged(world):
    event = make_event(world.community_a)
    make_registration(event, 1)
    client = world.client("branch_staff")
    page = client.get(f"/staff/events/{event.pk}/").content.decode()
    assert "一関 太郎1" in page
    logged = AuditEvent.objects.filter(action="event.participants_viewed", object_id=str(event.pk))
    assert logged.count() == 1 and logged.get().actor_id == world.users["branch_staff"].pk


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


def _grow(world, events: int, people: int) -> Event:
    last = None
    for number in range(events):
        last = make_event(world.community_a, title=f"講座{number}", capacity=people)
        for person in range(people):
            make_registration(last, person)
    assert last is not None
    return last


@pytest.mark.parametrize("role", ["anonymous", "city_admin"])
def test_lists_take_the_same_queries_at_two_sizes(world, role):
    client = world.client(role)
    urls = ["/events/", "/events/?q=講座"] + (["/staff/events/"] if role != "anonymous" else [])
    small_event = _grow(world, 2, 2)
    small = {url: _queries(client, url) for url in urls}
    small_detail = _queries(client, f"/staff/events/{small_event.pk}/") if role != "anonymous" else 0
    big_event = _grow(world, 12, 6)
    big = {url: _queries(client, url) for url in urls}
    big_detail = _queries(client, f"/staff/events/{big_event.pk}/") if role != "anonymous" else 0
    assert big == small
    assert big_detail == small_detail


def test_the_calendar_in_english(world):
    make_event(world.community_a)
    client = Client()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/events/").content.decode()
    assert "Seminars and meetings" in html and "Add to your calendar (iCal)" in html
    assert "研修会・交流会" not in html


def test_people_with_an_e_mail_address_get_their_link_and_the_promotion(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/events/{event.pk}/register/", FORM | {"contact": "hanako@example.jp"})
        jiro = {"name_kana": "いちのせき じろう", "contact": "jiro@example.jp"}
        client.post(f"/events/{event.pk}/register/", FORM | jiro)
        client.post(f"/events/{event.pk}/register/", FORM | {"name_kana": "いちのせき さぶろう"})  # telephone: no mail
    assert [m.to for m in mailoutbox] == [["hanako@example.jp"], ["jiro@example.jp"]]
    first = Registration.objects.get(contact="hanako@example.jp")
    assert f"/events/registrations/{first.token}/" in mailoutbox[0].body and "参加確定" in mailoutbox[0].subject
    assert "キャンセル待ち" in mailoutbox[1].subject
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/events/registrations/{first.token}/cancel/")
    assert mailoutbox[-1].to == ["jiro@example.jp"] and "繰上げ" in mailoutbox[-1].subject
