"""Spell-check every Serbian string the site shows (serbian.spelling); fails on a wrong word.

A word that is right but unknown to hunspell-sr goes into serbian/spelling/accepted.txt
after review; a wrong one is fixed where the report says it is (the Cyrillic catalogue is
generated: fix the Latin one and run `make messages`).
"""

from django.core.management.base import BaseCommand, CommandError

from serbian.spelling import misspellings, project_texts


class Command(BaseCommand):
    help = "Spell-check the Serbian interface, templates and demo content with hunspell-sr."

    def handle(self, *args, **options):
        try:
            found = misspellings(project_texts())
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        for misspelling in found:
            self.stdout.write(str(misspelling))
        if found:
            raise CommandError(
                f"{len(found)} word(s) not known to hunspell-sr nor in "
                "serbian/spelling/accepted.txt, or listed in rejected.txt: fix them, or "
                "accept a right one in accepted.txt."
            )
        self.stdout.write(self.style.SUCCESS("Serbian spelling: no unknown words."))
