"""`makemessages` collects only the names it knows (`_`, `gettext`, `gettext_lazy`,
`ngettext`, `pgettext`, …): a translation function imported under another name hides
every string it wraps from the catalogue, and the string stays English on Serbian pages."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SKIP = {".venv", "tests", "bench", "migrations", "node_modules", "staticfiles"}
RENAMED = re.compile(
    r"\b(gettext|gettext_lazy|ngettext|ngettext_lazy|pgettext|pgettext_lazy|npgettext)"
    r"\s+as\s+(?!_\b)(\w+)"
)


def test_no_translation_function_is_imported_under_a_name_makemessages_misses():
    renamed = []
    for path in ROOT.rglob("*.py"):
        if SKIP & set(path.relative_to(ROOT).parts):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if RENAMED.search(line):
                renamed.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not renamed, "\n".join(renamed)
