"""List the words of published content that the transliteration rules changed and the
Serbian dictionary does not know (serbian.report), for a trainer to review."""

from django.core.management.base import BaseCommand, CommandError

from serbian.report import DICTIONARY, DictionaryMissing, words_to_review


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument(
            "--dictionary",
            default=DICTIONARY,
            help="hunspell dictionary, without .dic/.aff (default: %(default)s)",
        )

    def handle(self, *args, dictionary, **options):
        try:
            words = words_to_review(dictionary=dictionary)
        except DictionaryMissing as missing:
            raise CommandError(str(missing)) from missing
        if not words:
            self.stdout.write("Nothing to review.")
            return
        for w in words:
            self.stdout.write(f"{w.word}\t{w.cyrillic}\t{w.count}\t{'; '.join(w.places)}")
        self.stdout.write(f"{len(words)} words to review.")
