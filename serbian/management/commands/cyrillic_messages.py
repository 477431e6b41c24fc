"""Write the Cyrillic interface translations from the Latin ones.

Translators maintain `locale/sr_Latn/LC_MESSAGES/*.po`; this command transliterates every
translated string into `locale/sr/LC_MESSAGES/*.po` (placeholders, HTML and acronyms
untouched), so the two scripts can never drift apart. `make messages` runs it.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand

from serbian.transliteration import latin_to_cyrillic


class Command(BaseCommand):
    help = "Generate locale/sr (Cyrillic) .po files from locale/sr_Latn."

    def handle(self, *args, **options):
        source_dir = Path(settings.BASE_DIR) / "locale" / "sr_Latn" / "LC_MESSAGES"
        target_dir = Path(settings.BASE_DIR) / "locale" / "sr" / "LC_MESSAGES"
        target_dir.mkdir(parents=True, exist_ok=True)
        for source in sorted(source_dir.glob("*.po")):
            po = polib.pofile(str(source))
            po.metadata["Language"] = "sr"
            for entry in po:
                if entry.msgstr:
                    entry.msgstr = latin_to_cyrillic(entry.msgstr)
                for key, value in list(entry.msgstr_plural.items()):
                    entry.msgstr_plural[key] = latin_to_cyrillic(value)
            target = target_dir / source.name
            po.save(str(target))
            self.stdout.write(f"{source.relative_to(settings.BASE_DIR)} → {target.name}")
