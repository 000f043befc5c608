"""The printable forms of an application as PDF downloads, for whoever may view the application."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Sum
from django.http import Http404, HttpRequest, HttpResponseBase
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kyodo.access import require_perm
from kyodo.communities.models import Officer
from kyodo.downloads import PDF, download, file_response
from kyodo.grants.applications import queries
from kyodo.grants.models import ActualLine, ActualsReport, Application, Award, Payment, Settlement
from kyodo.grants.printing import documents as printing


def _application(request: HttpRequest, pk: int, **_kwargs: Any) -> Application:
    # The same loader (and so the same visibility) as the application's page.
    return queries.application_detail(request.user, pk)


def _parties(application: Application) -> printing.Parties:
    municipality = settings.MUNICIPALITY
    return printing.Parties(
        city_name=municipality["prefecture"] + municipality["name"],
        mayor_title=_("{city}長").format(city=municipality["name"]),
        community_name=application.community.name,
        representative=_representative(application),
        mayor_name=str(_documents().get("mayor_name", "")),
    )


def _documents() -> dict[str, Any]:
    """The city's settings for its printed forms (settings.GRANT_DOCUMENTS)."""
    documents: dict[str, Any] = settings.GRANT_DOCUMENTS
    return documents


def _label(application: Application, form: str) -> printing.FormLabel:
    """The 様式 number of ``form`` and the rule it is under, as the city configured them."""
    documents = _documents()
    rule = str(documents.get("rule", "")).format(city=settings.MUNICIPALITY["name"], program=application.program.name)
    return printing.FormLabel(number=str(documents.get("forms", {}).get(form, "")), rule=rule)


def _representative(application: Application) -> str | None:
    """The community's chair in office today (会長 氏名), if recorded."""
    today = timezone.localdate()
    chair = (
        Officer.objects.filter(community_id=application.community_id, position=Officer.Position.CHAIR,
                               term_start__lte=today, term_end__gte=today)
        .order_by("-term_start", "pk")
        .first()
    )
    return f"{chair.get_position_display()}　{chair.name}" if chair else None


def _pdf(data: bytes, *, name: str, application: Application) -> HttpResponseBase:
    """The PDF as a download: a Japanese file name with an ASCII fallback."""
    day = timezone.localdate().strftime("%Y%m%d")
    japanese = f"{application.community.name}_{printing_titles()[name]}_{day}.pdf"
    # An attachment, like every download; the browser offers to open it.
    return file_response(data, filename=japanese, content_type=PDF,
                         fallback=f"application-{application.pk}-{name}.pdf")


def printing_titles() -> dict[str, str]:
    return {
        "application": _("交付申請書"),
        "award": _("交付決定通知書"),
        "actuals": _("実績報告書"),
        "settlement": _("額の確定通知書"),
    }


def _in_japanese(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """The forms are the 要綱's 様式: always Japanese, whatever the page language."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, application: Application, pk: int) -> HttpResponseBase:
        with translation.override("ja"):
            return view(request, application, pk)

    return wrapper


def _one(application: Application, name: str) -> Any:
    """A reverse one-to-one of the application (award, actuals_report, settlement), or 404."""
    try:
        return getattr(application, name)
    except ObjectDoesNotExist:
        raise Http404 from None


@download
@require_perm("grants.see_application", load=_application)
@_in_japanese
def application_pdf(request: HttpRequest, application: Application, pk: int) -> HttpResponseBase:
    lines = list(application.lines.all())
    initiatives = [str(initiative) for initiative in application.planned_initiatives.all()]
    data = printing.application_form(application, _parties(application), lines=lines, initiatives=initiatives,
                                     label=_label(application, "application"))
    return _pdf(data, name="application", application=application)


@download
@require_perm("grants.see_application", load=_application)
@_in_japanese
def award_pdf(request: HttpRequest, application: Application, pk: int) -> HttpResponseBase:
    award: Award = _one(application, "award")
    data = printing.award_notice(application, award, _parties(application), label=_label(application, "award"))
    return _pdf(data, name="award", application=application)


@download
@require_perm("grants.see_application", load=_application)
@_in_japanese
def actuals_pdf(request: HttpRequest, application: Application, pk: int) -> HttpResponseBase:
    report = ActualsReport.objects.filter(application=application, submitted_at__isnull=False).first()
    if report is None:
        raise Http404
    actual_lines = list(ActualLine.objects.filter(report=report).select_related("category"))
    award = Award.objects.filter(application=application).first()
    data = printing.actuals_report_form(
        application, report, _parties(application), planned_lines=list(application.lines.all()),
        actual_lines=actual_lines, award=award, label=_label(application, "actuals"),
    )
    return _pdf(data, name="actuals", application=application)


@download
@require_perm("grants.see_application", load=_application)
@_in_japanese
def settlement_pdf(request: HttpRequest, application: Application, pk: int) -> HttpResponseBase:
    settlement = Settlement.objects.filter(application=application).first()
    if settlement is None:
        raise Http404
    advance = Payment.objects.filter(application=application, kind=Payment.Kind.ADVANCE).aggregate(
        total=Sum("amount_yen"))["total"] or 0
    data = printing.settlement_notice(application, settlement, _parties(application), advance_paid_yen=advance,
                                      label=_label(application, "settlement"))
    return _pdf(data, name="settlement", application=application)
