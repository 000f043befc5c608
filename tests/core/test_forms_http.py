"""The status of a page showing a form: 200 blank or valid, 422 refused."""

from django import forms

from kyodo.forms_http import form_status


class _NameForm(forms.Form):
    name = forms.CharField()


def test_a_blank_form_is_200():
    assert form_status(_NameForm()) == 200


def test_a_valid_submission_is_200():
    assert form_status(_NameForm({"name": "青葉"})) == 200


def test_a_refused_submission_is_422():
    assert form_status(_NameForm({"name": ""})) == 422


def test_an_error_added_after_validation_is_422():
    form = _NameForm({"name": "青葉"})
    assert form.is_valid()
    form.add_error(None, "他の方が先に更新しました。")
    assert form_status(form) == 422
