"""Course for the objective "Coordination within the National Referral Mechanism": what a
referral mechanism is, the Centre for Protection of Victims of Trafficking, each
institution's role, the referral steps, children, data protection and case meetings.
"""

COE_CONVENTION_URL = (
    "https://www.coe.int/en/web/conventions/full-list?module=treaty-detail&treatynum=197"
)

# --- Module 1: the system and its actors --------------------------------------------------

WHAT_AN_NRM_IS = {
    "minutes": 15,
    "sr": {
        "slug": "sta-je-mehanizam-upucivanja",
        "title": "Šta je nacionalni mehanizam upućivanja",
        "body": [
            (
                "paragraph",
                """<p>Nijedna institucija sama ne može da prepozna žrtvu trgovine ljudima,
                zaštiti je, prikupi dokaze i dovede učinioca pred sud. Policajac vidi jedan
                deo slike, socijalni radnik drugi, lekar ili nastavnik treći. Žrtva se
                često ne predstavlja kao žrtva: ona je „nezakoniti migrant“, „dete koje
                prosi“, „radnica bez ugovora“. Zato je potreban dogovoren način na koji
                institucije jedna drugoj upućuju osobu i informacije.</p>""",
            ),
            (
                "glossary_term",
                {
                    "term": "Nacionalni mehanizam upućivanja (NMU)",
                    "definition": """Okvir saradnje u kojem državni organi, u partnerstvu
                        sa organizacijama civilnog društva, ispunjavaju svoje obaveze prema
                        žrtvama trgovine ljudima: da ih prepoznaju, upute na pomoć i
                        zaštite njihova prava. Pojam je razvila Kancelarija OEBS-a za
                        demokratske institucije i ljudska prava (ODIHR) u priručniku
                        objavljenom 2004. godine.""",
                },
            ),
            (
                "legal_provision",
                {
                    "instrument": "Konvencija Saveta Evrope o borbi protiv trgovine ljudima",
                    "article": "čl. 10, st. 1 — sažetak",
                    "text": """Države obezbeđuju da nadležni organi imaju osoblje obučeno za
                        sprečavanje i suzbijanje trgovine ljudima i za identifikaciju i
                        pomoć žrtvama, uključujući decu, i da različiti organi sarađuju
                        međusobno i sa organizacijama za podršku, kako bi žrtve bile
                        identifikovane u postupku koji uzima u obzir poseban položaj žena i
                        dece.""",
                    "source_url": COE_CONVENTION_URL,
                },
            ),
            ("heading", {"text": "Kako je sistem nastajao u Srbiji", "level": "h2"}),
            (
                "paragraph",
                """<p>Funkcija nacionalnog koordinatora za borbu protiv trgovine ljudima
                uspostavljena je 2001. godine, a nacionalni koordinator deluje u okviru
                Ministarstva unutrašnjih poslova. Godine 2002. osnovan je Republički tim za
                borbu protiv trgovine ljudima, forum u kojem su se sastajali državni organi,
                nevladine i međunarodne organizacije. Vlada je 2004. obrazovala Savet za
                borbu protiv trgovine ljudima kao svoje stručno savetodavno telo. Centar
                za zaštitu žrtava trgovine ljudima osnovan je 2012. godine. U više gradova,
                među kojima su Novi Sad, Niš i Vranje, rade lokalni timovi za borbu protiv
                trgovine ljudima.</p>""",
            ),
            (
                "paragraph",
                """<p>Mehanizam nije jedna institucija niti jedan dokument. To je skup
                dogovorenih postupaka, kontakata i uloga koji obezbeđuju da osoba koju je
                bilo ko prepoznao kao moguću žrtvu stigne do pomoći, bez obzira na to kroz
                koja je vrata ušla u sistem.</p>""",
            ),
            (
                "callout",
                {
                    "kind": "practice_tip",
                    "title": "Znajte kome se obraćate",
                    "body": """<p>Proverite ko je u vašoj instituciji zadužen za predmete
                        trgovine ljudima i kako se najbrže stupa u vezu sa Centrom za zaštitu
                        žrtava trgovine ljudima. Kada se pojavi slučaj, nema vremena za
                        traženje brojeva telefona.</p>""",
                },
            ),
        ],
    },
    "en": {
        "slug": "what-an-nrm-is",
        "title": "What a National Referral Mechanism is",
        "body": [
            (
                "paragraph",
                """<p>No single institution can identify a victim of trafficking, protect
                them, gather the evidence and bring the offender to court. A police officer
                sees one part of the picture, a social worker another, a doctor or a
                teacher a third. Victims rarely present as victims: they appear as an
                "irregular migrant", "a begging child", "a worker without a contract". So
                institutions need an agreed way of referring the person, and information,
                to one another.</p>""",
            ),
            (
                "glossary_term",
                {
                    "term": "National Referral Mechanism (NRM)",
                    "definition": """A cooperative framework through which state actors,
                        in partnership with civil society, fulfil their obligations towards
                        victims of trafficking: to identify them, refer them to assistance
                        and protect their rights. The concept was developed by the OSCE
                        Office for Democratic Institutions and Human Rights (ODIHR) in a
                        handbook first published in 2004.""",
                },
            ),
            (
                "legal_provision",
                {
                    "instrument": "Council of Europe Convention on Action against Trafficking "
                    "in Human Beings",
                    "article": "Art. 10(1) — summary",
                    "text": """States ensure that their competent authorities have staff
                        trained in preventing and combating trafficking and in identifying
                        and helping victims, including children, and that the different
                        authorities cooperate with each other and with support
                        organisations, so that victims are identified in a procedure that
                        takes account of the special situation of women and children.""",
                    "source_url": COE_CONVENTION_URL,
                },
            ),
            ("heading", {"text": "How the system grew in Serbia", "level": "h2"}),
            (
                "paragraph",
                """<p>The post of National Coordinator for Combating Trafficking in Human
                Beings was created in 2001; the National Coordinator sits within the
                Ministry of Interior. In 2002 the Republic Team for Combating Trafficking in
                Human Beings was set up as a forum bringing together state bodies,
                non-governmental and international organisations. In 2004 the Government
                established the Council for Combating Trafficking in Human Beings as its
                expert advisory body. The Centre for Protection of Victims of Trafficking
                was founded in 2012. Local anti-trafficking teams work in several towns,
                among them Novi Sad, Niš and Vranje.</p>""",
            ),
            (
                "paragraph",
                """<p>The mechanism is neither one institution nor one document. It is a set
                of agreed procedures, contacts and roles that ensure that a person whom
                anyone recognises as a possible victim reaches assistance, whichever door
                they came in by.</p>""",
            ),
            (
                "callout",
                {
                    "kind": "practice_tip",
                    "title": "Know whom to call",
                    "body": """<p>Find out who in your institution is responsible for
                        trafficking cases and the quickest way to reach the Centre for
                        Protection of Victims of Trafficking. When a case comes up, there is
                        no time to look for phone numbers.</p>""",
                },
            ),
        ],
    },
}

THE_CENTRE = {
    "minutes": 20,
    "sr": {
        "slug": "centar-za-zastitu-zrtava",
        "title": "Centar za zaštitu žrtava trgovine ljudima",
        "body": [
            (
                "paragraph",
                """<p>Centar za zaštitu žrtava trgovine ljudima je ustanova socijalne
                zaštite sa sedištem u Beogradu, koju je Vlada Republike Srbije osnovala
                13. aprila 2012. godine. Centar je počeo da radi 2. jula iste godine, kada je
                rad započela njegova Služba za koordinaciju zaštite žrtava trgovine
                ljudima. Centar je nastavio rad službe koja je ranije delovala u okviru
                Zavoda za vaspitanje dece i omladine u Beogradu. Od februara 2019. godine
                Centar ima i Prihvatilište za smeštaj žrtava trgovine ljudima.</p>""",
            ),
            (
                "paragraph",
                """<p>Zakon o socijalnoj zaštiti prepoznaje žrtve i potencijalne žrtve
                trgovine ljudima kao korisnike usluga socijalne zaštite. Centar je tačka u
                kojoj se slučajevi iz cele zemlje sustiču: on utvrđuje status žrtve i
                koordinira njenu zaštitu, a pojedine usluge pružaju centri za socijalni
                rad, ustanove za smeštaj, zdravstvo, škole i organizacije civilnog
                društva.</p>""",
            ),
            (
                "indicator_checklist",
                {
                    "title": "Poslovi Službe za koordinaciju zaštite",
                    "intro": "Pregled poslova koje Centar obavlja u svakom slučaju.",
                    "items": [
                        {
                            "indicator": "Identifikacija i utvrđivanje statusa žrtve",
                            "explanation": """Formalna odluka kojom se osoba prepoznaje kao
                                žrtva trgovine ljudima.""",
                        },
                        {
                            "indicator": "Procena rizika, potreba i snaga",
                            "explanation": """Procena stanja žrtve i osoba iz njenog
                                okruženja, uključujući bezbednosne rizike.""",
                        },
                        {
                            "indicator": "Individualni plan zaštite",
                            "explanation": """Plan usluga i upućivanje centru za socijalni
                                rad, ustanovi za smeštaj ili drugom pružaocu usluga.""",
                        },
                        {
                            "indicator": "Praćenje i koordinacija",
                            "explanation": """Praćenje sprovođenja mera i usklađivanje rada
                                svih uključenih službi.""",
                        },
                        {
                            "indicator": "Dobrovoljni povratak i sudski postupak",
                            "explanation": """Koordinacija dobrovoljnog povratka u zemlju
                                porekla i priprema žrtve za učešće u sudskom postupku.""",
                        },
                    ],
                },
            ),
            (
                "callout",
                {
                    "kind": "definition",
                    "title": "Formalna identifikacija nije presuda",
                    "body": """<p>Odluka Centra o statusu žrtve otvara pristup pravima i
                        uslugama. Ona ne zavisi od toga da li je žrtva podnela krivičnu
                        prijavu niti od ishoda krivičnog postupka. S druge strane, o
                        krivici učinioca odlučuje samo sud, na osnovu dokaza izvedenih u
                        krivičnom postupku.</p>""",
                },
            ),
            (
                "paragraph",
                """<p>Za službenika koji prvi dođe u kontakt sa mogućom žrtvom to znači dve
                stvari. Prvo, ne treba čekati da
                policija „potvrdi“ slučaj da bi se Centar obavestio. Drugo, obaveštavanje
                Centra ne zamenjuje obavezu da se policiji ili javnom tužilaštvu prijavi
                sumnja na krivično delo.</p>""",
            ),
        ],
    },
    "en": {
        "slug": "the-centre-for-protection-of-victims",
        "title": "The Centre for Protection of Victims of Trafficking",
        "body": [
            (
                "paragraph",
                """<p>The Centre for Protection of Victims of Trafficking is a social
                protection institution based in Belgrade, established by the Government of
                the Republic of Serbia on 13 April 2012. It began work on 2 July that year,
                when its Service for Coordinating the Protection of Victims of Trafficking
                started operating. The Centre took over the work of a service that had
                previously operated within the Institute for the Education of Children and
                Youth in Belgrade. Since February 2019 the Centre has also run a Shelter
                for victims of trafficking.</p>""",
            ),
            (
                "paragraph",
                """<p>The Law on Social Protection recognises victims and potential victims
                of trafficking as users of social protection services. The Centre is where
                cases from the whole country come together: it determines victim status
                and coordinates protection, while individual services are provided by
                centres for social work, residential institutions, health services,
                schools and civil society organisations.</p>""",
            ),
            (
                "indicator_checklist",
                {
                    "title": "What the coordination service does",
                    "intro": "An overview of the Centre's work on every case.",
                    "items": [
                        {
                            "indicator": "Identification and determination of victim status",
                            "explanation": """The formal decision recognising a person as a
                                victim of trafficking.""",
                        },
                        {
                            "indicator": "Assessment of risks, needs and strengths",
                            "explanation": """Of the victim and of people around them,
                                including safety risks.""",
                        },
                        {
                            "indicator": "Individual protection plan",
                            "explanation": """A service plan, and referral to a centre for
                                social work, a residential institution or another
                                provider.""",
                        },
                        {
                            "indicator": "Monitoring and coordination",
                            "explanation": """Following up the measures and keeping all the
                                services involved working together.""",
                        },
                        {
                            "indicator": "Voluntary return and court proceedings",
                            "explanation": """Coordinating voluntary return to the country
                                of origin and preparing the victim to take part in court
                                proceedings.""",
                        },
                    ],
                },
            ),
            (
                "callout",
                {
                    "kind": "definition",
                    "title": "Formal identification is not a verdict",
                    "body": """<p>The Centre's decision on victim status opens access to
                        rights and services. It does not depend on whether the victim has
                        reported the crime or on the outcome of criminal proceedings.
                        Conversely, only a court decides on the offender's guilt, on the
                        evidence presented in the criminal proceedings.</p>""",
                },
            ),
            (
                "paragraph",
                """<p>For a first responder this means two things. First, do not wait for the
                police to "confirm" a case before notifying the Centre. Second, notifying
                the Centre does not replace the duty to report a suspected crime to the
                police or the public prosecutor.</p>""",
            ),
        ],
    },
}

WHO_DOES_WHAT = {
    "minutes": 20,
    "sr": {
        "slug": "uloge-institucija",
        "title": "Ko šta radi: uloge institucija",
        "body": [
            (
                "paragraph",
                """<p>Mehanizam funkcioniše kada svaka institucija zna svoju ulogu i
                granice te uloge. Niko ne treba da radi sve, ali niko ne sme da kaže „to
                nije moj posao“ i pusti osobu da ode bez upućivanja.</p>""",
            ),
            (
                "accordion",
                {
                    "items": [
                        {
                            "title": "Policija",
                            "body": """<p>Prepoznavanje na terenu i na granici, hitna
                                zaštita i bezbednost, obaveštavanje Centra, kriminalistička
                                istraga pod rukovodstvom javnog tužioca. Specijalizovane
                                jedinice bave se trgovinom ljudima i krijumčarenjem
                                migranata.</p>""",
                        },
                        {
                            "title": "Javno tužilaštvo",
                            "body": """<p>Rukovodi predistražnim postupkom i istragom,
                                odlučuje o gonjenju, štiti žrtvu kao oštećenog i svedoka i
                                primenjuje načelo nekažnjavanja.</p>""",
                        },
                        {
                            "title": "Sud",
                            "body": """<p>Vodi postupak tako da žrtva ne bude ponovo
                                traumatizovana, primenjuje mere zaštite posebno osetljivih
                                svedoka i odlučuje o imovinskopravnom zahtevu.</p>""",
                        },
                        {
                            "title": "Centar za socijalni rad",
                            "body": """<p>Prvi kontakt u zajednici, procena porodice,
                                usluge socijalne zaštite; kao organ starateljstva postavlja
                                staratelja detetu bez roditeljskog staranja.</p>""",
                        },
                        {
                            "title": "Zdravstvo i obrazovanje",
                            "body": """<p>Lekari i nastavnici često prvi primete znake
                                eksploatacije; pružaju hitnu i dugoročnu pomoć i uključuju
                                decu u obrazovanje.</p>""",
                        },
                        {
                            "title": "Inspekcija rada",
                            "body": """<p>Nadzor na radnim mestima, prepoznavanje radne
                                eksploatacije i obaveštavanje policije i Centra.</p>""",
                        },
                        {
                            "title": "Kancelarija za azil i Komesarijat za izbeglice i migracije",
                            "body": """<p>Prepoznavanje žrtava među tražiocima azila i
                                migrantima u centrima za azil i prihvatnim centrima, i
                                upućivanje Centru.</p>""",
                        },
                        {
                            "title": "Organizacije civilnog društva i međunarodne organizacije",
                            "body": """<p>Nevladine organizacije pružaju SOS linije,
                                smeštaj, pravnu i psihosocijalnu pomoć; IOM, UNHCR i UNODC
                                podržavaju obuke, povratak, zaštitu izbeglica i
                                pravosuđe.</p>""",
                        },
                    ]
                },
            ),
            (
                "callout",
                {
                    "kind": "warning",
                    "title": "Pomoć ne zavisi od svedočenja",
                    "body": """<p>Prema Konvenciji Saveta Evrope (čl. 12, st. 6), pomoć
                        žrtvi ne sme biti uslovljena njenom spremnošću da svedoči. Žrtva koja
                        se plaši da sarađuje sa policijom i dalje ima pravo na smeštaj,
                        zdravstvenu zaštitu i podršku.</p>""",
                },
            ),
            (
                "paragraph",
                """<p>Dobra saradnja počinje pre prvog slučaja: zajedničke obuke,
                razmenjeni kontakti i dogovor o tome ko koga obaveštava i kojim putem.
                Lokalni timovi za borbu protiv trgovine ljudima su mesto gde se takvi
                dogovori prave i proveravaju.</p>""",
            ),
        ],
    },
    "en": {
        "slug": "who-does-what",
        "title": "Who does what: the institutions' roles",
        "body": [
            (
                "paragraph",
                """<p>The mechanism works when every institution knows its role and the
                limits of that role. No one has to do everything, but no one may say "that
                is not my job" and let the person leave without a referral.</p>""",
            ),
            (
                "accordion",
                {
                    "items": [
                        {
                            "title": "Police",
                            "body": """<p>Identification in the field and at the border,
                                immediate protection and safety, notifying the Centre,
                                criminal investigation under the direction of the public
                                prosecutor. Specialised units deal with trafficking and
                                migrant smuggling.</p>""",
                        },
                        {
                            "title": "Public prosecution",
                            "body": """<p>Directs the pre-investigation and the
                                investigation, decides whether to prosecute, protects the
                                victim as injured party and witness, and applies the
                                non-punishment principle.</p>""",
                        },
                        {
                            "title": "Courts",
                            "body": """<p>Conduct proceedings so that the victim is not
                                re-traumatised, apply protective measures for particularly
                                vulnerable witnesses, and decide on compensation claims.</p>""",
                        },
                        {
                            "title": "Centres for social work",
                            "body": """<p>First contact in the community, family
                                assessment, social protection services; as guardianship
                                authority they appoint a guardian for a child without
                                parental care.</p>""",
                        },
                        {
                            "title": "Health and education",
                            "body": """<p>Doctors and teachers are often the first to notice
                                signs of exploitation; they provide urgent and long-term care
                                and bring children back into education.</p>""",
                        },
                        {
                            "title": "Labour inspectorate",
                            "body": """<p>Inspections at workplaces, recognising labour
                                exploitation, notifying the police and the Centre.</p>""",
                        },
                        {
                            "title": "Asylum Office and Commissariat for Refugees and Migration",
                            "body": """<p>Identifying victims among asylum seekers and
                                migrants in asylum and reception centres, and referring them
                                to the Centre.</p>""",
                        },
                        {
                            "title": "Civil society and international organisations",
                            "body": """<p>NGOs run hotlines and shelters and provide legal
                                and psychosocial help; IOM, UNHCR and UNODC support training,
                                return, refugee protection and the justice system.</p>""",
                        },
                    ]
                },
            ),
            (
                "callout",
                {
                    "kind": "warning",
                    "title": "Assistance does not depend on testimony",
                    "body": """<p>Under the Council of Europe Convention (Art. 12(6)),
                        assistance to a victim must not be made conditional on their
                        willingness to act as a witness. A victim who is afraid to cooperate
                        with the police is still entitled to shelter, health care and
                        support.</p>""",
                },
            ),
            (
                "paragraph",
                """<p>Good cooperation starts before the first case: joint training,
                exchanged contacts and an agreement on who informs whom and how. Local
                anti-trafficking teams are where such arrangements are made and
                tested.</p>""",
            ),
        ],
    },
}

# --- Module 2: referral step by step -----------------------------------------------------

FROM_SUSPICION_TO_IDENTIFICATION = {
    "minutes": 20,
    "sr": {
        "slug": "od-sumnje-do-identifikacije",
        "title": "Od sumnje do formalne identifikacije",
        "body": [
            (
                "paragraph",
                """<p>Upućivanje počinje sumnjom, a ne dokazom. Službenik koji prvi dođe u kontakt
                sa osobom ne mora da zna da li je osoba žrtva trgovine ljudima; dovoljno je da
                uoči indikatore i postupi po dogovorenim koracima. Dok Centar ne odluči o
                statusu, osoba se smatra <b>pretpostavljenom žrtvom</b> i ima pravo na osnovnu
                pomoć i zaštitu.</p>""",
            ),
            (
                "legal_provision",
                {
                    "instrument": "Konvencija Saveta Evrope o borbi protiv trgovine ljudima",
                    "article": "čl. 10, st. 2 — sažetak",
                    "text": """Kada nadležni organi imaju osnovane razloge da veruju da je
                        neko žrtva trgovine ljudima, ta osoba ne sme biti udaljena sa
                        teritorije države dok se postupak identifikacije ne završi, i u
                        međuvremenu ima pravo na pomoć predviđenu Konvencijom.""",
                    "source_url": COE_CONVENTION_URL,
                },
            ),
            (
                "indicator_checklist",
                {
                    "title": "Koraci upućivanja",
                    "intro": "Redosled koji važi za svaku instituciju koja prva uoči slučaj.",
                    "items": [
                        {
                            "indicator": "1. Uočite indikatore",
                            "explanation": """Zabeležite šta ste videli i čuli, rečima
                                osobe, bez tumačenja.""",
                        },
                        {
                            "indicator": "2. Obezbedite sigurnost i hitne potrebe",
                            "explanation": """Odvojite osobu od mogućeg eksploatatora;
                                hrana, odmor, lekarska pomoć.""",
                        },
                        {
                            "indicator": "3. Informišite osobu",
                            "explanation": """Na jeziku koji razume, uz tumača: ko ste, šta
                                sledi, koja prava ima.""",
                        },
                        {
                            "indicator": "4. Obavestite Centar",
                            "explanation": """Centar za zaštitu žrtava trgovine ljudima
                                odlučuje o statusu i koordinira pomoć.""",
                        },
                        {
                            "indicator": "5. Prijavite sumnju na krivično delo",
                            "explanation": """Policiji ili javnom tužilaštvu, u skladu sa
                                ovlašćenjima i obavezama vaše službe.""",
                        },
                        {
                            "indicator": "6. Pratite slučaj",
                            "explanation": """Proverite da je upućivanje stiglo i ko preuzima
                                sledeći korak.""",
                        },
                    ],
                },
            ),
            (
                "paragraph",
                """<p>Zabeležite vreme svakog koraka i imena onih koje ste obavestili. Ako slučaj
                kasnije stigne do suda, zapis pokazuje da je žrtva na vreme prepoznata i
                upućena, a to je, kako je utvrdio Evropski sud za ljudska prava, deo obaveza
                države.</p>""",
            ),
            (
                "callout",
                {
                    "kind": "practice_tip",
                    "title": "Šta reći osobi",
                    "body": """<p>Objasnite jednostavno da postoje službe koje pomažu
                        ljudima u njenoj situaciji, da pomoć ne zavisi od toga da li će
                        prijaviti nekoga i da sama odlučuje o sledećem koraku. Ne obećavajte
                        ono što ne možete da ispunite, na primer dozvolu boravka.</p>""",
                },
            ),
        ],
    },
    "en": {
        "slug": "from-suspicion-to-identification",
        "title": "From suspicion to formal identification",
        "body": [
            (
                "paragraph",
                """<p>Referral starts from suspicion, not from proof. A first responder does
                not need to know whether the person is a victim of trafficking; it is
                enough to notice the indicators and follow the agreed steps. Until the
                Centre decides on their status, the person is treated as a <b>presumed
                victim</b> and is entitled to basic assistance and protection.</p>""",
            ),
            (
                "legal_provision",
                {
                    "instrument": "Council of Europe Convention on Action against Trafficking "
                    "in Human Beings",
                    "article": "Art. 10(2) — summary",
                    "text": """Where the competent authorities have reasonable grounds to
                        believe that a person has been a victim of trafficking, that person
                        shall not be removed from the country until the identification
                        process is completed, and is meanwhile entitled to the assistance
                        the Convention provides.""",
                    "source_url": COE_CONVENTION_URL,
                },
            ),
            (
                "indicator_checklist",
                {
                    "title": "Referral steps",
                    "intro": "The sequence for any institution that comes across a case first.",
                    "items": [
                        {
                            "indicator": "1. Notice the indicators",
                            "explanation": """Record what you saw and heard, in the person's
                                own words, without interpretation.""",
                        },
                        {
                            "indicator": "2. Ensure safety and urgent needs",
                            "explanation": """Separate the person from a possible exploiter;
                                food, rest, medical care.""",
                        },
                        {
                            "indicator": "3. Inform the person",
                            "explanation": """In a language they understand, with an
                                interpreter: who you are, what happens next, their
                                rights.""",
                        },
                        {
                            "indicator": "4. Notify the Centre",
                            "explanation": """The Centre for Protection of Victims of
                                Trafficking decides on status and coordinates
                                assistance.""",
                        },
                        {
                            "indicator": "5. Report the suspected crime",
                            "explanation": """To the police or public prosecutor, in line
                                with your service's powers and duties.""",
                        },
                        {
                            "indicator": "6. Follow up",
                            "explanation": """Check that the referral arrived and who takes
                                the next step.""",
                        },
                    ],
                },
            ),
            (
                "paragraph",
                """<p>Write down the time of each step and the names of those you informed. If the
                case later reaches court, the record shows that the victim was identified and
                referred in time — which, as the European Court of Human Rights has found, is
                part of the state's obligations.</p>""",
            ),
            (
                "callout",
                {
                    "kind": "practice_tip",
                    "title": "What to tell the person",
                    "body": """<p>Explain simply that there are services that help people
                        in their situation, that help does not depend on reporting anyone,
                        and that they decide on the next step. Do not promise what you
                        cannot deliver, such as a residence permit.</p>""",
                },
            ),
        ],
    },
}

CHILDREN = {
    "minutes": 20,
    "sr": {
        "slug": "deca-dodatne-obaveze",
        "title": "Deca: dodatne obaveze u upućivanju",
        "body": [
            (
                "paragraph",
                """<p>Kada je moguća žrtva dete, svaki korak upućivanja vodi se
                <b>najboljim interesom deteta</b>. To nije samo načelo: ono određuje ko
                mora biti obavešten, ko zastupa dete i kako se s detetom razgovara.</p>""",
            ),
            (
                "accordion",
                {
                    "items": [
                        {
                            "title": "Kada uzrast nije siguran",
                            "body": """<p>Ako uzrast nije utvrđen, a postoje razlozi da se
                                veruje da je osoba dete, prema njoj se postupa kao prema
                                detetu dok se uzrast ne proveri (Konvencija Saveta Evrope,
                                čl. 10, st. 3). Sumnja ide u korist deteta.</p>""",
                        },
                        {
                            "title": "Dete bez pratnje",
                            "body": """<p>Centar za socijalni rad, kao organ
                                starateljstva, postavlja privremenog staratelja. Preduzimaju
                                se koraci da se utvrdi identitet deteta i pronađe porodica,
                                kada je to u najboljem interesu deteta.</p>""",
                        },
                        {
                            "title": "Razgovor sa detetom",
                            "body": """<p>Razgovor vode osposobljeni stručnjaci, u
                                prostoru prilagođenom deci, što ređe i uz prisustvo lica od
                                poverenja. U krivičnom postupku zakon o maloletnicima
                                zahteva da predmete u kojima su deca oštećena vode sudije,
                                tužioci i policajci sa posebnim znanjima iz oblasti prava
                                deteta.</p>""",
                        },
                        {
                            "title": "Smeštaj i bezbednost",
                            "body": """<p>Dete se ne zadržava u policijskim prostorijama i
                                ne smešta zajedno sa odraslim nepoznatim licima. Procena
                                rizika obuhvata i porodicu, jer su roditelji ili srodnici
                                ponekad deo lanca eksploatacije.</p>""",
                        },
                    ]
                },
            ),
            (
                "callout",
                {
                    "kind": "warning",
                    "title": "Dete koje prosi ili krade",
                    "body": """<p>Dete zatečeno u prosjačenju, krađi ili prodaji droge
                        najpre je moguća žrtva, a tek onda maloletni učinilac. Pre bilo
                        kakve mere proverite ko ga šalje, kome predaje novac i da li ide u
                        školu, i obavestite centar za socijalni rad i Centar za zaštitu
                        žrtava trgovine ljudima.</p>""",
                },
            ),
            (
                "paragraph",
                """<p>Kod dece se ne traži dokaz o sili, pretnji ili prevari: dovoljno je
                da je dete vrbovano, prevezeno ili držano u cilju eksploatacije. Zato
                kod dece treba reagovati ranije i sa manje informacija nego kod
                odraslih.</p>""",
            ),
        ],
    },
    "en": {
        "slug": "children-additional-duties",
        "title": "Children: additional duties in referral",
        "body": [
            (
                "paragraph",
                """<p>Where the possible victim is a child, every step of the referral is
                guided by <b>the best interests of the child</b>. This is more than a
                principle: it decides who must be informed, who represents the child and
                how the child is spoken to.</p>""",
            ),
            (
                "accordion",
                {
                    "items": [
                        {
                            "title": "When age is uncertain",
                            "body": """<p>If age has not been established but there are
                                reasons to believe the person is a child, they are treated as
                                a child until their age is verified (Council of Europe
                                Convention, Art. 10(3)). The benefit of the doubt goes to
                                the child.</p>""",
                        },
                        {
                            "title": "Unaccompanied children",
                            "body": """<p>The centre for social work, as guardianship
                                authority, appoints a temporary guardian. Steps are taken to
                                establish the child's identity and to trace the family where
                                that is in the child's best interests.</p>""",
                        },
                        {
                            "title": "Talking with a child",
                            "body": """<p>Conversations are held by trained professionals,
                                in a child-friendly room, as rarely as possible and with a
                                person the child trusts. In criminal proceedings, the law on
                                juveniles requires that cases in which children are injured
                                parties be handled by judges, prosecutors and police officers
                                with specialised knowledge of children's rights.</p>""",
                        },
                        {
                            "title": "Accommodation and safety",
                            "body": """<p>A child is not held in police premises or placed
                                together with unknown adults. The risk assessment covers the
                                family too, because parents or relatives are sometimes part
                                of the chain of exploitation.</p>""",
                        },
                    ]
                },
            ),
            (
                "callout",
                {
                    "kind": "warning",
                    "title": "A child who begs or steals",
                    "body": """<p>A child found begging, stealing or selling drugs is first
                        a possible victim and only then a juvenile offender. Before taking
                        any measure, find out who sends the child, to whom the money goes and
                        whether the child attends school, and notify the centre for social
                        work and the Centre for Protection of Victims of Trafficking.</p>""",
                },
            ),
            (
                "paragraph",
                """<p>For children no proof of force, threat or deception is needed: it is
                enough that the child was recruited, moved or held for the purpose of
                exploitation. A first responder should therefore act earlier, and on less
                information, for a child than for an adult.</p>""",
            ),
        ],
    },
}

# --- Module 3: data, confidentiality and cooperation -------------------------------------

PROTECTING_DATA = {
    "minutes": 20,
    "sr": {
        "slug": "zastita-podataka-o-zrtvi",
        "title": "Zaštita podataka o žrtvi",
        "body": [
            (
                "paragraph",
                """<p>Saradnja zahteva razmenu informacija, ali nepažljivo podeljen podatak
                može ugroziti život žrtve i njene porodice, izložiti je osveti trgovaca
                ljudima ili trajnoj stigmi u zajednici. Podaci o žrtvi trgovine ljudima
                gotovo uvek obuhvataju i posebne vrste podataka: o zdravlju, seksualnom
                životu, etničkom poreklu.</p>""",
            ),
            (
                "legal_provision",
                {
                    "instrument": "Konvencija Saveta Evrope o borbi protiv trgovine ljudima",
                    "article": "čl. 11 — sažetak",
                    "text": """Države štite privatni život i identitet žrtava. Lični podaci
                        žrtava čuvaju se i koriste u skladu sa pravilima o zaštiti podataka.
                        Identitet deteta žrtve, kao ni podaci na osnovu kojih se dete može
                        identifikovati, ne objavljuju se u medijima niti na drugi način,
                        osim u izuzetnim okolnostima radi pronalaženja porodice ili zaštite
                        deteta.""",
                    "source_url": COE_CONVENTION_URL,
                },
            ),
            (
                "paragraph",
                """<p>U Srbiji se obrada ličnih podataka uređuje Zakonom o zaštiti podataka
                o ličnosti iz 2018. godine, čija rešenja prate Opštu uredbu EU o zaštiti
                podataka. Nadzor vrši Poverenik za informacije od javnog značaja i zaštitu
                podataka o ličnosti.</p>""",
            ),
            (
                "indicator_checklist",
                {
                    "title": "Pitanja pre nego što podelite podatak",
                    "intro": "Ako na neko pitanje ne možete da odgovorite, zastanite.",
                    "items": [
                        {
                            "indicator": "Kome je podatak zaista potreban?",
                            "explanation": "Samo onima kojima je nužan za njihov zadatak.",
                        },
                        {
                            "indicator": "Koliko podataka je dovoljno?",
                            "explanation": """Za dogovor o smeštaju nije potreban opis
                                eksploatacije.""",
                        },
                        {
                            "indicator": "Da li je osoba obaveštena?",
                            "explanation": """Gde je moguće, objasnite kome i zašto se
                                podaci prosleđuju.""",
                        },
                        {
                            "indicator": "Da li je put bezbedan?",
                            "explanation": """Službeni kanali, ne privatne aplikacije za
                                poruke i lične adrese elektronske pošte.""",
                        },
                    ],
                },
            ),
            (
                "callout",
                {
                    "kind": "warning",
                    "title": "Dokumenti ne smeju da otkrivaju status",
                    "body": """<p>Poverenik za zaštitu ravnopravnosti je 2024. godine,
                        povodom pritužbe jednog udruženja, uputio Ministarstvu unutrašnjih
                        poslova preporuku mera u vezi sa dozvolama za privremeni boravak na
                        kojima je kao osnov boravka bilo upisano da je reč o žrtvama
                        trgovine ljudima. Isprava koju osoba svakodnevno pokazuje
                        poslodavcu ili stanodavcu ne sme da otkriva da je bila žrtva.</p>""",
                },
            ),
        ],
    },
    "en": {
        "slug": "protecting-the-victims-data",
        "title": "Protecting the victim's data",
        "body": [
            (
                "paragraph",
                """<p>Cooperation requires sharing information, but carelessly shared data
                can endanger the life of a victim and their family, expose them to
                traffickers' revenge or to lasting stigma in their community. Data about a
                victim of trafficking nearly always include special categories of data:
                health, sex life, ethnic origin.</p>""",
            ),
            (
                "legal_provision",
                {
                    "instrument": "Council of Europe Convention on Action against Trafficking "
                    "in Human Beings",
                    "article": "Art. 11 — summary",
                    "text": """States protect the private life and identity of victims.
                        Victims' personal data are stored and used in line with data
                        protection rules. The identity of a child victim, and details
                        allowing the child to be identified, are not made public through
                        the media or any other means, except in exceptional circumstances
                        to trace family members or otherwise secure the child's
                        well-being and protection.""",
                    "source_url": COE_CONVENTION_URL,
                },
            ),
            (
                "paragraph",
                """<p>In Serbia the processing of personal data is governed by the Law on
                Personal Data Protection of 2018, which follows the EU General Data
                Protection Regulation. Supervision is the task of the Commissioner for
                Information of Public Importance and Personal Data Protection.</p>""",
            ),
            (
                "indicator_checklist",
                {
                    "title": "Questions before you share",
                    "intro": "If you cannot answer one of them, stop.",
                    "items": [
                        {
                            "indicator": "Who really needs this?",
                            "explanation": "Only those who need it for their task.",
                        },
                        {
                            "indicator": "How much is enough?",
                            "explanation": """Arranging accommodation does not require a
                                description of the exploitation.""",
                        },
                        {
                            "indicator": "Has the person been told?",
                            "explanation": """Where possible, explain to whom and why their
                                data are passed on.""",
                        },
                        {
                            "indicator": "Is the channel safe?",
                            "explanation": """Official channels, not private messaging apps
                                or personal email addresses.""",
                        },
                    ],
                },
            ),
            (
                "callout",
                {
                    "kind": "warning",
                    "title": "Documents must not reveal a person's status",
                    "body": """<p>In 2024, following a complaint by an association, the
                        Commissioner for the Protection of Equality addressed a
                        recommendation to the Ministry of Interior concerning temporary
                        residence permits that stated, as the ground of residence, that the
                        holders were victims of trafficking. A document a person shows to
                        employers and landlords every day must not reveal that they were a
                        victim.</p>""",
                },
            ),
        ],
    },
}

CASE_MEETING = {
    "minutes": 15,
    "sr": {
        "slug": "multidisciplinarni-sastanak",
        "title": "Multidisciplinarni sastanak o slučaju",
        "body": [
            (
                "paragraph",
                """<p>Složeni slučajevi — dete, strani državljanin, žrtva koja je i
                svedok u krivičnom postupku — zahtevaju da se institucije dogovore za istim
                stolom. Dobar sastanak o slučaju traje kratko, završava se jasnim
                zaduženjima i ne ponavlja pitanja koja su žrtvi već postavljena.</p>""",
            ),
            ("heading", {"text": "Tri faze sastanka", "level": "h2"}),
            (
                "accordion",
                {
                    "items": [
                        {
                            "title": "Pre sastanka",
                            "body": """<ul><li>Ko saziva i ko vodi zapisnik.</li>
                                <li>Ko mora biti prisutan, a kome je dovoljna
                                informacija.</li>
                                <li>Šta je žrtva rekla da želi i na šta je pristala.</li>
                                </ul>""",
                        },
                        {
                            "title": "Na sastanku",
                            "body": """<ul><li>Bezbednost: rizici za žrtvu, porodicu i
                                svedoke.</li>
                                <li>Potrebe: smeštaj, zdravlje, dokumenti, tumač, pravna
                                pomoć.</li>
                                <li>Postupci: krivični, prekršajni, azil, boravak — i kako
                                se međusobno prepliću.</li>
                                <li>Ko, šta i do kada.</li></ul>""",
                        },
                        {
                            "title": "Posle sastanka",
                            "body": """<ul><li>Zapisnik sa najmanje potrebnih ličnih
                                podataka, dostavljen samo učesnicima.</li>
                                <li>Povratna informacija žrtvi, na jeziku koji razume.</li>
                                <li>Datum provere da li je dogovoreno urađeno.</li></ul>""",
                        },
                    ]
                },
            ),
            (
                "callout",
                {
                    "kind": "practice_tip",
                    "title": "Glas žrtve za stolom",
                    "body": """<p>Odluke o žrtvi ne donose se bez nje. Ako žrtva ne
                        prisustvuje, neko za stolom — najčešće stručnjak Centra ili
                        staratelj deteta — treba da prenese njene želje i da joj posle
                        objasni šta je dogovoreno.</p>""",
                },
            ),
            (
                "paragraph",
                """<p>Ko sedi za stolom zavisi od slučaja. Za strano dete zatečeno u radnoj
                eksploataciji to mogu biti Centar za zaštitu žrtava trgovine ljudima, centar
                za socijalni rad i privremeni staratelj deteta, nadležni policijski službenik,
                javni tužilac, služba nadležna za strance ili azil, lekar i organizacija koja
                pruža smeštaj. Lokalni tim za borbu protiv trgovine ljudima, tamo gde postoji,
                prirodan je domaćin takvih sastanaka. Neka krug bude onoliko mali koliko
                slučaj dozvoljava: svaki novi učesnik je još jedna osoba koja zna priču
                žrtve.</p>""",
            ),
            (
                "paragraph",
                """<p>Sastanak nije mesto za ispitivanje žrtve niti za procenu njene
                verodostojnosti. Njegova svrha je usklađivanje rada institucija tako da
                zaštita, krivični postupak i eventualni postupak azila idu jedno uz drugo,
                a ne jedno protiv drugog.</p>""",
            ),
        ],
    },
    "en": {
        "slug": "multi-agency-case-meeting",
        "title": "The multi-agency case meeting",
        "body": [
            (
                "paragraph",
                """<p>Complex cases — a child, a foreign national, a victim who is also a
                witness in criminal proceedings — need the institutions to agree around one
                table. A good case meeting is short, ends with clear tasks, and does not
                repeat questions the victim has already been asked.</p>""",
            ),
            ("heading", {"text": "Three stages of a meeting", "level": "h2"}),
            (
                "accordion",
                {
                    "items": [
                        {
                            "title": "Before the meeting",
                            "body": """<ul><li>Who convenes it and who takes the
                                minutes.</li>
                                <li>Who must attend, and who only needs to be informed.</li>
                                <li>What the victim has said they want and what they have
                                agreed to.</li></ul>""",
                        },
                        {
                            "title": "At the meeting",
                            "body": """<ul><li>Safety: risks to the victim, the family and
                                witnesses.</li>
                                <li>Needs: accommodation, health, documents, interpreter,
                                legal aid.</li>
                                <li>Proceedings: criminal, minor-offence, asylum, residence
                                — and how they interact.</li>
                                <li>Who does what, by when.</li></ul>""",
                        },
                        {
                            "title": "After the meeting",
                            "body": """<ul><li>Minutes with the least personal data needed,
                                sent only to participants.</li>
                                <li>Feedback to the victim, in a language they
                                understand.</li>
                                <li>A date to check that what was agreed was done.</li></ul>""",
                        },
                    ]
                },
            ),
            (
                "callout",
                {
                    "kind": "practice_tip",
                    "title": "The victim's voice at the table",
                    "body": """<p>Decisions about the victim are not taken without them. If
                        the victim does not attend, someone at the table — usually a
                        professional from the Centre or the child's guardian — should convey
                        their wishes and explain afterwards what was agreed.</p>""",
                },
            ),
            (
                "paragraph",
                """<p>Who sits at the table depends on the case. For a foreign child found in labour
                exploitation it may be the Centre for Protection of Victims of Trafficking,
                the centre for social work and the child's temporary guardian, the police
                officer in charge, the public prosecutor, the service dealing with foreigners
                or asylum, a doctor and the organisation providing accommodation. A local
                anti-trafficking team, where one exists, is a natural host for such meetings.
                Keep the circle as small as the case allows: every extra participant is one
                more person who knows the victim's story.</p>""",
            ),
            (
                "paragraph",
                """<p>The meeting is not the place to question the victim or to judge their
                credibility. Its purpose is to align the institutions' work so that
                protection, the criminal case and any asylum procedure run alongside one
                another rather than against one another.</p>""",
            ),
        ],
    },
}

COURSE = {
    "programme_objective": "coordination",
    "audience_professions": [
        "police_officer",
        "prosecutor",
        "social_worker",
        "labour_inspector",
        "asylum_officer",
        "other",
    ],
    "level": "introductory",
    "estimated_hours": "3.0",
    "validity_months": 24,
    "sr": {
        "slug": "nacionalni-mehanizam-upucivanja",
        "title": "Nacionalni mehanizam upućivanja: zajedno u zaštiti žrtava",
        "summary": """Kako institucije u Srbiji zajedno prepoznaju žrtve trgovine ljudima i
            upućuju ih na pomoć: uloga Centra za zaštitu žrtava trgovine ljudima, koraci
            upućivanja, posebne obaveze prema deci, zaštita podataka i sastanci o
            slučaju.""",
        "learning_objectives": """<ul>
            <li>Objasniti šta je nacionalni mehanizam upućivanja i ko u njemu učestvuje.</li>
            <li>Opisati ulogu Centra za zaštitu žrtava trgovine ljudima i značaj formalne
            identifikacije.</li>
            <li>Sprovesti korake upućivanja od prve sumnje do Centra.</li>
            <li>Primeniti dodatne zaštitne mere kada je moguća žrtva dete.</li>
            <li>Deliti informacije o žrtvi samo u meri u kojoj je to nužno i bezbedno.</li>
        </ul>""",
    },
    "en": {
        "slug": "national-referral-mechanism",
        "title": "The National Referral Mechanism: protecting victims together",
        "summary": """How institutions in Serbia identify victims of trafficking together and
            refer them to assistance: the role of the Centre for Protection of Victims of
            Trafficking, the referral steps, additional duties towards children, data
            protection and case meetings.""",
        "learning_objectives": """<ul>
            <li>Explain what a National Referral Mechanism is and who takes part in it.</li>
            <li>Describe the role of the Centre for Protection of Victims of Trafficking and
            the significance of formal identification.</li>
            <li>Carry out the referral steps from first suspicion to the Centre.</li>
            <li>Apply the additional safeguards when a possible victim is a child.</li>
            <li>Share information about a victim only as far as necessary and safe.</li>
        </ul>""",
    },
    "modules": [
        {
            "sr": {
                "slug": "sistem-i-akteri",
                "title": "Sistem i njegovi akteri",
                "intro": """<p>Šta je mehanizam upućivanja, Centar za zaštitu žrtava trgovine
                    ljudima i uloge institucija.</p>""",
            },
            "en": {
                "slug": "system-and-actors",
                "title": "The system and its actors",
                "intro": """<p>What a referral mechanism is, the Centre for Protection of
                    Victims of Trafficking, and the institutions' roles.</p>""",
            },
            "lessons": [WHAT_AN_NRM_IS, THE_CENTRE, WHO_DOES_WHAT],
        },
        {
            "sr": {
                "slug": "upucivanje-korak-po-korak",
                "title": "Upućivanje korak po korak",
                "intro": """<p>Od prve sumnje do formalne identifikacije, i šta se menja kod
                    dece.</p>""",
            },
            "en": {
                "slug": "referral-step-by-step",
                "title": "Referral step by step",
                "intro": """<p>From first suspicion to formal identification, and what changes
                    when the victim is a child.</p>""",
            },
            "lessons": [FROM_SUSPICION_TO_IDENTIFICATION, CHILDREN],
        },
        {
            "sr": {
                "slug": "podaci-i-saradnja",
                "title": "Podaci, poverljivost i saradnja",
                "intro": "<p>Bezbedna razmena informacija i sastanci o slučaju.</p>",
            },
            "en": {
                "slug": "data-and-cooperation",
                "title": "Data, confidentiality and cooperation",
                "intro": "<p>Sharing information safely, and case meetings.</p>",
            },
            "lessons": [PROTECTING_DATA, CASE_MEETING],
        },
    ],
}
