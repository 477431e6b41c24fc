"""The question bank in the admin: a trainer writes a question with its options."""

import json

import pytest

from quizzes import factories as f
from quizzes.models import Question

pytestmark = pytest.mark.django_db


def test_admin_creates_a_question_with_options(client, mfa_login, trainer, trainer_course):
    category = f.QuestionCategoryFactory(course=trainer_course)
    mfa_login(client, trainer)
    data = {
        "name": "Means",
        "kind": "single",
        "category": category.pk,
        "language": "sr",
        "text": json.dumps(
            {
                "blocks": [
                    {
                        "key": "a",
                        "type": "unstyled",
                        "text": "Which?",
                        "depth": 0,
                        "inlineStyleRanges": [],
                        "entityRanges": [],
                    }
                ],
                "entityMap": {},
            }
        ),
        "marks": "1",
        "numeric_tolerance": "0",
        "scenario_position": "0",
        "general_feedback": '{"blocks":[],"entityMap":{}}',
        "shuffle_options": "on",
        "tags": "",
        "options-TOTAL_FORMS": "2",
        "options-INITIAL_FORMS": "0",
        "options-MIN_NUM_FORMS": "0",
        "options-MAX_NUM_FORMS": "1000",
        "options-0-text": "Threat",
        "options-0-fraction": "1",
        "options-0-feedback": "",
        "options-0-match_text": "",
        "options-0-ORDER": "1",
        "options-0-DELETE": "",
        "options-1-text": "Transport",
        "options-1-fraction": "0",
        "options-1-feedback": "",
        "options-1-match_text": "",
        "options-1-ORDER": "2",
        "options-1-DELETE": "",
        "rubric-TOTAL_FORMS": "0",
        "rubric-INITIAL_FORMS": "0",
        "rubric-MIN_NUM_FORMS": "0",
        "rubric-MAX_NUM_FORMS": "1000",
    }
    response = client.post("/admin/snippets/quizzes/question/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    q = Question.objects.get(name="Means")
    assert q.options.count() == 2 and q.revisions.count() == 1
