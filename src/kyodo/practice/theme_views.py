"""/staff/practice/themes/: the city's list of themes, added and edited here (not in the data administration)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kyodo.access import require_perm
from kyodo.editing import form_data, form_view
from kyodo.practice import themes
from kyodo.practice.forms import ThemeForm
from kyodo.practice.models import PracticeTheme
from kyodo.practice.staff_views import crumbs


@require_perm(themes.MANAGE)
def theme_list(request: HttpRequest) -> HttpResponse:
    return render(request, "practice/staff/theme_list.html", {
        "themes": PracticeTheme.objects.annotate(used=Count("reports")),
        "crumbs": crumbs((_("活動事例のテーマ"), None)),
    })


@require_perm(themes.MANAGE)
def theme_create(request: HttpRequest) -> HttpResponse:
    back = reverse("practice_staff:theme-list")
    return form_view(request, ThemeForm(form_data(request)),
                     lambda form: themes.create_theme(actor=request.user, **form.changes()),
                     success_url=back, success_message=_("テーマを追加しました。"), title=_("テーマの追加"),
                     crumbs=crumbs((_("活動事例のテーマ"), back), (_("追加"), None)), cancel_url=back)


def _theme(request: HttpRequest, pk: int, **_kwargs: Any) -> PracticeTheme:
    return get_object_or_404(PracticeTheme, pk=pk)


@require_perm(themes.MANAGE, load=_theme)
def theme_edit(request: HttpRequest, theme: PracticeTheme, pk: int) -> HttpResponse:
    back = reverse("practice_staff:theme-list")
    return form_view(request, ThemeForm(form_data(request), instance=theme),
                     lambda form: themes.update_theme(theme, actor=request.user, **form.changes()),
                     success_url=back, success_message=_("テーマを保存しました。"), title=_("テーマの編集"),
                     crumbs=crumbs((_("活動事例のテーマ"), back), (theme.name, None)), cancel_url=back)
