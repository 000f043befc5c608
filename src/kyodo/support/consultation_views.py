"""The centre's consultations: the list (a community's history), an advisor's new record, the city's notes and
the city's topics."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kyodo.access import require_perm
from kyodo.communities.models import Community
from kyodo.editing import form_data, form_view, version_field
from kyodo.fiscal_years import FiscalYear
from kyodo.query_params import query_int
from kyodo.support import consultations
from kyodo.support.forms import DATE_WIDGET
from kyodo.support.models import Consultation, ConsultationTopic, Contact
from kyodo.support.scopes import CONSULTATIONS
from kyodo.support.text import no_markup

PAGE_SIZE = 25


class ConsultationForm(forms.Form):
    community = forms.ModelChoiceField(
        label=gettext_lazy("地域協働体"), queryset=Community.objects.all(),
        error_messages={"required": gettext_lazy("地域協働体を選んでください。"),
                        "invalid_choice": gettext_lazy("地域協働体を一覧から選んでください。")},
    )
    consulted_on = forms.DateField(label=gettext_lazy("相談日"), widget=DATE_WIDGET,
                                   error_messages={"required": gettext_lazy("相談日を入力してください。")})
    way = forms.ChoiceField(label=gettext_lazy("方法"), choices=Contact.Way.choices)
    topic = forms.ModelChoiceField(
        label=gettext_lazy("分類"), queryset=ConsultationTopic.objects.filter(is_active=True),
        error_messages={"required": gettext_lazy("分類を選んでください。"),
                        "invalid_choice": gettext_lazy("分類を一覧から選んでください。")},
    )
    summary = forms.CharField(label=gettext_lazy("相談の内容"), max_length=4000, validators=[no_markup],
                              widget=forms.Textarea(attrs={"rows": 4}))
    advice = forms.CharField(label=gettext_lazy("助言"), max_length=4000, validators=[no_markup],
                             widget=forms.Textarea(attrs={"rows": 4}))
    follow_up_on = forms.DateField(label=gettext_lazy("フォローアップ日"), widget=DATE_WIDGET, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["consulted_on"].initial = timezone.localdate()


class CityNoteForm(forms.Form):
    city_note = forms.CharField(label=gettext_lazy("市の内部メモ"), max_length=4000, required=False,
                                validators=[no_markup], widget=forms.Textarea(attrs={"rows": 4}),
                                help_text=gettext_lazy("市の職員だけが読めます。市民活動センターには表示されません。"))


class TopicForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("分類"), max_length=50, validators=[no_markup])
    order = forms.IntegerField(label=gettext_lazy("表示順"), min_value=0, max_value=999, initial=0)
    is_active = forms.BooleanField(label=gettext_lazy("使用中"), required=False, initial=True)

    def __init__(self, *args: Any, topic: ConsultationTopic | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.topic = topic

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"]
        taken = ConsultationTopic.objects.filter(name=name)
        if self.topic is not None:
            taken = taken.exclude(pk=self.topic.pk)
        if taken.exists():
            raise forms.ValidationError(_("同じ名前の分類があります。"))
        return name


def _list_url() -> str:
    return reverse("support_staff:consultation-list")


def _crumbs(*more: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [(_("作業画面"), reverse("staff:home")), (_("相談・助言の記録"), _list_url()), *more]


@require_perm("support.list_consultations")
def consultation_list(request: HttpRequest) -> HttpResponse:
    """The consultations the user may see; by community (its history) and topic."""
    rows = CONSULTATIONS.queryset(request.user).select_related("community", "topic", "advisor")
    community = None
    if request.GET.get("community"):
        community = get_object_or_404(Community, slug=request.GET["community"])
        rows = rows.filter(community=community)
    topic = request.GET.get("topic", "")
    if (topic_id := query_int(request, "topic", minimum=1)) is not None:
        rows = rows.filter(topic_id=topic_id)
    page_obj = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "support/consultation_list.html", {
        "page_obj": page_obj, "community": community, "topic": topic, "topics": ConsultationTopic.objects.all(),
        "query_without_page": f"{query.urlencode()}&" if query else "",
        "sees_city_notes": getattr(request.user, "is_city_staff", False),
        "can_log": request.user.has_perm("support.log_consultation"),
        "can_manage_topics": request.user.has_perm("support.manage_topics"),
        "can_report": request.user.has_perm("support.view_consultation_report"),
        "editable_from": FiscalYear.of(timezone.localdate()).starts_on,
        "crumbs": [(_("作業画面"), reverse("staff:home")), (_("相談・助言の記録"), None)],
    })


@require_perm("support.log_consultation")
def consultation_create(request: HttpRequest) -> HttpResponse:
    form = ConsultationForm(form_data(request), initial={"community": request.GET.get("community")})
    return form_view(
        request, form, lambda form: consultations.log_consultation(actor=request.user, **form.cleaned_data),
        success_url=lambda item: f"{_list_url()}?community={item.community.slug}",
        success_message=_("相談を記録しました。"), title=_("相談・助言の記録"),
        crumbs=_crumbs((_("新しい記録"), None)), cancel_url=_list_url(),
    )


def _load(request: HttpRequest, pk: int, **_kwargs: Any) -> Consultation:
    return get_object_or_404(CONSULTATIONS.queryset(request.user).select_related("community", "topic"), pk=pk)


class ConsultationEditForm(ConsultationForm):
    """The advisor's correction: the same fields, the version the page showed, the current topic kept."""

    def __init__(self, *args: Any, consultation: Consultation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"] = version_field(initial=consultation.version)
        topic = self.fields["topic"]
        assert isinstance(topic, forms.ModelChoiceField)
        topic.queryset = ConsultationTopic.objects.filter(Q(is_active=True) | Q(pk=consultation.topic_id))


@require_perm("support.edit_consultation", load=_load)
def consultation_edit(request: HttpRequest, obj: Consultation, pk: int) -> HttpResponse:
    initial = {name: getattr(obj, name) for name in consultations.EDITABLE}
    form = ConsultationEditForm(form_data(request), initial=initial, consultation=obj)

    def save(form: Any) -> Consultation:
        values = dict(form.cleaned_data)
        return consultations.edit_consultation(obj, actor=request.user, version=values.pop("version"), **values)

    return form_view(
        request, form, save, success_url=lambda item: f"{_list_url()}?community={item.community.slug}",
        success_message=_("相談の記録を修正しました。"), title=_("相談の記録の修正"),
        crumbs=_crumbs((str(obj), None)), cancel_url=_list_url(),
        context={"intro": _("修正できるのは、同じ年度の間だけです(年度の実績報告のため)。")},
    )


class FollowUpDoneForm(forms.Form):
    done_on = forms.DateField(label=gettext_lazy("完了日"), widget=DATE_WIDGET,
                              error_messages={"required": gettext_lazy("完了日を入力してください。")})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["done_on"].initial = timezone.localdate()


@require_perm("support.close_consultation_follow_up", load=_load)
def consultation_follow_up_done(request: HttpRequest, obj: Consultation, pk: int) -> HttpResponse:
    form = FollowUpDoneForm(form_data(request))
    return form_view(
        request, form, lambda form: consultations.close_consultation_follow_up(
            obj, actor=request.user, done_on=form.cleaned_data["done_on"]),
        success_url=f"{_list_url()}?community={obj.community.slug}",
        success_message=_("フォローアップを完了にしました。"), title=_("フォローアップの完了"),
        crumbs=_crumbs((str(obj), None)), cancel_url=_list_url(),
        context={"intro": f"{obj.consulted_on} {obj.topic}: {obj.summary}"},
    )


@require_perm("support.write_city_note", load=_load)
def city_note(request: HttpRequest, obj: Consultation, pk: int) -> HttpResponse:
    form = CityNoteForm(form_data(request), initial={"city_note": obj.city_note})
    return form_view(
        request, form, lambda form: consultations.write_city_note(obj, actor=request.user, **form.cleaned_data),
        success_url=f"{_list_url()}?community={obj.community.slug}", success_message=_("内部メモを保存しました。"),
        title=_("市の内部メモ"), crumbs=_crumbs((str(obj), None)), cancel_url=_list_url(),
        context={"intro": f"{obj.consulted_on} {obj.topic}: {obj.summary}"},
    )


@require_perm("support.manage_topics")
def topic_list(request: HttpRequest) -> HttpResponse:
    return render(request, "support/topic_list.html", {
        "topics": ConsultationTopic.objects.all(), "crumbs": _crumbs((_("相談の分類"), None)),
    })


@require_perm("support.manage_topics")
def topic_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    topic = get_object_or_404(ConsultationTopic, pk=pk) if pk is not None else None
    initial = {"name": topic.name, "order": topic.order, "is_active": topic.is_active} if topic else None
    form = TopicForm(form_data(request), topic=topic, initial=initial)
    return form_view(
        request, form, lambda form: consultations.save_topic(topic, actor=request.user, **form.cleaned_data),
        success_url=reverse("support_staff:topic-list"), success_message=_("相談の分類を保存しました。"),
        title=_("相談の分類"), crumbs=_crumbs((_("相談の分類"), reverse("support_staff:topic-list")),
                                               (_("編集"), None)),
        cancel_url=reverse("support_staff:topic-list"),
    )
