import pytest
from django.http import QueryDict

from caselaw.factories import CasePageFactory
from caselaw.selectors import case_search
from tests.conftest import in_serbian

pytestmark = pytest.mark.usefixtures("english")


def search(query: str = "", **kwargs):
    return case_search(params=QueryDict(query), **kwargs)


def counts(result, key):
    facet = next(f for f in result.facets if f.key == key)
    return {o.value: o.count for o in facet.options}


def titles(result):
    return {case.title for case in result.cases}


def test_without_filters_every_published_case_is_found(library):
    result = search()
    assert result.total == 5
    assert "Unpublished draft v. Greece" not in titles(result)


def test_facet_counts_count_cases_not_rows(library):
    result = search()
    assert counts(result, "country") == {"gr": 2, "at": 1, "fr": 1, "rs": 1}
    assert counts(result, "form") == {
        "forced-labour": 2,
        "sexual-exploitation": 1,
        "domestic-servitude": 2,
        "servitude": 1,
        "forced-begging": 1,
    }
    assert counts(result, "issue")["positive-obligations"] == 4
    assert counts(result, "outcome") == {"violation": 3, "no_violation": 1, "conviction": 1}
    assert counts(result, "level") == {"ecthr_chamber": 4, "higher": 1}
    assert counts(result, "victim_age") == {"adult": 3, "child": 2}
    assert counts(result, "victim_status")["irregular_migrant"] == 3
    assert counts(result, "key") == {"1": 2}
    assert counts(result, "audience") == {
        "labour_inspector": 1,
        "police_officer": 1,
        "prosecutor": 1,
    }
    assert {int(o.value): o.count for o in result.years}[2017] == 2


def test_a_facet_keeps_counting_its_other_values_when_one_is_chosen(library):
    result = search("country=gr")
    assert result.total == 2
    # Other countries stay visible with their counts, so a reader can switch.
    assert counts(result, "country") == {"gr": 2, "at": 1, "fr": 1, "rs": 1}
    # Other facets count within Greece.
    assert counts(result, "form") == {"forced-labour": 1, "sexual-exploitation": 1}


def test_values_of_one_facet_are_alternatives_and_facets_combine(library):
    assert search("country=gr&country=at").total == 3
    result = search("country=gr&country=at&form=forced-labour")
    assert titles(result) == {"Chowdury and Others v. Greece", "J. and Others v. Austria"}
    assert search("victim_age=child&outcome=conviction").total == 1
    assert titles(search("year_from=2016&year_to=2017")) == {
        "Chowdury and Others v. Greece",
        "L.E. v. Greece",
        "J. and Others v. Austria",
    }
    assert titles(search("key=1&audience=labour_inspector")) == {"Chowdury and Others v. Greece"}


def test_words_and_facets_combine(library):
    result = search("q=strawberry&country=gr")
    assert titles(result) == {"Chowdury and Others v. Greece"}
    assert search("q=strawberry&country=at").total == 0


def test_search_is_insensitive_to_the_serbian_script(library):
    assert titles(search("q=просјачења")) == {"Presuda Višeg suda"}
    assert titles(search("q=prosjacenja")) == {"Presuda Višeg suda"}
    assert titles(search("q=Београда")) == {"Presuda Višeg suda"}


@pytest.mark.parametrize(
    "query",
    [
        "country=atlantis",
        "level=heaven",
        "year_from=abc",
        "year_from=1200",
        "year_from=2020&year_to=2010",
        "key=maybe",
        "page=-3",
        "page=zzz",
        "sort=random",
        "victim_age=%00",
        "outcome=" + "x" * 5000,
    ],
)
def test_nonsense_in_the_url_gives_a_message_not_an_error(client, library, query):
    response = client.get(library["index"].url + "?" + query)
    assert response.status_code == 200
    if not query.startswith("page="):
        # The library page is Serbian (its locale): the notice is in the reader's language.
        notice = in_serbian("Some filters in the address were not understood and are ignored:")
        assert notice in response.content.decode()


def test_a_nonsense_value_drops_only_its_own_filter(library):
    result = search("country=gr&level=heaven")
    assert result.total == 2
    assert result.errors and "Court level" in result.errors[0]


def test_an_empty_result_suggests_removing_the_narrowest_filter(library):
    result = search("country=fr&form=forced-labour&outcome=violation")
    assert result.total == 0
    # Without the country: Chowdury (violation, forced labour) → 1; without the form:
    # Siliadin → 1; without the outcome: nothing. The first with most cases wins.
    assert result.suggestion is not None
    assert result.suggestion.count == 1
    assert result.suggestion.filter.key in {"country", "form"}


def test_facet_counts_take_a_bounded_number_of_queries(library, django_assert_max_num_queries):
    with django_assert_max_num_queries(40) as few:
        search("q=greece&country=gr&form=forced-labour&issue=positive-obligations")
    for n in range(12):
        CasePageFactory(
            countries=["gr", "cy", "ru"][: n % 3 + 1],
            forms=["forced-labour", "slavery", "pornography", "organ-removal"][: n % 4 + 1],
            issues=["positive-obligations", "consent", "asylum"][: n % 3 + 1],
            victims=[{"age_group": "adult", "status": "refugee"}],
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        search("q=greece&country=gr&form=forced-labour&issue=positive-obligations")


def test_results_paginate(library):
    for _ in range(3):
        CasePageFactory(countries=["rs"])
    first = search("country=rs", page_size=2)
    assert first.total == 4
    assert first.page.paginator.num_pages == 2
    second = search("country=rs&page=2", page_size=2)
    assert {c.pk for c in first.cases}.isdisjoint({c.pk for c in second.cases})
