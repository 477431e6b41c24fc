"""The demo's learning history (ops.demo_history), loaded last by `manage.py load_demo`:
some hundreds of demo learners with 18 months of enrolments, quiz attempts and
certificates, so that statistics and reports have something to show. It needs the
institutions, the managers, the courses and their quizzes."""

from __future__ import annotations

from django.conf import settings

from .demo_history import DEFAULT_LEARNERS, history_load, history_summary

DEMO_AFTER = ("institutions", "accounts", "courses", "quizzes", "certificates")


def load(report) -> None:
    learners = getattr(settings, "DEMO_HISTORY_LEARNERS", DEFAULT_LEARNERS)
    report.notes.append(history_summary(history_load(learners=learners)))
