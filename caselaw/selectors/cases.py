"""Reads of one case: its citation, who cites it, related cases (beside the page of a case,
in caselaw.models.cases, which is served with them), and the case as plain data."""

from __future__ import annotations

from ..models.cases import CasePage
from ..models.cases import case_citation as case_citation
from ..models.cases import case_detail_context as case_detail_context
from ..models.cases import citing_pages as citing_pages
from ..models.cases import related_cases as related_cases
from ..models.cases import visible_cases as visible_cases


def case_as_dict(case: CasePage) -> dict:
    """The case as plain data: the JSON export, and the shape the import reads."""
    return {
        "title": case.title,
        "slug": case.slug,
        "court": case.court.name,
        "court_level": case.court.level,
        "countries": [c.slug for c in case.countries.all()],
        "case_number": case.case_number,
        "application_numbers": case.application_numbers,
        "ecli": case.ecli,
        "decision_date": case.decision_date.isoformat(),
        "date_final": case.date_final.isoformat() if case.date_final else None,
        "language": case.language,
        "official_url": case.official_url,
        "acts": [t.slug for t in case.acts.all()],
        "means": [t.slug for t in case.means.all()],
        "forms": [t.slug for t in case.exploitation_forms.all()],
        "sectors": [t.slug for t in case.sectors.all()],
        "legal_issues": [t.slug for t in case.legal_issues.all()],
        "scope": case.scope,
        "organised_group": case.organised_group,
        "provisions": [
            {"instrument": p.instrument, "article": p.article, "outcome": p.outcome}
            for p in case.provisions.all()
        ],
        "victims": [
            {
                "count": g.count,
                "sex": g.sex,
                "age_group": g.age_group,
                "nationality": g.nationality,
                "status": g.status,
                "label": g.label,
            }
            for g in case.victim_groups.all()
        ],
        "defendants": [
            {"count": g.count, "sex": g.sex, "nationality": g.nationality, "role": g.role}
            for g in case.defendant_groups.all()
        ],
        "outcome": case.outcome,
        "verdict": case.verdict,
        "sentences": case.sentences,
        "confiscation": case.confiscation,
        "compensation": case.compensation,
        "holding": case.holding,
        "summary": case.summary,
        "significance": case.significance,
        "key_case": case.key_case,
        "audience_professions": list(case.audience_professions or []),
        "citation": case_citation(case),
    }
