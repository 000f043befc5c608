"""Who may use each practice URL.

Public: the list, a published report and its photos. Staff: the report's own community (secretariat,
officers) writes, publishes and withdraws; the city's coordination division sees every report and
unpublishes one; an exchange meeting's organisers choose the reports presented there.
"""

from __future__ import annotations

from tests.access import ALL, CITY, Case
from tests.events.access_matrix import COMMUNITY_EDITORS_OWN
from tests.events.factories import kind, make_event
from tests.practice.factories import make_report

WRITERS = frozenset({"community_secretariat", "community_officer"})
READERS = WRITERS | CITY


def _report(status="published", photos=0):
    def kwargs(world, which):
        return {"pk": make_report(world.community(which), status=status, photos=photos).pk}

    return kwargs


def _photo(world, which):
    report = make_report(world.community(which), photos=1)
    return {"pk": report.pk, "photo_pk": report.photos.get().pk}


def _version(prefix, comment=""):
    def data(world, which):
        return {f"{prefix}-version": "1", f"{prefix}-comment": comment}

    return data


def _action(name, status, allowed_own, allowed_other, comment=""):
    return Case(f"practice_staff:report-{name}", own=allowed_own, other=allowed_other, kwargs=_report(status),
                method="post", data=_version(name, comment), ok_status=(302,))


def _theme(world, which):
    from kyodo.practice.models import PracticeTheme

    return {"pk": PracticeTheme.objects.get_or_create(slug=f"matrix-{which}", defaults={"name": f"M{which}"})[0].pk}


def _exchange(world, which):
    exchange = kind("exchange")
    exchange.category = "exchange"
    exchange.save()
    return {"pk": make_event(world.community(which), kind=exchange).pk}


CASES = [
    Case("practice:list", own=ALL),
    Case("practice:detail", own=ALL, other=ALL, kwargs=_report()),
    Case("practice:photo", own=ALL, other=ALL, kwargs=_photo),
    Case("practice_staff:index", own=READERS),
    Case("practice_staff:report-create", own=WRITERS),
    Case("practice_staff:report", own=READERS, other=CITY, kwargs=_report("draft")),
    Case("practice_staff:report-edit", own=WRITERS, other=frozenset(), kwargs=_report("draft")),
    Case("practice_staff:photo-add", own=WRITERS, other=frozenset(), kwargs=_report("draft"), method="post",
         data=lambda world, which: {"version": "1"}, ok_status=(422,)),
    Case("practice_staff:photo-delete", own=WRITERS, other=frozenset(), kwargs=_photo, method="post",
         data=lambda world, which: {"version": "1"}, ok_status=(302,)),
    Case("practice_staff:event-reports", own=COMMUNITY_EDITORS_OWN, other=CITY, kwargs=_exchange),
    _action("publish", "draft", WRITERS, frozenset()),
    _action("withdraw", "published", WRITERS, frozenset()),
    _action("unpublish", "published", CITY, CITY, comment="写真に個人が写っています。"),
    _action("revise", "unpublished", WRITERS, frozenset()),
    Case("practice_staff:theme-list", own=CITY),
    Case("practice_staff:theme-create", own=CITY),
    Case("practice_staff:theme-edit", own=CITY, kwargs=_theme, method="post", ok_status=(302,),
         data=lambda world, which: {"name": f"テーマ{which}", "slug": f"theme-{which}", "order": "5"}),
]
