"""The demo case-law library: eight judgments of the European Court of Human Rights.

Facts only, as the judgments state them; the summaries are our own words. People are
named as the Court names them in the case title (initials where the Court uses them);
the text refers to "the applicant", never to a full name. Serbian (Latin script) and
English side by side; vocabulary values by slug (caselaw.vocabularies).
"""

INDEX = {
    "sr": {
        "slug": "sudska-praksa",
        "title": "Sudska praksa",
        "intro": """<p>Presude o trgovini ljudima: pretražite ih po rečima ili po
            činjenicama — zemlji, obliku eksploatacije, sredstvima, pravnom pitanju i
            ishodu.</p>""",
    },
    "en": {
        "slug": "case-law",
        "title": "Case law",
        "intro": """<p>Judgments on trafficking in human beings: search them by words or
            by the facts — country, form of exploitation, means, legal issue and
            outcome.</p>""",
    },
}

ECTHR = "European Court of Human Rights"
ECTHR_GC = "European Court of Human Rights (Grand Chamber)"


def hudoc(application_number: str) -> str:
    """HUDOC's search for an application number (a stable link to the judgment)."""
    return "https://hudoc.echr.coe.int/eng#%7B%22appno%22:%5B%22" + application_number + "%22%5D%7D"


CASES = [
    {
        "court": ECTHR,
        "countries": ["fr"],
        "application_numbers": "73316/01",
        "ecli": "ECLI:CE:ECHR:2005:0726JUD007331601",
        "decision_date": "2005-07-26",
        "acts": ["recruitment", "receipt", "harbouring"],
        "means": ["deception", "withheld-documents", "abuse-of-vulnerability"],
        "forms": ["domestic-servitude", "servitude", "forced-labour"],
        "sectors": ["domestic-work"],
        "issues": ["positive-obligations", "child-victims", "definition"],
        "scope": "transnational",
        "organised_group": False,
        "outcome": "violation",
        "key_case": True,
        "audience": ["judge", "prosecutor", "police_officer", "labour_inspector"],
        "provisions": [("ECHR", "Art. 4", "violation")],
        "victims": [
            {
                "count": 1,
                "sex": "female",
                "age_group": "child",
                "status": "irregular_migrant",
                "nationality": "Togo",
            },
        ],
        "defendants": [{"count": 2, "sex": "mixed", "role": "exploiter", "nationality": ""}],
        "sr": {
            "slug": "siliadin-protiv-francuske",
            "title": "Siliadin protiv Francuske",
            "holding": """Maloletna devojka držana je u služenju; Francuska je povredila
                član 4 jer njeno krivično pravo nije pružalo delotvornu zaštitu.""",
            "summary": """<p>Podnositeljka predstavke je kao petnaestogodišnjakinja iz
                Togoa dovedena u Francusku uz obećanje da će joj biti sređeni papiri i
                omogućeno školovanje. Pasoš joj je oduzet. Godinama je bez plate radila
                kao kućna pomoćnica i dadilja jednog bračnog para, po ceo dan i bez
                slobodnih dana.</p><p>Krivični postupak protiv para nije doveo do
                osude za teža dela, jer francusko krivično pravo tada nije posebno
                inkriminisalo ropstvo i služenje.</p>""",
            "significance": """<p>Prva presuda u kojoj je Sud utvrdio da član 4 nameće
                državi pozitivnu obavezu da takvo postupanje delotvorno inkriminiše i
                kazni. Sud razlikuje ropstvo, služenje i prinudni rad.</p>""",
        },
        "en": {
            "slug": "siliadin-v-france",
            "title": "Siliadin v. France",
            "holding": """A minor was held in servitude; France breached Article 4
                because its criminal law did not give her effective protection.""",
            "summary": """<p>The applicant arrived in France from Togo at the age of
                fifteen, promised that her immigration status would be regularised and
                that she would go to school. Her passport was taken from her. For years
                she worked unpaid as a housemaid and nanny for a couple, all day and
                without days off.</p><p>The criminal proceedings against the couple did
                not lead to convictions for serious offences, because French criminal
                law did not then make slavery and servitude specific offences.</p>""",
            "significance": """<p>The first judgment to hold that Article 4 obliges
                States to criminalise and punish such treatment effectively. The Court
                distinguishes slavery, servitude and forced labour.</p>""",
        },
    },
    {
        "court": ECTHR,
        "countries": ["cy", "ru"],
        "application_numbers": "25965/04",
        "ecli": "ECLI:CE:ECHR:2010:0107JUD002596504",
        "decision_date": "2010-01-07",
        "acts": ["recruitment", "transportation", "receipt"],
        "means": ["deception", "abuse-of-vulnerability"],
        "forms": ["sexual-exploitation"],
        "sectors": ["hospitality"],
        "issues": ["positive-obligations", "international-cooperation", "definition"],
        "scope": "transnational",
        "organised_group": None,
        "outcome": "violation",
        "key_case": True,
        "audience": ["judge", "prosecutor", "police_officer"],
        "provisions": [
            ("ECHR", "Art. 2 (Cyprus, procedural)", "violation"),
            ("ECHR", "Art. 4 (Cyprus)", "violation"),
            ("ECHR", "Art. 4 (Russia, procedural)", "violation"),
            ("ECHR", "Art. 5 (Cyprus)", "violation"),
        ],
        "victims": [
            {
                "count": 1,
                "sex": "female",
                "age_group": "adult",
                "status": "regular_migrant",
                "nationality": "Russia",
            },
        ],
        "defendants": [{"count": 1, "sex": "male", "role": "exploiter", "nationality": ""}],
        "sr": {
            "slug": "rantsev-protiv-kipra-i-rusije",
            "title": "Rantsev protiv Kipra i Rusije",
            "holding": """Trgovina ljudima spada u domašaj člana 4; i država porekla i
                država odredišta moraju štititi i delotvorno istraživati.""",
            "summary": """<p>Ćerka podnosioca predstavke došla je iz Rusije na Kipar
                sa vizom za „umetnice“ da radi u kabareu. Posle nekoliko dana je otišla;
                vlasnik kabarea ju je pronašao i odveo u policiju, koja ju je, ne
                utvrdivši da je u nezakonitom položaju, vratila njemu. Iste noći je
                pronađena mrtva ispod balkona stana u kome je bila zadržana.</p>
                <p>Sud je utvrdio da kiparski sistem viza za umetnice nije štitio od
                trgovine ljudima, da policija nije preduzela mere zaštite iako je bilo
                osnova za sumnju, i da Rusija nije istražila kako je ona vrbovana.</p>""",
            "significance": """<p>Ključna presuda: trgovina ljudima, i bez posebnog
                pominjanja, potpada pod član 4. Države imaju obavezu pravnog okvira,
                operativnih mera zaštite i delotvorne istrage, uz međunarodnu
                saradnju.</p>""",
        },
        "en": {
            "slug": "rantsev-v-cyprus-and-russia",
            "title": "Rantsev v. Cyprus and Russia",
            "holding": """Trafficking falls within Article 4; both the State of origin
                and the State of destination must protect and investigate effectively.""",
            "summary": """<p>The applicant's daughter travelled from Russia to Cyprus on
                an "artiste" visa to work in a cabaret. After a few days she left; the
                cabaret manager found her and took her to the police, who, finding her
                status in order, released her into his custody. That night she was
                found dead below the balcony of the flat where she had been held.</p>
                <p>The Court found that the Cypriot artiste-visa regime did not protect
                against trafficking, that the police took no protective measures though
                there were grounds for suspicion, and that Russia did not investigate
                her recruitment.</p>""",
            "significance": """<p>A key judgment: trafficking, though not named in the
                Convention, falls within Article 4. States must have a legal framework,
                take operational measures of protection and investigate effectively,
                cooperating across borders.</p>""",
        },
    },
    {
        "court": ECTHR,
        "countries": ["gb"],
        "application_numbers": "4239/08",
        "ecli": "ECLI:CE:ECHR:2012:1113JUD000423908",
        "decision_date": "2012-11-13",
        "acts": ["harbouring", "receipt"],
        "means": ["withheld-documents", "abuse-of-vulnerability", "threat"],
        "forms": ["domestic-servitude", "servitude"],
        "sectors": ["domestic-work"],
        "issues": ["positive-obligations", "identification"],
        "scope": "transnational",
        "organised_group": None,
        "outcome": "violation",
        "key_case": False,
        "audience": ["police_officer", "prosecutor", "social_worker"],
        "provisions": [("ECHR", "Art. 4 (procedural)", "violation")],
        "victims": [
            {
                "count": 1,
                "sex": "female",
                "age_group": "adult",
                "status": "irregular_migrant",
                "nationality": "Uganda",
            },
        ],
        "defendants": [],
        "sr": {
            "slug": "cn-protiv-ujedinjenog-kraljevstva",
            "title": "C.N. protiv Ujedinjenog Kraljevstva",
            "holding": """Bez posebnog krivičnog dela služenja istraga pritužbi na
                kućno ropstvo nije mogla biti delotvorna: povreda člana 4.""",
            "summary": """<p>Podnositeljka predstavke, državljanka Ugande, godinama je
                u Londonu negovala starijeg čoveka, gotovo bez slobodnog vremena; veći
                deo njene zarade zadržavao je rođak koji ju je doveo, a njene isprave
                bile su oduzete.</p><p>Policija je njene navode istraživala kao moguću
                trgovinu ljudima i, ne našavši dokaze o prelasku granice radi
                eksploatacije, obustavila postupak. Ropstvo i služenje tada nisu bili
                posebna krivična dela u Ujedinjenom Kraljevstvu.</p>""",
            "significance": """<p>Kućno ropstvo je posebno krivično delo koje ne mora
                uključivati trgovinu ljudima; istraga mora ispitati sve oblike
                postupanja iz člana 4.</p>""",
        },
        "en": {
            "slug": "cn-v-the-united-kingdom",
            "title": "C.N. v. the United Kingdom",
            "holding": """Without a specific offence of servitude, the investigation of
                a complaint of domestic servitude could not be effective: Article 4
                breached.""",
            "summary": """<p>The applicant, a Ugandan national, spent years in London
                as a live-in carer for an elderly man, with hardly any time off; most
                of her earnings were kept by the relative who had brought her there,
                and her documents were taken from her.</p><p>The police examined her
                complaint as possible trafficking and, finding no evidence of movement
                across borders for exploitation, closed the case. Slavery and servitude
                were not then specific offences in the United Kingdom.</p>""",
            "significance": """<p>Domestic servitude is an offence in its own right that
                need not involve trafficking; an investigation must consider every form
                of treatment covered by Article 4.</p>""",
        },
    },
    {
        "court": ECTHR,
        "countries": ["gr"],
        "application_numbers": "71545/12",
        "ecli": "ECLI:CE:ECHR:2016:0121JUD007154512",
        "decision_date": "2016-01-21",
        "acts": ["recruitment", "transportation"],
        "means": ["deception", "threat", "withheld-documents"],
        "forms": ["sexual-exploitation"],
        "sectors": ["sex-industry"],
        "issues": ["identification", "length-of-proceedings", "positive-obligations"],
        "scope": "transnational",
        "organised_group": None,
        "outcome": "violation",
        "key_case": False,
        "audience": ["prosecutor", "police_officer", "judge"],
        "provisions": [
            ("ECHR", "Art. 4 (procedural)", "violation"),
            ("ECHR", "Art. 6 § 1 (length)", "violation"),
            ("ECHR", "Art. 13", "violation"),
        ],
        "victims": [
            {
                "count": 1,
                "sex": "female",
                "age_group": "adult",
                "status": "irregular_migrant",
                "nationality": "Nigeria",
            },
        ],
        "defendants": [{"count": 2, "sex": "mixed", "role": "exploiter", "nationality": ""}],
        "sr": {
            "slug": "le-protiv-grcke",
            "title": "L.E. protiv Grčke",
            "holding": """Višemesečno kašnjenje u priznavanju statusa žrtve i spora
                istraga povredili su član 4, a dužina postupka član 6.""",
            "summary": """<p>Podnositeljka predstavke, državljanka Nigerije, dovedena je
                u Grčku uz obećanje posla i prisiljena na prostituciju da bi otplatila
                „dug“. Kada je prijavila trgovce ljudima, proteklo je mnogo
                meseci dok je tužilaštvo nije priznalo kao žrtvu trgovine ljudima.</p>
                <p>Sud je utvrdio da su policija i pravosuđe postupali sporo i propustili
                da preduzmu korake za pronalaženje osumnjičenih.</p>""",
            "significance": """<p>Rana identifikacija žrtve i ažurna istraga deo su
                procesne obaveze iz člana 4; neopravdana kašnjenja su sama po sebi
                povreda.</p>""",
        },
        "en": {
            "slug": "le-v-greece",
            "title": "L.E. v. Greece",
            "holding": """Months of delay in recognising the applicant as a victim and
                a slow investigation breached Article 4; the length of the proceedings
                breached Article 6.""",
            "summary": """<p>The applicant, a Nigerian national, was brought to Greece
                with a promise of work and forced into prostitution to pay off a
                "debt". After she reported the traffickers, many months passed
                before the prosecutor recognised her as a victim of trafficking.</p>
                <p>The Court found that the police and the judicial authorities acted
                slowly and failed to take steps to find the suspects.</p>""",
            "significance": """<p>Early identification of victims and a prompt
                investigation are part of the procedural obligation under Article 4;
                unjustified delays are a breach in themselves.</p>""",
        },
    },
    {
        "court": ECTHR,
        "countries": ["at"],
        "application_numbers": "58216/12",
        "ecli": "ECLI:CE:ECHR:2017:0117JUD005821612",
        "decision_date": "2017-01-17",
        "acts": ["recruitment", "transportation", "harbouring"],
        "means": ["withheld-documents", "deception", "abuse-of-vulnerability"],
        "forms": ["domestic-servitude", "forced-labour"],
        "sectors": ["domestic-work"],
        "issues": ["offences-abroad", "identification", "positive-obligations"],
        "scope": "transnational",
        "organised_group": None,
        "outcome": "no_violation",
        "key_case": False,
        "audience": ["prosecutor", "police_officer", "judge"],
        "provisions": [
            ("ECHR", "Art. 4", "no_violation"),
            ("ECHR", "Art. 3", "no_violation"),
        ],
        "victims": [
            {
                "count": 3,
                "sex": "female",
                "age_group": "adult",
                "status": "regular_migrant",
                "nationality": "Philippines",
            },
        ],
        "defendants": [{"count": 2, "sex": "mixed", "role": "exploiter", "nationality": ""}],
        "sr": {
            "slug": "j-i-drugi-protiv-austrije",
            "title": "J. i drugi protiv Austrije",
            "holding": """Austrija nije bila dužna da istražuje eksploataciju u
                inostranstvu; istraga onoga što se dogodilo u Austriji i podrška
                žrtvama bile su dovoljne: nema povrede.""",
            "summary": """<p>Podnositeljke predstavke, državljanke Filipina, radile su
                kao kućne pomoćnice u Ujedinjenim Arapskim Emiratima, gde su im
                poslodavci oduzeli pasoše i nametali iscrpljujući rad. Kada su ih
                poslodavci poveli na kratak boravak u Beč, pobegle su.</p><p>Austrijske
                vlasti su ih identifikovale kao moguće žrtve, pružile im podršku i
                dozvolu boravka, ali su obustavile krivični postupak jer se najveći deo
                događaja odigrao u inostranstvu, a osumnjičeni nisu bili dostupni.</p>""",
            "significance": """<p>Presuda bez povrede koja pokazuje granice obaveze:
                član 4 ne zahteva univerzalnu nadležnost za dela učinjena u
                inostranstvu, ali zahteva identifikaciju, podršku i istragu dela na
                sopstvenoj teritoriji.</p>""",
        },
        "en": {
            "slug": "j-and-others-v-austria",
            "title": "J. and Others v. Austria",
            "holding": """Austria was not bound to investigate exploitation abroad; its
                investigation of events in Austria and its support for the victims were
                enough: no violation.""",
            "summary": """<p>The applicants, Filipino nationals, worked as domestic
                workers in the United Arab Emirates, where their employers took their
                passports and imposed exhausting work. When the employers brought them
                on a short stay to Vienna, they escaped.</p><p>The Austrian authorities
                identified them as possible victims, gave them support and residence
                permits, but discontinued the criminal proceedings because most of the
                events had taken place abroad and the suspects were out of reach.</p>""",
            "significance": """<p>A no-violation judgment that shows the limits of the
                obligation: Article 4 does not require universal jurisdiction over
                offences committed abroad, but it does require identification, support
                and investigation of what happened on the State's own territory.</p>""",
        },
    },
    {
        "court": ECTHR,
        "countries": ["gr"],
        "application_numbers": "21884/15",
        "ecli": "ECLI:CE:ECHR:2017:0330JUD002188415",
        "decision_date": "2017-03-30",
        "acts": ["recruitment", "harbouring"],
        "means": ["abuse-of-vulnerability", "threat", "force", "deception"],
        "forms": ["forced-labour"],
        "sectors": ["agriculture"],
        "issues": ["positive-obligations", "consent", "compensation", "definition"],
        "scope": "transnational",
        "organised_group": None,
        "outcome": "violation",
        "key_case": True,
        "audience": ["labour_inspector", "police_officer", "prosecutor", "judge"],
        "provisions": [("ECHR", "Art. 4 § 2", "violation")],
        "victims": [
            {
                "count": 42,
                "sex": "male",
                "age_group": "adult",
                "status": "irregular_migrant",
                "nationality": "Bangladesh",
            },
        ],
        "defendants": [
            {"count": 2, "sex": "male", "role": "exploiter", "nationality": ""},
            {"count": 2, "sex": "male", "role": "other", "nationality": ""},
        ],
        "sr": {
            "slug": "chowdury-i-drugi-protiv-grcke",
            "title": "Chowdury i drugi protiv Grčke",
            "holding": """Berači jagoda bez dozvola za rad bili su u prinudnom radu i
                trgovini ljudima; država ih nije zaštitila ni delotvorno gonila
                odgovorne.""",
            "summary": """<p>Podnosioci predstavke, migranti iz Bangladeša bez dozvola za
                rad, brali su jagode na farmi u Grčkoj, u teškim uslovima i bez
                isplaćenih zarada, pod nadzorom naoružanih čuvara. Kada su tražili
                zarade, jedan čuvar je pucao na njih i ranio više radnika.</p><p>Porotni
                sud je optužene oslobodio optužbe za trgovinu ljudima. Sud je utvrdio
                da su radnici bili u prinudnom radu, da njihov pristanak na posao ne
                menja tu ocenu i da država nije ispunila obaveze sprečavanja, zaštite,
                istrage i kažnjavanja.</p>""",
            "significance": """<p>Prinudni rad postoji i kada je žrtva pristala na posao
                i mogla fizički da ode: presudna je zloupotreba njene ranjivosti.
                Važno za inspekciju rada i sektor poljoprivrede.</p>""",
        },
        "en": {
            "slug": "chowdury-and-others-v-greece",
            "title": "Chowdury and Others v. Greece",
            "holding": """Strawberry pickers without work permits were in forced labour
                and trafficked; the State neither protected them nor effectively
                prosecuted those responsible.""",
            "summary": """<p>The applicants, migrants from Bangladesh without work
                permits, picked strawberries on a farm in Greece in harsh conditions
                and without pay, watched by armed guards. When they asked for their
                wages, a guard shot at them and wounded several workers.</p><p>The
                Assize Court acquitted the defendants of trafficking. The Court found
                that the workers were in forced labour, that their having agreed to the
                work did not change that, and that the State had failed in its duties
                to prevent, protect, investigate and punish.</p>""",
            "significance": """<p>Forced labour exists even where the victim agreed to
                the work and could physically leave: what matters is the abuse of
                their vulnerability. Important for labour inspectors and
                agriculture.</p>""",
        },
    },
    {
        "court": ECTHR_GC,
        "countries": ["hr"],
        "application_numbers": "60561/14",
        "ecli": "ECLI:CE:ECHR:2020:0625JUD006056114",
        "decision_date": "2020-06-25",
        "acts": ["recruitment", "transportation", "harbouring"],
        "means": ["force", "threat", "abuse-of-vulnerability", "deception"],
        "forms": ["sexual-exploitation"],
        "sectors": ["sex-industry"],
        "issues": ["definition", "positive-obligations", "victim-testimony"],
        "scope": "internal",
        "organised_group": False,
        "outcome": "violation",
        "key_case": True,
        "audience": ["judge", "prosecutor", "police_officer"],
        "provisions": [("ECHR", "Art. 4 (procedural)", "violation")],
        "victims": [
            {
                "count": 1,
                "sex": "female",
                "age_group": "adult",
                "status": "citizen",
                "nationality": "Croatia",
            },
        ],
        "defendants": [{"count": 1, "sex": "male", "role": "exploiter", "nationality": ""}],
        "sr": {
            "slug": "sm-protiv-hrvatske",
            "title": "S.M. protiv Hrvatske [VV]",
            "holding": """Trgovina ljudima i prinudna prostitucija spadaju u domašaj
                člana 4; vlasti nisu delotvorno istražile navode žrtve.""",
            "summary": """<p>Podnositeljka predstavke, hrvatska državljanka, navela je
                da ju je bivši policajac vrbovao preko društvene mreže, obećavši posao,
                a zatim je fizičkim i psihičkim pritiskom primorao na prostituciju i
                uzimao deo zarade.</p><p>Optuženi je oslobođen. Veliko veće je utvrdilo
                da tužilaštvo i sud nisu ispitali sve okolnosti, nisu saslušali
                ključne svedoke i nisu ocenili uticaj traume na iskaz žrtve.</p>""",
            "significance": """<p>Veliko veće tumači trgovinu ljudima kroz tri elementa
                međunarodne definicije i potvrđuje da i prinudna prostitucija, i bez
                trgovine ljudima, potpada pod član 4.</p>""",
        },
        "en": {
            "slug": "sm-v-croatia",
            "title": "S.M. v. Croatia [GC]",
            "holding": """Trafficking and forced prostitution fall within Article 4; the
                authorities did not investigate the victim's allegations effectively.""",
            "summary": """<p>The applicant, a Croatian national, alleged that a former
                police officer recruited her through a social network with a promise of
                work, then forced her into prostitution by physical and mental pressure
                and took part of her earnings.</p><p>The defendant was acquitted. The
                Grand Chamber found that the prosecution and the court had not examined
                all the circumstances, had not heard key witnesses, and had not
                assessed how trauma affected the victim's account.</p>""",
            "significance": """<p>The Grand Chamber reads trafficking through the three
                elements of the international definition and confirms that forced
                prostitution, even without trafficking, falls within Article 4.</p>""",
        },
    },
    {
        "court": ECTHR,
        "countries": ["gb"],
        "application_numbers": "77587/12, 74603/12",
        "ecli": "ECLI:CE:ECHR:2021:0216JUD007758712",
        "decision_date": "2021-02-16",
        "acts": ["transportation", "harbouring"],
        "means": ["abuse-of-vulnerability", "coercion"],
        "forms": ["forced-criminality", "forced-labour"],
        "sectors": ["drug-production"],
        "issues": ["non-punishment", "child-victims", "identification"],
        "scope": "transnational",
        "organised_group": True,
        "outcome": "violation",
        "key_case": True,
        "audience": ["prosecutor", "judge", "police_officer", "social_worker"],
        "provisions": [
            ("ECHR", "Art. 4", "violation"),
            ("ECHR", "Art. 6 § 1", "violation"),
        ],
        "victims": [
            {
                "count": 2,
                "sex": "male",
                "age_group": "child",
                "status": "irregular_migrant",
                "nationality": "Vietnam",
                "label": "V.C.L., A.N.",
            },
        ],
        "defendants": [],
        "sr": {
            "slug": "vcl-i-an-protiv-ujedinjenog-kraljevstva",
            "title": "V.C.L. i A.N. protiv Ujedinjenog Kraljevstva",
            "holding": """Gonjenje dece žrtava trgovine ljudima bez procene nadležnog
                organa da li su žrtve povredilo je članove 4 i 6.""",
            "summary": """<p>Podnosioci predstavke, maloletni državljani Vijetnama,
                pronađeni su kako rade u fabrikama kanabisa. Iako je bilo pokazatelja da
                su žrtve trgovine ljudima, optuženi su za delo u vezi sa drogom i
                priznali krivicu; kasnije ih je nadležni organ priznao kao žrtve, ali
                je tužilaštvo ostalo pri gonjenju.</p>""",
            "significance": """<p>Prva presuda o načelu nekažnjavanja: gonjenje
                potencijalne žrtve nije samo po sebi protivno članu 4, ali odluka mora
                biti doneta tek posle procene kvalifikovanog organa, a odstupanje od
                te procene mora imati jasne razloge.</p>""",
        },
        "en": {
            "slug": "vcl-and-an-v-the-united-kingdom",
            "title": "V.C.L. and A.N. v. the United Kingdom",
            "holding": """Prosecuting child victims of trafficking without an assessment
                by a qualified body of whether they were victims breached Articles 4
                and 6.""",
            "summary": """<p>The applicants, Vietnamese minors, were found working in
                cannabis factories. Although there were indicators that they had been
                trafficked, they were charged with drug offences and pleaded guilty;
                the competent authority later recognised them as victims, but the
                prosecution went ahead.</p>""",
            "significance": """<p>The first judgment on the non-punishment principle:
                prosecuting a potential victim is not in itself contrary to Article 4,
                but the decision must follow an assessment by a qualified person, and
                departing from that assessment needs clear reasons.</p>""",
        },
    },
]
