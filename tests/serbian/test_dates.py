"""Dates as a Serbian editor writes them: the day, then the month in the genitive."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import formats, translation

GENITIVE = [
    "januara", "februara", "marta", "aprila", "maja", "juna",
    "jula", "avgusta", "septembra", "oktobra", "novembra", "decembra",
]  # fmt: skip
CYRILLIC = [
    "јануара", "фебруара", "марта", "априла", "маја", "јуна",
    "јула", "августа", "септембра", "октобра", "новембра", "децембра",
]  # fmt: skip


@pytest.mark.parametrize(("language", "months"), [("sr-latn", GENITIVE), ("sr", CYRILLIC)])
def test_every_month_is_in_the_genitive_after_its_day(language, months):
    with translation.override(language):
        for number, month in enumerate(months, start=1):
            day = datetime.date(2026, number, 3)
            assert formats.date_format(day) == f"3. {month} 2026."


def test_templates_write_dates_the_same_way():
    template = Template('{{ day|date:"DATE_FORMAT" }} · {{ moment|date:"DATETIME_FORMAT" }}')
    context = Context(
        {"day": datetime.date(2026, 12, 3), "moment": datetime.datetime(2026, 5, 1, 9, 30)}
    )
    with translation.override("sr-latn"):
        assert template.render(context) == "3. decembra 2026. · 1. maja 2026. 09:30"
    with translation.override("sr"):
        assert template.render(context) == "3. децембра 2026. · 1. маја 2026. 09:30"


def test_english_and_the_month_alone_are_unchanged():
    with translation.override("en"):
        assert formats.date_format(datetime.date(2026, 12, 3)) == "Dec. 3, 2026"
    with translation.override("sr-latn"):
        # A month named alone stays in the nominative (a period, a chart's axis).
        assert formats.date_format(datetime.date(2026, 12, 3), "F Y.") == "decembar 2026."
