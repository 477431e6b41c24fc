"""Course for the objective "Prevention among vulnerable groups": the ILO/European
Commission operational indicators, forced labour and the labour inspectorate, groups at
risk, online recruitment and recruitment for work abroad.
"""

# --- Module 1: indicators ---------------------------------------------------------------

OPERATIONAL_INDICATORS = {
    "minutes": 25,
    "sr": {
        "slug": "operativni-indikatori",
        "title": "Operativni indikatori MOR-a i Evropske komisije",
        "body": [
            (
                "paragraph",
                """<p>Međunarodna organizacija rada (MOR) i Evropska komisija objavile su
                2009. godine <b>Operativne indikatore trgovine ljudima</b>. Nastali su
                metodom Delfi: stručnjaci iz policije, inspekcija rada, nevladinih
                organizacija, pravosuđa i istraživanja iz država Evropske unije u više
                krugova su usaglašavali koji znaci zaista ukazuju na trgovinu ljudima i
                koliko je svaki od njih jak.</p>""",
            ),
            (
                "paragraph",
                """<p>Indikatori su grupisani u četiri skupa: za odrasle i za decu, za
                radnu i za seksualnu eksploataciju. Svaki skup je organizovan oko šest
                dimenzija, a svaki indikator je označen kao <b>jak, srednji ili
                slab</b>. Publikacija daje i pravila po kojima se indikatori kombinuju:
                nijedan slab indikator sam po sebi nije dovoljan.</p>""",
            ),
            (
                "indicator_checklist",
                {
                    "title": "Šest dimenzija",
                    "intro": """Primeri su prepričani; potpune liste i ocene jačine nalaze
                        se u publikaciji MOR-a i Evropske komisije.""",
                    "items": [
                        {
                            "indicator": "1. Obmanjujuće vrbovanje",
                            "explanation": """Obmana o vrsti posla, mestu rada,
                                poslodavcu, uslovima, zaradi ili zakonitosti boravka i
                                rada.""",
                        },
                        {
                            "indicator": "2. Prinudno vrbovanje",
                            "explanation": """Nasilje, otmica, pretnje, oduzimanje isprava,
                                dug nametnut već pri vrbovanju.""",
                        },
                        {
                            "indicator": "3. Vrbovanje zloupotrebom ranjivosti",
                            "explanation": """Iskorišćavanje siromaštva, teške porodične
                                situacije, neznanja jezika, nezakonitog statusa ili
                                emotivne veze.""",
                        },
                        {
                            "indicator": "4. Eksploatatorski uslovi rada",
                            "explanation": """Prekomerno radno vreme, bez slobodnih dana,
                                zarada niska ili nikakva, loši uslovi stanovanja, opasan
                                rad.""",
                        },
                        {
                            "indicator": "5. Prinuda na odredištu",
                            "explanation": """Oduzete isprave, dužničko ropstvo,
                                izolacija, zatvaranje, nadzor, pretnje porodici, pretnja
                                prijavom vlastima, nasilje.""",
                        },
                        {
                            "indicator": "6. Zloupotreba ranjivosti na odredištu",
                            "explanation": """Potpuna zavisnost od eksploatatora,
                                jezička barijera, nezakonit boravak, neznanje o pravima i
                                službama.""",
                        },
                    ],
                },
            ),
            (
                "callout",
                {
                    "kind": "definition",
                    "title": "Kako se dimenzije uklapaju u definiciju",
                    "body": """<p>Dimenzije vrbovanja odgovaraju radnji i sredstvu;
                        eksploatatorski uslovi rada odgovaraju cilju; prinuda i
                        zloupotreba ranjivosti na odredištu su sredstva kojima se osoba
                        zadržava u eksploataciji. Tako indikatori pomažu da se na terenu
                        prepoznaju elementi iz zakona.</p>""",
                },
            ),
        ],
    },
    "en": {
        "slug": "operational-indicators",
        "title": "The ILO and European Commission operational indicators",
        "body": [
            (
                "paragraph",
                """<p>In 2009 the International Labour Organization (ILO) and the European
                Commission published the <b>Operational indicators of trafficking in human
                beings</b>. They came out of a Delphi survey: experts from police, labour
                inspectorates, NGOs, the judiciary and research in EU member states agreed,
                over several rounds, which signs really point to trafficking and how strong
                each one is.</p>""",
            ),
            (
                "paragraph",
                """<p>The indicators come in four sets: for adults and for children, for
                labour and for sexual exploitation. Each set is organised around six
                dimensions, and each indicator is graded <b>strong, medium or weak</b>. The
                publication also gives rules for combining indicators: no weak indicator is
                enough on its own.</p>""",
            ),
            (
                "indicator_checklist",
                {
                    "title": "The six dimensions",
                    "intro": """The examples are paraphrased; the full lists and their
                        grading are in the ILO and European Commission publication.""",
                    "items": [
                        {
                            "indicator": "1. Deceptive recruitment",
                            "explanation": """Deceived about the nature of the job, the
                                location, the employer, conditions, pay, or the legality of
                                stay and work.""",
                        },
                        {
                            "indicator": "2. Coercive recruitment",
                            "explanation": """Violence, abduction, threats, confiscation of
                                documents, a debt imposed at recruitment.""",
                        },
                        {
                            "indicator": "3. Recruitment by abuse of vulnerability",
                            "explanation": """Taking advantage of poverty, a difficult
                                family situation, lack of language, irregular status or an
                                emotional relationship.""",
                        },
                        {
                            "indicator": "4. Exploitative conditions of work",
                            "explanation": """Excessive hours, no days off, low or no pay,
                                poor living conditions, hazardous work.""",
                        },
                        {
                            "indicator": "5. Coercion at destination",
                            "explanation": """Confiscated documents, debt bondage,
                                isolation, confinement, surveillance, threats to family,
                                threats of denunciation to the authorities, violence.""",
                        },
                        {
                            "indicator": "6. Abuse of vulnerability at destination",
                            "explanation": """Complete dependence on the exploiters,
                                language barrier, irregular stay, no knowledge of rights or
                                services.""",
                        },
                    ],
                },
            ),
            (
                "callout",
                {
                    "kind": "definition",
                    "title": "How the dimensions fit the definition",
                    "body": """<p>The recruitment dimensions match the act and the means;
                        exploitative conditions match the purpose; coercion and abuse of
                        vulnerability at destination are the means that keep a person in
                        exploitation. The indicators thus help to recognise, in the field,
                        the elements set out in the law.</p>""",
                },
            ),
        ],
    },
}

USING_INDICATORS = {
    "minutes": 20,
    "sr": {
        "slug": "kako-koristiti-indikatore",
        "title": "Kako dobro koristiti indikatore",
        "body": [
            (
                "paragraph",
                """<p>Indikatori su alat za prepoznavanje, a ne test koji osoba „prolazi“
                ili „pada“. Njihova svrha je da službenik zastane, postavi još nekoliko
                pitanja i uputi slučaj dalje. Odluku o statusu žrtve donosi Centar za
                zaštitu žrtava trgovine ljudima, a o krivici sud.</p>""",
            ),
            (
                "callout",
                {
                    "kind": "warning",
                    "title": "Indikator nije dokaz — a njegovo odsustvo nije alibi",
                    "body": """<p>Jedan indikator, kao što je rad bez ugovora, postoji u
                        mnogim situacijama koje nisu trgovina ljudima. S druge strane,
                        žrtva koja ima pasoš kod sebe i mobilni telefon i dalje može biti
                        kontrolisana dugom ili pretnjama porodici.</p>""",
                },
            ),
            (
                "indicator_checklist",
                {
                    "title": "Jedanaest indikatora prinudnog rada (MOR, 2012)",
                    "intro": """MOR je izdvojio jedanaest znakova koji najčešće ukazuju na
                        prinudni rad. Prisustvo više njih zahteva dalju proveru.""",
                    "items": [
                        {"indicator": "Zloupotreba ranjivosti"},
                        {"indicator": "Obmana"},
                        {"indicator": "Ograničenje kretanja"},
                        {"indicator": "Izolacija"},
                        {"indicator": "Fizičko i seksualno nasilje"},
                        {"indicator": "Zastrašivanje i pretnje"},
                        {"indicator": "Zadržavanje ličnih isprava"},
                        {"indicator": "Uskraćivanje zarade"},
                        {"indicator": "Dužničko ropstvo"},
                        {"indicator": "Nehumani uslovi rada i stanovanja"},
                        {"indicator": "Prekovremeni rad preko zakonskih granica"},
                    ],
                },
            ),
            (
                "paragraph",
                """<p>Indikatori se menjaju i tokom vremena. Osoba je možda pre nekoliko meseci
                vrbovana obmanom, a sada deluje kao da ostaje svojom voljom, zbog duga ili
                stida. Pitajte o celoj priči — kako je vrbovana, kako je putovala, kako sada
                živi i radi — a ne samo o današnjem danu.</p>""",
            ),
            ("heading", {"text": "Izbegavajte stereotipe", "level": "h2"}),
            (
                "paragraph",
                """<p>Žrtve nisu samo mlade strankinje u seksualnoj industriji. Trgovina
                ljudima pogađa i muškarce u građevinarstvu i poljoprivredi, decu koja
                prose, osobe sa invaliditetom, i to ne samo na prelasku granice: značajan
                deo žrtava identifikovanih u Srbiji čine domaći državljani eksploatisani u
                samoj zemlji. Službenik koji traži samo „tipičnu“ žrtvu neće videti
                većinu ostalih.</p>""",
            ),
            (
                "callout",
                {
                    "kind": "practice_tip",
                    "title": "Zapišite šta ste videli, ne šta ste zaključili",
                    "body": """<p>Umesto „osoba je verovatno žrtva“ zapišite: „pasoš je kod
                        poslodavca; radi sedam dana nedeljno; kaže da duguje 2.000 evra za
                        prevoz“. Takav zapis koristi i Centru i tužiocu, i ne zavisi od vaše
                        procene.</p>""",
                },
            ),
        ],
    },
    "en": {
        "slug": "using-indicators-well",
        "title": "Using indicators well",
        "body": [
            (
                "paragraph",
                """<p>Indicators are a tool for recognition, not a test that a person
                "passes" or "fails". Their purpose is to make an official pause, ask a few
                more questions and refer the case on. The Centre for Protection of Victims
                of Trafficking decides on victim status, and a court on guilt.</p>""",
            ),
            (
                "callout",
                {
                    "kind": "warning",
                    "title": "An indicator is not proof — and its absence is no alibi",
                    "body": """<p>A single indicator, such as working without a contract,
                        occurs in many situations that are not trafficking. Conversely, a
                        victim who holds their own passport and a mobile phone may still be
                        controlled through debt or threats against their family.</p>""",
                },
            ),
            (
                "indicator_checklist",
                {
                    "title": "The ILO's eleven indicators of forced labour (2012)",
                    "intro": """The ILO singled out eleven signs that most often point to
                        forced labour. Where several are present, look further.""",
                    "items": [
                        {"indicator": "Abuse of vulnerability"},
                        {"indicator": "Deception"},
                        {"indicator": "Restriction of movement"},
                        {"indicator": "Isolation"},
                        {"indicator": "Physical and sexual violence"},
                        {"indicator": "Intimidation and threats"},
                        {"indicator": "Retention of identity documents"},
                        {"indicator": "Withholding of wages"},
                        {"indicator": "Debt bondage"},
                        {"indicator": "Abusive working and living conditions"},
                        {"indicator": "Excessive overtime"},
                    ],
                },
            ),
            (
                "paragraph",
                """<p>Indicators also change over time. A person may have been recruited by
                deception months ago but now seem to stay of their own will, because of debt
                or shame. Ask about the whole story — how they were recruited, how they
                travelled, how they live and work now — not only about today.</p>""",
            ),
            ("heading", {"text": "Avoid stereotypes", "level": "h2"}),
            (
                "paragraph",
                """<p>Victims are not only young foreign women in the sex industry.
                Trafficking also affects men in construction and agriculture, children who
                beg, people with disabilities — and not only at the border: a significant
                share of the victims identified in Serbia are Serbian nationals exploited
                within the country. An official who looks only for the "typical" victim
                will miss most of the others.</p>""",
            ),
            (
                "callout",
                {
                    "kind": "practice_tip",
                    "title": "Write down what you saw, not what you concluded",
                    "body": """<p>Instead of "the person is probably a victim", write: "the
                        passport is with the employer; works seven days a week; says they owe
                        EUR 2,000 for transport". Such a note is useful to the Centre and to
                        the prosecutor, and does not depend on your judgement.</p>""",
                },
            ),
        ],
    },
}

LABOUR_EXPLOITATION = {
    "minutes": 25,
    "sr": {
        "slug": "radna-eksploatacija-i-inspekcija-rada",
        "title": "Radna eksploatacija i uloga inspekcije rada",
        "body": [
            (
                "paragraph",
                """<p>Između loših uslova rada i prinudnog rada postoji čitav niz
                situacija: neplaćen prekovremeni rad, rad „na crno“, nezakonite zarade,
                pa sve do rada pod pretnjom. Inspektor rada je često jedini službenik koji
                ulazi na gradilište, farmu ili u proizvodni pogon i razgovara sa
                radnicima. Zato je inspekcija rada važna karika u prepoznavanju radne
                eksploatacije.</p>""",
            ),
            (
                "legal_provision",
                {
                    "instrument": "Konvencija MOR br. 29 o prinudnom radu (1930)",
                    "article": "čl. 2, st. 1 — neslužbeni prevod",
                    "text": """Izraz „prinudni ili obavezni rad“ označava svaki rad ili
                        uslugu koji se od nekog lica zahtevaju pod pretnjom bilo kakve
                        kazne i za koje se to lice nije dobrovoljno ponudilo.""",
                    "source_url": "",
                },
            ),
            (
                "paragraph",
                """<p>Konvencija MOR br. 81 o inspekciji rada (1947) daje inspektorima
                ovlašćenje da slobodno i bez prethodne najave uđu na radna mesta koja
                podležu nadzoru, da pregledaju evidencije i da razgovaraju sa radnicima
                nasamo. U Srbiji nadzor vrši Inspektorat za rad u okviru ministarstva
                nadležnog za rad. Inspektor ne istražuje krivično delo, ali prikuplja
                činjenice koje su za istragu dragocene, i dužan je da obavesti policiju ili
                javno tužilaštvo kada uoči znake krivičnog dela.</p>""",
            ),
            (
                "indicator_checklist",
                {
                    "title": "Na šta obratiti pažnju tokom nadzora",
                    "items": [
                        {
                            "indicator": "Razgovarajte sa radnicima odvojeno od poslodavca",
                            "explanation": "Po potrebi uz tumača koga poslodavac nije doveo.",
                        },
                        {
                            "indicator": "Ko drži pasoše i radne dozvole?",
                            "explanation": "Isprave „na čuvanju“ kod poslodavca su jak signal.",
                        },
                        {
                            "indicator": "Kako se isplaćuje zarada?",
                            "explanation": """Odbici za smeštaj, hranu i „dug“ za put koji
                                progutaju celu platu.""",
                        },
                        {
                            "indicator": "Gde radnici spavaju i mogu li da odu?",
                            "explanation": """Smeštaj na radnom mestu, zaključana vrata,
                                nadzor i posle radnog vremena.""",
                        },
                    ],
                },
            ),
            (
                "case_law",
                {
                    "case": None,
                    "citation": "Chowdury i drugi protiv Grčke, br. 21884/15, 30. mart 2017.",
                    "holding": """Migranti berači jagoda radili su bez plate pod pretnjom
                        naoružanih čuvara; početni pristanak na rad ne isključuje prinudni
                        rad kada poslodavac zloupotrebi njihovu ranjivost. Povreda člana 4
                        EKLJP.""",
                    "link_url": "",
                },
            ),
            (
                "callout",
                {
                    "kind": "practice_tip",
                    "title": "Radnik bez dozvole je i dalje moguća žrtva",
                    "body": """<p>Nezakonit rad ili boravak ne isključuje zaštitu. Ako
                        prvo pokrenete postupak protiv radnika, on više neće ništa reći, a
                        eksploatator će dovesti nove ljude. Najpre procenite indikatore i
                        obavestite Centar za zaštitu žrtava trgovine ljudima.</p>""",
                },
            ),
        ],
    },
    "en": {
        "slug": "labour-exploitation-and-the-inspectorate",
        "title": "Labour exploitation and the role of the labour inspectorate",
        "body": [
            (
                "paragraph",
                """<p>Between poor working conditions and forced labour lies a whole range
                of situations: unpaid overtime, undeclared work, unlawful pay, all the way
                to work under threat. A labour inspector is often the only official who
                walks onto a building site, a farm or a factory floor and talks to the
                workers. That makes the labour inspectorate a key link in recognising
                labour exploitation.</p>""",
            ),
            (
                "legal_provision",
                {
                    "instrument": "ILO Forced Labour Convention, 1930 (No. 29)",
                    "article": "Art. 2(1)",
                    "text": """For the purposes of this Convention the term forced or
                        compulsory labour shall mean all work or service which is exacted
                        from any person under the menace of any penalty and for which the
                        said person has not offered himself voluntarily.""",
                    "source_url": "",
                },
            ),
            (
                "paragraph",
                """<p>The ILO Labour Inspection Convention, 1947 (No. 81) empowers inspectors
                to enter workplaces liable to inspection freely and without prior notice,
                to examine records and to talk to workers in private. In Serbia inspection
                is carried out by the Labour Inspectorate within the ministry responsible
                for labour. Inspectors do not investigate crimes, but they gather facts
                that are valuable to an investigation, and must inform the police or the
                public prosecutor when they see signs of a criminal offence.</p>""",
            ),
            (
                "indicator_checklist",
                {
                    "title": "What to look for during an inspection",
                    "items": [
                        {
                            "indicator": "Talk to workers away from the employer",
                            "explanation": """With an interpreter if needed — not one the
                                employer brought.""",
                        },
                        {
                            "indicator": "Who holds the passports and work permits?",
                            "explanation": """Documents "kept safe" by the employer are a
                                strong signal.""",
                        },
                        {
                            "indicator": "How are wages paid?",
                            "explanation": """Deductions for housing, food and a travel
                                "debt" that swallow the whole wage.""",
                        },
                        {
                            "indicator": "Where do workers sleep, and can they leave?",
                            "explanation": """Housing at the workplace, locked doors,
                                supervision outside working hours.""",
                        },
                    ],
                },
            ),
            (
                "case_law",
                {
                    "case": None,
                    "citation": "Chowdury and Others v. Greece, no. 21884/15, 30 March 2017",
                    "holding": """Migrant strawberry pickers worked unpaid under armed
                        guards; initial consent to work does not exclude forced labour where
                        the employer abuses the workers' vulnerability. Violation of
                        Article 4 ECHR.""",
                    "link_url": "",
                },
            ),
            (
                "callout",
                {
                    "kind": "practice_tip",
                    "title": "A worker without a permit may still be a victim",
                    "body": """<p>Irregular work or stay does not rule out protection. If
                        you start proceedings against the worker first, they will say
                        nothing more, and the exploiter will bring in new people. Assess the
                        indicators first and notify the Centre for Protection of Victims of
                        Trafficking.</p>""",
                },
            ),
        ],
    },
}

# --- Module 2: groups at risk -----------------------------------------------------------

CHILDREN_AND_YOUNG_PEOPLE = {
    "minutes": 20,
    "sr": {
        "slug": "deca-i-mladi",
        "title": "Deca i mladi, uključujući decu u ustanovama i hraniteljstvu",
        "body": [
            (
                "paragraph",
                """<p>Deca su posebno izložena trgovini ljudima jer zavise od odraslih,
                teže procenjuju rizik i lakše ih je vezati poklonima, pažnjom ili strahom.
                Rizik raste kada se sabere više okolnosti: siromaštvo, nasilje u
                porodici, napuštanje škole, život na ulici, invaliditet, migracija bez
                pratnje roditelja.</p>""",
            ),
            (
                "paragraph",
                """<p>Posebnu pažnju zahtevaju deca u ustanovama socijalne zaštite i
                hraniteljskim porodicama, kao i mladi koji iz njih izlaze sa navršenih 18
                godina bez porodične podrške. Vrbovaoci znaju gde da ih traže. Česti
                obrasci su „dečko“ koji devojku najpre zavede, a zatim od nje traži „pomoć“
                u vidu seksualnih usluga drugima, prinudno prosjačenje, prinudno vršenje krađa i
                rano, ugovoreno sklapanje braka uz novčanu naknadu.</p>""",
            ),
            (
                "indicator_checklist",
                {
                    "title": "Znaci upozorenja za nastavnike, vaspitače i socijalne radnike",
                    "items": [
                        {"indicator": "Skupi pokloni, novi telefon ili novac nepoznatog porekla"},
                        {"indicator": "Znatno stariji „dečko“ ili „prijatelj“ koji dolazi po dete"},
                        {"indicator": "Česti izostanci, bekstva, noćenja van doma"},
                        {"indicator": "Povrede, iscrpljenost, upotreba alkohola ili droga"},
                        {"indicator": "Tajnovitost u vezi sa novim kontaktima na internetu"},
                    ],
                },
            ),
            (
                "callout",
                {
                    "kind": "practice_tip",
                    "title": "Nestanak deteta prijavite odmah",
                    "body": """<p>Kada dete nestane iz ustanove ili hraniteljske porodice,
                        prijavite nestanak policiji bez odlaganja i obavestite centar za
                        socijalni rad. Ponovljeni nestanci nisu „navika“ deteta, nego znak da
                        ga neko odvodi.</p>""",
                },
            ),
            (
                "paragraph",
                """<p>Setite se pravila iz definicije: kod deteta nije potrebno dokazivati silu,
                pretnju ni obmanu. Šesnaestogodišnjakinja koja kaže da sa „dečkom“ ide svojom
                voljom i dalje je moguća žrtva ako je vrbovana ili premeštana radi
                eksploatacije.</p>""",
            ),
            (
                "paragraph",
                """<p>Prevencija kod dece nije jedno predavanje u školi. Ona uključuje
                razgovor o bezbednim odnosima i bezbednosti na internetu, praćenje
                izostanaka, podršku mladima koji napuštaju ustanove pri zapošljavanju i
                stanovanju, i brzu razmenu informacija između škole, centra za socijalni
                rad i policije.</p>""",
            ),
        ],
    },
    "en": {
        "slug": "children-and-young-people",
        "title": "Children and young people, including those in care",
        "body": [
            (
                "paragraph",
                """<p>Children are particularly exposed to trafficking because they depend
                on adults, find it harder to judge risk, and are easier to bind through
                gifts, attention or fear. The risk grows when several circumstances add up:
                poverty, violence at home, dropping out of school, living on the street,
                disability, migrating without parents.</p>""",
            ),
            (
                "paragraph",
                """<p>Children in residential care and foster families need particular
                attention, as do young people who leave care at 18 without family support.
                Recruiters know where to find them. Common patterns are the "boyfriend" who
                first makes the girl fall in love and then asks her to "help" by providing
                sexual services to others, forced begging, forced theft, and early arranged
                marriage in exchange for money.</p>""",
            ),
            (
                "indicator_checklist",
                {
                    "title": "Warning signs for teachers, carers and social workers",
                    "items": [
                        {"indicator": "Expensive gifts, a new phone or money from nowhere"},
                        {
                            "indicator": (
                                'A much older "boyfriend" or "friend" who picks the child up'
                            )
                        },
                        {"indicator": "Frequent absences, running away, nights away from home"},
                        {"indicator": "Injuries, exhaustion, use of alcohol or drugs"},
                        {"indicator": "Secrecy about new contacts online"},
                    ],
                },
            ),
            (
                "callout",
                {
                    "kind": "practice_tip",
                    "title": "Report a missing child at once",
                    "body": """<p>When a child goes missing from a residential institution or
                        a foster family, report it to the police without delay and inform
                        the centre for social work. Repeated disappearances are not the
                        child's "habit"; they are a sign that someone is taking the
                        child away.</p>""",
                },
            ),
            (
                "paragraph",
                """<p>Remember the rule from the definition: for a child, no force, threat or
                deception needs to be proved. A sixteen-year-old who says she goes with her
                "boyfriend" of her own free will is still a possible victim if she is being
                recruited or moved for exploitation.</p>""",
            ),
            (
                "paragraph",
                """<p>Prevention with children is not a single talk at school. It includes
                conversations about safe relationships and online safety, following up
                absences, helping care leavers with jobs and housing, and quick exchange of
                information between the school, the centre for social work and the
                police.</p>""",
            ),
        ],
    },
}

EXCLUSION_AND_RISK = {
    "minutes": 20,
    "sr": {
        "slug": "romske-zajednice-invaliditet-migranti",
        "title": "Romske zajednice, osobe sa invaliditetom i migranti",
        "body": [
            (
                "paragraph",
                """<p>Ranjivost ne proizlazi iz nečijeg porekla, nego iz okolnosti u kojima
                osoba živi: isključenosti, siromaštva, diskriminacije, nedostatka
                dokumenata i zavisnosti od drugih. Prevencija zato mora da deluje na te
                okolnosti, a prepoznavanje mora da izbegne i predrasude i
                slepilo.</p>""",
            ),
            (
                "accordion",
                {
                    "items": [
                        {
                            "title": "Romske zajednice",
                            "body": """<p>Deca i mladi iz siromašnih i isključenih naselja
                                izloženi su prinudnom prosjačenju, ranim i ugovorenim
                                brakovima i radnoj eksploataciji. Osobe bez upisa u matične
                                knjige i bez ličnih dokumenata teže ostvaruju prava, što
                                koriste i eksploatatori. Rad sa zajednicom, romski
                                koordinatori i zdravstveni medijatori, kao i upis u matične
                                knjige, deo su prevencije.</p>""",
                        },
                        {
                            "title": "Osobe sa invaliditetom",
                            "body": """<p>Osobe sa intelektualnim teškoćama bivaju
                                iskorišćavane za rad na imanjima, prosjačenje ili seksualnu
                                eksploataciju, ponekad od strane onih koji o njima brinu.
                                Potrebni su prilagođena komunikacija i procena da li je
                                staratelj deo problema.</p>""",
                        },
                        {
                            "title": "Migranti i tražioci azila",
                            "body": """<p>Nezakonit boravak, dug krijumčarima, strah od
                                vraćanja i nepoznavanje jezika čine ih lakom metom. Deca
                                bez pratnje su posebno ugrožena.</p>""",
                        },
                    ]
                },
            ),
            (
                "callout",
                {
                    "kind": "warning",
                    "title": "„To je njihova kultura“ nije procena",
                    "body": """<p>Objašnjavanje eksploatacije „kulturom“ dovodi do toga da
                        se žrtve ne vide. Ali ni svako dete koje prosi nije žrtva trgovine
                        ljudima. U svakom slučaju proverite ko ima korist, da li dete ide u
                        školu i da li je neko nad njim uspostavio kontrolu.</p>""",
                },
            ),
            (
                "paragraph",
                """<p>Saradnja sa osobama od poverenja iz zajednice — medijatorima, nastavnicima,
                zdravstvenim radnicima, udruženjima — pomaže i prevenciji i prepoznavanju. Kada se
                posumnja na slučaj, uključite ih pažljivo: oni mogu otvoriti vrata, ali privatnost i
                bezbednost žrtve i dalje su na prvom mestu.</p>""",
            ),
            (
                "paragraph",
                """<p>Najdelotvornija prevencija je dostupnost redovnih usluga: ličnih
                dokumenata, škole, zdravstvene zaštite, socijalne pomoći i informacija na
                jeziku koji ljudi razumeju. Kada ljudi imaju gde da se obrate, vrbovalac
                gubi moć.</p>""",
            ),
        ],
    },
    "en": {
        "slug": "roma-disability-migrants",
        "title": "Roma communities, persons with disabilities and migrants",
        "body": [
            (
                "paragraph",
                """<p>Vulnerability does not come from a person's origin but from the
                circumstances they live in: exclusion, poverty, discrimination, lack of
                documents and dependence on others. Prevention must therefore address those
                circumstances, and identification must avoid both prejudice and
                blindness.</p>""",
            ),
            (
                "accordion",
                {
                    "items": [
                        {
                            "title": "Roma communities",
                            "body": """<p>Children and young people from poor, excluded
                                settlements are exposed to forced begging, early and arranged
                                marriage and labour exploitation. People who were never
                                entered in the civil registers and have no identity documents
                                find it harder to claim their rights, which exploiters also
                                use. Community work, Roma coordinators and health mediators,
                                and birth registration are all part of prevention.</p>""",
                        },
                        {
                            "title": "Persons with disabilities",
                            "body": """<p>People with intellectual disabilities are
                                exploited for farm work, begging or sexual exploitation,
                                sometimes by those who care for them. Adapted communication
                                is needed, and an assessment of whether the guardian is part
                                of the problem.</p>""",
                        },
                        {
                            "title": "Migrants and asylum seekers",
                            "body": """<p>Irregular stay, debts to smugglers, fear of being
                                returned and not knowing the language make them easy
                                targets. Unaccompanied children are particularly at
                                risk.</p>""",
                        },
                    ]
                },
            ),
            (
                "callout",
                {
                    "kind": "warning",
                    "title": '"It\'s their culture" is not an assessment',
                    "body": """<p>Explaining exploitation away as "culture" means victims
                        go unseen. But not every child who begs is a victim of trafficking
                        either. In every case, check who benefits, whether the child goes to
                        school, and whether someone has taken control over the child.</p>""",
                },
            ),
            (
                "paragraph",
                """<p>Working with trusted people from the community — mediators, teachers, health
                workers, associations — helps both prevention and identification. When a case is
                suspected, involve them with care: they can open doors, but the victim's privacy and
                safety still come first.</p>""",
            ),
            (
                "paragraph",
                """<p>The most effective prevention is access to ordinary services: identity
                documents, school, health care, social assistance and information in a
                language people understand. When people have somewhere to turn, the
                recruiter loses power.</p>""",
            ),
        ],
    },
}

# --- Module 3: changing recruitment patterns --------------------------------------------

ONLINE_RECRUITMENT = {
    "minutes": 20,
    "sr": {
        "slug": "vrbovanje-preko-interneta",
        "title": "Vrbovanje preko interneta",
        "body": [
            (
                "paragraph",
                """<p>Oglasi za posao na društvenim mrežama, poruke „modnih agencija“,
                poznanstva preko aplikacija — vrbovanje se velikim delom preselilo na
                internet. Vrbovalac može da kontaktira stotine ljudi, proceni ko je
                usamljen ili u teškoj situaciji i gradi odnos nedeljama pre nego što
                predloži „posao“ ili susret.</p>""",
            ),
            (
                "indicator_checklist",
                {
                    "title": "Znaci lažnog oglasa ili opasnog kontakta",
                    "items": [
                        {
                            "indicator": "Visoka zarada bez ikakvih kvalifikacija",
                            "explanation": "Posebno za rad u inostranstvu.",
                        },
                        {
                            "indicator": "Nejasan opis posla i poslodavca",
                            "explanation": "Nema naziva firme, adrese ni ugovora.",
                        },
                        {
                            "indicator": "Traže se fotografije, kopija pasoša ili ličnih podataka",
                            "explanation": "Pre bilo kakvog razgovora o poslu.",
                        },
                        {
                            "indicator": "„Poslodavac“ plaća put, a dug se vraća radom",
                            "explanation": "Osnova za kasnije dužničko ropstvo.",
                        },
                        {
                            "indicator": "Žurba i tajnost",
                            "explanation": """Komunikacija se brzo seli u zatvorene
                                aplikacije; traži se da se nikome ne govori.""",
                        },
                    ],
                },
            ),
            (
                "paragraph",
                """<p>Vrbovanje preko interneta često prati iste korake: pažnja i laskanje, pokloni
                ili novac, udaljavanje od prijatelja i porodice, traženje intimnih
                fotografija, a zatim pritisak ili ucena. Kada prepoznate u kojoj je fazi mlada
                osoba, lakše je proceniti koliko hitno treba reagovati.</p>""",
            ),
            (
                "paragraph",
                """<p>Prevencija na internetu je najdelotvornija kada stigne tamo gde su i
                vrbovaoci: kratka upozorenja u školskim programima i omladinskim centrima,
                informacije za roditelje i staratelje, i jasan savet gde se ponuda posla može
                proveriti. Policija i socijalne službe treba da poznaju platforme i aplikacije
                koje mladi zaista koriste, jer se vrbovaoci brzo sele na nove.</p>""",
            ),
            (
                "paragraph",
                """<p>Internet služi i za kontrolu žrtve: intimni snimci se koriste za
                ucenu, lokacija se prati preko telefona, a eksploatacija se ponekad odvija
                i sama na internetu, kroz prenose uživo. Istovremeno, digitalni tragovi su
                jedan od najboljih izvora dokaza.</p>""",
            ),
            (
                "callout",
                {
                    "kind": "practice_tip",
                    "title": "Sačuvajte digitalne tragove na vreme",
                    "body": """<p>Zabeležite adrese profila i oglasa, datume i vreme, i
                        napravite snimke ekrana. Podatke kod pružalaca usluga tražite
                        zakonitim putem, preko javnog tužioca; za predmete sa elementima
                        visokotehnološkog kriminala postoji posebno tužilaštvo. Srbija je
                        potvrdila Konvenciju Saveta Evrope o visokotehnološkom kriminalu,
                        koja omogućava hitno čuvanje podataka u drugim državama.</p>""",
                },
            ),
        ],
    },
    "en": {
        "slug": "online-recruitment",
        "title": "Online recruitment",
        "body": [
            (
                "paragraph",
                """<p>Job ads on social media, messages from "modelling agencies",
                acquaintances made through apps — much of recruitment has moved online. A
                recruiter can contact hundreds of people, gauge who is lonely or in
                difficulty, and build a relationship for weeks before proposing a "job" or
                a meeting.</p>""",
            ),
            (
                "indicator_checklist",
                {
                    "title": "Signs of a fake ad or a dangerous contact",
                    "items": [
                        {
                            "indicator": "High pay with no qualifications required",
                            "explanation": "Especially for work abroad.",
                        },
                        {
                            "indicator": "Vague description of the job and the employer",
                            "explanation": "No company name, no address, no contract.",
                        },
                        {
                            "indicator": "Photos, a passport copy or personal data requested",
                            "explanation": "Before any discussion of the job.",
                        },
                        {
                            "indicator": 'The "employer" pays the fare, repaid by work',
                            "explanation": "The basis for later debt bondage.",
                        },
                        {
                            "indicator": "Urgency and secrecy",
                            "explanation": """The conversation quickly moves to closed apps;
                                the person is told not to tell anyone.""",
                        },
                    ],
                },
            ),
            (
                "paragraph",
                """<p>Online grooming often follows the same steps: attention and flattery, gifts or
                money, isolation from friends and family, a request for intimate images, and
                then pressure or blackmail. Recognising the stage a young person has reached
                helps to decide how urgently to act.</p>""",
            ),
            (
                "paragraph",
                """<p>Prevention online works best when it reaches people where recruiters do: short
                warnings in school programmes and youth centres, information for parents and
                carers, and clear advice on where to check a job offer. Police and social
                services should know the platforms and apps young people actually use, because
                recruiters move quickly to new ones.</p>""",
            ),
            (
                "paragraph",
                """<p>The internet is also used to control victims: intimate images are used
                for blackmail, location is tracked through the phone, and sometimes the
                exploitation itself happens online, through live streaming. At the same
                time, digital traces are among the best sources of evidence.</p>""",
            ),
            (
                "callout",
                {
                    "kind": "practice_tip",
                    "title": "Preserve digital traces in time",
                    "body": """<p>Record the addresses of profiles and ads, dates and times,
                        and take screenshots. Request data from service providers lawfully,
                        through the public prosecutor; a specialised prosecution office
                        handles high-tech crime. Serbia is a party to the Council of Europe
                        Convention on Cybercrime, which allows expedited preservation of
                        data held in other states.</p>""",
                },
            ),
        ],
    },
}

WORK_ABROAD = {
    "minutes": 20,
    "sr": {
        "slug": "rad-u-inostranstvu-i-agencije",
        "title": "Rad u inostranstvu i agencije za zapošljavanje",
        "body": [
            (
                "paragraph",
                """<p>Mnogi slučajevi radne eksploatacije počinju legalnim putem: oglasom
                agencije, ugovorom i vizom. Problemi nastaju kada radnik za posao plati
                naknadu pa počne rad u dugu, kada na odredištu dobije drugačiji ugovor od
                onog koji je potpisao, ili kada mu poslodavac „radi sigurnosti“ uzme
                pasoš.</p>""",
            ),
            (
                "callout",
                {
                    "kind": "definition",
                    "title": "Načelo „plaća poslodavac“",
                    "body": """<p>Prema Opštim načelima i operativnim smernicama MOR-a za
                        pravično zapošljavanje, radnicima i licima koja traže posao ne bi
                        trebalo naplaćivati naknade za zapošljavanje niti s tim povezane
                        troškove. Dug prema posredniku jedan je od najčešćih načina na koji
                        radnik postaje zavisan.</p>""",
                },
            ),
            (
                "indicator_checklist",
                {
                    "title": "Pre odlaska: saveti za one koji traže posao u inostranstvu",
                    "intro": """Poruke koje policija, centri za socijalni rad i službe za
                        zapošljavanje mogu da prenesu u preventivnom radu.""",
                    "items": [
                        {
                            "indicator": "Proverite da li agencija ima dozvolu za rad",
                            "explanation": """Agencije za zapošljavanje u Srbiji rade na
                                osnovu dozvole ministarstva nadležnog za zapošljavanje.""",
                        },
                        {
                            "indicator": "Tražite ugovor na jeziku koji razumete",
                            "explanation": "Pre odlaska, sa zaradom, radnim vremenom i smeštajem.",
                        },
                        {
                            "indicator": "Ostavite kopije dokumenata kod kuće",
                            "explanation": "I adresu poslodavca i broj telefona ambasade.",
                        },
                        {
                            "indicator": "Ne dajte nikome svoj pasoš",
                            "explanation": "Nijedan poslodavac nema pravo da ga zadrži.",
                        },
                    ],
                },
            ),
            (
                "paragraph",
                """<p>Kada se osoba vrati iz inostranstva i prijavi neisplaćenu zaradu, oduzete
                isprave ili pretnje, shvatite prijavu ozbiljno i kada se eksploatacija desila
                u drugoj državi. Vrbovanje u Srbiji može samo po sebi biti deo krivičnog dela,
                a dokazi koji su ovde — oglasi, uplate agenciji, poruke — mogu poslužiti u
                postupku kod nas ili u inostranstvu.</p>""",
            ),
            ("heading", {"text": "Srbija kao zemlja odredišta", "level": "h2"}),
            (
                "paragraph",
                """<p>Srbija nije samo zemlja porekla. Sve više stranih radnika dolazi u
                građevinarstvo, proizvodnju i uslužne delatnosti. Kada su radna dozvola i
                smeštaj vezani za jednog poslodavca, radnik teško može da ode čak i kada
                nije plaćen. Inspekcija rada i policija treba da obrate pažnju na iste
                znakove koje bi tražile kod naših državljana u inostranstvu.</p>""",
            ),
        ],
    },
    "en": {
        "slug": "work-abroad-and-recruitment-agencies",
        "title": "Work abroad and recruitment agencies",
        "body": [
            (
                "paragraph",
                """<p>Many cases of labour exploitation begin lawfully: an agency's
                advertisement, a contract and a visa. Problems start when the worker pays a
                fee for the job and begins work in debt, receives at destination a contract
                different from the one signed, or when the employer takes the passport "for
                safekeeping".</p>""",
            ),
            (
                "callout",
                {
                    "kind": "definition",
                    "title": 'The "employer pays" principle',
                    "body": """<p>Under the ILO General Principles and Operational Guidelines
                        for Fair Recruitment, no recruitment fees or related costs should be
                        charged to workers or jobseekers. A debt to an intermediary is one
                        of the commonest ways in which a worker becomes dependent.</p>""",
                },
            ),
            (
                "indicator_checklist",
                {
                    "title": "Before leaving: advice for people seeking work abroad",
                    "intro": """Messages that police, centres for social work and employment
                        services can pass on in prevention work.""",
                    "items": [
                        {
                            "indicator": "Check that the agency is licensed",
                            "explanation": """Employment agencies in Serbia operate under a
                                licence from the ministry responsible for employment.""",
                        },
                        {
                            "indicator": "Ask for a contract in a language you understand",
                            "explanation": "Before leaving, stating pay, hours and housing.",
                        },
                        {
                            "indicator": "Leave copies of your documents at home",
                            "explanation": "With the employer's address and the embassy's number.",
                        },
                        {
                            "indicator": "Never hand over your passport",
                            "explanation": "No employer has the right to keep it.",
                        },
                    ],
                },
            ),
            (
                "paragraph",
                """<p>When someone returns from abroad and reports unpaid wages, confiscated
                documents or threats, take the report seriously even if the exploitation
                happened in another country. Recruitment in Serbia may itself be part of the
                offence, and the evidence here — advertisements, payments to the agency,
                messages — can support proceedings at home or abroad.</p>""",
            ),
            ("heading", {"text": "Serbia as a country of destination", "level": "h2"}),
            (
                "paragraph",
                """<p>Serbia is not only a country of origin. More and more foreign workers
                come to work in construction, manufacturing and services. Where the work
                permit and the accommodation are tied to one employer, a worker can hardly
                leave even when unpaid. Labour inspectors and police should look for the
                same signs they would look for among Serbian nationals working
                abroad.</p>""",
            ),
        ],
    },
}

COURSE = {
    "programme_objective": "prevention",
    "audience_professions": [
        "police_officer",
        "social_worker",
        "labour_inspector",
        "asylum_officer",
        "other",
    ],
    "level": "introductory",
    "estimated_hours": "3.0",
    "validity_months": 24,
    "sr": {
        "slug": "prepoznavanje-i-prevencija",
        "title": "Prepoznavanje i prevencija: indikatori i ranjive grupe",
        "summary": """Operativni indikatori trgovine ljudima MOR-a i Evropske komisije,
            prinudni rad i uloga inspekcije rada, grupe izložene većem riziku, vrbovanje
            preko interneta i vrbovanje za rad u inostranstvu.""",
        "learning_objectives": """<ul>
            <li>Koristiti šest dimenzija operativnih indikatora za prepoznavanje mogućih
            žrtava.</li>
            <li>Razlikovati indikator od dokaza i beležiti činjenice, a ne zaključke.</li>
            <li>Prepoznati znake radne eksploatacije tokom inspekcijskog nadzora.</li>
            <li>Objasniti zašto su određene grupe izloženije riziku, bez
            stereotipa.</li>
            <li>Prepoznati obrasce vrbovanja preko interneta i za rad u inostranstvu.</li>
        </ul>""",
    },
    "en": {
        "slug": "recognition-and-prevention",
        "title": "Recognition and prevention: indicators and groups at risk",
        "summary": """The ILO and European Commission operational indicators of trafficking,
            forced labour and the role of the labour inspectorate, groups at higher risk,
            online recruitment and recruitment for work abroad.""",
        "learning_objectives": """<ul>
            <li>Use the six dimensions of the operational indicators to recognise possible
            victims.</li>
            <li>Tell an indicator from proof, and record facts rather than conclusions.</li>
            <li>Recognise signs of labour exploitation during an inspection.</li>
            <li>Explain why some groups are more exposed to risk, without
            stereotypes.</li>
            <li>Recognise recruitment patterns online and for work abroad.</li>
        </ul>""",
    },
    "modules": [
        {
            "sr": {
                "slug": "indikatori",
                "title": "Indikatori trgovine ljudima",
                "intro": """<p>Operativni indikatori, njihova pravilna upotreba i radna
                    eksploatacija.</p>""",
            },
            "en": {
                "slug": "indicators",
                "title": "Indicators of trafficking",
                "intro": """<p>The operational indicators, using them properly, and labour
                    exploitation.</p>""",
            },
            "lessons": [OPERATIONAL_INDICATORS, USING_INDICATORS, LABOUR_EXPLOITATION],
        },
        {
            "sr": {
                "slug": "ranjive-grupe",
                "title": "Grupe izložene većem riziku",
                "intro": """<p>Deca i mladi, romske zajednice, osobe sa invaliditetom i
                    migranti.</p>""",
            },
            "en": {
                "slug": "groups-at-risk",
                "title": "Groups at higher risk",
                "intro": """<p>Children and young people, Roma communities, persons with
                    disabilities and migrants.</p>""",
            },
            "lessons": [CHILDREN_AND_YOUNG_PEOPLE, EXCLUSION_AND_RISK],
        },
        {
            "sr": {
                "slug": "obrasci-vrbovanja",
                "title": "Novi obrasci vrbovanja",
                "intro": "<p>Vrbovanje preko interneta i za rad u inostranstvu.</p>",
            },
            "en": {
                "slug": "recruitment-patterns",
                "title": "Changing recruitment patterns",
                "intro": "<p>Recruitment online and for work abroad.</p>",
            },
            "lessons": [ONLINE_RECRUITMENT, WORK_ABROAD],
        },
    ],
}
