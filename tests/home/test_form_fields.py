"""The shared form template ties each error to its field: every id a field's
aria-describedby names is on the page (screen readers read the error with the field)."""

import re

from django import forms
from django.template.loader import render_to_string


class ReportForm(forms.Form):
    institution = forms.CharField(help_text="The court or office you work at.")
    year = forms.IntegerField()
    agree = forms.BooleanField()


def test_every_described_by_id_exists_when_the_form_has_errors():
    form = ReportForm(data={"year": "twenty"})
    assert not form.is_valid()
    html = render_to_string("components/form_fields.html", {"form": form})
    described = re.findall(r'aria-describedby="([^"]+)"', html)
    assert described, "fields with errors name their errors"
    for ids in described:
        for element_id in ids.split():
            assert f'id="{element_id}"' in html, element_id
    assert 'id="id_year_error"' in html
    assert 'id="id_institution_error"' in html and 'id="id_agree_error"' in html


def test_a_valid_field_names_no_error():
    form = ReportForm(data={"institution": "Higher Court in Belgrade", "year": "twenty"})
    form.is_valid()
    html = render_to_string("components/form_fields.html", {"form": form})
    assert 'id="id_institution_error"' not in html
    assert "id_institution_error" not in html
