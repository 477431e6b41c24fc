"""The demo curriculum as plain data, one module per course, Serbian (Latin script) and
English side by side so that reviewers can read and compare the text.

Shape of a course (see `courses.demo.load_courses`, which turns it into pages):

    {
        "programme_objective": ..., "audience_professions": [...], "level": ...,
        "estimated_hours": ..., "validity_months": ...,
        "sr": {"slug", "title", "summary", "learning_objectives"},
        "en": {...the same keys...},
        "modules": [
            {
                "sr": {"slug", "title", "intro"}, "en": {...},
                "lessons": [
                    {"minutes": 20, "sr": {"slug", "title", "body"}, "en": {...}},
                ],
            },
        ],
    }

A lesson body is a list of (block type, value) pairs for `courses.blocks.LessonStreamBlock`.
Text is wrapped freely in the source: the loader folds each run of whitespace into one
space and keeps blank lines (paragraph breaks in plain-text fields such as a provision).

Legal provisions quote the official English text of international instruments. Serbian
versions of those, and both versions of Serbian statutes, are summaries or unofficial
translations and say so in the block's "article" line.
"""

from . import elements_and_law, indicators_prevention, nrm_coordination, protection_asylum

INDEX = {
    "sr": {
        "slug": "kursevi",
        "title": "Kursevi",
        "intro": """<p>Kursevi o borbi protiv trgovine ljudima za sudije, javne tužioce,
            policiju, centre za socijalni rad, inspekciju rada i službe za azil.</p>""",
    },
    "en": {
        "slug": "courses",
        "title": "Courses",
        "intro": """<p>Courses on combating trafficking in human beings for judges,
            public prosecutors, police, social workers, labour inspectors and asylum
            officers.</p>""",
    },
}

# In the order of the programme's objectives.
COURSES = [
    nrm_coordination.COURSE,
    indicators_prevention.COURSE,
    elements_and_law.COURSE,
    protection_asylum.COURSE,
]
