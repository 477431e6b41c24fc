"""Course for the objective "Protection and (re)integration of victims, including in asylum
channels": victim-centred interviewing, identification among asylum seekers and migrants,
non-refoulement, the recovery and reflection period, residence, assistance and
reintegration.
"""

COE_CONVENTION_URL = (
    "https://www.coe.int/en/web/conventions/full-list?module=treaty-detail&treatynum=197"
)
REFUGEE_CONVENTION_URL = (
    "https://www.ohchr.org/en/instruments-mechanisms/instruments/"
    "convention-relating-status-refugees"
)

# --- Module 1: victim-centred interviewing ----------------------------------------------

VICTIM_CENTRED_PRINCIPLES = {
    "minutes": 20,
    "sr": {
        "slug": "nacela-pristupa-usmerenog-na-zrtvu",
        "title": "Pristup usmeren na žrtvu i razumevanje traume",
        "body": [
            (
                "paragraph",
                """<p>Pristup usmeren na žrtvu znači da se potrebe, bezbednost i prava
                žrtve stavljaju u središte svakog postupanja, uključujući i krivični
                postupak. To nije suprotno cilju istrage: žrtva koja se oseća bezbedno i
                poštovano daje potpuniji i pouzdaniji iskaz i ređe odustaje od
                svedočenja.</p>""",
            ),
            (
                "paragraph",
                """<p>Pristup usmeren na žrtvu ne znači da žrtva odlučuje da li će se krivično delo
                istraživati: trgovina ljudima se goni po službenoj dužnosti. On znači da je žrtva
                obaveštena, saslušana i zaštićena, i da se ne koristi samo kao izvor dokaza.</p>""",
            ),
            ("heading", {"text": "Kako trauma utiče na iskaz", "level": "h2"}),
            (
                "paragraph",
                """<p>Osobe koje su prošle kroz dugotrajno nasilje i strah često pamte
                fragmentarno: pamte detalje, ali ne i redosled događaja; datume mešaju;
                priču ispričaju drugačije pri drugom razgovoru; deluju ravnodušno ili se
                smeju na neprikladnom mestu. To su poznate posledice traume, a ne znak
                laganja. Nedoslednosti treba razjasniti, ali ne i automatski tumačiti
                kao nedostatak verodostojnosti.</p>""",
            ),
            (
                "indicator_checklist",
                {
                    "title": "Etička i bezbednosna pravila za razgovor",
                    "intro": """Prema preporukama Svetske zdravstvene organizacije za razgovor
                        sa ženama žrtvama trgovine ljudima (2003), koje se primenjuju i šire.""",
                    "items": [
                        {
                            "indicator": "Ne nanosite štetu",
                            "explanation": """Ako razgovor može
                            da pogorša položaj osobe, odložite ga.""",
                        },
                        {"indicator": "Poznajte temu i procenite rizike"},
                        {
                            "indicator": "Imajte spremne informacije o pomoći",
                            "explanation": "I ne obećavajte ono što ne možete da ispunite.",
                        },
                        {"indicator": "Pažljivo izaberite i pripremite tumača"},
                        {"indicator": "Obezbedite anonimnost i poverljivost"},
                        {"indicator": "Dobijte informisani pristanak"},
                        {"indicator": "Poštujte procenu same osobe o njenoj bezbednosti"},
                        {
                            "indicator": "Ne traumatizujte ponovo",
                            "explanation": """Ne tražite detalje koji nisu potrebni za svrhu
                                razgovora.""",
                        },
                        {"indicator": "Budite spremni za hitnu intervenciju"},
                        {"indicator": "Iskoristite prikupljene informacije za dobrobit osobe"},
                    ],
                },
            ),
            (
                "callout",
                {
                    "kind": "practice_tip",
                    "title": "Prvo bezbednost, onda pitanja",
                    "body": """<p>Pre prvog razgovora proverite da li je osoba odmorna, sita,
                        da li joj je potrebna lekarska pomoć i da li se plaši za nekoga. Osoba
                        koja je pre sat vremena izvučena iz eksploatacije nije spremna za
                        detaljan iskaz.</p>""",
                },
            ),
        ],
    },
    "en": {
        "slug": "victim-centred-principles",
        "title": "A victim-centred approach and understanding trauma",
        "body": [
            (
                "paragraph",
                """<p>A victim-centred approach puts the victim's needs, safety and rights
                at the centre of everything the authorities do, including in criminal
                proceedings. This does not work against the investigation: a victim who
                feels safe and respected gives a fuller and more reliable account and is
                less likely to withdraw as a witness.</p>""",
            ),
            (
                "paragraph",
                """<p>Being victim-centred does not mean that the victim decides whether the crime
                is investigated: trafficking is prosecuted ex officio. It means that the
                victim is informed, heard and protected, and is not used merely as a source of
                evidence.</p>""",
            ),
            ("heading", {"text": "How trauma affects testimony", "level": "h2"}),
            (
                "paragraph",
                """<p>People who have lived through prolonged violence and fear often
                remember in fragments: they recall details but not the order of events;
                they mix up dates; they tell the story differently the second time; they
                seem indifferent or laugh at odd moments. These are known effects of
                trauma, not signs of lying. Inconsistencies should be clarified, but not
                automatically read as a lack of credibility.</p>""",
            ),
            (
                "indicator_checklist",
                {
                    "title": "Ethical and safety rules for interviews",
                    "intro": """Based on the World Health Organization's recommendations for
                        interviewing trafficked women (2003), which apply more widely.""",
                    "items": [
                        {
                            "indicator": "Do no harm",
                            "explanation": """If an interview could
                            make the person's situation worse, postpone it.""",
                        },
                        {"indicator": "Know your subject and assess the risks"},
                        {
                            "indicator": "Have referral information ready",
                            "explanation": "And do not make promises you cannot keep.",
                        },
                        {"indicator": "Select and prepare interpreters carefully"},
                        {"indicator": "Ensure anonymity and confidentiality"},
                        {"indicator": "Obtain informed consent"},
                        {"indicator": "Respect the person's own assessment of their safety"},
                        {
                            "indicator": "Do not re-traumatise",
                            "explanation": "Do not ask for details the interview does not need.",
                        },
                        {"indicator": "Be prepared for emergency intervention"},
                        {"indicator": "Put the information to use for the person's benefit"},
                    ],
                },
            ),
            (
                "callout",
                {
                    "kind": "practice_tip",
                    "title": "Safety first, questions second",
                    "body": """<p>Before a first interview, check whether the person has
                        rested and eaten, whether they need medical care, and whether they
                        fear for someone. A person taken out of exploitation an hour ago is
                        not ready to give a detailed statement.</p>""",
                },
            ),
        ],
    },
}

PEACE_MODEL = {
    "minutes": 25,
    "sr": {
        "slug": "model-peace",
        "title": "Priprema i vođenje razgovora: model PEACE",
        "body": [
            (
                "paragraph",
                """<p>Model PEACE razvijen je u Engleskoj i Velsu početkom devedesetih
                godina kao odgovor na iznuđena priznanja i pogrešne osude. Umesto
                ispitivanja usmerenog na dobijanje priznanja, on traži tačne i pouzdane
                informacije. Danas se koristi u mnogim zemljama, za osumnjičene, svedoke i
                žrtve.</p>""",
            ),
            (
                "accordion",
                {
                    "items": [
                        {
                            "title": "P — planiranje i priprema",
                            "body": """<p>Šta već znamo, šta treba da saznamo, ko je
                                najbolji sagovornik, da li je potreban tumač i kog pola,
                                gde će razgovor biti vođen i kako će biti zabeležen.</p>""",
                        },
                        {
                            "title": "E — uspostavljanje odnosa i objašnjenje",
                            "body": """<p>Predstavite se, objasnite svrhu razgovora,
                                prava osobe i šta će se dešavati sa onim što kaže. Pitajte
                                da li joj je nešto potrebno pre početka.</p>""",
                        },
                        {
                            "title": "A — iskaz, razjašnjenje i provera",
                            "body": """<p>Pustite osobu da slobodno ispriča, bez
                                prekidanja. Zatim otvorenim pitanjima razjasnite pojedine
                                delove. Nedoslednosti proveravajte smireno i tek na
                                kraju.</p>""",
                        },
                        {
                            "title": "C — završetak",
                            "body": """<p>Sažmite šta ste čuli, proverite da li je tačno,
                                objasnite sledeće korake i ostavite kontakt.</p>""",
                        },
                        {
                            "title": "E — procena",
                            "body": """<p>Šta smo saznali, šta nedostaje, kako je razgovor
                                uticao na osobu i šta treba drugačije sledeći put.</p>""",
                        },
                    ]
                },
            ),
            ("heading", {"text": "Praktična pravila", "level": "h2"}),
            (
                "paragraph",
                """<p>Tumač ne sme biti povezan sa zajednicom iz koje dolaze
                eksploatatori, niti sme biti neko koga je doveo poslodavac. Proverite jezik i
                dijalekt. Ako osoba traži razgovor sa službenikom ili tumačem istog pola,
                omogućite to kad god je moguće. Pravite pauze. Razgovor snimajte kada je to
                zakonom dozvoljeno, kako se osoba ne bi ispitivala više puta o istom.</p>""",
            ),
            (
                "callout",
                {
                    "kind": "definition",
                    "title": "Posebno osetljiv svedok",
                    "body": """<p>Zakonik o krivičnom postupku omogućava da se svedok koji je
                        posebno osetljiv, s obzirom na uzrast, iskustvo, način života, pol,
                        zdravstveno stanje ili okolnosti dela, saslušava uz pomoć psihologa,
                        socijalnog radnika ili drugog stručnjaka, putem tehničkih sredstava
                        za prenos slike i zvuka i bez suočenja sa okrivljenim. Žrtve
                        trgovine ljudima, a naročito deca, često ispunjavaju te uslove.</p>""",
                },
            ),
        ],
    },
    "en": {
        "slug": "the-peace-model",
        "title": "Preparing and conducting the interview: the PEACE model",
        "body": [
            (
                "paragraph",
                """<p>The PEACE model was developed in England and Wales in the early 1990s
                in response to coerced confessions and wrongful convictions. Instead of
                questioning aimed at obtaining a confession, it seeks accurate and reliable
                information. It is now used in many countries, with suspects, witnesses and
                victims alike.</p>""",
            ),
            (
                "accordion",
                {
                    "items": [
                        {
                            "title": "P — Planning and preparation",
                            "body": """<p>What we already know, what we need to find out,
                                who is best placed to interview, whether an interpreter is
                                needed and of which sex, where the interview will take
                                place and how it will be recorded.</p>""",
                        },
                        {
                            "title": "E — Engage and explain",
                            "body": """<p>Introduce yourself, explain the purpose of the
                                interview, the person's rights and what will happen to what
                                they say. Ask whether they need anything before you
                                start.</p>""",
                        },
                        {
                            "title": "A — Account, clarification and challenge",
                            "body": """<p>Let the person tell their account freely, without
                                interrupting. Then clarify particular parts with open
                                questions. Raise inconsistencies calmly, and only at the
                                end.</p>""",
                        },
                        {
                            "title": "C — Closure",
                            "body": """<p>Summarise what you heard, check it is correct,
                                explain the next steps and leave a contact.</p>""",
                        },
                        {
                            "title": "E — Evaluation",
                            "body": """<p>What did we learn, what is missing, how did the
                                interview affect the person, and what should be done
                                differently next time.</p>""",
                        },
                    ]
                },
            ),
            ("heading", {"text": "Practical rules", "level": "h2"}),
            (
                "paragraph",
                """<p>The interpreter must have no ties to the community the exploiters come
                from, and must never be someone the employer brought along. Check the
                language and dialect. If the person asks to speak to an officer or an
                interpreter of the same sex, arrange it whenever possible. Take breaks.
                Record the interview where the law allows, so that the person is not
                questioned about the same events again and again.</p>""",
            ),
            (
                "callout",
                {
                    "kind": "definition",
                    "title": "Particularly vulnerable witness",
                    "body": """<p>The Criminal Procedure Code allows a witness who is
                        particularly vulnerable — because of age, experience, way of life,
                        sex, health or the circumstances of the offence — to be heard with
                        the help of a psychologist, social worker or other professional,
                        through audio-visual link, and without confrontation with the
                        defendant. Victims of trafficking, and children in particular, often
                        meet these conditions.</p>""",
                },
            ),
        ],
    },
}

# --- Module 2: identification among asylum seekers and migrants --------------------------

MIGRATION_ROUTES = {
    "minutes": 20,
    "sr": {
        "slug": "trgovina-ljudima-na-migracionim-rutama",
        "title": "Trgovina ljudima na migracionim rutama",
        "body": [
            (
                "paragraph",
                """<p>Srbija se nalazi na takozvanoj zapadnobalkanskoj ruti kojom ljudi
                iz Azije i Afrike pokušavaju da stignu do država Evropske unije. Većina njih
                putuje uz pomoć krijumčara. Odnos sa krijumčarem može se pretvoriti u
                eksploataciju: kada migrant ostane bez novca pa „dug“ otplaćuje radom, kada
                ga drže u stanu dok porodica ne plati, ili kada se od žena i dece traže
                seksualne usluge kao „cena“ puta.</p>""",
            ),
            (
                "indicator_checklist",
                {
                    "title": "Indikatori kod migranata i tražilaca azila",
                    "intro": """Pojedinačno ne dokazuju ništa; zajedno zahtevaju razgovor i
                        upućivanje.""",
                    "items": [
                        {
                            "indicator": "Dug krijumčaru ili „agentu“ koji se otplaćuje radom",
                        },
                        {
                            "indicator": "Neko drugi drži isprave, novac ili telefon osobe",
                        },
                        {
                            "indicator": "Osoba ne zna gde se nalazila ili gde je radila",
                        },
                        {
                            "indicator": "Tuđe prisustvo tokom razgovora i odgovori „naučeni“",
                        },
                        {
                            "indicator": "Dete bez pratnje sa odraslim koji „pomaže“",
                            "explanation": "A ne može da objasni odnos sa detetom.",
                        },
                        {
                            "indicator": "Znaci nasilja, iscrpljenosti ili straha od nekog trećeg",
                        },
                    ],
                },
            ),
            (
                "callout",
                {
                    "kind": "practice_tip",
                    "title": "Prilike za prepoznavanje",
                    "body": """<p>Registracija, izražavanje namere da se podnese zahtev za
                        azil, smeštaj u centar za azil ili prihvatni centar, pregled kod
                        lekara i saslušanje u postupku azila — svaka od ovih tačaka je
                        prilika da se uoče indikatori. Osoblje Komesarijata za izbeglice i
                        migracije i Kancelarije za azil treba da zna kome da uputi
                        slučaj.</p>""",
                },
            ),
            (
                "paragraph",
                """<p>Posebnu pažnju zahtevaju deca bez pratnje i deca odvojena od porodice. Dete
                koje putuje sa odraslim koji mu nije roditelj, koje kaže da mora da „odradi“
                put ili koje nestane iz prihvatnog centra treba odmah uputiti centru za
                socijalni rad i Centru za zaštitu žrtava trgovine ljudima. Nestanak deteta
                prijavljuje se policiji kao i nestanak svakog drugog deteta.</p>""",
            ),
            (
                "paragraph",
                """<p>Ljudi u pokretu retko traže pomoć: žele da nastave put, plaše se
                vraćanja, a krijumčari ih uveravaju da im policija neće pomoći. Zato
                informacije o pravima i pomoći treba da budu dostupne na njihovim jezicima,
                na mestima gde borave, i ponovljene više puta.</p>""",
            ),
        ],
    },
    "en": {
        "slug": "trafficking-along-migration-routes",
        "title": "Trafficking along migration routes",
        "body": [
            (
                "paragraph",
                """<p>Serbia lies on the so-called Western Balkans route, along which people
                from Asia and Africa try to reach the European Union. Most of them travel
                with the help of smugglers. The relationship with a smuggler can turn into
                exploitation: when a migrant runs out of money and "repays" the debt through
                work, when they are held in a flat until the family pays, or when sexual
                services are demanded from women and children as the "price" of the
                journey.</p>""",
            ),
            (
                "indicator_checklist",
                {
                    "title": "Indicators among migrants and asylum seekers",
                    "intro": """None proves anything alone; together they call for a
                        conversation and a referral.""",
                    "items": [
                        {"indicator": 'A debt to a smuggler or "agent" being repaid through work'},
                        {"indicator": "Someone else holds the person's documents, money or phone"},
                        {"indicator": "The person does not know where they stayed or worked"},
                        {"indicator": "Someone else present at interviews; rehearsed answers"},
                        {
                            "indicator": 'An unaccompanied child with an adult who is "helping"',
                            "explanation": "But who cannot explain the relationship.",
                        },
                        {"indicator": "Signs of violence, exhaustion or fear of a third person"},
                    ],
                },
            ),
            (
                "callout",
                {
                    "kind": "practice_tip",
                    "title": "Moments for identification",
                    "body": """<p>Registration, expressing the intention to seek asylum,
                        placement in an asylum or reception centre, a medical check and the
                        asylum interview — each is a chance to notice the indicators. Staff
                        of the Commissariat for Refugees and Migration and of the Asylum
                        Office should know where to refer a case.</p>""",
                },
            ),
            (
                "paragraph",
                """<p>Unaccompanied and separated children need particular attention. A child who
                travels with an adult who is not a parent, who says they must "work off" the
                journey, or who disappears from a reception centre should be referred at once
                to the centre for social work and the Centre for Protection of Victims of
                Trafficking. A child's disappearance is reported to the police like that of
                any other child.</p>""",
            ),
            (
                "paragraph",
                """<p>People on the move rarely ask for help: they want to continue their
                journey, fear being sent back, and are told by smugglers that the police
                will not help them. Information about rights and assistance should
                therefore be available in their languages, where they stay, and repeated
                more than once.</p>""",
            ),
        ],
    },
}

ASYLUM_AND_PROTECTION = {
    "minutes": 25,
    "sr": {
        "slug": "azil-i-zastita-zrtava",
        "title": "Kako se povezuju postupak azila i zaštita žrtava",
        "body": [
            (
                "paragraph",
                """<p>Žrtva trgovine ljudima može biti i izbeglica, a tražilac azila može
                biti žrtva trgovine ljudima. Dva postupka imaju različite svrhe — jedan
                utvrđuje potrebu za međunarodnom zaštitom, drugi status žrtve i potrebnu
                pomoć — i mogu teći uporedo. Identifikacija kao žrtve ne sme dovesti do
                toga da se zahtev za azil ne razmotri, niti zahtev za azil sme da odloži
                pomoć žrtvi.</p>""",
            ),
            (
                "legal_provision",
                {
                    "instrument": "Zakon o azilu i privremenoj zaštiti (2018)",
                    "article": "čl. 17 — sažetak",
                    "text": """U postupku azila vodi se računa o posebnom položaju lica
                        kojima su potrebne posebne procesne ili prihvatne garancije, kao što
                        su maloletnici, osobe sa invaliditetom, žrtve trgovine ljudima i
                        žrtve mučenja, silovanja i drugih teških oblika nasilja.""",
                    "source_url": "",
                },
            ),
            (
                "paragraph",
                """<p>O zahtevu za azil u prvom stepenu odlučuje Kancelarija za azil u
                okviru Ministarstva unutrašnjih poslova, a u drugom Komisija za azil.
                Komesarijat za izbeglice i migracije upravlja centrima za azil i
                prihvatnim centrima. Kada je tražilac azila maloletnik bez pratnje, zakon
                nalaže da se pri proceni njegovog najboljeg interesa posebno uzme u obzir
                sumnja da je žrtva trgovine ljudima.</p>""",
            ),
            ("heading", {"text": "Može li žrtva trgovine ljudima biti izbeglica?", "level": "h2"}),
            (
                "paragraph",
                """<p>Može. Smernice UNHCR-a o međunarodnoj zaštiti br. 7 (2006) objašnjavaju
                da žrtva ili osoba u riziku od trgovine ljudima može ispuniti uslove
                definicije izbeglice iz Konvencije iz 1951. godine: na primer kada joj po
                povratku prete osveta trgovaca, ponovna trgovina ljudima ili teško
                odbacivanje od strane zajednice, a država porekla ne može ili ne želi da je
                zaštiti. Veza sa konvencijskim osnovom često se uspostavlja preko
                pripadnosti određenoj društvenoj grupi.</p>""",
            ),
            (
                "callout",
                {
                    "kind": "warning",
                    "title": "Poverljivost prema državi porekla",
                    "body": """<p>Podaci iz postupka azila ne dostavljaju se organima države
                        porekla, niti se od njih traže informacije na način koji bi otkrio da
                        je osoba zatražila azil. Isto važi i pri proveri identiteta žrtve
                        trgovine ljudima koja je tražilac azila.</p>""",
                },
            ),
        ],
    },
    "en": {
        "slug": "asylum-and-victim-protection",
        "title": "How the asylum procedure and victim protection connect",
        "body": [
            (
                "paragraph",
                """<p>A victim of trafficking may also be a refugee, and an asylum seeker may
                be a victim of trafficking. The two procedures have different purposes —
                one establishes the need for international protection, the other victim
                status and the assistance needed — and they can run in parallel. Being
                identified as a victim must not stop the asylum claim from being examined,
                and an asylum claim must not delay assistance to a victim.</p>""",
            ),
            (
                "legal_provision",
                {
                    "instrument": "Law on Asylum and Temporary Protection (2018)",
                    "article": "Art. 17 — summary, unofficial translation",
                    "text": """The asylum procedure takes account of the particular situation
                        of persons who need special procedural or reception guarantees, such
                        as minors, persons with disabilities, victims of trafficking and
                        victims of torture, rape and other serious forms of violence.""",
                    "source_url": "",
                },
            ),
            (
                "paragraph",
                """<p>Asylum claims are decided at first instance by the Asylum Office within
                the Ministry of Interior, and on appeal by the Asylum Commission. The
                Commissariat for Refugees and Migration runs the asylum and reception
                centres. Where the asylum seeker is an unaccompanied minor, the law
                requires that the assessment of the child's best interests take particular
                account of any suspicion that the child is a victim of trafficking.</p>""",
            ),
            ("heading", {"text": "Can a victim of trafficking be a refugee?", "level": "h2"}),
            (
                "paragraph",
                """<p>Yes. UNHCR's Guidelines on International Protection No. 7 (2006)
                explain that a victim, or a person at risk, of trafficking may meet the
                refugee definition of the 1951 Convention: for example where, on return,
                they face reprisals by traffickers, re-trafficking or severe rejection by
                their community, and the country of origin is unable or unwilling to protect
                them. The link to a Convention ground is often made through membership of a
                particular social group.</p>""",
            ),
            (
                "callout",
                {
                    "kind": "warning",
                    "title": "Confidentiality towards the country of origin",
                    "body": """<p>Information from the asylum procedure is not passed to the
                        authorities of the country of origin, nor is information sought from
                        them in a way that would reveal that the person has applied for
                        asylum. The same applies when checking the identity of a trafficking
                        victim who is an asylum seeker.</p>""",
                },
            ),
        ],
    },
}

# --- Module 3: non-refoulement and durable solutions ------------------------------------

NON_REFOULEMENT = {
    "minutes": 20,
    "sr": {
        "slug": "nacelo-non-refoulement",
        "title": "Načelo zabrane vraćanja (non-refoulement)",
        "body": [
            (
                "paragraph",
                """<p>Načelo non-refoulement zabranjuje da se osoba proteruje ili vraća na
                teritoriju na kojoj bi joj bili ugroženi život ili sloboda, ili na kojoj bi
                bila izložena mučenju ili nečovečnom postupanju. Ono je osnov međunarodne
                zaštite izbeglica i važi bez obzira na to kako je osoba ušla u zemlju.</p>""",
            ),
            (
                "legal_provision",
                {
                    "instrument": "Konvencija o statusu izbeglica (1951)",
                    "article": "čl. 33, st. 1 — neslužbeni prevod",
                    "text": """Nijedna država ugovornica neće proterati ili vratiti, ni na
                        koji način, izbeglicu na granice teritorija na kojima bi njegov
                        život ili sloboda bili ugroženi zbog njegove rase, vere,
                        nacionalnosti, pripadnosti određenoj društvenoj grupi ili njegovog
                        političkog mišljenja.""",
                    "source_url": REFUGEE_CONVENTION_URL,
                },
            ),
            (
                "paragraph",
                """<p>Konvencija iz 1951. dozvoljava izuzetke za osobu koja predstavlja
                opasnost po bezbednost zemlje ili je pravnosnažno osuđena za naročito
                teško krivično delo. Član 3 Evropske konvencije o ljudskim pravima, međutim,
                ne dozvoljava nikakve izuzetke: država ne sme da vrati nikoga ako postoje
                ozbiljni razlozi da se veruje da bi u državi prijema bio izložen stvarnom
                riziku od mučenja ili nečovečnog ili ponižavajućeg postupanja. Zakon o
                azilu i privremenoj zaštiti izričito propisuje načelo zabrane proterivanja
                ili vraćanja.</p>""",
            ),
            (
                "case_law",
                {
                    "case": None,
                    "citation": """Soering protiv Ujedinjenog Kraljevstva, br. 14038/88,
                        7. jul 1989.""",
                    "holding": """Država krši član 3 EKLJP ako izruči ili vrati osobu kada
                        postoje ozbiljni razlozi da se veruje da će u državi prijema biti
                        izložena stvarnom riziku od nečovečnog postupanja.""",
                    "link_url": "",
                },
            ),
            (
                "paragraph",
                """<p>I Palermo protokol (čl. 14) i Konvencija Saveta Evrope (čl. 40, st. 4)
                sadrže zaštitnu klauzulu: ništa u njima ne utiče na prava i obaveze iz
                međunarodnog izbegličkog prava, uključujući načelo non-refoulement.</p>""",
            ),
            (
                "callout",
                {
                    "kind": "practice_tip",
                    "title": "Rizik od ponovne trgovine ljudima je deo procene",
                    "body": """<p>Pre bilo kakvog vraćanja procenite i rizik od osvete
                        trgovaca i ponovne trgovine ljudima, a ne samo opštu situaciju u
                        državi porekla. Kod dece vraćanje dolazi u obzir samo ako je u
                        njihovom najboljem interesu, posle procene rizika i bezbednosti.</p>""",
                },
            ),
        ],
    },
    "en": {
        "slug": "the-principle-of-non-refoulement",
        "title": "The principle of non-refoulement",
        "body": [
            (
                "paragraph",
                """<p>The principle of non-refoulement prohibits expelling or returning a
                person to a territory where their life or freedom would be threatened, or
                where they would face torture or inhuman treatment. It is the cornerstone
                of international refugee protection and applies however the person entered
                the country.</p>""",
            ),
            (
                "legal_provision",
                {
                    "instrument": "Convention relating to the Status of Refugees (1951)",
                    "article": "Art. 33(1)",
                    "text": """No Contracting State shall expel or return ("refouler") a
                        refugee in any manner whatsoever to the frontiers of territories
                        where his life or freedom would be threatened on account of his
                        race, religion, nationality, membership of a particular social group
                        or political opinion.""",
                    "source_url": REFUGEE_CONVENTION_URL,
                },
            ),
            (
                "paragraph",
                """<p>The 1951 Convention allows exceptions for a person who is a danger to
                the security of the country or has been finally convicted of a
                particularly serious crime. Article 3 of the European Convention on Human
                Rights, however, allows no exceptions at all: a state may not return anyone
                where there are substantial grounds for believing that they would face a
                real risk of torture or inhuman or degrading treatment in the receiving
                state. Serbia's Law on Asylum and Temporary Protection expressly lays down
                the principle of non-refoulement.</p>""",
            ),
            (
                "case_law",
                {
                    "case": None,
                    "citation": "Soering v. the United Kingdom, no. 14038/88, 7 July 1989",
                    "holding": """A state breaches Article 3 ECHR if it extradites or returns
                        a person where there are substantial grounds for believing that
                        they face a real risk of inhuman treatment in the receiving
                        state.""",
                    "link_url": "",
                },
            ),
            (
                "paragraph",
                """<p>Both the Palermo Protocol (Art. 14) and the Council of Europe
                Convention (Art. 40(4)) contain a saving clause: nothing in them affects
                rights and obligations under international refugee law, including the
                principle of non-refoulement.</p>""",
            ),
            (
                "callout",
                {
                    "kind": "practice_tip",
                    "title": "The risk of re-trafficking belongs in the assessment",
                    "body": """<p>Before any return, assess the risk of reprisals by
                        traffickers and of re-trafficking, not only the general situation in
                        the country of origin. For children, return is an option only if it
                        is in their best interests, after a risk and safety
                        assessment.</p>""",
                },
            ),
        ],
    },
}

RECOVERY_RESIDENCE_ASSISTANCE = {
    "minutes": 25,
    "sr": {
        "slug": "oporavak-boravak-i-pomoc",
        "title": "Period oporavka i razmišljanja, boravak i pomoć",
        "body": [
            (
                "paragraph",
                """<p>Žrtva koja je tek izašla iz eksploatacije nije u stanju da donese
                odluku o saradnji sa policijom, o povratku kući ili o zahtevu za azil.
                Zato Konvencija Saveta Evrope predviđa vreme za oporavak, pre nego što se od
                nje bilo šta traži.</p>""",
            ),
            (
                "legal_provision",
                {
                    "instrument": "Konvencija Saveta Evrope o borbi protiv trgovine ljudima",
                    "article": "čl. 13 — sažetak",
                    "text": """Kada postoje osnovani razlozi da se veruje da je osoba žrtva,
                        država joj obezbeđuje period oporavka i razmišljanja od najmanje 30
                        dana, dovoljan da se oporavi, izbegne uticaj trgovaca ljudima i
                        donese informisanu odluku o saradnji sa nadležnim organima. U tom
                        periodu prema njoj se ne može izvršiti odluka o udaljenju, i ima
                        pravo na pomoć.""",
                    "source_url": COE_CONVENTION_URL,
                },
            ),
            (
                "indicator_checklist",
                {
                    "title": "Pomoć na koju žrtva ima pravo (čl. 12 Konvencije)",
                    "items": [
                        {"indicator": "Odgovarajući i bezbedan smeštaj"},
                        {"indicator": "Psihološka i materijalna pomoć"},
                        {"indicator": "Hitna medicinska pomoć"},
                        {"indicator": "Prevođenje i tumačenje"},
                        {"indicator": "Savetovanje i informacije o pravima, na jeziku koji razume"},
                        {"indicator": "Pomoć da se njeni interesi čuju u krivičnom postupku"},
                        {"indicator": "Pristup obrazovanju za decu"},
                    ],
                },
            ),
            (
                "paragraph",
                """<p>Član 14 Konvencije predviđa dozvolu boravka koja se može obnoviti,
                kada je boravak žrtve potreban zbog njene lične situacije ili radi saradnje
                u istrazi i krivičnom postupku. Srbija je Zakonom o strancima iz 2018.
                godine uvela period oporavka i razmišljanja i privremeni boravak iz
                humanitarnih razloga za žrtve trgovine ljudima, a odredbe o žrtvama
                sadrže i Zakon o zdravstvenoj zaštiti i Zakon o besplatnoj pravnoj
                pomoći.</p>""",
            ),
            (
                "callout",
                {
                    "kind": "warning",
                    "title": "Period oporavka nije uslovljen saradnjom",
                    "body": """<p>Svrha perioda je upravo to da žrtva bez pritiska odluči da
                        li će sarađivati. Uslovljavanje smeštaja ili boravka iskazom u
                        policiji suprotno je Konvenciji i po pravilu daje lošije
                        dokaze.</p>""",
                },
            ),
        ],
    },
    "en": {
        "slug": "recovery-residence-and-assistance",
        "title": "Recovery and reflection, residence and assistance",
        "body": [
            (
                "paragraph",
                """<p>A victim who has just left exploitation is in no state to decide
                whether to cooperate with the police, go home or apply for asylum. So the
                Council of Europe Convention provides time to recover before anything is
                asked of them.</p>""",
            ),
            (
                "legal_provision",
                {
                    "instrument": "Council of Europe Convention on Action against Trafficking "
                    "in Human Beings",
                    "article": "Art. 13 — summary",
                    "text": """Where there are reasonable grounds to believe that a person is
                        a victim, the state provides a recovery and reflection period of at
                        least 30 days, long enough for the person to recover, escape the
                        traffickers' influence and take an informed decision on cooperating
                        with the authorities. During that period no expulsion order may be
                        enforced against them, and they are entitled to assistance.""",
                    "source_url": COE_CONVENTION_URL,
                },
            ),
            (
                "indicator_checklist",
                {
                    "title": "Assistance a victim is entitled to (Art. 12 of the Convention)",
                    "items": [
                        {"indicator": "Appropriate and secure accommodation"},
                        {"indicator": "Psychological and material assistance"},
                        {"indicator": "Emergency medical treatment"},
                        {"indicator": "Translation and interpretation"},
                        {
                            "indicator": """Counselling and information on rights, in a language
                                they understand"""
                        },
                        {"indicator": "Help to have their interests heard in criminal proceedings"},
                        {"indicator": "Access to education for children"},
                    ],
                },
            ),
            (
                "paragraph",
                """<p>Article 14 of the Convention provides for a renewable residence permit
                where the victim's stay is necessary because of their personal situation,
                or for cooperation in the investigation and criminal proceedings. Serbia's
                Law on Foreigners of 2018 introduced a recovery and reflection period and
                temporary residence on humanitarian grounds for victims of trafficking,
                and the Law on Health Care and the Law on Free Legal Aid also contain
                provisions on victims.</p>""",
            ),
            (
                "callout",
                {
                    "kind": "warning",
                    "title": "The reflection period is not conditional on cooperation",
                    "body": """<p>The very purpose of the period is to let the victim decide
                        without pressure whether to cooperate. Making accommodation or
                        residence depend on a statement to the police is contrary to the
                        Convention and usually yields poorer evidence.</p>""",
                },
            ),
        ],
    },
}

REINTEGRATION = {
    "minutes": 20,
    "sr": {
        "slug": "oporavak-i-reintegracija",
        "title": "Oporavak i (re)integracija",
        "body": [
            (
                "paragraph",
                """<p>Izlazak iz eksploatacije je početak, a ne kraj. Bez stana, posla,
                dokumenata i ljudi na koje može da se osloni, žrtva se lako vraća u iste
                okolnosti koje su je učinile ranjivom, a ponekad i istim ljudima. Zato
                individualni plan zaštite treba da gleda mesecima unapred.</p>""",
            ),
            (
                "accordion",
                {
                    "items": [
                        {
                            "title": "Stanovanje i osnovne potrebe",
                            "body": """<p>Prihvatilište Centra za zaštitu žrtava trgovine
                                ljudima i sigurne kuće pružaju kratkoročni smeštaj; plan
                                mora predvideti šta posle njega.</p>""",
                        },
                        {
                            "title": "Obrazovanje i zaposlenje",
                            "body": """<p>Povratak u školu za decu, obuke i posredovanje u
                                zapošljavanju za odrasle, uz poslodavce koji poštuju
                                poverljivost.</p>""",
                        },
                        {
                            "title": "Zdravlje i psihosocijalna podrška",
                            "body": """<p>Lečenje posledica nasilja, podrška mentalnom
                                zdravlju, rad sa porodicom kada je to bezbedno.</p>""",
                        },
                        {
                            "title": "Dobrovoljni povratak",
                            "body": """<p>Za strane državljane, uz procenu rizika i
                                saradnju sa organizacijama u državi porekla; Međunarodna
                                organizacija za migracije (IOM) pruža podršku
                                dobrovoljnom povratku i reintegraciji.</p>""",
                        },
                    ]
                },
            ),
            ("heading", {"text": "Naknada štete", "level": "h2"}),
            (
                "paragraph",
                """<p>Prema članu 15 Konvencije Saveta Evrope, žrtve imaju pravo na naknadu
                štete od učinilaca, a država treba da predvidi i mehanizam naknade kada se
                ona od učinioca ne može naplatiti. GRETA je u izveštaju o Srbiji iz 2023.
                godine ocenila da žrtve retko dobijaju naknadu i preporučila da se žrtve
                sistematski obaveštavaju o tom pravu, da se koristi oduzimanje imovine
                učinilaca i da se uspostavi državni sistem naknade.</p>""",
            ),
            (
                "callout",
                {
                    "kind": "practice_tip",
                    "title": "Za tužioce i sudije: imovinskopravni zahtev",
                    "body": """<p>Obavestite žrtvu o pravu da u krivičnom postupku istakne
                        imovinskopravni zahtev i pomozite da se on potkrepi dokazima. Kada
                        je to moguće, odlučite o njemu u presudi, umesto da žrtvu upućujete
                        na parnicu u kojoj bi ponovo morala da se suoči sa učiniocem.</p>""",
                },
            ),
        ],
    },
    "en": {
        "slug": "recovery-and-reintegration",
        "title": "Recovery and (re)integration",
        "body": [
            (
                "paragraph",
                """<p>Leaving exploitation is a beginning, not an end. Without housing,
                work, documents and people to rely on, a victim easily falls back into the
                circumstances that made them vulnerable, and sometimes into the hands of
                the same people. The individual protection plan must therefore look months
                ahead.</p>""",
            ),
            (
                "accordion",
                {
                    "items": [
                        {
                            "title": "Housing and basic needs",
                            "body": """<p>The Shelter of the Centre for Protection of
                                Victims of Trafficking and safe houses provide short-term
                                accommodation; the plan must say what comes after.</p>""",
                        },
                        {
                            "title": "Education and employment",
                            "body": """<p>Return to school for children, training and job
                                placement for adults, with employers who respect
                                confidentiality.</p>""",
                        },
                        {
                            "title": "Health and psychosocial support",
                            "body": """<p>Treating the consequences of violence, mental
                                health support, work with the family where it is
                                safe.</p>""",
                        },
                        {
                            "title": "Voluntary return",
                            "body": """<p>For foreign nationals, with a risk assessment and
                                cooperation with organisations in the country of origin; the
                                International Organization for Migration (IOM) supports
                                voluntary return and reintegration.</p>""",
                        },
                    ]
                },
            ),
            ("heading", {"text": "Compensation", "level": "h2"}),
            (
                "paragraph",
                """<p>Under Article 15 of the Council of Europe Convention, victims are
                entitled to compensation from the perpetrators, and the state should
                provide for compensation where it cannot be obtained from them. In its 2023
                report on Serbia, GRETA found that victims rarely receive compensation and
                recommended that they be systematically informed of this right, that the
                perpetrators' assets be confiscated, and that a state compensation scheme
                be set up.</p>""",
            ),
            (
                "callout",
                {
                    "kind": "practice_tip",
                    "title": "For prosecutors and judges: the compensation claim",
                    "body": """<p>Tell the victim of their right to file a compensation claim
                        in the criminal proceedings and help to support it with evidence.
                        Where possible, decide on it in the judgment rather than sending the
                        victim to civil litigation, where they would have to face the
                        offender again.</p>""",
                },
            ),
        ],
    },
}

COURSE = {
    "programme_objective": "protection",
    "audience_professions": [
        "asylum_officer",
        "police_officer",
        "social_worker",
        "prosecutor",
        "judge",
    ],
    "level": "intermediate",
    "estimated_hours": "3.5",
    "validity_months": 24,
    "sr": {
        "slug": "zastita-zrtava-azil-i-migracije",
        "title": "Zaštita žrtava u postupcima azila i migracija",
        "summary": """Razgovor usmeren na žrtvu, prepoznavanje žrtava trgovine ljudima među
            tražiocima azila i migrantima, načelo non-refoulement, period oporavka i
            razmišljanja, boravak, pomoć i (re)integracija.""",
        "learning_objectives": """<ul>
            <li>Voditi razgovor sa mogućom žrtvom tako da se izbegne ponovna
            traumatizacija.</li>
            <li>Prepoznati indikatore trgovine ljudima kod migranata i tražilaca
            azila.</li>
            <li>Objasniti kako se postupak azila i zaštita žrtve dopunjuju.</li>
            <li>Primeniti načelo non-refoulement i proceniti rizik pre vraćanja.</li>
            <li>Obezbediti period oporavka, pomoć i put ka trajnom rešenju.</li>
        </ul>""",
    },
    "en": {
        "slug": "victim-protection-asylum-and-migration",
        "title": "Protecting victims in asylum and migration procedures",
        "summary": """Victim-centred interviewing, identifying victims of trafficking among
            asylum seekers and migrants, the principle of non-refoulement, the recovery and
            reflection period, residence, assistance and (re)integration.""",
        "learning_objectives": """<ul>
            <li>Interview a possible victim without re-traumatising them.</li>
            <li>Recognise indicators of trafficking among migrants and asylum
            seekers.</li>
            <li>Explain how the asylum procedure and victim protection complement each
            other.</li>
            <li>Apply the principle of non-refoulement and assess risk before any
            return.</li>
            <li>Secure a recovery period, assistance and a path to a durable
            solution.</li>
        </ul>""",
    },
    "modules": [
        {
            "sr": {
                "slug": "razgovor-usmeren-na-zrtvu",
                "title": "Razgovor usmeren na žrtvu",
                "intro": "<p>Trauma, etička pravila i model PEACE.</p>",
            },
            "en": {
                "slug": "victim-centred-interviewing",
                "title": "Victim-centred interviewing",
                "intro": "<p>Trauma, ethical rules and the PEACE model.</p>",
            },
            "lessons": [VICTIM_CENTRED_PRINCIPLES, PEACE_MODEL],
        },
        {
            "sr": {
                "slug": "identifikacija-azil-migracije",
                "title": "Identifikacija među tražiocima azila i migrantima",
                "intro": """<p>Trgovina ljudima na migracionim rutama i veza sa postupkom
                    azila.</p>""",
            },
            "en": {
                "slug": "identification-asylum-migration",
                "title": "Identification among asylum seekers and migrants",
                "intro": """<p>Trafficking along migration routes, and the link with the asylum
                    procedure.</p>""",
            },
            "lessons": [MIGRATION_ROUTES, ASYLUM_AND_PROTECTION],
        },
        {
            "sr": {
                "slug": "non-refoulement-i-trajna-resenja",
                "title": "Non-refoulement i trajna rešenja",
                "intro": """<p>Zabrana vraćanja, period oporavka, boravak, pomoć i
                    (re)integracija.</p>""",
            },
            "en": {
                "slug": "non-refoulement-and-durable-solutions",
                "title": "Non-refoulement and durable solutions",
                "intro": """<p>The prohibition of refoulement, the recovery period, residence,
                    assistance and (re)integration.</p>""",
            },
            "lessons": [NON_REFOULEMENT, RECOVERY_RESIDENCE_ASSISTANCE, REINTEGRATION],
        },
    ],
}
