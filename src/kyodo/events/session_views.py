"""The organisers' pages for an event's dates: add one, remove one."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kyodo.access import require_perm
from kyodo.editing import form_data, form_view, version_field
from kyodo.events import queries, sessions
from kyodo.events.forms import DATETIME_WIDGET
from kyodo.events.models import Event, EventSession
from kyodo.events.staff_views import conflict, crumbs, event_url
from kyodo.locking import StaleObject
from kyodo.person_form import plain_text
from kyodo.query_params import MAX_ID, parse_int
from kyodo.text_input import SafeFormMixin

MANAGE = "events.manage_event"


class SessionForm(SafeFormMixin, forms.Form):
    starts_at = forms.DateTimeField(label=gettext_lazy("開始日時"), widget=DATETIME_WIDGET,
                                    error_messages={"required": gettext_lazy("開始日時を入力してください。"),
                                                    "invalid": gettext_lazy("開始日時を正しく入力してください。")})
    ends_at = forms.DateTimeField(label=gettext_lazy("終了日時"), widget=DATETIME_WIDGET,
                                  error_messages={"required": gettext_lazy("終了日時を入力してください。"),
                                                  "invalid": gettext_lazy("終了日時を正しく入力してください。")})
    place = forms.CharField(label=gettext_lazy("会場(催しと違う場合)"), max_length=120, required=False)
    note = forms.CharField(label=gettext_lazy("内容"), max_length=100, required=False,
                           help_text=gettext_lazy("例:第2回 グループワーク"))

    def __init__(self, *args: Any, version: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"] = version_field(initial=version)

    def clean_place(self) -> str:
        return plain_text(self.cleaned_data["place"], _("会場"))

    def clean_note(self) -> str:
        return plain_text(self.cleaned_data["note"], _("内容"))


@require_perm(MANAGE, load=queries.managed_event)
def session_add(request: HttpRequest, event: Event, pk: int) -> HttpResponse:
    form = SessionForm(form_data(request), version=event.version)

    def save(f: SessionForm) -> EventSession:
        data = dict(f.cleaned_data)
        version = data.pop("version")
        return sessions.add_session(event, actor=request.user, version=version, **data)

    return form_view(
        request, form, save, success_url=event_url(event), success_message=_("日程を加えました。"),
        title=_("日程を加える"), crumbs=crumbs((event.title, event_url(event)), (_("日程を加える"), None)),
        cancel_url=event_url(event),
        context={"submit_label": _("加える"),
                 "intro": _("2回目以降の開催日を加えます。今の日時は1回目として残ります。")},
    )


def _session(request: HttpRequest, pk: int, session_pk: int, **_kwargs: Any) -> Event:
    session = get_object_or_404(EventSession.objects.select_related("event"), pk=session_pk, event_id=pk)
    return session.event


@require_perm(MANAGE, load=_session)
@require_POST
def session_remove(request: HttpRequest, event: Event, pk: int, session_pk: int) -> HttpResponse:
    session = get_object_or_404(EventSession, pk=session_pk, event_id=pk)
    try:
        version = parse_int(request.POST.get("version", ""), minimum=1, maximum=MAX_ID) or 0
        sessions.remove_session(session, actor=request.user, version=version)
    except StaleObject as error:
        return conflict(request, event, str(error))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(event_url(event))
    messages.success(request, _("日程を削除しました。"))
    return redirect(event_url(event))
