"""Demo signatories for certificates (`demo_content/signatories.yaml`), for
`manage.py load_demo`. Idempotent: looked up by name.

The names are marked as demo ones: the real signatories are set up by an administrator
(Settings → Signatories).
"""

from __future__ import annotations

from pathlib import Path

from config.api import demo_file_read, demo_folder

from .models import Signatory

FOLDER = demo_folder(__file__)


def demo_signatories(folder: Path | None = None) -> list[dict]:
    folder = FOLDER if folder is None else folder
    file = demo_file_read(folder / "signatories.yaml")
    signatories = []
    for index, row in enumerate(file.items(file.data, "")):
        place = f"[{index}]"
        file.check(row, place, required=("name", "title", "title_en"), optional=("sort_order",))
        entry = {
            key: file.text(row[key], f"{place}.{key}") for key in ("name", "title", "title_en")
        }
        entry["sort_order"] = row.get("sort_order", index)
        signatories.append(entry)
    return signatories


def load(report) -> None:
    created, updated = load_signatories()
    report.notes.append(f"Certificate signatories: {created} added, {updated} updated.")


def load_signatories(folder: Path | None = None) -> tuple[int, int]:
    """Returns (created, updated)."""
    folder = FOLDER if folder is None else folder
    created = updated = 0
    for entry in demo_signatories(folder):
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
