"""Example content for the component gallery, in the reader's language."""

from django.utils.translation import gettext as _


def component_examples() -> dict:
    """What the gallery page shows: each component's example data, translated now."""
    return {
        "panel_rows": [
            {"key": _("Holder"), "value": "Jelena Stojanović"},
            {"key": _("Course"), "value": _("Identifying victims of trafficking")},
            {"key": _("Issued"), "value": "3. 12. 2026."},
        ],
        "summary_rows": [
            {"key": _("Name"), "value": "Jelena Stojanović", "href": "#", "action": _("Change")},
            {"key": _("Profession"), "value": _("Judge"), "href": "#", "action": _("Change")},
            {"key": _("Institution"), "value": _("Higher Court in Belgrade")},
        ],
        "steps": [
            {"title": _("Sign in"), "status": "done"},
            {"title": _("Enrol in a course"), "status": "done"},
            {
                "title": _("Complete the lessons"),
                "status": "current",
                "href": "#",
                "text": _("3 of 8 lessons completed"),
            },
            {"title": _("Pass the final exam")},
            {"title": _("Download the certificate")},
        ],
    }
