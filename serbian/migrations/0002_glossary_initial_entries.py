"""The glossary's first entries: names and case titles of the ECtHR judgments in the
library, the organisations the courses name, and the Latin phrases of the law. Trainers
change them in the admin; entries they have already made are left as they are."""

from django.db import migrations

NAME, ORGANISATION, PHRASE, OTHER = "name", "organisation", "phrase", "other"

# (as written in Latin, in Cyrillic or "" to keep in Latin, kind, note)
ENTRIES = [
    # Applicants' names: the Serbian translations of the judgments.
    ("Rantsev", "Ранцев", NAME, "Rantsev protiv Kipra i Rusije, 25965/04"),
    ("Siliadin", "Силиадин", NAME, "Siliadin protiv Francuske, 73316/01"),
    ("Chowdury", "", NAME, "Chowdury i drugi protiv Grčke, 21884/15"),
    # The English titles, quoted as the Court writes them.
    ("Rantsev v. Cyprus and Russia", "", NAME, ""),
    ("Siliadin v. France", "", NAME, ""),
    ("Chowdury and Others v. Greece", "", NAME, ""),
    ("S.M. v. Croatia [GC]", "", NAME, ""),
    ("S.M. v. Croatia", "", NAME, ""),
    ("C.N. v. the United Kingdom", "", NAME, ""),
    ("L.E. v. Greece", "", NAME, ""),
    ("J. and Others v. Austria", "", NAME, ""),
    ("V.C.L. and A.N. v. the United Kingdom", "", NAME, ""),
    # Courts and organisations.
    ("ECtHR", "", ORGANISATION, "European Court of Human Rights"),
    ("ECHR", "", ORGANISATION, "European Convention on Human Rights"),
    ("[GC]", "[ВВ]", ORGANISATION, "Grand Chamber: Велико веће"),
    ("UNHCR", "", ORGANISATION, ""),
    ("IOM", "", ORGANISATION, ""),
    ("UNODC", "", ORGANISATION, ""),
    ("UNICEF", "", ORGANISATION, ""),
    ("UNDP", "", ORGANISATION, ""),
    ("OHCHR", "", ORGANISATION, ""),
    ("ODIHR", "", ORGANISATION, ""),
    ("ILO", "", ORGANISATION, ""),
    ("OSCE", "", ORGANISATION, "English acronym; the Serbian one, OEBS, is ОЕБС"),
    ("OEBS", "ОЕБС", ORGANISATION, "Organizacija za evropsku bezbednost i saradnju"),
    ("GRETA", "", ORGANISATION, "Council of Europe's group of experts"),
    ("CEDAW", "", ORGANISATION, ""),
    ("NGO", "", ORGANISATION, ""),
    ("Europol", "Европол", ORGANISATION, ""),
    ("EUROPOL", "ЕВРОПОЛ", ORGANISATION, ""),
    ("Frontex", "Фронтекс", ORGANISATION, ""),
    ("FRONTEX", "ФРОНТЕКС", ORGANISATION, ""),
    ("INTERPOL", "ИНТЕРПОЛ", ORGANISATION, ""),
    # The Palermo Protocol, as its English title is quoted.
    ("Palermo Protocol", "", PHRASE, "Protokol iz Palerma"),
    ("Protocol to Prevent, Suppress and Punish Trafficking in Persons", "", PHRASE, ""),
    ("trafficking in persons", "", PHRASE, ""),
    ("loverboy", "", PHRASE, "a recruitment method"),
    # Latin and French phrases of the law.
    ("non-refoulement", "", PHRASE, "zabrana vraćanja"),
    ("ne bis in idem", "", PHRASE, ""),
    ("mutatis mutandis", "", PHRASE, ""),
    ("prima facie", "", PHRASE, ""),
    ("amicus curiae", "", PHRASE, ""),
    ("in dubio pro reo", "", PHRASE, ""),
    ("locus standi", "", PHRASE, ""),
    ("ratione materiae", "", PHRASE, ""),
    ("ratione personae", "", PHRASE, ""),
    ("inter alia", "", PHRASE, ""),
    ("erga omnes", "", PHRASE, ""),
    ("jus cogens", "", PHRASE, ""),
    ("ex officio", "", PHRASE, ""),
    ("de facto", "", PHRASE, ""),
    ("de jure", "", PHRASE, ""),
]


def add_entries(apps, schema_editor):
    GlossaryEntry = apps.get_model("serbian", "GlossaryEntry")
    for latin, cyrillic, kind, note in ENTRIES:
        GlossaryEntry.objects.get_or_create(
            latin=latin, defaults={"cyrillic": cyrillic, "kind": kind, "note": note}
        )


def remove_entries(apps, schema_editor):
    GlossaryEntry = apps.get_model("serbian", "GlossaryEntry")
    GlossaryEntry.objects.filter(latin__in=[e[0] for e in ENTRIES]).delete()


class Migration(migrations.Migration):
    dependencies = [("serbian", "0001_glossary_entry")]

    operations = [migrations.RunPython(add_entries, remove_entries)]
