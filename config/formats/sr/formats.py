"""Serbian dates as an editor writes them: the day with the month in the genitive
("3. decembra 2026."), through Django's alternative month names (the `E` format, whose
names config/formats/months.py gives to translators under the "alt. month" context)."""

from django.conf.locale.sr.formats import *  # noqa: F403

DATE_FORMAT = "j. E Y."
DATETIME_FORMAT = "j. E Y. H:i"
MONTH_DAY_FORMAT = "j. E"
