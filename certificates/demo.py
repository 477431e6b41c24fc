"""Demo signatories for certificates (`manage.py load_demo`). Idempotent: looked up by name.

The names are marked as demo ones: the real signatories are set up by an administrator
(Settings → Signatories).
"""

from __future__ import annotations

from .models import Signatory

DEMO_SIGNATORIES = [
    {
        "name": "Jelena Marković (demo)",
        "title": "Koordinatorka programa obuke",
        "title_en": "Training programme coordinator",
        "sort_order": 0,
    },
    {
        "name": "Stefan Ilić (demo)",
        "title": "Predstavnik partnerskih organizacija",
        "title_en": "On behalf of the partner organisations",
        "sort_order": 1,
    },
]


def load_signatories() -> tuple[int, int]:
    """Returns (created, updated)."""
    created = updated = 0
    for entry in DEMO_SIGNATORIES:
        fields = {k: v for k, v in entry.items() if k != "name"}
        signatory, new = Signatory.objects.get_or_create(name=entry["name"], defaults=fields)
        if new:
            created += 1
            continue
        changed = [k for k, v in fields.items() if getattr(signatory, k) != v]
        if changed:
            for key in changed:
                setattr(signatory, key, fields[key])
            signatory.save(update_fields=changed)
            updated += 1
    return created, updated
