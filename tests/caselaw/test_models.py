import pytest
from django.core.exceptions import ValidationError

from caselaw.models import ecli_validator

pytestmark = pytest.mark.usefixtures("english")


@pytest.mark.parametrize(
    "value",
    [
        "ECLI:CE:ECHR:2005:0726JUD007331601",
        "ECLI:RS:VSRS:2019:12.34.5678",
        "ECLI:EU:C:2010:1",
        "ECLI:NL:HR:2020:" + "A" * 25,
    ],
)
def test_valid_ecli_passes(value):
    ecli_validator(value)


@pytest.mark.parametrize(
    "value",
    [
        "ECLI:CE:ECHR:05:0726JUD007331601",  # two-digit year
        "ECLI:CE:ECHR:2005",  # no ordinal
        "ecli:ce:echr:2005:1",  # lower case prefix
        "ECLI:CEE:ECHR:2005:1",  # three-letter country
        "ECLI:NL:HR:2020:" + "A" * 26,  # ordinal too long
        "ECLI:RS:VSRS:2019:12/34",  # slash not allowed in the ordinal
        "ECLI:RS:VS RS:2019:1",  # space in the court
    ],
)
def test_invalid_ecli_is_rejected_with_a_clear_message(value):
    with pytest.raises(ValidationError) as error:
        ecli_validator(value)
    assert "ECLI:<country>:<court>:<year>:<ordinal>" in str(error.value)


def test_vocabularies_are_seeded(db):
    from caselaw.models import Act, Court, ExploitationForm, LegalIssue, Means

    assert Act.objects.filter(slug="harbouring").exists()
    assert Means.objects.filter(slug="withheld-documents").exists()
    assert ExploitationForm.objects.filter(slug="organ-removal").exists()
    assert LegalIssue.objects.filter(slug="non-punishment").exists()
    assert Court.objects.filter(level="ecthr_gc").exists()
