"""Word lists the extraction rules use, compiled by the project from general facts.

Countries with their German adjective stems, capitals, international organisations,
speech verbs, attribution markers, number words, qualifiers and role nouns.
"""

from __future__ import annotations

# name -> (adjective stem or None, extra surface forms incl. official names, compound prefixes)
COUNTRIES: dict[str, tuple[str | None, tuple[str, ...], tuple[str, ...]]] = {
    "Deutschland": ("deutsch", ("Bundesrepublik Deutschland", "Bundesrepublik"), ()),
    "Österreich": ("österreichisch", ("Republik Österreich",), ()),
    "Schweiz": ("schweizerisch", ("Eidgenossenschaft",), ()),
    "Frankreich": ("französisch", (), ()),
    "Italien": ("italienisch", (), ()),
    "Spanien": ("spanisch", (), ()),
    "Portugal": ("portugiesisch", (), ()),
    "Niederlande": ("niederländisch", (), ()),
    "Belgien": ("belgisch", (), ()),
    "Luxemburg": ("luxemburgisch", (), ()),
    "Dänemark": ("dänisch", (), ()),
    "Schweden": ("schwedisch", (), ()),
    "Norwegen": ("norwegisch", (), ()),
    "Finnland": ("finnisch", (), ()),
    "Island": ("isländisch", (), ()),
    "Irland": ("irisch", (), ()),
    "Großbritannien": (
        "britisch",
        ("Vereinigtes Königreich", "Vereinigten Königreich", "Vereinigten Königreichs", "UK"),
        (),
    ),
    "Polen": ("polnisch", (), ()),
    "Tschechien": ("tschechisch", ("Tschechische Republik",), ()),
    "Slowakei": ("slowakisch", (), ()),
    "Ungarn": ("ungarisch", (), ()),
    "Rumänien": ("rumänisch", (), ()),
    "Bulgarien": ("bulgarisch", (), ()),
    "Griechenland": ("griechisch", (), ()),
    "Kroatien": ("kroatisch", (), ()),
    "Serbien": ("serbisch", (), ()),
    "Slowenien": ("slowenisch", (), ()),
    "Estland": ("estnisch", (), ()),
    "Lettland": ("lettisch", (), ()),
    "Litauen": ("litauisch", (), ()),
    "Moldau": ("moldauisch", ("Moldawien", "Republik Moldau"), ()),
    "Belarus": ("belarussisch", ("Weißrussland",), ()),
    "Ukraine": ("ukrainisch", (), ("Ukraine",)),
    "Russland": ("russisch", ("Russische Föderation", "Russischen Föderation"), ("Russland",)),
    "Georgien": ("georgisch", (), ()),
    "Armenien": ("armenisch", (), ()),
    "Aserbaidschan": ("aserbaidschanisch", (), ()),
    "Türkei": ("türkisch", (), ()),
    "Israel": ("israelisch", (), ("Israel",)),
    "Iran": ("iranisch", (), ("Iran",)),
    "Irak": ("irakisch", (), ()),
    "Syrien": ("syrisch", (), ()),
    "Libanon": ("libanesisch", (), ()),
    "Jordanien": ("jordanisch", (), ()),
    "Saudi-Arabien": ("saudi-arabisch", (), ()),
    "Katar": ("katarisch", (), ()),
    "Jemen": ("jemenitisch", (), ()),
    "Ägypten": ("ägyptisch", (), ()),
    "Libyen": ("libysch", (), ()),
    "Tunesien": ("tunesisch", (), ()),
    "Marokko": ("marokkanisch", (), ()),
    "Algerien": ("algerisch", (), ()),
    "Nigeria": ("nigerianisch", (), ()),
    "Äthiopien": ("äthiopisch", (), ()),
    "Kenia": ("kenianisch", (), ()),
    "Südafrika": ("südafrikanisch", (), ()),
    "Sudan": ("sudanesisch", (), ()),
    "Mali": ("malisch", (), ()),
    "Afghanistan": ("afghanisch", (), ()),
    "Pakistan": ("pakistanisch", (), ()),
    "Indien": ("indisch", (), ()),
    "China": ("chinesisch", ("Volksrepublik China",), ("China",)),
    "Taiwan": ("taiwanisch", (), ()),
    "Japan": ("japanisch", (), ()),
    "Südkorea": ("südkoreanisch", ("Republik Korea",), ()),
    "Nordkorea": (
        "nordkoreanisch",
        ("Demokratische Volksrepublik Korea", "Demokratischen Volksrepublik Korea"),
        ("Nordkorea",),
    ),
    "Vietnam": ("vietnamesisch", (), ()),
    "Thailand": ("thailändisch", (), ()),
    "Indonesien": ("indonesisch", (), ()),
    "Philippinen": ("philippinisch", (), ()),
    "Australien": ("australisch", (), ()),
    "Neuseeland": ("neuseeländisch", (), ()),
    "USA": (
        "amerikanisch",
        (
            "Vereinigte Staaten",
            "Vereinigten Staaten",
            "Vereinigte Staaten von Amerika",
            "US-Regierung",
        ),
        ("US", "USA"),
    ),
    "Kanada": ("kanadisch", (), ()),
    "Mexiko": ("mexikanisch", (), ()),
    "Brasilien": ("brasilianisch", (), ()),
    "Argentinien": ("argentinisch", (), ()),
    "Venezuela": ("venezolanisch", (), ()),
    "Kolumbien": ("kolumbianisch", (), ()),
    "Chile": ("chilenisch", (), ()),
    "Kuba": ("kubanisch", (), ()),
    "Europa": ("europäisch", (), ()),
    "Afrika": ("afrikanisch", (), ()),
    "Asien": ("asiatisch", (), ()),
}

# Adjective stems that do not name an actor on their own.
NON_ACTOR_ADJECTIVES = {"europäisch", "afrikanisch", "asiatisch", "amerikanisch"}

CITIES = (
    "Berlin", "Hamburg", "München", "Köln", "Frankfurt", "Stuttgart", "Düsseldorf", "Leipzig",
    "Dresden", "Hannover", "Bremen", "Bonn", "Wien", "Bern", "Zürich", "Genf", "Brüssel",
    "Paris", "London", "Rom", "Madrid", "Lissabon", "Amsterdam", "Den Haag", "Warschau", "Prag",
    "Budapest", "Bukarest", "Athen", "Stockholm", "Oslo", "Helsinki", "Kopenhagen", "Moskau",
    "Kiew", "Kyjiw", "Charkiw", "Odessa", "Cherson", "Saporischschja", "Donezk", "Luhansk",
    "Tschernihiw", "Kursk", "Belgorod", "Minsk", "Ankara", "Istanbul", "Jerusalem", "Tel Aviv",
    "Gaza", "Teheran", "Bagdad", "Damaskus", "Kairo", "Peking", "Shanghai", "Hongkong", "Tokio",
    "Seoul", "Pjöngjang", "Neu-Delhi", "Washington", "New York", "Ottawa", "Canberra",
    "Wladiwostok", "Straßburg", "Luxemburg", "Davos", "Kassel", "Nürnberg", "Augsburg",
    "Mainz", "Wiesbaden", "Magdeburg", "Erfurt", "Potsdam", "Schwerin", "Kiel", "Saarbrücken",
    "Zwickau", "Wolfsburg", "Karlsruhe", "Dortmund", "Graz", "Linz", "Innsbruck",
    "Basel", "Lausanne", "Luzern", "Samoa", "Dubai",
)  # fmt: skip

# Federal states, cantons, regions, rivers, economic areas: places with no adjective here.
REGIONS = (
    "Bayern", "Sachsen", "Nordrhein-Westfalen", "Baden-Württemberg", "Niedersachsen", "Hessen",
    "Thüringen", "Sachsen-Anhalt", "Brandenburg", "Mecklenburg-Vorpommern", "Schleswig-Holstein",
    "Rheinland-Pfalz", "Saarland", "Tirol", "Kärnten", "Steiermark", "Vorarlberg", "Burgenland",
    "Niederösterreich", "Oberösterreich", "Schwaben", "Oberbayern", "Westschweiz", "Ostdeutschland",
    "Westdeutschland", "Euroraum", "Eurozone", "Donau", "Rhein", "Elbe", "Isar", "Lech",
    "Mosel", "Neckar", "Weser", "Ruhrgebiet", "Gazastreifen", "Westjordanland", "Krim", "Donbass",
    "Kaschmir", "Sahel", "Balkan", "Nahost", "Naher Osten", "Nahen Osten",
)  # fmt: skip
# Adjectives and demonyms of cities and regions: "Münchner Ifo-Institut" mentions München.
PLACE_ADJECTIVES = {
    "Münchner": "München", "Berliner": "Berlin", "Hamburger": "Hamburg", "Kölner": "Köln",
    "Frankfurter": "Frankfurt", "Stuttgarter": "Stuttgart", "Düsseldorfer": "Düsseldorf",
    "Leipziger": "Leipzig", "Dresdner": "Dresden", "Bremer": "Bremen", "Bonner": "Bonn",
    "Wiener": "Wien", "Berner": "Bern", "Zürcher": "Zürich", "Genfer": "Genf",
    "Brüsseler": "Brüssel", "Pariser": "Paris", "Londoner": "London", "Moskauer": "Moskau",
    "Kiewer": "Kiew", "Warschauer": "Warschau", "Prager": "Prag", "Kasseler": "Kassel",
    "Schweizer": "Schweiz", "Nürnberger": "Nürnberg", "Grazer": "Graz", "Basler": "Basel",
}  # fmt: skip
REGION_ADJECTIVE_STEMS = {
    "bayerisch": "Bayern", "sächsisch": "Sachsen", "niedersächsisch": "Niedersachsen",
    "hessisch": "Hessen", "thüringisch": "Thüringen", "brandenburgisch": "Brandenburg",
    "schwäbisch": "Schwaben", "tirolerisch": "Tirol", "steirisch": "Steiermark",
    "kärntnerisch": "Kärnten", "saarländisch": "Saarland",
}  # fmt: skip

# Organisations: canonical name -> surface forms. Type ORG.
ORGANISATIONS: dict[str, tuple[str, ...]] = {
    "Nato": ("Nato", "NATO", "Nordatlantische Allianz", "Nordatlantikpakt"),
    "EU": ("EU", "Europäische Union", "Europäischen Union"),
    "EU-Kommission": ("EU-Kommission", "Europäische Kommission", "Europäischen Kommission"),
    "UN": ("UN", "UNO", "Vereinte Nationen", "Vereinten Nationen"),
    "UN-Sicherheitsrat": ("UN-Sicherheitsrat", "Weltsicherheitsrat", "Sicherheitsrat"),
    "Kreml": ("Kreml",),
    "Pentagon": ("Pentagon",),
    "Bundesregierung": ("Bundesregierung",),
    "Bundestag": ("Bundestag",),
    "Bundesrat": ("Bundesrat",),
    "Bundeswehr": ("Bundeswehr",),
    "Bundesverfassungsgericht": ("Bundesverfassungsgericht",),
    "Bundesbank": ("Bundesbank",),
    "Statistisches Bundesamt": (
        "Statistisches Bundesamt",
        "Statistischen Bundesamt",
        "Statistischen Bundesamts",
        "Destatis",
    ),
    "Bundesagentur für Arbeit": ("Bundesagentur für Arbeit",),
    "EZB": ("EZB", "Europäische Zentralbank", "Europäischen Zentralbank"),
    "IWF": (
        "IWF",
        "Internationaler Währungsfonds",
        "Internationale Währungsfonds",
        "Internationalen Währungsfonds",
    ),
    "WHO": ("WHO", "Weltgesundheitsorganisation"),
    "OSZE": ("OSZE",),
    "G7": ("G7",),
    "G20": ("G20",),
    "SPD": ("SPD",),
    "CDU": ("CDU",),
    "CSU": ("CSU",),
    "FDP": ("FDP",),
    "AfD": ("AfD",),
    "BSW": ("BSW",),
    "Grüne": ("Grünen", "Grüne"),
    "Linke": ("Linken", "Linkspartei"),
    "ÖVP": ("ÖVP",),
    "FPÖ": ("FPÖ",),
    "SPÖ": ("SPÖ",),
    "Deutsche Bahn": ("Deutsche Bahn", "Deutschen Bahn"),
    "GDL": ("GDL",),
    "Verdi": ("Verdi", "ver.di"),
    "IG Metall": ("IG Metall",),
    "Reuters": ("Reuters",),
    "dpa": ("dpa",),
    "AFP": ("AFP",),
    "epd": ("epd",),
    "KNA": ("KNA",),
    "SID": ("SID",),
    "APA": ("APA",),
    "Keystone-SDA": ("Keystone-SDA",),
    "Fed": ("Fed", "US-Notenbank", "Federal Reserve"),
    "Bundesrechnungshof": ("Bundesrechnungshof",),
    "Bundesgerichtshof": ("Bundesgerichtshof", "BGH"),
    "Bundesamt für Migration und Flüchtlinge": ("Bundesamt für Migration und Flüchtlinge", "BAMF"),
    "Eurostat": ("Eurostat",),
    "DGB": (
        "DGB",
        "Deutscher Gewerkschaftsbund",
        "Deutschen Gewerkschaftsbunds",
        "Deutschen Gewerkschaftsbundes",
    ),
    "ADAC": ("ADAC",),
    "THW": ("THW", "Technisches Hilfswerk"),
    "DWD": ("DWD", "Deutscher Wetterdienst", "Deutschen Wetterdienst", "Deutschen Wetterdienstes"),
    "Ifo-Institut": ("Ifo-Institut", "Ifo-Instituts", "Ifo"),
    "DIW": ("DIW",),
    "IW": ("IW", "Institut der deutschen Wirtschaft", "Instituts der deutschen Wirtschaft"),
    "Pro Asyl": ("Pro Asyl",),
    "Pro Bahn": ("Pro Bahn",),
    "Die Linke": ("Die Linke",),
    "Hamas": ("Hamas",),
    "Hisbollah": ("Hisbollah",),
    "Taliban": ("Taliban",),
}
# Compound prefixes that name an organisation: "Nato-Generalsekretär", "EU-Staaten".
ORG_PREFIXES = {"Nato": "Nato", "NATO": "Nato", "EU": "EU", "UN": "UN", "UNO": "UN"}

# Lemmas of verbs (and verb-like nouns) that introduce what someone said or thought.
SPEECH_VERBS = {
    "sagen", "erklären", "betonen", "warnen", "ankündigen", "mitteilen", "fordern",
    "zurückweisen", "berichten", "bestätigen", "kritisieren", "verurteilen", "drohen",
    "versprechen", "schreiben", "meinen", "glauben", "vermuten", "fürchten", "befürchten",
    "hoffen", "zusichern", "werben", "aufrufen", "appellieren", "unterstreichen", "ergänzen",
    "hinzufügen", "sprechen", "nennen", "bezeichnen", "behaupten", "bestreiten", "dementieren",
    "einräumen", "zugeben", "versichern", "mahnen", "verlangen", "antworten", "erwidern",
    "entgegnen", "widersprechen", "beklagen", "kündigen", "teilen", "weisen", "rufen",
    "sichern", "schätzen", "prognostizieren", "erwarten", "verweisen",
    "argumentieren", "begründen", "zitieren", "twittern", "posten", "äußern", "anmerken",
    "feststellen", "klarstellen", "signalisieren", "bekräftigen", "beteuern", "informieren",
    "melden", "ausgehen", "heißen", "verkünden", "kommentieren", "loben", "begrüßen",
    "rechnen", "bitten", "verteidigen", "werfen", "vorwerfen", "lehnen", "ablehnen", "beziffern",
    "zusagen", "bekanntgeben", "prophezeien", "vorhersagen", "einschätzen", "urteilen",
    "resümieren", "bilanzieren", "unterstellen", "vermelden",
}  # fmt: skip
# Inflected forms for pipelines without a lemmatizer (and for separable verbs' stems).
SPEECH_VERB_FORMS = {
    "sagte", "sagten", "sagt", "sagen", "gesagt", "erklärte", "erklärten", "erklärt",
    "betonte", "betonten", "betont", "warnte", "warnten", "warnt", "gewarnt", "kündigte",
    "kündigten", "kündigt", "angekündigt", "teilte", "teilten", "teilt", "mitgeteilt",
    "forderte", "forderten", "fordert", "gefordert", "wies", "wiesen", "weist",
    "zurückgewiesen", "berichtete", "berichteten", "berichtet", "bestätigte", "bestätigten",
    "bestätigt", "kritisierte", "kritisierten", "kritisiert", "verurteilte", "verurteilten",
    "verurteilt", "drohte", "drohten", "droht", "versprach", "verspricht", "schrieb",
    "schreibt", "meinte", "meint", "glaubt", "glaubte", "vermutet", "fürchtet", "fürchten",
    "befürchtet", "hofft", "hoffte", "sicherte", "sichert", "zugesichert", "wirbt", "warb",
    "rief", "ruft", "appellierte", "unterstrich", "ergänzte", "fügte", "sprach", "spricht",
    "nannte", "nennt", "bezeichnete", "behauptete", "behauptet", "bestritt", "räumte",
    "versicherte", "mahnte", "verlangte", "verlangt", "antwortete", "erwiderte", "entgegnete",
    "widersprach", "beklagte", "schätzte", "schätzt", "erwartet", "erwartete", "verwies",
    "argumentierte", "begründete", "äußerte", "stellte", "bekräftigte", "meldete", "meldet",
    "hieß", "heißt", "verkündete", "kommentierte", "lobte", "begrüßte", "informierte",
    "gehen", "geht", "gingen", "ging", "rechnet", "rechnete", "rechnen", "bat", "baten",
    "verteidigte", "verteidigten", "verteidigt", "warf", "warfen", "wirft", "lehnte", "lehnten",
    "lehnt", "bezifferte", "beziffert", "zugesagt",
}  # fmt: skip
# Verbs whose speech reading needs a particle ("geht davon aus", "stellte fest").
PARTICLE_VERBS = {
    "gehen": "aus",
    "stellen": "fest",
    "weisen": "zurück",
    "rufen": "auf",
    "fügen": "hinzu",
    "räumen": "ein",
}

# Attribution markers: "laut X", "X zufolge", "nach Angaben von X", "nach US-Angaben".
ATTRIBUTION_PREPOSITIONS = {"laut", "lt."}
ATTRIBUTION_POSTPOSITIONS = {"zufolge"}
ANGABEN_NOUNS = {
    "angaben",
    "einschätzung",
    "einschätzungen",
    "schätzung",
    "schätzungen",
    "informationen",
    "darstellung",
    "berechnungen",
    "erkenntnissen",
}
ANGABEN_NOUNS |= {
    "berechnung", "prognose", "prognosen", "daten", "zahlen", "erhebung", "umfrage", "studie",
    "analyse", "auswertung", "hochrechnung", "recherchen", "berichten", "aussagen", "worten",
    "ansicht", "meinung", "auffassung",
    "report", "bericht", "erklärung", "mitteilung",
}  # fmt: skip

# Konjunktiv I / II forms common in reported speech, for pipelines without morphology.
KONJUNKTIV_FORMS = {
    "sei", "seien", "seiest", "habe", "haben", "hätte", "hätten", "werde", "würde", "würden",
    "könne", "könnten", "könnte", "müsse", "müssten", "müsste", "solle", "sollten", "wolle",
    "wollten", "dürfe", "dürften", "möge", "gebe", "gehe", "komme", "stehe", "liege", "bleibe",
    "wisse", "brauche", "handle", "wäre", "wären", "gäbe", "käme", "lasse", "trage", "stelle",
    "zeige", "mache", "halte", "fehle", "gelte", "drohe", "beginne", "reiche",
}  # fmt: skip

NUMBER_WORDS = {
    "null": 0, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8,
    "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "dreizehn": 13, "vierzehn": 14,
    "fünfzehn": 15, "sechzehn": 16, "siebzehn": 17, "achtzehn": 18, "neunzehn": 19,
    "zwanzig": 20, "dreißig": 30, "vierzig": 40, "fünfzig": 50, "sechzig": 60, "siebzig": 70,
    "achtzig": 80, "neunzig": 90, "hundert": 100, "tausend": 1000, "einhundert": 100,
    "eintausend": 1000, "zwanzigtausend": 20000, "zehntausend": 10000, "hunderttausend": 100000,
}  # fmt: skip
MULTIPLIERS = {
    "tausend": 1e3, "million": 1e6, "millionen": 1e6, "mio": 1e6, "mio.": 1e6,
    "milliarde": 1e9, "milliarden": 1e9, "mrd": 1e9, "mrd.": 1e9, "billion": 1e12, "billionen": 1e12,
}  # fmt: skip
# Vague amounts: word -> (value, low, high)
VAGUE_WORDS = {
    "dutzende": (12, 12, 99), "dutzenden": (12, 12, 99), "hunderte": (100, 100, 999),
    "hunderten": (100, 100, 999), "tausende": (1000, 1000, 9999), "tausender": (1000, 1000, 9999),
    "tausenden": (1000, 1000, 9999), "zehntausende": (10000, 10000, 99999),
    "zehntausenden": (10000, 10000, 99999), "hunderttausende": (100000, 100000, 999999),
    "hunderttausenden": (100000, 100000, 999999), "millionen": (1e6, 1e6, 999e6),
    "milliarden": (1e9, 1e9, 999e9),
}  # fmt: skip
# Currencies and units whose lookup lemma would be wrong ("Franken" is not "Franke").
FIXED_LEMMAS = {
    "Franken": "Franken",
    "Euro": "Euro",
    "Dollar": "Dollar",
    "Prozent": "Prozent",
    "Cent": "Cent",
}
QUALIFIERS_BEFORE = [
    (("mehr", "als"), "at_least"), (("über",), "at_least"), (("mindestens",), "at_least"),
    (("wenigstens",), "at_least"), (("weniger", "als"), "at_most"), (("bis", "zu"), "at_most"),
    (("höchstens",), "at_most"), (("maximal",), "at_most"), (("unter",), "at_most"),
    (("rund",), "approx"), (("etwa",), "approx"), (("knapp",), "approx"), (("ungefähr",), "approx"),
    (("circa",), "approx"), (("ca.",), "approx"), (("fast",), "approx"), (("nahezu",), "approx"),
    (("annähernd",), "approx"), (("gut",), "approx"), (("geschätzt",), "approx"),
    (("schätzungsweise",), "approx"),
]  # fmt: skip

# Nouns naming a function or title; matched as the end of a (compound) word.
ROLE_STEMS = (
    "präsident", "präsidentin", "minister", "ministerin", "kanzler", "kanzlerin",
    "generalsekretär", "generalsekretärin", "sprecher", "sprecherin", "chef", "chefin",
    "vorsitzende", "vorsitzender", "bürgermeister", "bürgermeisterin", "direktor", "direktorin",
    "experte", "expertin", "leiter", "leiterin", "botschafter", "botschafterin", "abgeordnete",
    "abgeordneter", "trainer", "trainerin", "richter", "richterin", "kommissar", "kommissarin",
    "regierungschef", "regierungschefin", "premier", "premierministerin", "könig", "königin",
    "gouverneur", "gouverneurin", "senator", "senatorin", "berater", "beraterin", "general",
    "kommandeur", "oberbefehlshaber", "stabschef", "vorstand", "geschäftsführer",
    "geschäftsführerin", "ökonom", "ökonomin", "analyst", "analystin", "forscher",
    "forscherin", "professor", "professorin", "anwalt", "anwältin", "staatsanwalt",
    "sekretär", "sekretärin", "außenamtssprecher", "rat", "rätin", "stürmer", "stürmerin",
    "spieler", "spielerin", "torwart", "kapitän", "kapitänin", "sportdirektor", "vorständin",
    "chefvolkswirt", "chefvolkswirtin", "volkswirt", "volkswirtin", "präses", "beauftragte", "beauftragter",
    "funktionär", "funktionärin", "ministerpräsident", "ministerpräsidentin", "landrat",
    "landrätin", "stadtrat", "stadträtin", "intendant", "intendantin", "bischof", "papst",
)  # fmt: skip

# Lines after which a scraped page carries no more article text.
FURNITURE_END_MARKERS = (
    "related posts", "you missed", "ähnliche artikel", "das könnte sie auch interessieren",
    "weitere artikel", "mehr zum thema", "kommentar verfassen", "schreibe einen kommentar",
    "hinterlasse einen kommentar", "newsletter abonnieren", "teilen sie diesen artikel",
)  # fmt: skip
# Lines that introduce a teaser of another article (the teaser line is furniture too).
FURNITURE_TEASER_MARKERS = ("lesen sie auch", "lesen sie mehr", "auch interessant", "mehr dazu")

# Capitals whose government speaks for the country: "die Regierung in Kiew" -> Ukraine.
CAPITAL_OF = {
    "Berlin": "Deutschland", "Wien": "Österreich", "Bern": "Schweiz", "Paris": "Frankreich",
    "London": "Großbritannien", "Rom": "Italien", "Madrid": "Spanien", "Warschau": "Polen",
    "Moskau": "Russland", "Kiew": "Ukraine", "Kyjiw": "Ukraine", "Washington": "USA",
    "Peking": "China", "Tokio": "Japan", "Seoul": "Südkorea", "Pjöngjang": "Nordkorea",
    "Ankara": "Türkei", "Teheran": "Iran", "Jerusalem": "Israel", "Budapest": "Ungarn",
    "Prag": "Tschechien", "Den Haag": "Niederlande", "Brüssel": "Belgien", "Athen": "Griechenland",
    "Minsk": "Belarus", "Kairo": "Ägypten", "Neu-Delhi": "Indien", "Ottawa": "Kanada",
}  # fmt: skip
GOVERNMENT_NOUNS = {"regierung", "führung", "staatsführung", "administration", "regime"}
# Nouns that refer back to an organisation already named: "das Bündnis" -> Nato.
ORG_EPITHETS = {
    "bündnis", "bündnisses", "allianz", "militärbündnis", "verteidigungsbündnis",
    "verteidigungsbündnisses", "regierung", "bundesregierung", "ministerium", "konzern",
    "konzerns", "unternehmen", "unternehmens", "firma", "gewerkschaft", "partei", "behörde",
    "gericht", "gerichts", "verband", "verbands", "verbandes", "bank", "notenbank",
    "zentralbank", "kommission", "organisation", "institut", "instituts", "klub", "verein",
    "vereins", "stadt", "polizei", "armee", "streitkräfte", "luftwaffe",
}  # fmt: skip
