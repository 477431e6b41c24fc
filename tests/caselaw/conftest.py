import pytest

from caselaw.factories import CasePageFactory, case_index
from caselaw.models import Court


def victim(count, sex, age_group, status):
    return {"count": count, "sex": sex, "age_group": age_group, "status": status}


@pytest.fixture
def library(db, django_capture_on_commit_callbacks):
    """Five published cases and one draft, described so that facets have known counts.
    Made as if committed: what the writes registered to run on commit (the library's
    version bump) has run, so a test's own writes register their own."""
    with django_capture_on_commit_callbacks(execute=True):
        return _library()


def _library():
    index = case_index()
    cases = {
        "greek_farm": CasePageFactory(
            title="Chowdury and Others v. Greece",
            countries=["gr"],
            forms=["forced-labour"],
            acts=["recruitment"],
            means=["abuse-of-vulnerability"],
            issues=["positive-obligations"],
            outcome="violation",
            key_case=True,
            audience_professions=["labour_inspector", "police_officer"],
            decision_date="2017-03-30",
            victims=[
                {"count": 42, "sex": "male", "age_group": "adult", "status": "irregular_migrant"}
            ],
            holding="Strawberry pickers were in forced labour; the State did not protect them.",
        ),
        "greek_sex": CasePageFactory(
            title="L.E. v. Greece",
            countries=["gr"],
            forms=["sexual-exploitation"],
            issues=["positive-obligations", "length-of-proceedings"],
            outcome="violation",
            decision_date="2016-01-21",
            victims=[
                {"count": 1, "sex": "female", "age_group": "adult", "status": "irregular_migrant"}
            ],
            holding="Delays in recognising a victim of sexual exploitation breached Article 4.",
        ),
        "austria": CasePageFactory(
            title="J. and Others v. Austria",
            countries=["at"],
            forms=["forced-labour", "domestic-servitude"],
            issues=["positive-obligations", "offences-abroad"],
            outcome="no_violation",
            decision_date="2017-01-17",
            audience_professions=["prosecutor"],
            victims=[
                {"count": 2, "sex": "female", "age_group": "adult", "status": "regular_migrant"}
            ],
            holding="No duty to prosecute exploitation committed abroad.",
        ),
        "france": CasePageFactory(
            title="Siliadin v. France",
            countries=["fr"],
            forms=["domestic-servitude", "servitude"],
            issues=["positive-obligations", "child-victims"],
            outcome="violation",
            key_case=True,
            decision_date="2005-07-26",
            victims=[
                {"count": 1, "sex": "female", "age_group": "child", "status": "irregular_migrant"}
            ],
            holding="Criminal law must effectively punish servitude of a minor.",
        ),
        "serbia": CasePageFactory(
            title="Presuda Višeg suda",
            countries=["rs"],
            forms=["forced-begging"],
            issues=["child-victims"],
            outcome="conviction",
            decision_date="2019-05-10",
            court=Court.objects.get(short_name="HC Belgrade"),
            victims=[victim(3, "mixed", "child", "citizen")],
            holding="Roditelji su osuđeni za trgovinu decom radi prinudnog prosjačenja.",
            summary="<p>Žrtve su bila deca koja su prosila na ulicama Beograda.</p>",
        ),
    }
    draft = CasePageFactory(
        title="Unpublished draft v. Greece",
        countries=["gr"],
        forms=["forced-labour"],
        live=False,
        holding="A draft no reader may see.",
    )
    cases["draft"] = draft
    cases["index"] = index
    return cases
