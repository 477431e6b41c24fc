"""The seed values of the controlled vocabularies (editable afterwards as snippets).

Slugs are stable: URLs, imports and the demo refer to them. Each value is (slug,
Serbian name, English name); editors may rename them.
"""

ACTS = [
    ("recruitment", "Vrbovanje", "Recruitment"),
    ("transportation", "Prevoz", "Transportation"),
    ("transfer", "Prebacivanje", "Transfer"),
    ("harbouring", "Skrivanje", "Harbouring"),
    ("receipt", "Primanje lica", "Receipt of persons"),
]

MEANS = [
    ("force", "Sila", "Force"),
    ("threat", "Pretnja", "Threat"),
    ("coercion", "Drugi oblici prinude", "Other forms of coercion"),
    ("abduction", "Otmica", "Abduction"),
    ("fraud", "Prevara", "Fraud"),
    ("deception", "Obmana", "Deception"),
    ("abuse-of-power", "Zloupotreba ovlašćenja", "Abuse of power"),
    (
        "abuse-of-vulnerability",
        "Zloupotreba teškog položaja",
        "Abuse of a position of vulnerability",
    ),
    (
        "payments",
        "Davanje ili primanje novca ili druge koristi",
        "Giving or receiving payments or benefits",
    ),
    ("withheld-documents", "Zadržavanje ličnih isprava", "Withheld identity documents"),
]

FORMS = [
    ("sexual-exploitation", "Seksualna eksploatacija", "Sexual exploitation"),
    ("forced-labour", "Prinudni rad", "Forced labour"),
    ("domestic-servitude", "Kućno ropstvo", "Domestic servitude"),
    ("slavery", "Ropstvo", "Slavery"),
    ("servitude", "Položaj sličan ropstvu", "Servitude"),
    ("forced-begging", "Prinudno prosjačenje", "Forced begging"),
    ("forced-criminality", "Prinuda na vršenje krivičnih dela", "Forced criminality"),
    ("pornography", "Pornografija", "Pornography"),
    ("organ-removal", "Uzimanje organa", "Removal of organs"),
    ("forced-marriage", "Prinudni brak", "Forced marriage"),
    ("illegal-adoption", "Nezakonito usvojenje", "Illegal adoption"),
]

SECTORS = [
    ("agriculture", "Poljoprivreda", "Agriculture"),
    ("construction", "Građevinarstvo", "Construction"),
    ("domestic-work", "Rad u domaćinstvu", "Domestic work"),
    ("hospitality", "Ugostiteljstvo i zabava", "Hospitality and entertainment"),
    ("manufacturing", "Proizvodnja", "Manufacturing"),
    ("sex-industry", "Seksualne usluge", "Sex industry"),
    ("fishing", "Ribarstvo", "Fishing"),
    ("drug-production", "Uzgoj i preprodaja droge", "Drug cultivation and dealing"),
    ("street", "Ulica (prosjačenje, sitni kriminal)", "Street (begging, petty crime)"),
]

LEGAL_ISSUES = [
    ("definition", "Tri elementa definicije", "The three-element definition"),
    ("consent", "Pristanak žrtve", "Consent of the victim"),
    ("child-victims", "Deca žrtve", "Child victims"),
    ("identification", "Identifikacija i upućivanje", "Identification and referral"),
    ("non-punishment", "Nekažnjavanje žrtava", "Non-punishment of victims"),
    ("positive-obligations", "Pozitivne obaveze države", "Positive obligations of the State"),
    ("victim-testimony", "Iskaz žrtve i trauma", "Victim testimony and trauma"),
    ("witness-protection", "Zaštita svedoka", "Witness protection"),
    ("compensation", "Naknada štete i oduzimanje imovine", "Compensation and confiscation"),
    ("international-cooperation", "Međunarodna saradnja", "International cooperation"),
    ("asylum", "Azil i zabrana vraćanja", "Asylum and non-refoulement"),
    ("length-of-proceedings", "Dužina postupka", "Length of proceedings"),
    ("offences-abroad", "Krivična dela učinjena u inostranstvu", "Offences committed abroad"),
]

COUNTRIES = [
    ("rs", "Srbija", "Serbia"),
    ("at", "Austrija", "Austria"),
    ("hr", "Hrvatska", "Croatia"),
    ("cy", "Kipar", "Cyprus"),
    ("fr", "Francuska", "France"),
    ("gr", "Grčka", "Greece"),
    ("ru", "Rusija", "Russia"),
    ("gb", "Ujedinjeno Kraljevstvo", "United Kingdom"),
    ("ba", "Bosna i Hercegovina", "Bosnia and Herzegovina"),
    ("me", "Crna Gora", "Montenegro"),
    ("mk", "Severna Makedonija", "North Macedonia"),
    ("de", "Nemačka", "Germany"),
    ("it", "Italija", "Italy"),
]

COURTS = [
    ("European Court of Human Rights (Grand Chamber)", "ECtHR [GC]", None, "ecthr_gc"),
    ("European Court of Human Rights", "ECtHR", None, "ecthr_chamber"),
    ("European Court of Human Rights (Committee)", "ECtHR (Committee)", None, "ecthr_committee"),
    ("Constitutional Court of Serbia", "CC RS", "rs", "constitutional"),
    ("Supreme Court of Serbia", "SC RS", "rs", "supreme"),
    ("Court of Appeal in Belgrade", "CA Belgrade", "rs", "appellate"),
    ("Higher Court in Belgrade", "HC Belgrade", "rs", "higher"),
    ("First Basic Court in Belgrade", "1st BC Belgrade", "rs", "basic"),
]

# model name in the caselaw app → seed list
VOCABULARIES = {
    "Country": COUNTRIES,
    "Act": ACTS,
    "Means": MEANS,
    "ExploitationForm": FORMS,
    "Sector": SECTORS,
    "LegalIssue": LEGAL_ISSUES,
}


def seed_vocabularies(apps) -> None:
    """Create missing values (by slug) and the courts (by name); never overwrite edits."""
    for model_name, values in VOCABULARIES.items():
        model = apps.get_model("caselaw", model_name)
        for order, (slug, name, name_en) in enumerate(values):
            model.objects.get_or_create(
                slug=slug, defaults={"name": name, "name_en": name_en, "sort_order": order}
            )
    country = apps.get_model("caselaw", "Country")
    court = apps.get_model("caselaw", "Court")
    for name, short, code, level in COURTS:
        court.objects.get_or_create(
            name=name,
            defaults={
                "short_name": short,
                "level": level,
                "country": country.objects.filter(slug=code).first() if code else None,
            },
        )
