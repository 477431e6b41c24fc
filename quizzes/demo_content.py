"""Demo quizzes as plain data: for each demo course a module quiz and a final exam, with
every question in Serbian (Latin script) and English side by side.

A question: {"key", "kind", "sr", "en", ...} with, by kind,
- "options": [(sr, en, fraction[, sr feedback, en feedback])] for single, multiple,
  short text (accepted answers) and ordering (items in their correct order);
- "pairs": [(sr prompt, en prompt, sr match, en match)] for matching;
- "answer": a boolean (true / false) or a number (numeric, with "tolerance");
- "subs": the sub-questions of a scenario; "explain": (sr, en) general feedback.

Each course: "module" (slug of the module that gets the module quiz) with its questions,
and "final" (slug of the last module) with the exam's own questions; the exam draws the
rest from the whole course's category.
"""

ELEMENTS_SR = ("Radnja", "Sredstvo", "Cilj eksploatacije")
ELEMENTS_EN = ("Act", "Means", "Purpose of exploitation")
NONE_MISSING = ("Nijedan, svi su utvrđeni", "None, all are established")
MISSING_CHOICES = [*zip(ELEMENTS_SR, ELEMENTS_EN, strict=True), NONE_MISSING]


def elements_scenario(key, sr, en, present, missing_sr, missing_en):
    """A vignette and three sub-questions: which elements it shows, which is missing, and
    whether all three elements (trafficking in an adult) are there."""
    is_trafficking = len(present) == 3
    options = [
        (s, e, 1 if i in present else 0)
        for i, (s, e) in enumerate(zip(ELEMENTS_SR, ELEMENTS_EN, strict=True))
    ]
    right = len(present)
    options = [(s, e, round(f / right, 5) if f else 0) for s, e, f in options]
    return {
        "key": key,
        "kind": "scenario",
        "sr": sr,
        "en": en,
        "subs": [
            {
                "key": f"{key}-a",
                "kind": "multiple",
                "sr": "Koje elemente trgovine ljudima opisana situacija pokazuje?",
                "en": "Which elements of trafficking does the situation show?",
                "options": options,
            },
            {
                "key": f"{key}-b",
                "kind": "single",
                "sr": "Koji element nedostaje ili još nije utvrđen?",
                "en": "Which element is missing or not yet established?",
                "options": [
                    (missing_sr, missing_en, 1),
                    *[(s, e, 0) for s, e in MISSING_CHOICES if s != missing_sr],
                ],
            },
            {
                "key": f"{key}-c",
                "kind": "true_false",
                "sr": "Opisane činjenice pokazuju sva tri elementa trgovine punoletnim licem.",
                "en": "The facts described show all three elements of trafficking in an adult.",
                "answer": is_trafficking,
            },
        ],
    }


NRM = {
    "course": "nacionalni-mehanizam-upucivanja",
    "module": "sistem-i-akteri",
    "final": "podaci-i-saradnja",
    "module_title": ("Provera znanja: sistem i akteri", "Quiz: the system and its actors"),
    "final_title": ("Završni test: Nacionalni mehanizam upućivanja", "Final exam: the NRM"),
    "module_questions": [
        {
            "key": "nrm-01",
            "kind": "single",
            "sr": "Šta je Nacionalni mehanizam upućivanja (NMU)?",
            "en": "What is a National Referral Mechanism (NRM)?",
            "options": [
                (
                    "Okvir saradnje kojim državni organi i partneri ostvaruju prava žrtava",
                    "A cooperative framework through which state bodies and partners "
                    "fulfil the rights of victims",
                    1,
                    "Tačno: NMU je način saradnje, a ne jedna ustanova.",
                    "Right: an NRM is a way of working together, not one institution.",
                ),
                ("Posebna policijska jedinica", "A special police unit", 0),
                ("Sud za trgovinu ljudima", "A court for trafficking cases", 0),
                ("Međunarodna nevladina organizacija", "An international NGO", 0),
            ],
        },
        {
            "key": "nrm-02",
            "kind": "single",
            "sr": "Koja ustanova u Srbiji formalno identifikuje žrtve trgovine ljudima?",
            "en": "Which institution in Serbia formally identifies victims of trafficking?",
            "options": [
                (
                    "Centar za zaštitu žrtava trgovine ljudima",
                    "The Centre for Protection of Victims of Trafficking",
                    1,
                ),
                ("Osnovni sud", "The basic court", 0),
                ("Granična policija", "The border police", 0),
                ("Zaštitnik građana", "The Ombudsman", 0),
            ],
        },
        {
            "key": "nrm-03",
            "kind": "multiple",
            "sr": "Ko može da uputi moguću žrtvu na identifikaciju?",
            "en": "Who may refer a presumed victim for identification?",
            "options": [
                ("Policija", "The police", 0.25),
                ("Centar za socijalni rad", "A social work centre", 0.25),
                ("Inspekcija rada", "The labour inspectorate", 0.25),
                ("Nevladina organizacija", "A non-governmental organisation", 0.25),
            ],
            "explain": (
                "Upućivanje je posao svih koji dođu u kontakt sa mogućom žrtvom.",
                "Referral is the business of everyone who meets a presumed victim.",
            ),
        },
        {
            "key": "nrm-04",
            "kind": "true_false",
            "sr": "Pomoć i podrška mogućoj žrtvi zavise od toga da li ona sarađuje sa "
            "policijom i tužilaštvom.",
            "en": "Assistance to a presumed victim depends on her cooperating with the police "
            "and the prosecution.",
            "answer": False,
            "explain": (
                "Pomoć ne sme biti uslovljena saradnjom u krivičnom postupku.",
                "Assistance must not be made conditional on cooperation in criminal proceedings.",
            ),
        },
        {
            "key": "nrm-05",
            "kind": "ordering",
            "sr": "Poređajte korake upućivanja redom kojim se odvijaju.",
            "en": "Put the steps of referral in the order in which they happen.",
            "options": [
                ("Prepoznavanje indikatora", "Recognising indicators", 0),
                ("Upućivanje Centru", "Referral to the Centre", 0),
                ("Formalna identifikacija", "Formal identification", 0),
                ("Pomoć i (re)integracija", "Assistance and (re)integration", 0),
            ],
        },
        {
            "key": "nrm-06",
            "kind": "matching",
            "sr": "Povežite aktera sa njegovom glavnom ulogom.",
            "en": "Match each actor with its main role.",
            "pairs": [
                ("Policija", "Police", "Istraga i zaštita", "Investigation and protection"),
                (
                    "Javno tužilaštvo",
                    "Public prosecution",
                    "Krivično gonjenje",
                    "Criminal prosecution",
                ),
                (
                    "Centar za socijalni rad",
                    "Social work centre",
                    "Starateljstvo i podrška porodici",
                    "Guardianship and family support",
                ),
                ("", "", "Izdavanje viza", "Issuing visas"),
            ],
        },
        {
            "key": "nrm-07",
            "kind": "numeric",
            "sr": "Koliko najmanje dana traje period oporavka i razmišljanja prema "
            "Konvenciji Saveta Evrope o borbi protiv trgovine ljudima?",
            "en": "How many days, at least, is the recovery and reflection period under the "
            "Council of Europe Convention on Action against Trafficking?",
            "answer": 30,
            "tolerance": 0,
        },
        {
            "key": "nrm-08",
            "kind": "short_text",
            "sr": "Kako se zove proces kojim se utvrđuje da je neko lice žrtva trgovine "
            "ljudima? (jedna reč)",
            "en": "What is the process of establishing that a person is a victim of "
            "trafficking called? (one word)",
            "options": [("identifikacija", "identification", 1)],
        },
        {
            "key": "nrm-09",
            "kind": "single",
            "sr": "Moguća žrtva je dete bez pratnje. Ko se prvi obaveštava?",
            "en": "A presumed victim is an unaccompanied child. Who is told first?",
            "options": [
                (
                    "Centar za socijalni rad, radi postavljanja staratelja",
                    "The social work centre, to appoint a guardian",
                    1,
                ),
                ("Ambasada zemlje porekla", "The embassy of the country of origin", 0),
                ("Poslodavac", "The employer", 0),
            ],
        },
        {
            "key": "nrm-10",
            "kind": "true_false",
            "sr": "Formalna identifikacija žrtve ne zavisi od toga da li je pokrenut "
            "krivični postupak.",
            "en": "Formal identification of a victim does not depend on criminal proceedings "
            "being opened.",
            "answer": True,
        },
    ],
    "final_questions": [
        elements_scenario(
            "nrm-s1",
            "<p>Socijalna radnica saznaje da je mladić iz Niša preko oglasa dobio posao "
            "na gradilištu u inostranstvu. Po dolasku su mu oduzeli pasoš, plata mu se "
            "zadržava „zbog duga za prevoz”, a radi po 14 sati dnevno.</p>",
            "<p>A social worker learns that a young man from Niš answered an advertisement "
            "for building work abroad. On arrival his passport was taken, his wages are "
            "withheld “for the travel debt”, and he works 14 hours a day.</p>",
            present={0, 1, 2},
            missing_sr="Nijedan, svi su utvrđeni",
            missing_en="None, all are established",
        ),
        {
            "key": "nrm-11",
            "kind": "multiple",
            "sr": "Koji podaci o žrtvi smeju da se dele na sastanku više službi?",
            "en": "What data about a victim may be shared at a multi-agency meeting?",
            "options": [
                (
                    "Samo ono što je potrebno za njenu zaštitu",
                    "Only what is needed for her protection",
                    1,
                ),
                ("Celokupna medicinska dokumentacija", "Her entire medical file", -1),
                ("Adresa skloništa, svima prisutnima", "The shelter's address, to all present", -1),
            ],
        },
        {
            "key": "nrm-12",
            "kind": "single",
            "sr": "Šta je glavna svrha sastanka više službi o slučaju?",
            "en": "What is the main purpose of a multi-agency case meeting?",
            "options": [
                (
                    "Zajednički plan podrške i zaštite žrtve",
                    "A joint plan to support and protect the victim",
                    1,
                ),
                ("Saslušanje žrtve", "Questioning the victim", 0),
                ("Izricanje kazne učiniocu", "Sentencing the offender", 0),
            ],
        },
    ],
}

INDICATORS = {
    "course": "prepoznavanje-i-prevencija",
    "module": "indikatori",
    "final": "obrasci-vrbovanja",
    "module_title": ("Provera znanja: indikatori", "Quiz: indicators"),
    "final_title": ("Završni test: prepoznavanje i prevencija", "Final exam: recognition"),
    "module_questions": [
        {
            "key": "ind-01",
            "kind": "true_false",
            "sr": "Jedan indikator je dovoljan dokaz da je reč o trgovini ljudima.",
            "en": "A single indicator is enough to prove trafficking.",
            "answer": False,
            "explain": (
                "Indikatori ukazuju na sumnju i razlog za upućivanje, ne dokazuju delo.",
                "Indicators raise a suspicion and a reason to refer; they prove nothing.",
            ),
        },
        {
            "key": "ind-02",
            "kind": "multiple",
            "sr": "Koji su jaki indikatori radne eksploatacije?",
            "en": "Which are strong indicators of labour exploitation?",
            "options": [
                ("Oduzeta lična dokumenta", "Identity documents taken away", 0.5),
                ("Dug koji se ne može otplatiti", "A debt that cannot be repaid", 0.5),
                ("Rad u sezoni berbe", "Work in the harvest season", 0),
                ("Ugovor na određeno vreme", "A fixed-term contract", 0),
            ],
        },
        {
            "key": "ind-03",
            "kind": "single",
            "sr": "Ko je izradio operativne indikatore trgovine ljudima zajedno sa "
            "Evropskom komisijom?",
            "en": "Who drew up the operational indicators of trafficking together with the "
            "European Commission?",
            "options": [
                ("Međunarodna organizacija rada (MOR)", "The International Labour Organization", 1),
                ("Interpol", "Interpol", 0),
                ("Svetska banka", "The World Bank", 0),
            ],
        },
        {
            "key": "ind-04",
            "kind": "matching",
            "sr": "Povežite indikator sa vrstom eksploatacije na koju najčešće ukazuje.",
            "en": "Match each indicator with the form of exploitation it most often points to.",
            "pairs": [
                (
                    "Rad bez zaštitne opreme i plate",
                    "Work without protective gear or pay",
                    "Radna eksploatacija",
                    "Labour exploitation",
                ),
                (
                    "Oglasi za „pratnju” i stalni nadzor",
                    "“Escort” adverts and constant watch",
                    "Seksualna eksploatacija",
                    "Sexual exploitation",
                ),
                (
                    "Dete koje prosi pod nadzorom odraslog",
                    "A child begging under an adult's watch",
                    "Prinudno prosjačenje",
                    "Forced begging",
                ),
            ],
        },
        {
            "key": "ind-05",
            "kind": "single",
            "sr": "Šta inspektor rada treba da uradi kada uoči više indikatora?",
            "en": "What should a labour inspector do on noticing several indicators?",
            "options": [
                (
                    "Uputiti slučaj policiji i Centru za zaštitu žrtava",
                    "Refer the case to the police and the Centre",
                    1,
                ),
                ("Samo izreći novčanu kaznu poslodavcu", "Only fine the employer", 0),
                ("Sačekati sledeću redovnu kontrolu", "Wait for the next routine visit", 0),
            ],
        },
        {
            "key": "ind-06",
            "kind": "true_false",
            "sr": "Žrtva koja ne vidi sebe kao žrtvu i dalje može biti žrtva trgovine ljudima.",
            "en": "A person who does not see herself as a victim may still be a victim of "
            "trafficking.",
            "answer": True,
        },
        {
            "key": "ind-07",
            "kind": "short_text",
            "sr": "Kako se zove dug kojim učinilac vezuje žrtvu za sebe? (dve reči)",
            "en": "What is the debt by which an offender binds the victim called? (two words)",
            "options": [
                ("dužničko ropstvo", "debt bondage", 1),
                ("dužnička zavisnost", "bonded labour", 1),
            ],
        },
        {
            "key": "ind-08",
            "kind": "multiple",
            "sr": "Koje grupe su izložene većem riziku od trgovine ljudima?",
            "en": "Which groups are at higher risk of trafficking?",
            "options": [
                ("Deca u sistemu socijalne zaštite", "Children in care", 1 / 3),
                ("Migranti bez dokumenata", "Undocumented migrants", 1 / 3),
                ("Osobe sa invaliditetom", "Persons with disabilities", 1 / 3),
            ],
        },
        {
            "key": "ind-09",
            "kind": "single",
            "sr": "Koji je najbolji prvi korak kada sumnjate na trgovinu ljudima tokom razgovora?",
            "en": "What is the best first step when you suspect trafficking during an interview?",
            "options": [
                (
                    "Obezbediti sigurnost osobe i uputiti je dalje",
                    "Make the person safe and refer her on",
                    1,
                ),
                ("Suočiti osobu sa sumnjom", "Confront the person with the suspicion", 0),
                ("Pozvati poslodavca radi provere", "Call the employer to check", 0),
            ],
        },
        {
            "key": "ind-10",
            "kind": "numeric",
            "sr": "Do kog uzrasta (u godinama, ne uključujući) se lice smatra detetom?",
            "en": "Up to what age (in years, not included) is a person a child?",
            "answer": 18,
            "tolerance": 0,
        },
    ],
    "final_questions": [
        elements_scenario(
            "ind-s1",
            "<p>Devojka (19) je preko društvene mreže upoznala „menadžera” koji joj je "
            "obećao posao modela u Beču i platio put. Još nije otputovala.</p>",
            "<p>A young woman (19) met a “manager” on social media who promised her "
            "modelling work in Vienna and paid her ticket. She has not yet left.</p>",
            present={0, 1},
            missing_sr="Cilj eksploatacije",
            missing_en="Purpose of exploitation",
        ),
        {
            "key": "ind-11",
            "kind": "multiple",
            "sr": "Koji znaci u oglasu za posao u inostranstvu ukazuju na rizik?",
            "en": "Which signs in a job advert abroad point to a risk?",
            "options": [
                ("Visoka zarada bez ikakvog iskustva", "High pay with no experience", 0.5),
                (
                    "Put plaća poslodavac, „vraća se od plate”",
                    "Travel paid, “repaid from wages”",
                    0.5,
                ),
                ("Registrovana agencija sa licencom", "A registered, licensed agency", 0),
            ],
        },
        {
            "key": "ind-12",
            "kind": "true_false",
            "sr": "Agencija za zapošljavanje u inostranstvu u Srbiji mora imati dozvolu.",
            "en": "An agency recruiting for work abroad in Serbia must be licensed.",
            "answer": True,
        },
    ],
}

LAW = {
    "course": "trgovina-ljudima-krivicnopravni-odgovor",
    "module": "medjunarodna-definicija",
    "final": "nacelo-nekaznjavanja",
    "module_title": ("Provera znanja: međunarodna definicija", "Quiz: the definition"),
    "final_title": ("Završni test: krivičnopravni odgovor", "Final exam: the law"),
    "module_questions": [
        {
            "key": "law-01",
            "kind": "matching",
            "sr": "Razvrstajte primere po elementima trgovine ljudima.",
            "en": "Sort the examples into the elements of trafficking.",
            "pairs": [
                ("Vrbovanje", "Recruitment", "Radnja", "Act"),
                ("Zloupotreba teškog položaja", "Abuse of vulnerability", "Sredstvo", "Means"),
                ("Prinudni rad", "Forced labour", "Cilj", "Purpose"),
                ("Prevoz", "Transport", "Radnja", "Act"),
            ],
        },
        {
            "key": "law-02",
            "kind": "true_false",
            "sr": "Pristanak punoletne žrtve na nameravanu eksploataciju nije od značaja "
            "ako je upotrebljeno neko od sredstava iz definicije.",
            "en": "An adult victim's consent to the intended exploitation is irrelevant where "
            "any of the means in the definition was used.",
            "answer": True,
        },
        {
            "key": "law-03",
            "kind": "single",
            "sr": "Kada je žrtva dete, koji element ne mora da se dokaže?",
            "en": "When the victim is a child, which element need not be proved?",
            "options": [
                ("Sredstvo", "The means", 1),
                ("Radnja", "The act", 0),
                ("Cilj eksploatacije", "The purpose of exploitation", 0),
            ],
        },
        {
            "key": "law-04",
            "kind": "numeric",
            "sr": "Koje godine je usvojen Palermo protokol?",
            "en": "In what year was the Palermo Protocol adopted?",
            "answer": 2000,
            "tolerance": 0,
        },
        {
            "key": "law-05",
            "kind": "multiple",
            "sr": "Po čemu se krijumčarenje migranata razlikuje od trgovine ljudima?",
            "en": "How does smuggling of migrants differ from trafficking?",
            "options": [
                (
                    "Uvek podrazumeva prelazak državne granice",
                    "It always involves crossing a border",
                    0.5,
                ),
                (
                    "Odnos se po pravilu završava dolaskom na odredište",
                    "The relationship usually ends on arrival",
                    0.5,
                ),
                ("Žrtva mora biti dete", "The victim must be a child", -0.5),
            ],
        },
        {
            "key": "law-06",
            "kind": "short_text",
            "sr": "Kako se obično naziva Protokol UN za prevenciju, suzbijanje i kažnjavanje "
            "trgovine ljudima? (jedna reč)",
            "en": "By what name is the UN Trafficking Protocol usually known? (one word)",
            "options": [("Palermo", "Palermo", 1), ("Palermski", "Palermo", 1)],
        },
        {
            "key": "law-07",
            "kind": "numeric",
            "sr": "Kojim članom Krivičnog zakonika Srbije je propisano krivično delo "
            "trgovine ljudima?",
            "en": "Which article of the Serbian Criminal Code sets out the offence of "
            "trafficking in human beings?",
            "answer": 388,
            "tolerance": 0,
        },
        {
            "key": "law-08",
            "kind": "single",
            "sr": "Koji cilj eksploatacije nije naveden u Palermo protokolu?",
            "en": "Which purpose is not listed in the Palermo Protocol?",
            "options": [
                ("Neplaćeni prekovremeni rad bez prinude", "Unpaid overtime without coercion", 1),
                ("Uklanjanje organa", "Removal of organs", 0),
                ("Ropstvo", "Slavery", 0),
                ("Prinudni rad", "Forced labour", 0),
            ],
        },
        {
            "key": "law-09",
            "kind": "ordering",
            "sr": "Poređajte elemente redom kojim ih definicija navodi.",
            "en": "Put the elements in the order the definition gives them.",
            "options": [
                ("Radnja", "Act", 0),
                ("Sredstvo", "Means", 0),
                ("Cilj", "Purpose", 0),
            ],
        },
        {
            "key": "law-10",
            "kind": "true_false",
            "sr": "Za postojanje trgovine ljudima eksploatacija mora stvarno da nastupi.",
            "en": "For trafficking to exist, the exploitation must actually take place.",
            "answer": False,
            "explain": (
                "Dovoljno je da je radnja preduzeta u cilju eksploatacije.",
                "It is enough that the act was done for the purpose of exploitation.",
            ),
        },
    ],
    "final_questions": [
        elements_scenario(
            "law-s1",
            "<p>Vlasnik restorana je dvojici tražilaca azila ponudio smeštaj i posao. "
            "Rade bez plate, a on im preti da će ih prijaviti policiji ako odu.</p>",
            "<p>A restaurant owner offered two asylum seekers housing and work. They work "
            "without pay, and he threatens to report them to the police if they leave.</p>",
            present={0, 1, 2},
            missing_sr="Nijedan, svi su utvrđeni",
            missing_en="None, all are established",
        ),
        elements_scenario(
            "law-s2",
            "<p>Mladić (20) je sam platio prevoznika da ga preveze preko granice. Na "
            "odredištu se rastaju; prevoznik od njega više ništa ne traži.</p>",
            "<p>A young man (20) paid a driver to take him across the border. At the "
            "destination they part; the driver asks nothing more of him.</p>",
            present={0},
            missing_sr="Sredstvo i cilj eksploatacije",
            missing_en="The means and the purpose of exploitation",
        ),
        {
            "key": "law-11",
            "kind": "single",
            "sr": "Šta nalaže načelo nekažnjavanja žrtava?",
            "en": "What does the non-punishment principle require?",
            "options": [
                (
                    "Da se žrtve ne kažnjavaju za dela na koja su bile primorane",
                    "That victims are not punished for offences they were compelled to commit",
                    1,
                ),
                (
                    "Da se učinioci ne kažnjavaju ako sarađuju",
                    "That offenders who cooperate go unpunished",
                    0,
                ),
            ],
        },
    ],
}

ASYLUM = {
    "course": "zastita-zrtava-azil-i-migracije",
    "module": "razgovor-usmeren-na-zrtvu",
    "final": "non-refoulement-i-trajna-resenja",
    "module_title": ("Provera znanja: razgovor sa žrtvom", "Quiz: victim-centred interviews"),
    "final_title": ("Završni test: zaštita u azilu i migracijama", "Final exam: protection"),
    "module_questions": [
        {
            "key": "asy-01",
            "kind": "ordering",
            "sr": "Poređajte faze PEACE modela razgovora.",
            "en": "Put the phases of the PEACE interview model in order.",
            "options": [
                ("Priprema i planiranje", "Preparation and planning", 0),
                ("Uspostavljanje kontakta i objašnjenje", "Engage and explain", 0),
                ("Iskaz", "Account", 0),
                ("Zatvaranje", "Closure", 0),
                ("Procena", "Evaluation", 0),
            ],
        },
        {
            "key": "asy-02",
            "kind": "true_false",
            "sr": "Nedoslednosti u iskazu traumatizovane osobe same po sebi znače da ona "
            "ne govori istinu.",
            "en": "Inconsistencies in a traumatised person's account mean in themselves that "
            "she is not telling the truth.",
            "answer": False,
        },
        {
            "key": "asy-03",
            "kind": "multiple",
            "sr": "Šta je deo pristupa usmerenog na žrtvu?",
            "en": "What belongs to a victim-centred approach?",
            "options": [
                (
                    "Tumač po izboru žrtve, kad je moguće",
                    "An interpreter of the victim's choice where possible",
                    0.5,
                ),
                ("Pauze kada ih žrtva zatraži", "Breaks when the victim asks", 0.5),
                ("Ponavljanje razgovora radi provere", "Repeating the interview to test her", -0.5),
            ],
        },
        {
            "key": "asy-04",
            "kind": "single",
            "sr": "Koje pitanje je otvoreno?",
            "en": "Which question is open?",
            "options": [
                (
                    "„Opišite mi kako je izgledao jedan vaš radni dan.”",
                    "“Describe a working day for me.”",
                    1,
                ),
                ("„Da li vam je uzeo pasoš?”", "“Did he take your passport?”", 0),
                ("„Bili ste zaključani, zar ne?”", "“You were locked in, weren't you?”", 0),
            ],
        },
        {
            "key": "asy-05",
            "kind": "matching",
            "sr": "Povežite reakciju na traumu sa njenim opisom.",
            "en": "Match each trauma response with its description.",
            "pairs": [
                (
                    "Disocijacija",
                    "Dissociation",
                    "Odvojenost od događaja",
                    "Feeling detached from events",
                ),
                (
                    "Izbegavanje",
                    "Avoidance",
                    "Izbegavanje tema koje podsećaju",
                    "Steering away from reminders",
                ),
                (
                    "Pojačana budnost",
                    "Hypervigilance",
                    "Stalna napetost i oprez",
                    "Constant tension and alertness",
                ),
            ],
        },
        {
            "key": "asy-06",
            "kind": "short_text",
            "sr": "Kako se zove model razgovora koji se koristi u policiji? (skraćenica)",
            "en": "What is the interview model used by police called? (acronym)",
            "options": [("PEACE", "PEACE", 1)],
        },
        {
            "key": "asy-07",
            "kind": "true_false",
            "sr": "Žrtvi treba objasniti svrhu razgovora i šta će se dogoditi sa njenim iskazom.",
            "en": "The victim should be told the purpose of the interview and what will "
            "happen to her account.",
            "answer": True,
        },
        {
            "key": "asy-08",
            "kind": "single",
            "sr": "Ko ne bi trebalo da bude tumač u razgovoru sa mogućom žrtvom?",
            "en": "Who should not interpret in an interview with a presumed victim?",
            "options": [
                (
                    "Osoba iz njene zajednice koja poznaje učinioca",
                    "Someone from her community who knows the offender",
                    1,
                ),
                ("Ovlašćeni sudski tumač", "A certified court interpreter", 0),
            ],
        },
        {
            "key": "asy-09",
            "kind": "numeric",
            "sr": "Koliko faza ima PEACE model?",
            "en": "How many phases does the PEACE model have?",
            "answer": 5,
            "tolerance": 0,
        },
        {
            "key": "asy-10",
            "kind": "multiple",
            "sr": "Šta se radi na kraju razgovora (faza zatvaranja)?",
            "en": "What happens at the close of the interview?",
            "options": [
                ("Rezime iskaza", "Summarising the account", 0.5),
                ("Objašnjenje sledećih koraka", "Explaining the next steps", 0.5),
                ("Pretnja posledicama lažnog iskaza", "Threatening her over false statements", -1),
            ],
        },
    ],
    "final_questions": [
        elements_scenario(
            "asy-s1",
            "<p>Tražiteljka azila u prihvatnom centru kaže da ju je vodič na ruti "
            "„prodao” čoveku koji je primorava na prostituciju da bi otplatila put.</p>",
            "<p>An asylum seeker in a reception centre says the guide on the route “sold” "
            "her to a man who forces her into prostitution to repay the journey.</p>",
            present={0, 1, 2},
            missing_sr="Nijedan, svi su utvrđeni",
            missing_en="None, all are established",
        ),
        {
            "key": "asy-11",
            "kind": "single",
            "sr": "Šta zabranjuje načelo non-refoulement?",
            "en": "What does the principle of non-refoulement forbid?",
            "options": [
                (
                    "Vraćanje lica tamo gde mu preti progon ili ozbiljna povreda",
                    "Returning a person where they face persecution or serious harm",
                    1,
                ),
                ("Pružanje azila žrtvama trgovine", "Granting asylum to trafficking victims", 0),
            ],
        },
        {
            "key": "asy-12",
            "kind": "true_false",
            "sr": "Žrtva trgovine ljudima može istovremeno biti i tražilac azila.",
            "en": "A victim of trafficking may at the same time be an asylum seeker.",
            "answer": True,
        },
    ],
}

QUIZZES = [NRM, INDICATORS, LAW, ASYLUM]
