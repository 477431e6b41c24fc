"""Course for the objective "Stronger criminal-justice responses": the three elements of
trafficking, Articles 388–390 of the Serbian Criminal Code, proving the offence, and the
non-punishment principle, with the leading judgments of the European Court of Human Rights.
"""

PALERMO_URL = (
    "https://www.ohchr.org/en/instruments-mechanisms/instruments/"
    "protocol-prevent-suppress-and-punish-trafficking-persons"
)
COE_CONVENTION_URL = (
    "https://www.coe.int/en/web/conventions/full-list?module=treaty-detail&treatynum=197"
)
DIRECTIVE_URL = "https://eur-lex.europa.eu/eli/dir/2011/36/oj"

# --- Module 1: the international definition ----------------------------------------------

THREE_ELEMENTS = {
    "minutes": 20,
    "sr": {
        "slug": "tri-elementa",
        "title": "Tri elementa: radnja, sredstvo i cilj",
        "body": [
            (
                "paragraph",
                """<p>Međunarodno prihvaćena definicija trgovine ljudima nalazi se u članu 3
                <b>Protokola za prevenciju, suzbijanje i kažnjavanje trgovine ljudima,
                posebno ženama i decom</b>, kojim se dopunjuje Konvencija Ujedinjenih nacija
                protiv transnacionalnog organizovanog kriminala (2000). Taj dokument se
                obično naziva Palermo protokol. Srbija ga je potvrdila, a istu definiciju
                preuzima i Konvencija Saveta Evrope o borbi protiv trgovine ljudima (2005).
                Zahvaljujući tome, policija, tužilaštvo, sud i službe podrške u različitim
                državama govore o istoj pojavi istim rečima.</p>""",
            ),
            (
                "legal_provision",
                {
                    "instrument": "Palermo protokol (2000)",
                    "article": "čl. 3, tačka (a) — neslužbeni prevod",
                    "text": """„Trgovina ljudima“ znači vrbovanje, prevoz, prebacivanje,
                        skrivanje ili prihvat lica, pretnjom silom ili upotrebom sile ili
                        drugih oblika prinude, otmicom, prevarom, obmanom, zloupotrebom
                        ovlašćenja ili teškog položaja, ili davanjem ili primanjem novca ili
                        koristi da bi se dobio pristanak lica koje ima kontrolu nad drugim
                        licem, u cilju eksploatacije.

                        Eksploatacija obuhvata, kao minimum, iskorišćavanje prostitucije
                        drugih lica ili druge oblike seksualne eksploatacije, prinudni rad
                        ili usluge, ropstvo ili odnose slične ropstvu, služenje ili
                        uklanjanje organa.""",
                    "source_url": PALERMO_URL,
                },
            ),
            ("heading", {"text": "Tri elementa koja moraju postojati zajedno", "level": "h2"}),
            (
                "paragraph",
                """<p>Kada je žrtva punoletna, trgovina ljudima postoji tek kada su
                ispunjena <b>sva tri elementa</b>: učinilac je preduzeo određenu radnju,
                upotrebio je neko od navedenih sredstava i postupao je u cilju
                eksploatacije. Ako nedostaje bilo koji od njih, reč je o nekom drugom
                krivičnom delu, ili o delu koje tek treba dokazati.</p>""",
            ),
            (
                "accordion",
                {
                    "items": [
                        {
                            "title": "Radnja — šta je učinilac uradio",
                            "body": """<p>Vrbovanje, prevoz, prebacivanje, skrivanje ili
                                prihvat lica. Radnja ne mora da uključuje prelazak granice:
                                trgovina ljudima postoji i unutar jedne države, pa i unutar
                                jednog grada.</p>""",
                        },
                        {
                            "title": "Sredstvo — kako je to postigao",
                            "body": """<p>Pretnja, sila i drugi oblici prinude, otmica,
                                prevara i obmana, zloupotreba ovlašćenja ili teškog položaja
                                žrtve, davanje ili primanje koristi licu koje kontroliše
                                žrtvu. Sredstvo je ono što ponašanje žrtve čini
                                nedobrovoljnim.</p>""",
                        },
                        {
                            "title": "Cilj — zašto je to činio",
                            "body": """<p>Eksploatacija: seksualna, radna, prinudno
                                vršenje krivičnih dela ili prosjačenje, ropstvo i služenje,
                                uklanjanje organa. Nabrajanje u Protokolu je minimalno;
                                države mogu da predvide i druge oblike.</p>""",
                        },
                    ]
                },
            ),
            (
                "callout",
                {
                    "kind": "definition",
                    "title": "Cilj, a ne ostvarena eksploatacija",
                    "body": """<p>Eksploatacija ne mora da nastupi. Dovoljno je da je
                        radnja preduzeta <b>u cilju</b> eksploatacije. Ako policija
                        presretne vozilo kojim se vrbovane žene prevoze do mesta gde je
                        trebalo da budu seksualno eksploatisane, delo postoji iako do
                        eksploatacije nije došlo.</p>""",
                },
            ),
            (
                "callout",
                {
                    "kind": "practice_tip",
                    "title": "Tabela tri elementa u spisu",
                    "body": """<p>Za svaki predmet napravite tabelu sa tri kolone — radnja,
                        sredstvo, cilj — i uz svaku činjenicu upišite dokaz kojim se ona
                        potkrepljuje. Praznine u tabeli pokazuju šta još treba istražiti
                        pre podizanja optužnice.</p>""",
                },
            ),
        ],
    },
    "en": {
        "slug": "three-elements",
        "title": "Three elements: act, means and purpose",
        "body": [
            (
                "paragraph",
                """<p>The internationally agreed definition of trafficking in human beings
                is in Article 3 of the <b>Protocol to Prevent, Suppress and Punish
                Trafficking in Persons, Especially Women and Children</b>, supplementing the
                United Nations Convention against Transnational Organized Crime (2000),
                usually called the Palermo Protocol. Serbia has ratified it, and the Council
                of Europe Convention on Action against Trafficking in Human Beings (2005)
                uses the same definition. Because of this, police officers, prosecutors,
                judges and support services in different countries describe the same
                conduct in the same terms.</p>""",
            ),
            (
                "legal_provision",
                {
                    "instrument": "Palermo Protocol (2000)",
                    "article": "Art. 3(a)",
                    "text": """"Trafficking in persons" shall mean the recruitment,
                        transportation, transfer, harbouring or receipt of persons, by means
                        of the threat or use of force or other forms of coercion, of
                        abduction, of fraud, of deception, of the abuse of power or of a
                        position of vulnerability or of the giving or receiving of payments
                        or benefits to achieve the consent of a person having control over
                        another person, for the purpose of exploitation.

                        Exploitation shall include, at a minimum, the exploitation of the
                        prostitution of others or other forms of sexual exploitation, forced
                        labour or services, slavery or practices similar to slavery,
                        servitude or the removal of organs.""",
                    "source_url": PALERMO_URL,
                },
            ),
            ("heading", {"text": "Three elements that must all be present", "level": "h2"}),
            (
                "paragraph",
                """<p>Where the victim is an adult, trafficking exists only when <b>all three
                elements</b> are present: the offender carried out one of the listed acts,
                used one of the listed means, and did so for the purpose of exploitation.
                If any one of them is missing, the conduct is another offence, or an
                offence that has not yet been proved.</p>""",
            ),
            (
                "accordion",
                {
                    "items": [
                        {
                            "title": "Act — what the offender did",
                            "body": """<p>Recruitment, transportation, transfer,
                                harbouring or receipt of a person. No border needs to be
                                crossed: trafficking happens within one country, even
                                within one town.</p>""",
                        },
                        {
                            "title": "Means — how it was achieved",
                            "body": """<p>Threat, force and other coercion, abduction,
                                fraud and deception, abuse of power or of a position of
                                vulnerability, or payments or benefits to someone who
                                controls the victim. The means is what makes the victim's
                                conduct involuntary.</p>""",
                        },
                        {
                            "title": "Purpose — why it was done",
                            "body": """<p>Exploitation: sexual exploitation, forced labour
                                or services (including forced criminality and begging),
                                slavery and servitude, removal of organs. The Protocol's list
                                is a minimum; states may add other forms.</p>""",
                        },
                    ]
                },
            ),
            (
                "callout",
                {
                    "kind": "definition",
                    "title": "Purpose, not completed exploitation",
                    "body": """<p>Exploitation need not have happened. It is enough that the
                        act was done <b>for the purpose</b> of exploitation. If police stop
                        a van carrying recruited women to the place where they were to be
                        sexually exploited, the offence is complete even though no
                        exploitation has yet taken place.</p>""",
                },
            ),
            (
                "callout",
                {
                    "kind": "practice_tip",
                    "title": "A three-element table in the case file",
                    "body": """<p>For every case, draw a table with three columns — act,
                        means, purpose — and write next to each fact the evidence that
                        supports it. The gaps in the table show what still has to be
                        investigated before an indictment.</p>""",
                },
            ),
        ],
    },
}

CONSENT_AND_CHILDREN = {
    "minutes": 20,
    "sr": {
        "slug": "pristanak-i-deca",
        "title": "Pristanak žrtve i posebno pravilo za decu",
        "body": [
            (
                "paragraph",
                """<p>U praksi se često čuje odbrana: „Znala je na šta pristaje.“ Žrtva je
                možda zaista pristala da radi u inostranstvu, pa i da se bavi prostitucijom.
                Međunarodno pravo na to daje jasan odgovor u tačkama (b), (c) i (d) člana 3
                Palermo protokola.</p>""",
            ),
            (
                "legal_provision",
                {
                    "instrument": "Palermo protokol (2000)",
                    "article": "čl. 3, tačke (b)–(d) — neslužbeni prevod",
                    "text": """(b) Pristanak žrtve trgovine ljudima na nameravanu
                        eksploataciju iz tačke (a) nije od značaja ako je upotrebljeno bilo
                        koje od sredstava navedenih u tački (a).

                        (c) Vrbovanje, prevoz, prebacivanje, skrivanje ili prihvat deteta u
                        cilju eksploatacije smatra se trgovinom ljudima i kada ne uključuje
                        nijedno od sredstava navedenih u tački (a).

                        (d) „Dete“ je svako lice mlađe od osamnaest godina.""",
                    "source_url": PALERMO_URL,
                },
            ),
            ("heading", {"text": "Zašto pristanak ne menja ništa", "level": "h2"}),
            (
                "paragraph",
                """<p>Sredstva iz definicije — prevara, pretnja, zloupotreba teškog položaja
                — upravo su ono što pristanak čini nevažećim. Žena koja je pristala da radi
                kao konobarica, a završila u prinudnoj prostituciji, nije pristala na
                eksploataciju; njen pristanak je dobijen obmanom. Ni pristanak na
                prostituciju ne znači pristanak na oduzimanje zarade, zaključavanje ili
                pretnje. Zato, kada je dokazano sredstvo, sud ne ispituje da li je žrtva
                „htela“ da bude eksploatisana.</p>""",
            ),
            (
                "paragraph",
                """<p>To ne znači da pristanak nikada nije važan. Kada nijedno sredstvo nije
                upotrebljeno, a lice je odraslo i slobodno odlučuje, nema trgovine ljudima.
                Pitanje pristanka se, dakle, rešava dokazivanjem sredstva, a ne
                raspravljanjem o moralu žrtve.</p>""",
            ),
            ("heading", {"text": "Deca: sredstvo nije potrebno", "level": "h2"}),
            (
                "paragraph",
                """<p>Kada je žrtva dete, dovoljno je dokazati radnju i cilj eksploatacije.
                Dete je, prema Protokolu i Konvenciji Saveta Evrope, svako lice mlađe od 18
                godina. Srpski Krivični zakonik sledi isto pravilo: delo prema maloletnom
                licu postoji i kada učinilac nije upotrebio silu, pretnju ili neki drugi od
                navedenih načina izvršenja.</p>""",
            ),
            (
                "callout",
                {
                    "kind": "warning",
                    "title": "Ne tražite „prinudu“ kod dece",
                    "body": """<p>Istraga koja kod sedamnaestogodišnjakinje traži dokaze o
                        pretnji ili sili troši vreme i izlaže dete nepotrebnom ispitivanju.
                        Ako je uzrast utvrđen, dokazujte radnju i cilj. Ako uzrast nije
                        siguran, a postoje razlozi da se veruje da je lice dete, postupajte
                        prema njemu kao prema detetu dok se uzrast ne utvrdi.</p>""",
                },
            ),
            (
                "glossary_term",
                {
                    "term": "Teški položaj (položaj ranjivosti)",
                    "definition": """Situacija u kojoj lice nema stvarni i prihvatljiv
                        izbor osim da se podvrgne zloupotrebi: siromaštvo, nezakonit boravak,
                        zavisnost od supstanci, invaliditet, uzrast, dug ili izolacija.
                        Zloupotreba takvog položaja je sredstvo trgovine ljudima.""",
                },
            ),
        ],
    },
    "en": {
        "slug": "consent-and-children",
        "title": "The victim's consent and the special rule for children",
        "body": [
            (
                "paragraph",
                """<p>A familiar defence in court is: "She knew what she was agreeing to."
                The victim may indeed have agreed to work abroad, even to sell sex.
                International law answers this clearly in subparagraphs (b), (c) and (d) of
                Article 3 of the Palermo Protocol.</p>""",
            ),
            (
                "legal_provision",
                {
                    "instrument": "Palermo Protocol (2000)",
                    "article": "Art. 3(b)–(d)",
                    "text": """(b) The consent of a victim of trafficking in persons to the
                        intended exploitation set forth in subparagraph (a) of this article
                        shall be irrelevant where any of the means set forth in
                        subparagraph (a) have been used;

                        (c) The recruitment, transportation, transfer, harbouring or receipt
                        of a child for the purpose of exploitation shall be considered
                        "trafficking in persons" even if this does not involve any of the
                        means set forth in subparagraph (a) of this article;

                        (d) "Child" shall mean any person under eighteen years of age.""",
                    "source_url": PALERMO_URL,
                },
            ),
            ("heading", {"text": "Why consent changes nothing", "level": "h2"}),
            (
                "paragraph",
                """<p>The means in the definition — deception, threats, abuse of a position
                of vulnerability — are exactly what make consent invalid. A woman who agreed
                to work as a waitress and ended up in forced prostitution did not agree to
                be exploited; her agreement was obtained by deception. Nor does agreeing to
                sell sex mean agreeing to have one's earnings taken, to be locked in or to
                be threatened. So once a means is proved, the court does not ask whether
                the victim "wanted" to be exploited.</p>""",
            ),
            (
                "paragraph",
                """<p>This does not make consent meaningless. Where no means was used and an
                adult decides freely, there is no trafficking. The question of consent is
                therefore settled by proving the means, not by debating the victim's
                morals.</p>""",
            ),
            ("heading", {"text": "Children: no means required", "level": "h2"}),
            (
                "paragraph",
                """<p>Where the victim is a child, it is enough to prove the act and the
                purpose of exploitation. Under the Protocol and the Council of Europe
                Convention a child is any person under 18. The Serbian Criminal Code
                follows the same rule: the offence against a minor exists even where the
                offender did not use force, threat or any of the other listed means.</p>""",
            ),
            (
                "callout",
                {
                    "kind": "warning",
                    "title": "Do not look for coercion where the victim is a child",
                    "body": """<p>An investigation that looks for evidence of threats or
                        force against a 17-year-old wastes time and exposes the child to
                        needless questioning. Once age is established, prove the act and the
                        purpose. Where age is uncertain but there are reasons to believe the
                        person is a child, treat them as a child until their age is
                        verified.</p>""",
                },
            ),
            (
                "glossary_term",
                {
                    "term": "Position of vulnerability",
                    "definition": """A situation in which the person has no real and
                        acceptable alternative but to submit to the abuse: poverty,
                        irregular status, dependence on drugs, disability, age, debt or
                        isolation. Abusing that position is one of the means of
                        trafficking.""",
                },
            ),
        ],
    },
}

TRAFFICKING_SMUGGLING_FORCED_LABOUR = {
    "minutes": 20,
    "sr": {
        "slug": "trgovina-krijumcarenje-prinudni-rad",
        "title": "Trgovina ljudima, krijumčarenje migranata i prinudni rad",
        "body": [
            (
                "paragraph",
                """<p>Tri pojma se u praksi često mešaju, a vode u različite postupke i
                različitu zaštitu. Pogrešna kvalifikacija može značiti da žrtva bude
                tretirana kao prekršilac propisa o strancima, umesto da dobije pomoć.</p>""",
            ),
            (
                "accordion",
                {
                    "items": [
                        {
                            "title": "Krijumčarenje migranata",
                            "body": """<p>Omogućavanje nezakonitog prelaska granice radi
                                sticanja koristi. Migrant je obično saglasan, odnos sa
                                krijumčarem se završava dolaskom na odredište, a prelazak
                                granice je nužan. Krijumčarenje je delo protiv države i
                                njenog režima granica.</p>""",
                        },
                        {
                            "title": "Trgovina ljudima",
                            "body": """<p>Delo protiv lica. Prelazak granice nije potreban,
                                pristanak je bez značaja kada je upotrebljeno sredstvo, a
                                cilj je eksploatacija koja se nastavlja i posle dolaska.
                                Krijumčarenje može da preraste u trgovinu ljudima, na
                                primer kada migrant „otplaćuje“ put prinudnim radom.</p>""",
                        },
                        {
                            "title": "Prinudni rad",
                            "body": """<p>Prema Konvenciji MOR br. 29 (1930), svaki rad ili
                                usluga koji se od lica zahtevaju pod pretnjom bilo kakve
                                kazne i za koje se lice nije dobrovoljno ponudilo. Prinudni
                                rad je jedan od oblika eksploatacije, ali može postojati i
                                bez trgovine ljudima.</p>""",
                        },
                    ]
                },
            ),
            ("heading", {"text": "Član 4 Evropske konvencije o ljudskim pravima", "level": "h2"}),
            (
                "paragraph",
                """<p>Član 4 Evropske konvencije zabranjuje ropstvo, služenje i prinudni
                rad; trgovina ljudima se u njemu ne pominje. Evropski sud za ljudska prava
                je ipak, počev od presude u predmetu Rantsev, zauzeo stav da trgovina
                ljudima spada u domašaj člana 4. U predmetu S.M. protiv Hrvatske Veliko veće
                je pojasnilo kako se taj pojam tumači: oslanjanjem na međunarodnu definiciju
                i njena tri elementa. Isto veće je utvrdilo da teška eksploatacija, kao što
                je prinudna prostitucija, može biti „prinudni rad“ u smislu člana 4 i onda
                kada nema elemenata trgovine ljudima.</p>""",
            ),
            (
                "case_law",
                {
                    "case": None,
                    "citation": "S.M. protiv Hrvatske [VV], br. 60561/14, 25. jun 2020.",
                    "holding": """Trgovina ljudima i prinudna prostitucija spadaju u domašaj
                        člana 4 EKLJP; pojam trgovine ljudima tumači se prema tri elementa
                        međunarodne definicije, a država ima procesnu obavezu delotvorne
                        istrage.""",
                    "link_url": "",
                },
            ),
            (
                "case_law",
                {
                    "case": None,
                    "citation": """C.N. protiv Ujedinjenog Kraljevstva, br. 4239/08,
                        13. novembar 2012.""",
                    "holding": """Kućno ropstvo je delo za sebe i ne mora uključivati
                        trgovinu ljudima;
                        bez posebnog krivičnog dela istraga nije mogla biti delotvorna.""",
                    "link_url": "",
                },
            ),
            (
                "callout",
                {
                    "kind": "practice_tip",
                    "title": "Pitanje koje razdvaja krijumčarenje od trgovine ljudima",
                    "body": """<p>Pitajte šta se desilo posle dolaska ili prelaska granice.
                        Ako je odnos sa „pomagačem“ prestao, verovatno je reč o
                        krijumčarenju. Ako lice i dalje duguje, radi za drugoga, nema
                        dokumente ili ne sme da ode, ispitajte elemente trgovine
                        ljudima.</p>""",
                },
            ),
        ],
    },
    "en": {
        "slug": "trafficking-smuggling-forced-labour",
        "title": "Trafficking, smuggling of migrants and forced labour",
        "body": [
            (
                "paragraph",
                """<p>These three concepts are often confused in practice, yet they lead to
                different proceedings and different protection. A wrong classification can
                mean that a victim is treated as an offender against immigration rules
                instead of receiving assistance.</p>""",
            ),
            (
                "accordion",
                {
                    "items": [
                        {
                            "title": "Smuggling of migrants",
                            "body": """<p>Procuring the irregular crossing of a border for
                                a financial or other material benefit. The migrant usually
                                agrees, the relationship with the smuggler ends on arrival,
                                and a border crossing is essential. Smuggling is an offence
                                against the state and its border regime.</p>""",
                        },
                        {
                            "title": "Trafficking in human beings",
                            "body": """<p>An offence against the person. No border needs to
                                be crossed, consent is irrelevant once a means is used, and
                                the purpose is exploitation that continues after arrival.
                                Smuggling can turn into trafficking, for example when a
                                migrant has to "pay off" the journey through forced
                                labour.</p>""",
                        },
                        {
                            "title": "Forced labour",
                            "body": """<p>Under ILO Convention No. 29 (1930), all work or
                                service exacted from any person under the menace of any
                                penalty and for which the person has not offered themselves
                                voluntarily. Forced labour is one form of exploitation, but
                                it can exist without trafficking.</p>""",
                        },
                    ]
                },
            ),
            (
                "heading",
                {"text": "Article 4 of the European Convention on Human Rights", "level": "h2"},
            ),
            (
                "paragraph",
                """<p>Article 4 of the European Convention prohibits slavery, servitude and
                forced labour; it does not mention trafficking. Since its judgment in
                Rantsev, however, the European Court of Human Rights has held that
                trafficking falls within the scope of Article 4. In S.M. v. Croatia the Grand
                Chamber clarified how the notion is read: by reference to the international
                definition and its three elements. The same judgment held that serious
                exploitation such as forced prostitution can amount to "forced labour" under
                Article 4 even where the elements of trafficking are not present.</p>""",
            ),
            (
                "case_law",
                {
                    "case": None,
                    "citation": "S.M. v. Croatia [GC], no. 60561/14, 25 June 2020",
                    "holding": """Trafficking and forced prostitution fall within Article 4
                        ECHR; trafficking is read through the three elements of the
                        international definition, and the state must investigate
                        effectively.""",
                    "link_url": "",
                },
            ),
            (
                "case_law",
                {
                    "case": None,
                    "citation": "C.N. v. the United Kingdom, no. 4239/08, 13 November 2012",
                    "holding": """Domestic servitude is an offence in its own right that need
                        not involve
                        trafficking; without a specific offence the investigation could not
                        be effective.""",
                    "link_url": "",
                },
            ),
            (
                "callout",
                {
                    "kind": "practice_tip",
                    "title": "The question that separates smuggling from trafficking",
                    "body": """<p>Ask what happened after arrival or after the border was
                        crossed. If the relationship with the "helper" ended, it is probably
                        smuggling. If the person still owes money, works for someone else,
                        has no documents or may not leave, examine the elements of
                        trafficking.</p>""",
                },
            ),
        ],
    },
}

# --- Module 2: the Serbian Criminal Code -------------------------------------------------

ARTICLE_388 = {
    "minutes": 25,
    "sr": {
        "slug": "clan-388",
        "title": "Član 388 Krivičnog zakonika: trgovina ljudima",
        "body": [
            (
                "paragraph",
                """<p>Ustav Republike Srbije (čl. 26) zabranjuje svaki oblik trgovine
                ljudima. Krivični zakonik to delo propisuje u članu 388, u glavi o
                krivičnim delima protiv čovečnosti i drugih dobara zaštićenih međunarodnim
                pravom. Zakonska definicija sledi Palermo protokol, ali je u nekim tačkama
                šira i preciznija.</p>""",
            ),
            (
                "legal_provision",
                {
                    "instrument": "Krivični zakonik Republike Srbije",
                    "article": "čl. 388, st. 1 — sažetak",
                    "text": """Radnje: vrbovanje, prevoz, prebacivanje, predaja, prodaja,
                        kupovina, posredovanje u prodaji, sakrivanje ili držanje drugog lica.

                        Načini: sila ili pretnja, dovođenje ili održavanje u zabludi,
                        zloupotreba ovlašćenja, poverenja, odnosa zavisnosti ili teških
                        prilika drugog, zadržavanje ličnih isprava, davanje ili primanje
                        novca ili druge koristi.

                        Cilj: eksploatacija rada, prinudni rad, vršenje krivičnih dela,
                        prostitucija ili druga seksualna eksploatacija, prosjačenje,
                        upotreba u pornografske svrhe, uspostavljanje ropskog ili njemu
                        sličnog odnosa, oduzimanje organa ili dela tela, korišćenje u
                        oružanim sukobima.

                        Kazna: zatvor od tri do dvanaest godina.""",
                    "source_url": "",
                },
            ),
            ("heading", {"text": "Šta srpski zakon dodaje", "level": "h2"}),
            (
                "paragraph",
                """<p>U poređenju sa Protokolom, Zakonik izričito navodi <b>zadržavanje
                ličnih isprava</b> kao način izvršenja, što je u praksi jedan od najčešćih
                oblika kontrole nad žrtvom. Među ciljevima se izričito pominju prinudno
                vršenje krivičnih dela, prosjačenje, upotreba u pornografske svrhe i
                korišćenje u oružanim sukobima. Radnje obuhvataju i prodaju, kupovinu i
                posredovanje, pa odgovara i onaj ko žrtvu „preprodaje“.</p>""",
            ),
            ("heading", {"text": "Teži oblici", "level": "h2"}),
            (
                "indicator_checklist",
                {
                    "title": "Okolnosti koje delo čine težim",
                    "intro": "Sažetak kvalifikovanih oblika iz člana 388.",
                    "items": [
                        {
                            "indicator": "Delo izvršeno prema maloletnom licu",
                            "explanation": "Zatvor najmanje pet godina (st. 3).",
                        },
                        {
                            "indicator": "Nastupila teška telesna povreda nekog lica",
                            "explanation": "Zatvor od pet do petnaest godina (st. 4).",
                        },
                        {
                            "indicator": "Nastupila smrt jednog ili više lica",
                            "explanation": "Zatvor najmanje deset godina (st. 5).",
                        },
                        {
                            "indicator": "Bavljenje ovim delom ili izvršenje od strane grupe",
                            "explanation": "Zatvor najmanje pet godina (st. 6).",
                        },
                        {
                            "indicator": "Izvršenje od strane organizovane kriminalne grupe",
                            "explanation": "Zatvor najmanje deset godina (st. 7).",
                        },
                    ],
                },
            ),
            (
                "callout",
                {
                    "kind": "definition",
                    "title": "Odgovornost „korisnika“",
                    "body": """<p>Član 388 kažnjava i lice koje zna ili je moglo znati da je
                        neko žrtva trgovine ljudima, pa iskoristi njen položaj ili drugome
                        omogući da ga iskoristi radi eksploatacije. Time su obuhvaćeni i
                        klijenti i poslodavci koji svesno koriste rad ili usluge žrtve.</p>""",
                },
            ),
            (
                "callout",
                {
                    "kind": "practice_tip",
                    "title": "Proverite važeći tekst",
                    "body": """<p>Krivični zakonik je menjan više puta. Pre pisanja optužnice
                        ili presude proverite prečišćeni tekst objavljen u „Službenom
                        glasniku Republike Srbije“ i primenite zakon koji je važio u vreme
                        izvršenja, osim ako je kasniji blaži za učinioca.</p>""",
                },
            ),
        ],
    },
    "en": {
        "slug": "article-388",
        "title": "Article 388 of the Criminal Code: trafficking in human beings",
        "body": [
            (
                "paragraph",
                """<p>The Constitution of the Republic of Serbia (Art. 26) prohibits all
                forms of trafficking in human beings. The Criminal Code defines the offence
                in Article 388, in the chapter on offences against humanity and other goods
                protected by international law. The statutory definition follows the
                Palermo Protocol, but is broader and more specific on some points.</p>""",
            ),
            (
                "legal_provision",
                {
                    "instrument": "Criminal Code of the Republic of Serbia",
                    "article": "Art. 388(1) — summary, unofficial translation",
                    "text": """Acts: recruiting, transporting, transferring, handing over,
                        selling, buying, acting as intermediary in the sale of, hiding or
                        holding another person.

                        Means: force or threat, deceiving or keeping a person deceived,
                        abuse of authority, trust, a relationship of dependence or another
                        person's difficult circumstances, retaining identity documents,
                        giving or receiving money or other benefit.

                        Purpose: exploitation of the person's labour, forced labour,
                        commission of criminal offences, prostitution or other sexual
                        exploitation, begging, use for pornographic purposes, establishing
                        slavery or a relationship similar to slavery, removal of organs or
                        body parts, use in armed conflict.

                        Penalty: imprisonment from three to twelve years.""",
                    "source_url": "",
                },
            ),
            ("heading", {"text": "What Serbian law adds", "level": "h2"}),
            (
                "paragraph",
                """<p>Compared with the Protocol, the Code expressly lists <b>retaining
                identity documents</b> as a means — in practice one of the commonest ways
                of controlling a victim. Among the purposes it expressly names forced
                criminality, begging, use for pornography and use in armed conflict. The
                acts include selling, buying and brokering, so a person who "sells on" a
                victim is also liable.</p>""",
            ),
            ("heading", {"text": "Aggravated forms", "level": "h2"}),
            (
                "indicator_checklist",
                {
                    "title": "Circumstances that aggravate the offence",
                    "intro": "A summary of the aggravated forms in Article 388.",
                    "items": [
                        {
                            "indicator": "The offence was committed against a minor",
                            "explanation": "Imprisonment of at least five years (para. 3).",
                        },
                        {
                            "indicator": "Someone suffered serious bodily injury",
                            "explanation": "Imprisonment from five to fifteen years (para. 4).",
                        },
                        {
                            "indicator": "One or more persons died",
                            "explanation": "Imprisonment of at least ten years (para. 5).",
                        },
                        {
                            "indicator": "Committed habitually or by a group",
                            "explanation": "Imprisonment of at least five years (para. 6).",
                        },
                        {
                            "indicator": "Committed by an organised criminal group",
                            "explanation": "Imprisonment of at least ten years (para. 7).",
                        },
                    ],
                },
            ),
            (
                "callout",
                {
                    "kind": "definition",
                    "title": 'Liability of the "user"',
                    "body": """<p>Article 388 also punishes a person who knows or could have
                        known that someone is a victim of trafficking and takes advantage of
                        the victim's position, or lets another do so, for the purpose of
                        exploitation. This reaches clients and employers who knowingly use a
                        victim's work or services.</p>""",
                },
            ),
            (
                "callout",
                {
                    "kind": "practice_tip",
                    "title": "Check the text in force",
                    "body": """<p>The Criminal Code has been amended many times. Before
                        drafting an indictment or a judgment, check the consolidated text
                        published in the Official Gazette of the Republic of Serbia, and
                        apply the law in force at the time of the offence unless a later law
                        is more lenient to the offender.</p>""",
                },
            ),
        ],
    },
}

MINORS_ADOPTION_SLAVERY = {
    "minutes": 20,
    "sr": {
        "slug": "maloletni-usvojenje-ropstvo",
        "title": "Maloletna lica, trgovina radi usvojenja i ropski odnos (čl. 388–390)",
        "body": [
            (
                "paragraph",
                """<p>Krivični zakonik posebno štiti decu na dva načina. Prvo, kada je delo
                iz člana 388 izvršeno prema maloletnom licu, <b>ne traži se nijedan od
                načina izvršenja</b>: dovoljno je dokazati radnju i cilj eksploatacije.
                Drugo, za maloletnog oštećenog propisana je stroža kazna — zatvor
                najmanje pet godina.</p>""",
            ),
            (
                "legal_provision",
                {
                    "instrument": "Krivični zakonik Republike Srbije",
                    "article": "čl. 388, st. 2 i 3 — sažetak",
                    "text": """Za delo učinjeno prema maloletnom licu učinilac se kažnjava
                        i kada nije upotrebio silu, pretnju ili neki drugi od navedenih
                        načina izvršenja.

                        Ako je delo učinjeno prema maloletnom licu, kazna je zatvor najmanje
                        pet godina.""",
                    "source_url": "",
                },
            ),
            (
                "heading",
                {"text": "Član 389: trgovina maloletnim licima radi usvojenja", "level": "h2"},
            ),
            (
                "paragraph",
                """<p>Član 389 propisuje posebno delo: oduzimanje deteta radi usvojenja
                protivno važećim propisima, usvojenje takvog deteta, posredovanje u takvom
                usvojenju, kao i kupovinu, prodaju ili predaju deteta, njegov prevoz,
                smeštaj ili prikrivanje u tom cilju. Ovde se ne traži eksploatacija:
                zaštićeno dobro je zakonit postupak usvojenja i interes deteta. Delo se
                odnosi na lica koja nisu navršila šesnaest godina; za osnovni oblik
                propisan je zatvor od jedne do pet godina.</p>""",
            ),
            (
                "callout",
                {
                    "kind": "warning",
                    "title": "Dve različite starosne granice",
                    "body": """<p>Za član 388 maloletno lice je svako lice mlađe od 18
                        godina. Član 389 štiti lica koja nisu navršila 16 godina. Ako je
                        dete od 16 ili 17 godina prodato radi eksploatacije, primenjuje se
                        član 388; ako je prodato radi nezakonitog usvojenja, razmotrite i
                        druga dela iz glave o krivičnim delima protiv braka i porodice.</p>""",
                },
            ),
            ("heading", {"text": "Član 390: zasnivanje ropskog odnosa", "level": "h2"}),
            (
                "paragraph",
                """<p>Član 390 („Zasnivanje ropskog odnosa i prevoz lica u ropskom odnosu“)
                kažnjava onoga ko, kršeći pravila međunarodnog prava, stavi drugoga u
                ropski ili njemu sličan odnos ili ga drži u takvom odnosu. Kažnjivi su i
                kupovina, prodaja i predaja takvog lica ili posredovanje u tome, navođenje
                drugoga da proda svoju slobodu ili slobodu lica koje izdržava, kao i prevoz
                lica u ropskom odnosu. Ovo delo ne zahteva način izvršenja niti poseban cilj
                eksploatacije; ono pogađa sam odnos vlasništva nad čovekom.</p>""",
            ),
            (
                "paragraph",
                """<p>Kada činjenice ispunjavaju obeležja i člana 388 i člana 390, tužilac
                treba da obrazloži kvalifikaciju. Trgovina ljudima je po pravilu šire
                delo: ona obuhvata i radnje koje prethode eksploataciji, kao što su
                vrbovanje i prevoz.</p>""",
            ),
        ],
    },
    "en": {
        "slug": "minors-adoption-slavery",
        "title": "Minors, trafficking for adoption and slavery (Articles 388–390)",
        "body": [
            (
                "paragraph",
                """<p>The Criminal Code protects children in two particular ways. First,
                when the Article 388 offence is committed against a minor, <b>no means has
                to be proved</b>: the act and the purpose of exploitation are enough.
                Second, the penalty is higher where the injured party is a minor —
                imprisonment of at least five years.</p>""",
            ),
            (
                "legal_provision",
                {
                    "instrument": "Criminal Code of the Republic of Serbia",
                    "article": "Art. 388(2)–(3) — summary, unofficial translation",
                    "text": """Where the offence is committed against a minor, the offender
                        is punished even if he did not use force, threat or any other of the
                        listed means.

                        Where the offence is committed against a minor, the penalty is
                        imprisonment of at least five years.""",
                    "source_url": "",
                },
            ),
            (
                "heading",
                {"text": "Article 389: trafficking in minors for adoption", "level": "h2"},
            ),
            (
                "paragraph",
                """<p>Article 389 creates a separate offence: taking a child for adoption
                contrary to the law, adopting such a child, acting as intermediary in such
                an adoption, and buying, selling or handing over a child, or transporting,
                accommodating or hiding a child, for that purpose. No exploitation is
                required: what the law protects is the lawful adoption procedure and the
                child's interests. The offence concerns persons under sixteen; the basic
                form carries imprisonment from one to five years.</p>""",
            ),
            (
                "callout",
                {
                    "kind": "warning",
                    "title": "Two different age limits",
                    "body": """<p>For Article 388 a minor is anyone under 18. Article 389
                        protects persons under 16. If a 16- or 17-year-old is sold for
                        exploitation, Article 388 applies; if sold for an unlawful adoption,
                        consider also the offences in the chapter on offences against
                        marriage and the family.</p>""",
                },
            ),
            ("heading", {"text": "Article 390: establishing slavery", "level": "h2"}),
            (
                "paragraph",
                """<p>Article 390 ("Establishing slavery and transporting persons held in
                slavery") punishes whoever, in breach of the rules of international law,
                places another person in slavery or a similar relation or keeps them there;
                it also covers buying, selling, handing over or brokering such a
                person; inducing someone to sell their own freedom or the freedom of a
                person they support; and transporting persons held in slavery. It requires
                no means and no separate purpose of exploitation: it strikes at the
                relation of ownership over a human being itself.</p>""",
            ),
            (
                "paragraph",
                """<p>Where the facts meet the elements of both Article 388 and Article 390,
                the prosecutor should give reasons for the legal classification chosen.
                Trafficking is usually the wider offence: it also covers the acts that
                precede exploitation, such as recruitment and transport.</p>""",
            ),
        ],
    },
}

PROVING_THE_OFFENCE = {
    "minutes": 25,
    "sr": {
        "slug": "dokazivanje-i-kvalifikacija",
        "title": "Dokazivanje dela i izbor prave kvalifikacije",
        "body": [
            (
                "paragraph",
                """<p>Grupa eksperata Saveta Evrope za borbu protiv trgovine ljudima
                (GRETA) u izveštajima o Srbiji primećuje da se predmeti trgovine ljudima
                često prekvalifikuju u blaža dela, na primer u posredovanje u vršenju
                prostitucije. Posledice su niže kazne, slabija zaštita žrtve i pogrešna
                slika o stvarnom obimu pojave. Uzrok je najčešće postupak koji se oslanja
                gotovo isključivo na iskaz žrtve.</p>""",
            ),
            (
                "heading",
                {"text": "Dokazi nezavisni od iskaza žrtve", "level": "h2"},
            ),
            (
                "indicator_checklist",
                {
                    "title": "Izvori dokaza koje treba proveriti",
                    "intro": """Iskaz žrtve je važan, ali je predmet jači kada svaki element
                        dela potkrepljuju i drugi dokazi.""",
                    "items": [
                        {
                            "indicator": "Finansijski tragovi",
                            "explanation": """Uplate, doznake, imovina nesrazmerna prihodima;
                                finansijska istraga i oduzimanje imovine proistekle iz
                                krivičnog dela.""",
                        },
                        {
                            "indicator": "Komunikacija i digitalni tragovi",
                            "explanation": """Oglasi, poruke, društvene mreže, podaci o
                                lokaciji i pozivima, pribavljeni u skladu sa zakonom.""",
                        },
                        {
                            "indicator": "Putovanje i boravak",
                            "explanation": """Karte, granični prelasci, smeštaj i ko ga je
                                plaćao, ko je držao pasoše.""",
                        },
                        {
                            "indicator": "Svedoci i nalazi",
                            "explanation": """Komšije, vozači, kolege, lekarski nalazi,
                                zapisnici inspekcije rada.""",
                        },
                    ],
                },
            ),
            (
                "paragraph",
                """<p>Kada žrtva povuče iskaz ili nije dostupna, ovakvi dokazi mogu spasiti
                predmet. Oni takođe smanjuju pritisak na žrtvu, jer njeno svedočenje
                prestaje da bude jedini oslonac optužbe.</p>""",
            ),
            ("heading", {"text": "Pozitivne obaveze države", "level": "h2"}),
            (
                "paragraph",
                """<p>Evropski sud za ljudska prava je iz člana 4 Konvencije izveo nekoliko
                obaveza države: da ima delotvoran pravni okvir, da preduzme mere zaštite
                kada zna ili bi trebalo da zna za stvaran rizik da je neko žrtva trgovine
                ljudima, i da sprovede delotvornu istragu — po službenoj dužnosti, brzo,
                i uz saradnju sa drugim državama kada delo prelazi granice.</p>""",
            ),
            (
                "case_law",
                {
                    "case": None,
                    "citation": "Rantsev protiv Kipra i Rusije, br. 25965/04, 7. januar 2010.",
                    "holding": """Trgovina ljudima spada u domašaj člana 4; države moraju
                        imati odgovarajući pravni okvir, štititi lica u stvarnom riziku i
                        delotvorno istraživati, uključujući saradnju sa drugim državama.""",
                    "link_url": "",
                },
            ),
            (
                "case_law",
                {
                    "case": None,
                    "citation": "Siliadin protiv Francuske, br. 73316/01, 26. jul 2005.",
                    "holding": """Maloletna kućna pomoćnica držana je u služenju i prinudnom
                        radu; povreda člana 4 jer krivično zakonodavstvo nije pružalo
                        konkretnu i delotvornu zaštitu.""",
                    "link_url": "",
                },
            ),
            (
                "case_law",
                {
                    "case": None,
                    "citation": "J. i drugi protiv Austrije, br. 58216/12, 17. januar 2017.",
                    "holding": """Nema povrede člana 4: država nije dužna da istražuje eksploataciju
                        u inostranstvu, ali mora identifikovati žrtve, pružiti im podršku i
                        istražiti ono što se desilo na njenoj teritoriji.""",
                    "link_url": "",
                },
            ),
            (
                "callout",
                {
                    "kind": "practice_tip",
                    "title": "Nadležnost",
                    "body": """<p>Kada postoje osnovi sumnje da je delo izvršila
                        organizovana kriminalna grupa, predmet treba na vreme preneti
                        tužilaštvu nadležnom za organizovani kriminal, kako bi se
                        upotrebile posebne dokazne radnje i finansijska istraga.</p>""",
                },
            ),
        ],
    },
    "en": {
        "slug": "proving-the-offence",
        "title": "Proving the offence and choosing the right charge",
        "body": [
            (
                "paragraph",
                """<p>In its reports on Serbia, the Council of Europe's Group of Experts on
                Action against Trafficking in Human Beings (GRETA) notes that trafficking
                cases are often requalified as lesser offences, such as mediation in
                prostitution. The results are lower sentences, weaker protection for the
                victim and a misleading picture of the real scale of the problem. The usual
                cause is a case built almost entirely on the victim's statement.</p>""",
            ),
            ("heading", {"text": "Evidence independent of the victim", "level": "h2"}),
            (
                "indicator_checklist",
                {
                    "title": "Sources of evidence to check",
                    "intro": """The victim's statement matters, but a case is stronger when
                        other evidence supports every element of the offence.""",
                    "items": [
                        {
                            "indicator": "Financial trail",
                            "explanation": """Payments, transfers, assets out of proportion
                                to income; a financial investigation and confiscation of the
                                proceeds of crime.""",
                        },
                        {
                            "indicator": "Communications and digital traces",
                            "explanation": """Advertisements, messages, social media,
                                location and call data, obtained lawfully.""",
                        },
                        {
                            "indicator": "Travel and accommodation",
                            "explanation": """Tickets, border crossings, who paid for the
                                accommodation, who held the passports.""",
                        },
                        {
                            "indicator": "Witnesses and records",
                            "explanation": """Neighbours, drivers, co-workers, medical
                                records, labour inspection reports.""",
                        },
                    ],
                },
            ),
            (
                "paragraph",
                """<p>When a victim withdraws a statement or cannot be found, such evidence
                can save the case. It also takes pressure off the victim, whose testimony
                no longer has to carry the prosecution alone.</p>""",
            ),
            ("heading", {"text": "The state's positive obligations", "level": "h2"}),
            (
                "paragraph",
                """<p>From Article 4 of the Convention the European Court of Human Rights
                has derived several duties of the state: to have an effective legal
                framework; to take protective measures when it knows or ought to know of a
                real risk that someone is being trafficked; and to investigate effectively
                — of its own motion, promptly, and in cooperation with other states where
                the offence crosses borders.</p>""",
            ),
            (
                "case_law",
                {
                    "case": None,
                    "citation": "Rantsev v. Cyprus and Russia, no. 25965/04, 7 January 2010",
                    "holding": """Trafficking falls within Article 4; states must have an
                        adequate legal framework, protect people at real risk and
                        investigate effectively, including by cooperating with other
                        states.""",
                    "link_url": "",
                },
            ),
            (
                "case_law",
                {
                    "case": None,
                    "citation": "Siliadin v. France, no. 73316/01, 26 July 2005",
                    "holding": """A minor domestic worker was held in servitude and forced
                        labour; Article 4 was violated because the criminal law did not give
                        her specific and effective protection.""",
                    "link_url": "",
                },
            ),
            (
                "case_law",
                {
                    "case": None,
                    "citation": "J. and Others v. Austria, no. 58216/12, 17 January 2017",
                    "holding": """No violation of Article 4: a State need not investigate
                        exploitation
                        abroad, but it must identify victims, support them and investigate
                        what happened on its own territory.""",
                    "link_url": "",
                },
            ),
            (
                "callout",
                {
                    "kind": "practice_tip",
                    "title": "Jurisdiction",
                    "body": """<p>Where there are grounds to suspect that an organised
                        criminal group committed the offence, transfer the case in good time
                        to the prosecution service responsible for organised crime, so that
                        special investigative measures and a financial investigation can be
                        used.</p>""",
                },
            ),
        ],
    },
}

# --- Module 3: the non-punishment principle ----------------------------------------------

NON_PUNISHMENT_SOURCES = {
    "minutes": 20,
    "sr": {
        "slug": "nacelo-nekaznjavanja-izvori",
        "title": "Načelo nekažnjavanja: izvori i sadržina",
        "body": [
            (
                "paragraph",
                """<p>Trgovci ljudima često primoravaju žrtve da čine krivična dela i
                prekršaje: da kradu, prodaju drogu, rade na plantažama kanabisa, koriste
                lažne isprave ili nezakonito prelaze granicu. Kada takva osoba bude
                uhapšena, postoji opasnost da je država kazni za ono na šta ju je neko
                prinudio, dok pravi učinilac ostaje nevidljiv.</p>""",
            ),
            (
                "legal_provision",
                {
                    "instrument": "Konvencija Saveta Evrope o borbi protiv trgovine ljudima (2005)",
                    "article": "čl. 26 — neslužbeni prevod",
                    "text": """Svaka strana ugovornica će, u skladu sa osnovnim načelima
                        svog pravnog sistema, predvideti mogućnost da se žrtvama ne izriču
                        kazne za njihovo učešće u nezakonitim aktivnostima, u meri u kojoj
                        su na to bile prinuđene.""",
                    "source_url": COE_CONVENTION_URL,
                },
            ),
            (
                "paragraph",
                """<p>Srbija je potvrdila Konvenciju Saveta Evrope 2009. godine. Član 26
                zahteva da država obezbedi <b>mogućnost</b> da žrtve ne budu kažnjene za
                učešće u nezakonitim aktivnostima, u meri u kojoj su na to bile prinuđene.
                Direktiva 2011/36/EU, sa kojom Srbija kao država kandidat usklađuje
                zakonodavstvo, u članu 8 ide korak dalje: nadležni organi moraju biti
                ovlašćeni i da <b>ne gone</b> žrtve za dela koja su bile prinuđene da
                izvrše kao neposrednu posledicu trgovine ljudima.</p>""",
            ),
            (
                "glossary_term",
                {
                    "term": "Načelo nekažnjavanja",
                    "definition": """Žrtve trgovine ljudima ne treba goniti niti kažnjavati
                        za krivična dela i prekršaje koje su bile prinuđene da izvrše kao
                        neposrednu posledicu toga što su bile žrtve trgovine ljudima.""",
                },
            ),
            ("heading", {"text": "Šta načelo jeste, a šta nije", "level": "h2"}),
            (
                "paragraph",
                """<p>Načelo nije opšti imunitet: ne pokriva svako delo koje je žrtva ikada
                izvršila. Potrebna je veza između trgovine ljudima i dela — prinuda ili
                neposredna posledica eksploatacije. Načelo važi u svim fazama: pri odluci
                o krivičnoj prijavi, o pokretanju postupka, u presudi, ali i u prekršajnom
                postupku, na primer zbog prostitucije ili nezakonitog boravka.</p>""",
            ),
            (
                "paragraph",
                """<p>Tamo gde domaće pravo nema posebnu odredbu o nekažnjavanju žrtava,
                načelo se ostvaruje kroz opšte institute: krajnju nuždu, silu i pretnju,
                odlaganje krivičnog gonjenja i odbacivanje krivične prijave po načelu
                oportuniteta, kao i kroz odmeravanje kazne.</p>""",
            ),
            (
                "case_law",
                {
                    "case": None,
                    "citation": "L.E. protiv Grčke, br. 71545/12, 21. januar 2016.",
                    "holding": """Višemesečno kašnjenje u priznavanju statusa žrtve i spora istraga
                        povredili su član 4.""",
                    "link_url": "",
                },
            ),
            (
                "callout",
                {
                    "kind": "warning",
                    "title": "Rana identifikacija je preduslov",
                    "body": """<p>Načelo se ne može primeniti na nekoga ko nikada nije
                        prepoznat kao žrtva. Ako osumnjičeni pokazuje indikatore trgovine
                        ljudima, obavestite Centar za zaštitu žrtava trgovine ljudima i
                        zabeležite to u spisu pre odluke o gonjenju.</p>""",
                },
            ),
        ],
    },
    "en": {
        "slug": "non-punishment-sources",
        "title": "The non-punishment principle: sources and content",
        "body": [
            (
                "paragraph",
                """<p>Traffickers often compel their victims to commit offences: to steal,
                sell drugs, tend cannabis farms, use false documents or cross borders
                irregularly. When such a person is arrested, there is a risk that the state
                punishes them for what they were forced to do, while the real offender
                stays out of sight.</p>""",
            ),
            (
                "legal_provision",
                {
                    "instrument": "Council of Europe Convention on Action against Trafficking "
                    "in Human Beings (2005)",
                    "article": "Art. 26",
                    "text": """Each Party shall, in accordance with the basic principles of its
                        legal system, provide for the possibility of not imposing penalties
                        on victims for their involvement in unlawful activities, to the
                        extent that they have been compelled to do so.""",
                    "source_url": COE_CONVENTION_URL,
                },
            ),
            (
                "legal_provision",
                {
                    "instrument": "Directive 2011/36/EU",
                    "article": "Art. 8",
                    "text": """Member States shall, in accordance with the basic principles of
                        their legal systems, take the necessary measures to ensure that
                        competent national authorities are entitled not to prosecute or
                        impose penalties on victims of trafficking in human beings for their
                        involvement in criminal activities which they have been compelled to
                        commit as a direct consequence of being subjected to any of the acts
                        referred to in Article 2.""",
                    "source_url": DIRECTIVE_URL,
                },
            ),
            (
                "paragraph",
                """<p>Serbia ratified the Council of Europe Convention in 2009. Article 26
                requires the state to provide for the <b>possibility</b> of not punishing
                victims for their involvement in unlawful activities to the extent that they
                were compelled. Directive 2011/36/EU, with which Serbia as a candidate
                country is aligning its law, goes a step further in Article 8: the
                authorities must also be entitled <b>not to prosecute</b>.</p>""",
            ),
            (
                "glossary_term",
                {
                    "term": "Non-punishment principle",
                    "definition": """Victims of trafficking should not be prosecuted or
                        punished for criminal or minor offences they were compelled to
                        commit as a direct consequence of being trafficked.""",
                },
            ),
            ("heading", {"text": "What the principle is, and what it is not", "level": "h2"}),
            (
                "paragraph",
                """<p>The principle is not a blanket immunity: it does not cover every
                offence a victim has ever committed. There must be a link between the
                trafficking and the offence — compulsion, or a direct consequence of the
                exploitation. It applies at every stage: deciding on a criminal complaint,
                deciding to prosecute, in the judgment, and in minor-offence proceedings
                too, for example for prostitution or irregular stay.</p>""",
            ),
            (
                "paragraph",
                """<p>Where domestic law has no specific non-punishment provision, the
                principle is given effect through general institutions: necessity, duress
                (force and threat), deferred prosecution and dismissal of a complaint under
                the opportunity principle, and sentencing.</p>""",
            ),
            (
                "case_law",
                {
                    "case": None,
                    "citation": "L.E. v. Greece, no. 71545/12, 21 January 2016",
                    "holding": """Months of delay in recognising the applicant as a victim and
                        a slow
                        investigation breached Article 4.""",
                    "link_url": "",
                },
            ),
            (
                "callout",
                {
                    "kind": "warning",
                    "title": "Early identification comes first",
                    "body": """<p>The principle cannot be applied to someone who was never
                        recognised as a victim. If a suspect shows indicators of
                        trafficking, notify the Centre for Protection of Victims of
                        Trafficking and record it in the file before deciding whether to
                        prosecute.</p>""",
                },
            ),
        ],
    },
}

NON_PUNISHMENT_IN_PRACTICE = {
    "minutes": 25,
    "sr": {
        "slug": "nacelo-nekaznjavanja-u-praksi",
        "title": "Načelo nekažnjavanja u praksi: V.C.L. i A.N. protiv Ujedinjenog Kraljevstva",
        "body": [
            (
                "paragraph",
                """<p>Podnosioci predstavke bili su maloletni državljani Vijetnama koje je
                policija zatekla na plantažama kanabisa. Iako su postojali indikatori da
                su žrtve trgovine ljudima, gonjeni su za proizvodnju droge i, po savetu
                branilaca, priznali krivicu. Nadležni organ za identifikaciju žrtava kasnije
                je prvog podnosioca prepoznao kao žrtvu trgovine ljudima, ali je tužilaštvo
                ostalo pri gonjenju, bez jasnog obrazloženja.</p>""",
            ),
            (
                "case_law",
                {
                    "case": None,
                    "citation": """V.C.L. i A.N. protiv Ujedinjenog Kraljevstva,
                        br. 77587/12 i 74603/12, 16. februar 2021.""",
                    "holding": """Gonjenje (potencijalnih) žrtava trgovine ljudima bez
                        prethodne procene njihovog statusa povredilo je član 4 i pravo na
                        pravično suđenje iz člana 6 EKLJP.""",
                    "link_url": "",
                },
            ),
            ("heading", {"text": "Šta je Sud zaključio", "level": "h2"}),
            (
                "paragraph",
                """<p>Sud je naglasio da Konvencija ne zabranjuje gonjenje žrtava trgovine
                ljudima kao takvo. Međutim, gonjenje može biti u suprotnosti sa obavezom
                države da zaštiti žrtvu. Čim organi znaju ili bi trebalo da znaju za
                okolnosti koje stvaraju osnovanu sumnju da je osumnjičeni žrtva trgovine
                ljudima, osposobljena lica treba <b>brzo da procene</b> njegov status. Ta
                procena mora biti uzeta u obzir pri odluci o gonjenju, a tužilac koji se od
                nje udalji mora imati jasne razloge, usklađene sa definicijom trgovine
                ljudima. Pošto je procena izostala, a krivica je priznata bez nje, postupak u
                celini nije bio pravičan.</p>""",
            ),
            (
                "indicator_checklist",
                {
                    "title": "Koraci pre odluke o gonjenju",
                    "intro": "Za javnog tužioca i policiju, kada osumnjičeni može biti žrtva.",
                    "items": [
                        {
                            "indicator": "Prepoznajte indikatore",
                            "explanation": """Uzrast, tuđe isprave, dug, život na mestu rada,
                                „šef“ koji drži novac, strah od nekog trećeg.""",
                        },
                        {
                            "indicator": "Uputite na procenu",
                            "explanation": """Obavestite Centar za zaštitu žrtava trgovine
                                ljudima; ne čekajte kraj postupka.""",
                        },
                        {
                            "indicator": "Ispitajte vezu sa delom",
                            "explanation": """Da li je delo izvršeno pod prinudom ili kao
                                neposredna posledica eksploatacije?""",
                        },
                        {
                            "indicator": "Obrazložite odluku",
                            "explanation": """Ako ipak gonite, zapišite razloge i zašto
                                smatrate da veza sa trgovinom ljudima ne postoji.""",
                        },
                    ],
                },
            ),
            (
                "callout",
                {
                    "kind": "practice_tip",
                    "title": "Za sudije",
                    "body": """<p>Priznanje krivice ne oslobađa sud obaveze da proveri da li
                        je okrivljeni možda žrtva. Ako spis sadrži indikatore, a procena nije
                        izvršena, to pitanje treba otvoriti pre odluke o krivici i
                        kazni.</p>""",
                },
            ),
        ],
    },
    "en": {
        "slug": "non-punishment-in-practice",
        "title": "Non-punishment in practice: V.C.L. and A.N. v. the United Kingdom",
        "body": [
            (
                "paragraph",
                """<p>The applicants were Vietnamese minors found by police working on
                cannabis farms. Although there were indicators that they had been
                trafficked, they were prosecuted for drug production and, on their lawyers'
                advice, pleaded guilty. The competent authority for identifying victims
                later recognised the first applicant as a victim of trafficking, yet the
                prosecution maintained the charges without giving clear reasons.</p>""",
            ),
            (
                "case_law",
                {
                    "case": None,
                    "citation": """V.C.L. and A.N. v. the United Kingdom, nos. 77587/12 and
                        74603/12, 16 February 2021""",
                    "holding": """Prosecuting (potential) victims of trafficking without first
                        assessing their status breached Article 4 and the right to a fair
                        trial under Article 6 ECHR.""",
                    "link_url": "",
                },
            ),
            ("heading", {"text": "What the Court held", "level": "h2"}),
            (
                "paragraph",
                """<p>The Court stressed that the Convention does not prohibit prosecuting
                victims of trafficking as such. But a prosecution may be at odds with the
                state's duty to protect the victim. As soon as the authorities know, or
                ought to know, of circumstances giving rise to a credible suspicion that a
                suspect has been trafficked, the person should be <b>assessed promptly</b>
                by people trained to do so. That assessment must be taken into account when
                deciding whether to prosecute, and a prosecutor who departs from it needs
                clear reasons consistent with the definition of trafficking. Because no
                assessment was made and the guilty pleas were entered without it, the
                proceedings as a whole were unfair.</p>""",
            ),
            (
                "indicator_checklist",
                {
                    "title": "Steps before deciding to prosecute",
                    "intro": "For prosecutors and police, when a suspect may be a victim.",
                    "items": [
                        {
                            "indicator": "Recognise the indicators",
                            "explanation": """Age, someone else's documents, debt, living at
                                the workplace, a "boss" who keeps the money, fear of a third
                                person.""",
                        },
                        {
                            "indicator": "Refer for assessment",
                            "explanation": """Notify the Centre for Protection of Victims of
                                Trafficking; do not wait for the end of the case.""",
                        },
                        {
                            "indicator": "Examine the link with the offence",
                            "explanation": """Was the offence committed under compulsion or
                                as a direct consequence of the exploitation?""",
                        },
                        {
                            "indicator": "Give reasons",
                            "explanation": """If you do prosecute, record why, and why you
                                consider there is no link with trafficking.""",
                        },
                    ],
                },
            ),
            (
                "callout",
                {
                    "kind": "practice_tip",
                    "title": "For judges",
                    "body": """<p>A guilty plea does not relieve the court of checking
                        whether the defendant may be a victim. If the file contains
                        indicators and no assessment was made, raise the question before
                        deciding on guilt and sentence.</p>""",
                },
            ),
        ],
    },
}

COURSE = {
    "programme_objective": "criminal_justice",
    "audience_professions": ["judge", "prosecutor", "police_officer", "judicial_assistant"],
    "level": "intermediate",
    "estimated_hours": "4.0",
    "validity_months": 36,
    "sr": {
        "slug": "trgovina-ljudima-krivicnopravni-odgovor",
        "title": "Trgovina ljudima: elementi krivičnog dela, zakon i sudska praksa",
        "summary": """Tri elementa trgovine ljudima iz Palermo protokola, članovi 388–390
            Krivičnog zakonika, dokazivanje dela i načelo nekažnjavanja žrtava, uz ključne
            presude Evropskog suda za ljudska prava. Za sudije, javne tužioce i
            policiju.""",
        "learning_objectives": """<ul>
            <li>Prepoznati radnju, sredstvo i cilj u činjenicama konkretnog predmeta.</li>
            <li>Objasniti zašto je pristanak žrtve bez značaja kada je upotrebljeno
            sredstvo, i zašto kod dece sredstvo nije potrebno.</li>
            <li>Primeniti član 388 Krivičnog zakonika i razlikovati ga od članova 389 i
            390.</li>
            <li>Planirati dokaze koji ne zavise samo od iskaza žrtve.</li>
            <li>Primeniti načelo nekažnjavanja pri odluci o gonjenju i u presudi.</li>
        </ul>""",
    },
    "en": {
        "slug": "trafficking-criminal-justice-response",
        "title": "Trafficking in human beings: the offence, the law and the case law",
        "summary": """The three elements of trafficking under the Palermo Protocol,
            Articles 388–390 of the Serbian Criminal Code, proving the offence and the
            non-punishment of victims, with the leading judgments of the European Court of
            Human Rights. For judges, public prosecutors and police.""",
        "learning_objectives": """<ul>
            <li>Identify the act, the means and the purpose in the facts of a case.</li>
            <li>Explain why the victim's consent is irrelevant once a means is used, and
            why no means is needed where the victim is a child.</li>
            <li>Apply Article 388 of the Criminal Code and distinguish it from Articles 389
            and 390.</li>
            <li>Plan evidence that does not rest on the victim's statement alone.</li>
            <li>Apply the non-punishment principle when deciding to prosecute and in
            judgment.</li>
        </ul>""",
    },
    "modules": [
        {
            "sr": {
                "slug": "medjunarodna-definicija",
                "title": "Međunarodna definicija trgovine ljudima",
                "intro": """<p>Palermo protokol, tri elementa dela, pristanak, deca i razlika
                    prema krijumčarenju i prinudnom radu.</p>""",
            },
            "en": {
                "slug": "international-definition",
                "title": "The international definition of trafficking",
                "intro": """<p>The Palermo Protocol, the three elements, consent, children, and
                    how trafficking differs from smuggling and forced labour.</p>""",
            },
            "lessons": [THREE_ELEMENTS, CONSENT_AND_CHILDREN, TRAFFICKING_SMUGGLING_FORCED_LABOUR],
        },
        {
            "sr": {
                "slug": "krivicni-zakonik",
                "title": "Krivični zakonik Republike Srbije",
                "intro": """<p>Članovi 388, 389 i 390, teži oblici dela i dokazivanje.</p>""",
            },
            "en": {
                "slug": "criminal-code",
                "title": "The Criminal Code of the Republic of Serbia",
                "intro": """<p>Articles 388, 389 and 390, the aggravated forms, and proving the
                    offence.</p>""",
            },
            "lessons": [ARTICLE_388, MINORS_ADOPTION_SLAVERY, PROVING_THE_OFFENCE],
        },
        {
            "sr": {
                "slug": "nacelo-nekaznjavanja",
                "title": "Načelo nekažnjavanja žrtava",
                "intro": """<p>Zašto se žrtve ne kažnjavaju za dela na koja su bile prinuđene,
                    i kako se to načelo primenjuje.</p>""",
            },
            "en": {
                "slug": "non-punishment",
                "title": "The non-punishment of victims",
                "intro": """<p>Why victims are not punished for offences they were compelled to
                    commit, and how the principle is applied.</p>""",
            },
            "lessons": [NON_PUNISHMENT_SOURCES, NON_PUNISHMENT_IN_PRACTICE],
        },
    ],
}
