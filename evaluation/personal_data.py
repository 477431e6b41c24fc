"""A person's surveys, for the personal-data export: which they were asked to answer and
whether they did, and their answers to surveys that were not anonymous. Anonymous answers
carry no link to anyone and cannot be exported as theirs."""

from __future__ import annotations

from typing import Any

from .models import Invitation, Response


def personal_data_surveys(user) -> dict[str, Any]:
    return {
        "invitations": [
            {
                "survey": i.survey.title,
                "sent_at": i.sent_at.isoformat() if i.sent_at else None,
                "answered": i.answered,
            }
            for i in Invitation.objects.filter(user=user).select_related("survey")
        ],
        "named_answers": [
            {
                "survey": r.survey.title,
                "month": r.month.isoformat(),
                "answers": {a.item.text: a.value for a in r.answers.select_related("item")},
            }
            for r in Response.objects.filter(user=user).select_related("survey")
        ],
    }
