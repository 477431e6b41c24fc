"""Demo content for `manage.py load_demo`: plain data, no database access.

Institution names are the real ones (Serbian in Latin script, and English). The
tree is an organisational convenience for filtering statistics: courts and
public prosecutors' offices are independent of the ministries and sit under
their own top nodes, not under the Ministry of Justice.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from accounts.models import Profession, Role
from institutions.models import InstitutionKind as K
from institutions.models import Region as R

# For local demonstration only. Printed by the command; never use on a real server.
DEMO_PASSWORD = "demo-password-2026"  # noqa: S105


@dataclass(frozen=True)
class DemoInstitution:
    code: str
    name_sr: str
    name_en: str
    kind: str
    region: str = R.NATIONAL
    children: tuple[DemoInstitution, ...] = field(default=())


def _station(code: str, town_sr: str, town_en: str, region: str) -> DemoInstitution:
    return DemoInstitution(
        code, f"Policijska stanica {town_sr}", f"{town_en} Police Station", K.POLICE_STATION, region
    )


def _police_administration(
    code: str, name_sr: str, name_en: str, region: str, stations: tuple[tuple[str, str, str], ...]
) -> DemoInstitution:
    return DemoInstitution(
        code,
        name_sr,
        name_en,
        K.POLICE_REGIONAL,
        region,
        tuple(_station(c, sr, en, region) for c, sr, en in stations),
    )


MINISTRY_OF_INTERIOR = DemoInstitution(
    "MUP",
    "Ministarstvo unutrašnjih poslova",
    "Ministry of Interior",
    K.MINISTRY,
    children=(
        DemoInstitution(
            "MUP-DP",
            "Direkcija policije",
            "Police Directorate",
            K.POLICE_DIRECTORATE,
            children=(
                DemoInstitution(
                    "MUP-UKP",
                    "Uprava kriminalističke policije",
                    "Criminal Police Directorate",
                    K.OTHER,
                ),
                DemoInstitution(
                    "MUP-UGP",
                    "Uprava granične policije",
                    "Border Police Administration",
                    K.OTHER,
                    children=(
                        DemoInstitution(
                            "MUP-AZIL", "Kancelarija za azil", "Asylum Office", K.ASYLUM_OFFICE
                        ),
                    ),
                ),
                _police_administration(
                    "PU-BG",
                    "Policijska uprava za grad Beograd",
                    "Police Administration for the City of Belgrade",
                    R.BELGRADE,
                    (
                        ("PS-VRACAR", "Vračar", "Vračar"),
                        ("PS-NOVI-BEOGRAD", "Novi Beograd", "Novi Beograd"),
                        ("PS-ZEMUN", "Zemun", "Zemun"),
                    ),
                ),
                _police_administration(
                    "PU-NS",
                    "Policijska uprava u Novom Sadu",
                    "Novi Sad Police Administration",
                    R.SOUTH_BACKA,
                    (("PS-BECEJ", "Bečej", "Bečej"), ("PS-VRBAS", "Vrbas", "Vrbas")),
                ),
                _police_administration(
                    "PU-NI",
                    "Policijska uprava u Nišu",
                    "Niš Police Administration",
                    R.NISAVA,
                    (
                        ("PS-ALEKSINAC", "Aleksinac", "Aleksinac"),
                        ("PS-DOLJEVAC", "Doljevac", "Doljevac"),
                    ),
                ),
                _police_administration(
                    "PU-KG",
                    "Policijska uprava u Kragujevcu",
                    "Kragujevac Police Administration",
                    R.SUMADIJA,
                    (
                        ("PS-ARANDJELOVAC", "Aranđelovac", "Aranđelovac"),
                        ("PS-TOPOLA", "Topola", "Topola"),
                    ),
                ),
                _police_administration(
                    "PU-SU",
                    "Policijska uprava u Subotici",
                    "Subotica Police Administration",
                    R.NORTH_BACKA,
                    (
                        ("PS-BACKA-TOPOLA", "Bačka Topola", "Bačka Topola"),
                        ("PS-MALI-IDJOS", "Mali Iđoš", "Mali Iđoš"),
                    ),
                ),
                _police_administration(
                    "PU-ZR",
                    "Policijska uprava u Zrenjaninu",
                    "Zrenjanin Police Administration",
                    R.CENTRAL_BANAT,
                    (
                        ("PS-NOVI-BECEJ", "Novi Bečej", "Novi Bečej"),
                        ("PS-SECANJ", "Sečanj", "Sečanj"),
                    ),
                ),
                _police_administration(
                    "PU-VR",
                    "Policijska uprava u Vranju",
                    "Vranje Police Administration",
                    R.PCINJA,
                    (
                        ("PS-PRESEVO", "Preševo", "Preševo"),
                        ("PS-BUJANOVAC", "Bujanovac", "Bujanovac"),
                    ),
                ),
            ),
        ),
    ),
)

MINISTRY_OF_JUSTICE = DemoInstitution(
    "MPRAVDE", "Ministarstvo pravde", "Ministry of Justice", K.MINISTRY
)

# Courts are independent; this node only groups them.
COURTS = DemoInstitution(
    "SUD",
    "Pravosuđe (sudovi)",
    "Judiciary (courts)",
    K.OTHER,
    children=(
        DemoInstitution("SUD-VS", "Vrhovni sud", "Supreme Court", K.COURT_SUPREME),
        DemoInstitution(
            "SUD-APEL-BG",
            "Apelacioni sud u Beogradu",
            "Court of Appeal in Belgrade",
            K.COURT_APPELLATE,
            R.BELGRADE,
            children=(
                DemoInstitution(
                    "SUD-VISI-BG",
                    "Viši sud u Beogradu",
                    "Higher Court in Belgrade",
                    K.COURT_HIGHER,
                    R.BELGRADE,
                    children=(
                        DemoInstitution(
                            "SUD-OSN1-BG",
                            "Prvi osnovni sud u Beogradu",
                            "First Basic Court in Belgrade",
                            K.COURT_BASIC,
                            R.BELGRADE,
                        ),
                    ),
                ),
            ),
        ),
        DemoInstitution(
            "SUD-APEL-NS",
            "Apelacioni sud u Novom Sadu",
            "Court of Appeal in Novi Sad",
            K.COURT_APPELLATE,
            R.SOUTH_BACKA,
            children=(
                DemoInstitution(
                    "SUD-VISI-NS",
                    "Viši sud u Novom Sadu",
                    "Higher Court in Novi Sad",
                    K.COURT_HIGHER,
                    R.SOUTH_BACKA,
                    children=(
                        DemoInstitution(
                            "SUD-OSN-NS",
                            "Osnovni sud u Novom Sadu",
                            "Basic Court in Novi Sad",
                            K.COURT_BASIC,
                            R.SOUTH_BACKA,
                        ),
                    ),
                ),
            ),
        ),
        DemoInstitution(
            "SUD-APEL-NI",
            "Apelacioni sud u Nišu",
            "Court of Appeal in Niš",
            K.COURT_APPELLATE,
            R.NISAVA,
            children=(
                DemoInstitution(
                    "SUD-VISI-NI",
                    "Viši sud u Nišu",
                    "Higher Court in Niš",
                    K.COURT_HIGHER,
                    R.NISAVA,
                    children=(
                        DemoInstitution(
                            "SUD-OSN-NI",
                            "Osnovni sud u Nišu",
                            "Basic Court in Niš",
                            K.COURT_BASIC,
                            R.NISAVA,
                        ),
                    ),
                ),
                DemoInstitution(
                    "SUD-VISI-VR",
                    "Viši sud u Vranju",
                    "Higher Court in Vranje",
                    K.COURT_HIGHER,
                    R.PCINJA,
                ),
            ),
        ),
        DemoInstitution(
            "SUD-APEL-KG",
            "Apelacioni sud u Kragujevcu",
            "Court of Appeal in Kragujevac",
            K.COURT_APPELLATE,
            R.SUMADIJA,
            children=(
                DemoInstitution(
                    "SUD-VISI-KG",
                    "Viši sud u Kragujevcu",
                    "Higher Court in Kragujevac",
                    K.COURT_HIGHER,
                    R.SUMADIJA,
                    children=(
                        DemoInstitution(
                            "SUD-OSN-KG",
                            "Osnovni sud u Kragujevcu",
                            "Basic Court in Kragujevac",
                            K.COURT_BASIC,
                            R.SUMADIJA,
                        ),
                    ),
                ),
            ),
        ),
        DemoInstitution(
            "SUD-PREKR-APEL",
            "Prekršajni apelacioni sud",
            "Misdemeanour Appellate Court",
            K.COURT_MISDEMEANOUR,
            children=(
                DemoInstitution(
                    "SUD-PREKR-BG",
                    "Prekršajni sud u Beogradu",
                    "Misdemeanour Court in Belgrade",
                    K.COURT_MISDEMEANOUR,
                    R.BELGRADE,
                ),
            ),
        ),
    ),
)


def _prosecution_region(
    city: str, city_sr: str, city_en: str, region: str, basic: DemoInstitution | None = None
) -> DemoInstitution:
    higher = DemoInstitution(
        f"JT-VISE-{city}",
        f"Više javno tužilaštvo u {city_sr}",
        f"Higher Public Prosecutor's Office in {city_en}",
        K.PROSECUTION_HIGHER,
        region,
        children=(basic,) if basic else (),
    )
    return DemoInstitution(
        f"JT-APEL-{city}",
        f"Apelaciono javno tužilaštvo u {city_sr}",
        f"Appellate Public Prosecutor's Office in {city_en}",
        K.PROSECUTION_APPELLATE,
        region,
        children=(higher,),
    )


# The Supreme Public Prosecutor's Office was the Republic Public Prosecutor's
# Office until 2023; the Office for Organised Crime likewise gained "Javno" then.
PROSECUTION = DemoInstitution(
    "JT-VRHOVNO",
    "Vrhovno javno tužilaštvo",
    "Supreme Public Prosecutor's Office",
    K.PROSECUTION_REPUBLIC,
    children=(
        DemoInstitution(
            "JT-TOK",
            "Javno tužilaštvo za organizovani kriminal",
            "Public Prosecutor's Office for Organised Crime",
            K.PROSECUTION_ORGANISED_CRIME,
        ),
        _prosecution_region(
            "BG",
            "Beogradu",
            "Belgrade",
            R.BELGRADE,
            DemoInstitution(
                "JT-OSN1-BG",
                "Prvo osnovno javno tužilaštvo u Beogradu",
                "First Basic Public Prosecutor's Office in Belgrade",
                K.PROSECUTION_BASIC,
                R.BELGRADE,
            ),
        ),
        _prosecution_region(
            "NS",
            "Novom Sadu",
            "Novi Sad",
            R.SOUTH_BACKA,
            DemoInstitution(
                "JT-OSN-NS",
                "Osnovno javno tužilaštvo u Novom Sadu",
                "Basic Public Prosecutor's Office in Novi Sad",
                K.PROSECUTION_BASIC,
                R.SOUTH_BACKA,
            ),
        ),
        _prosecution_region("NI", "Nišu", "Niš", R.NISAVA),
        _prosecution_region("KG", "Kragujevcu", "Kragujevac", R.SUMADIJA),
    ),
)

MINISTRY_OF_LABOUR = DemoInstitution(
    "MINRZS",
    "Ministarstvo za rad, zapošljavanje, boračka i socijalna pitanja",
    "Ministry of Labour, Employment, Veteran and Social Affairs",
    K.MINISTRY,
    children=(
        DemoInstitution(
            "MINRZS-IR", "Inspektorat za rad", "Labour Inspectorate", K.LABOUR_INSPECTORATE
        ),
        DemoInstitution(
            "CSR-BG",
            "Gradski centar za socijalni rad u Beogradu",
            "City Centre for Social Work in Belgrade",
            K.SOCIAL_WORK_CENTRE,
            R.BELGRADE,
        ),
        DemoInstitution(
            "CSR-NS",
            "Centar za socijalni rad Grada Novog Sada",
            "Centre for Social Work of the City of Novi Sad",
            K.SOCIAL_WORK_CENTRE,
            R.SOUTH_BACKA,
        ),
        DemoInstitution(
            "CSR-NI",
            "Centar za socijalni rad „Sveti Sava“ Niš",
            "Centre for Social Work “Sveti Sava” Niš",
            K.SOCIAL_WORK_CENTRE,
            R.NISAVA,
        ),
        DemoInstitution(
            "CZZTL",
            "Centar za zaštitu žrtava trgovine ljudima",
            "Centre for the Protection of Victims of Trafficking in Human Beings",
            K.OTHER,
            R.BELGRADE,
        ),
    ),
)

OTHER_ROOTS = (
    DemoInstitution(
        "KIRS",
        "Komesarijat za izbeglice i migracije Republike Srbije",
        "Commissariat for Refugees and Migration of the Republic of Serbia",
        K.OTHER,
    ),
    DemoInstitution("PRAVOSUDNA-AKADEMIJA", "Pravosudna akademija", "Judicial Academy", K.OTHER),
    DemoInstitution(
        "NVO-ASTRA",
        "ASTRA – Akcija protiv trgovine ljudima",
        "ASTRA – Anti-Trafficking Action",
        K.NGO,
        R.BELGRADE,
    ),
    DemoInstitution(
        "INT",
        "Međunarodne organizacije",
        "International organisations",
        K.INTERNATIONAL,
        children=(
            DemoInstitution(
                "IOM",
                "Međunarodna organizacija za migracije (IOM)",
                "International Organization for Migration (IOM)",
                K.INTERNATIONAL,
            ),
            DemoInstitution(
                "UNHCR",
                "Visoki komesarijat Ujedinjenih nacija za izbeglice (UNHCR)",
                "Office of the United Nations High Commissioner for Refugees (UNHCR)",
                K.INTERNATIONAL,
            ),
            DemoInstitution(
                "UNODC",
                "Kancelarija Ujedinjenih nacija za drogu i kriminal (UNODC)",
                "United Nations Office on Drugs and Crime (UNODC)",
                K.INTERNATIONAL,
            ),
        ),
    ),
)

INSTITUTIONS: tuple[DemoInstitution, ...] = (
    MINISTRY_OF_INTERIOR,
    MINISTRY_OF_JUSTICE,
    COURTS,
    PROSECUTION,
    MINISTRY_OF_LABOUR,
    *OTHER_ROOTS,
)


@dataclass(frozen=True)
class DemoAccount:
    email: str
    first_name: str
    last_name: str
    institution: str  # an institution code
    profession: str
    preferred_language: str = "sr-latn"
    role: str | None = None
    scope: str | None = None  # the top of the subtree, for managers and analysts


ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount(
        "admin@demo.local",
        "Marko",
        "Nikolić",
        "IOM",
        Profession.OTHER,
        preferred_language="en",
        role=Role.ADMINISTRATOR,
    ),
    DemoAccount(
        "trainer@demo.local",
        "Jelena",
        "Stojanović",
        "PRAVOSUDNA-AKADEMIJA",
        Profession.OTHER,
        role=Role.TRAINER,
    ),
    DemoAccount(
        "senior.trainer@demo.local",
        "Dragana",
        "Ilić",
        "PRAVOSUDNA-AKADEMIJA",
        Profession.JUDGE,
        role=Role.SENIOR_TRAINER,
    ),
    DemoAccount(
        "manager@demo.local",
        "Nenad",
        "Marković",
        "PU-BG",
        Profession.POLICE_OFFICER,
        role=Role.INSTITUTION_MANAGER,
        scope="PU-BG",
    ),
    DemoAccount(
        "analyst@demo.local",
        "Ivana",
        "Popović",
        "MUP",
        Profession.OTHER,
        role=Role.MINISTRY_ANALYST,
        scope="MUP",
    ),
    DemoAccount("judge@demo.local", "Snežana", "Milošević", "SUD-VISI-BG", Profession.JUDGE),
    DemoAccount(
        "prosecutor@demo.local", "Aleksandar", "Đorđević", "JT-VISE-NS", Profession.PROSECUTOR
    ),
    DemoAccount(
        "police.cyrillic@demo.local",
        "Ђорђе",
        "Јовановић",
        "PS-VRACAR",
        Profession.POLICE_OFFICER,
        preferred_language="sr",
    ),
    DemoAccount(
        "police.latin@demo.local", "Ljiljana", "Petrović", "PS-ALEKSINAC", Profession.POLICE_OFFICER
    ),
    DemoAccount("social.worker@demo.local", "Marija", "Kostić", "CSR-NI", Profession.SOCIAL_WORKER),
    DemoAccount(
        "labour.inspector@demo.local", "Dejan", "Pavlović", "MINRZS-IR", Profession.LABOUR_INSPECTOR
    ),
    DemoAccount(
        "asylum.officer@demo.local", "Ana", "Živković", "MUP-AZIL", Profession.ASYLUM_OFFICER
    ),
)


# --- Home page -------------------------------------------------------------------

HOME_PAGE = {
    "sr": {
        "title": "E-učenje: borba protiv trgovine ljudima",
        "intro": (
            "<p>Ova platforma za e-učenje namenjena je sudijama, javnim tužiocima, policijskim "
            "službenicima, stručnim radnicima centara za socijalni rad, inspektorima rada i "
            "službenicima Kancelarije za azil koji se u svom radu susreću sa trgovinom ljudima. "
            "Nastala je u okviru zajedničkog programa Međunarodne organizacije za migracije "
            "(IOM), Visokog komesarijata Ujedinjenih nacija za izbeglice (UNHCR) i Kancelarije "
            "Ujedinjenih nacija za drogu i kriminal (UNODC) sa Vladom Republike Srbije.</p>"
            "<p>Program ima četiri cilja: <b>bolju koordinaciju</b> svih aktera u okviru "
            "Nacionalnog mehanizma upućivanja žrtava trgovine ljudima; <b>prevenciju</b> među "
            "grupama koje su posebno izložene riziku; <b>snažniji krivičnopravni odgovor</b>, "
            "odnosno delotvornije otkrivanje, krivično gonjenje i suđenje; i <b>zaštitu i "
            "(re)integraciju žrtava</b>, uključujući i žrtve koje se prepoznaju među tražiocima "
            "azila i migrantima.</p>"
        ),
        "audiences": (
            {
                "title": "Sudije",
                # The demo course (its Serbian slug) the card leads to.
                "course": "trgovina-ljudima-krivicnopravni-odgovor",
                "text": (
                    "Elementi krivičnog dela trgovine ljudima (član 388 Krivičnog zakonika), "
                    "sudska praksa, položaj žrtve kao svedoka, načelo nekažnjavanja žrtava i "
                    "odmeravanje kazne."
                ),
            },
            {
                "title": "Javni tužioci",
                "course": "trgovina-ljudima-krivicnopravni-odgovor",
                "text": (
                    "Vođenje istrage i finansijske istrage, dokazivanje eksploatacije, saradnja "
                    "sa policijom i međunarodna pravna pomoć, zaštita žrtve tokom postupka."
                ),
            },
            {
                "title": "Policija",
                "course": "prepoznavanje-i-prevencija",
                "text": (
                    "Prepoznavanje indikatora trgovine ljudima, prvi razgovor sa mogućom žrtvom, "
                    "upućivanje Centru za zaštitu žrtava trgovine ljudima i obezbeđivanje dokaza."
                ),
            },
            {
                "title": "Socijalni rad, inspekcija rada i azil",
                "course": "zastita-zrtava-azil-i-migracije",
                "text": (
                    "Identifikacija žrtava među decom, radnicima i tražiocima azila, radna "
                    "eksploatacija, upućivanje i podrška kroz Nacionalni mehanizam upućivanja."
                ),
            },
        ),
    },
    "en": {
        "title": "E-learning: combating trafficking in human beings",
        "intro": (
            "<p>This e-learning platform is for judges, public prosecutors, police officers, "
            "social workers in centres for social work, labour inspectors and Asylum Office "
            "staff who meet trafficking in human beings in their work. It was created within "
            "the joint programme of the International Organization for Migration (IOM), the "
            "Office of the United Nations High Commissioner for Refugees (UNHCR) and the United "
            "Nations Office on Drugs and Crime (UNODC) with the Government of the Republic of "
            "Serbia.</p>"
            "<p>The programme has four objectives: <b>better coordination</b> among all actors "
            "in the National Referral Mechanism for victims of trafficking; <b>prevention</b> "
            "among groups at particular risk; <b>a stronger criminal-justice response</b>, that "
            "is, more effective detection, prosecution and adjudication; and <b>protection and "
            "(re)integration of victims</b>, including victims identified among asylum seekers "
            "and migrants.</p>"
        ),
        "audiences": (
            {
                "title": "Judges",
                "course": "trgovina-ljudima-krivicnopravni-odgovor",
                "text": (
                    "The elements of the offence of trafficking in human beings (Article 388 of "
                    "the Criminal Code), case law, the victim as a witness, the non-punishment "
                    "principle and sentencing."
                ),
            },
            {
                "title": "Public prosecutors",
                "course": "trgovina-ljudima-krivicnopravni-odgovor",
                "text": (
                    "Leading criminal and financial investigations, proving exploitation, "
                    "working with the police, mutual legal assistance, and protecting the "
                    "victim throughout the proceedings."
                ),
            },
            {
                "title": "Police",
                "course": "prepoznavanje-i-prevencija",
                "text": (
                    "Recognising the indicators of trafficking, the first interview with a "
                    "possible victim, referral to the Centre for the Protection of Victims of "
                    "Trafficking, and securing evidence."
                ),
            },
            {
                "title": "Social work, labour inspection and asylum",
                "course": "zastita-zrtava-azil-i-migracije",
                "text": (
                    "Identifying victims among children, workers and asylum seekers, labour "
                    "exploitation, and referral and support through the National Referral "
                    "Mechanism."
                ),
            },
        ),
    },
}


# --- Programme settings -------------------------------------------------------------

PROGRAMME_SETTINGS = {
    "programme_name": "Zajednički program za suzbijanje trgovine ljudima u Republici Srbiji",
    "programme_name_en": (
        "Joint programme on combating trafficking in human beings in the Republic of Serbia"
    ),
    "short_name": "E-učenje: borba protiv trgovine ljudima",
    "short_name_en": "E-learning: combating trafficking in human beings",
    "footer_text": (
        "Zajednički program Međunarodne organizacije za migracije (IOM), Visokog komesarijata "
        "Ujedinjenih nacija za izbeglice (UNHCR) i Kancelarije Ujedinjenih nacija za drogu i "
        "kriminal (UNODC) sa Vladom Republike Srbije."
    ),
    "footer_text_en": (
        "A joint programme of the International Organization for Migration (IOM), the Office "
        "of the United Nations High Commissioner for Refugees (UNHCR) and the United Nations "
        "Office on Drugs and Crime (UNODC) with the Government of the Republic of Serbia."
    ),
    "contact_email": "kontakt@demo.local",
}

# Name (Serbian), name in English (empty where it is the same), website.
PARTNERS: tuple[tuple[str, str, str], ...] = (
    ("IOM", "", "https://serbia.iom.int/"),
    ("UNHCR", "", "https://www.unhcr.org/rs/"),
    ("UNODC", "", "https://www.unodc.org/"),
    (
        "Vlada Republike Srbije",
        "Government of the Republic of Serbia",
        "https://www.srbija.gov.rs/",
    ),
)
