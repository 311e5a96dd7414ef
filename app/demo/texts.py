"""Texts for synthetic demo records: occupations, qualifications, notes, follow-ups, plans.

Everything here is invented; placeholders such as ``{occ}`` are filled per participant.
"""

from __future__ import annotations

# --- participants' profiles --------------------------------------------------------------

OCCUPATIONS = [
    "Fachkraft für Lagerlogistik",
    "Pflegehelfer:in",
    "Berufskraftfahrer:in",
    "Koch/Köchin",
    "Elektroniker:in",
    "Verkäufer:in",
    "Gebäudereiniger:in",
    "Kfz-Mechatroniker:in",
    "Friseur:in",
    "Tischler:in",
    "Maler:in und Lackierer:in",
    "Kaufmann/-frau im Einzelhandel",
    "Produktionshelfer:in",
    "Hotelfachmann/-frau",
    "Erzieher:in",
    "Lagerhelfer:in",
    "Küchenhilfe",
    "Bauhelfer:in",
    "Pflegefachkraft",
    "Schweißer:in",
    "Metallbauer:in",
    "Anlagenmechaniker:in SHK",
    "Fachinformatiker:in",
    "Bauingenieur:in",
    "Reinigungskraft",
]

# Full-time school courses of training (Berufsfachschule) and other school forms.
SCHOOL_COURSES: dict[str, tuple[tuple[str, str], ...]] = {
    "vocational_full_time": (
        ("Sozialassistent:in", "SA"),
        ("Kinderpfleger:in", "KP"),
        ("Pflegefachfrau/-mann", "PFL"),
        ("Kaufmännische:r Assistent:in", "KA"),
    ),
    "technical_secondary": (("", "FOST"), ("", "FOSW")),
    "trade_school": (("Staatlich geprüfte:r Techniker:in", "FST"),),
}
BVJ_FOCUS = ("Holz/Farbe", "Metall", "Ernährung/Hauswirtschaft", "Wirtschaft", "Gesundheit")

WORK_ACTIVITIES = (
    "Verkäufer:in im Familienbetrieb",
    "Bauhelfer:in",
    "Schneider:in",
    "Fahrer:in",
    "Lagerarbeiter:in",
    "Friseur:in",
    "Landwirtschaft",
    "Koch/Köchin in einem Restaurant",
    "Elektriker:in",
    "Lehrer:in an einer Grundschule",
    "Kfz-Mechaniker:in",
    "Reinigungskraft im Hotel",
    "Krankenpfleger:in",
    "Buchhalter:in",
    "Maurer:in",
)

# (title, reference occupation, regulated, competent body) by level of the qualification
FOREIGN_QUALIFICATIONS: dict[str, tuple[tuple[str, str, bool, str], ...]] = {
    "vocational": (
        ("Berufsausbildung Elektriker", "Elektroniker:in", False, "Handwerkskammer Musterland"),
        ("Berufsausbildung Schneiderin", "Maßschneider:in", False, "Handwerkskammer Musterland"),
        (
            "Krankenpflegeschule (Diplom)",
            "Pflegefachfrau/-mann",
            True,
            "Landesverwaltungsamt Sachsen-Anhalt",
        ),
        (
            "Berufsausbildung Kfz-Mechaniker",
            "Kfz-Mechatroniker:in",
            False,
            "Handwerkskammer Musterland",
        ),
        ("Berufsausbildung Buchhaltung", "Kaufmann/-frau für Büromanagement", False, "IHK FOSA"),
    ),
    "higher": (
        ("Bachelor Bauingenieurwesen", "Bauingenieur:in", True, "Ingenieurkammer Sachsen-Anhalt"),
        (
            "Bachelor Informatik",
            "Informatiker:in",
            False,
            "Zentralstelle für ausländisches Bildungswesen",
        ),
        (
            "Bachelor Betriebswirtschaft",
            "Betriebswirt:in",
            False,
            "Zentralstelle für ausländisches Bildungswesen",
        ),
        ("Diplom Lehramt Mathematik", "Lehrer:in", True, "Landesschulamt Sachsen-Anhalt"),
        ("Bachelor Pharmazie", "Apotheker:in", True, "Landesverwaltungsamt Sachsen-Anhalt"),
        ("Studium Humanmedizin", "Ärztin/Arzt", True, "Landesverwaltungsamt Sachsen-Anhalt"),
    ),
}

PLACEMENT_BARRIERS = (
    "",
    "",
    "Kinderbetreuung noch nicht gesichert",
    "keine Fahrerlaubnis, schlechte ÖPNV-Anbindung im Wohnort",
    "gesundheitliche Einschränkungen (Rücken), kein schweres Heben",
    "Deutschkenntnisse für die Wunschtätigkeit noch nicht ausreichend",
    "Schichtarbeit wegen Pflege eines Angehörigen nicht möglich",
    "ausländischer Abschluss noch nicht anerkannt",
    "Wohnsitzauflage schränkt den Suchradius ein",
)

PERFORMANCE = (
    "befriedigend, Fachpraxis gut",
    "ausreichend, Schwächen in Fachtheorie",
    "mangelhaft in Mathematik, sonst ausreichend",
    "gut, sehr engagiert",
    "schwankend, Leistungen abhängig von Fehlzeiten",
    "ausreichend, Fachsprache bereitet Schwierigkeiten",
)

OTHER_SUPPORT_SERVICES = (
    "",
    "",
    "",
    "Erziehungsbeistand (Jugendamt)",
    "AsA flex beim Bildungswerk",
    "Schuldnerberatung",
    "Jugendmigrationsdienst",
    "Betreutes Wohnen",
)

# --- notes, follow-ups, plans -------------------------------------------------------------

# (topic, content) for notes; {occ} target occupation, {emp} employer or training company,
# {school} school, {course} a course title.
NOTE_TOPICS_JOKO: tuple[tuple[str, str], ...] = (
    (
        "Erstgespräch",
        "Erstgespräch geführt: Lebenslauf, bisherige Tätigkeiten und Wunsch nach "
        "einer Stelle als {occ} besprochen.",
    ),
    ("Bewerbungsunterlagen", "Lebenslauf aktualisiert, Anschreiben für {occ} gemeinsam erstellt."),
    ("Bewerbungsunterlagen", "Bewerbung an {emp} verschickt, Zeugnisse als PDF beigefügt."),
    (
        "Stellensuche",
        "Passende Angebote als {occ} in der Jobbörse gesucht, drei Favoriten ausgewählt.",
    ),
    (
        "Stellenangebot",
        "Stellenangebot von {emp} vorgestellt; Interesse ist da, Arbeitsweg klären.",
    ),
    ("Vorstellungsgespräch", "Vorstellungsgespräch bei {emp} vorbereitet, Fragen geübt."),
    (
        "Vorstellungsgespräch",
        "Rückmeldung nach dem Gespräch bei {emp}: positiver Eindruck, Entscheidung folgt.",
    ),
    ("Probearbeit", "Probearbeit bei {emp} vereinbart, Arbeitskleidung organisiert."),
    ("Sprachkurs", "Anmeldung zum Kurs „{course}“ besprochen; Wartezeit ca. 6 Wochen."),
    ("Sprachkurs", "Kursträger meldet regelmäßige Teilnahme am Kurs „{course}“."),
    ("Jobcenter", "Abstimmung mit der Integrationsfachkraft zum Kooperationsplan."),
    ("Jobcenter", "Eingliederungszuschuss für die Stelle bei {emp} mit dem Jobcenter besprochen."),
    ("Anerkennung", "Unterlagen für die Anerkennung des Abschlusses gesichtet, Übersetzung fehlt."),
    (
        "Anerkennung",
        "Bescheid der zuständigen Stelle besprochen, Anpassungsqualifizierung als {occ} möglich.",
    ),
    ("Aufenthalt", "Termin bei der Ausländerbehörde wegen Verlängerung des Titels."),
    (
        "Aufenthalt",
        "Voraussetzungen für § 25b besprochen: Sicherung des Lebensunterhalts durch "
        "die Stelle als {occ}.",
    ),
    ("Kinderbetreuung", "Kita-Platz beantragt, damit die Teilnahme am Kurs möglich wird."),
    ("Führerschein", "Förderung des Führerscheins Klasse B beim Jobcenter angefragt."),
    ("Wohnen", "Wohnungssuche in der Nähe von {emp} besprochen, WBS-Antrag ausgefüllt."),
    ("Nachbetreuung", "Rückmeldung von {emp}: Einarbeitung läuft gut, Probezeit endet bald."),
    ("Nachbetreuung", "Gespräch mit {emp} über Schichtplan und Fachbegriffe am Arbeitsplatz."),
    ("Betriebsbesuch", "Besuch bei {emp}: Arbeitsplatz angesehen, Ansprechperson kennengelernt."),
)

NOTE_TOPICS_TRAINING: tuple[tuple[str, str], ...] = (
    (
        "Erstgespräch",
        "Erstgespräch an der {school}: Ausbildung als {occ}, Schwierigkeiten in "
        "der Berufsschule besprochen.",
    ),
    ("Schule", "Gespräch mit der Klassenleitung über Fehlzeiten und Leistungsstand."),
    ("Schule", "Zeugnisnoten besprochen; in Fachtheorie droht eine Fünf."),
    (
        "Fehlzeiten",
        "Unentschuldigte Fehltage im letzten Monat; Gründe besprochen, Weckdienst vereinbart.",
    ),
    ("Ausbildung", "Zwischenprüfung vorbereitet, Nachhilfe in Mathematik organisiert."),
    ("Ausbildung", "Ausbildungsnachweise (Berichtsheft) gemeinsam nachgeholt."),
    ("Betrieb", "Gespräch mit dem Ausbilder bei {emp}: Pünktlichkeit verbessert, Fachpraxis gut."),
    ("Betrieb", "Konflikt mit einer Kollegin bei {emp}; Vermittlungsgespräch vereinbart."),
    ("Betriebswechsel", "Möglicher Wechsel des Ausbildungsbetriebs besprochen, Kammer informiert."),
    ("Prüfung", "Prüfungsvorbereitung als {occ}: Lernplan bis zur Abschlussprüfung erstellt."),
    ("Sprachförderung", "Anmeldung zum Kurs „{course}“ besprochen."),
    ("Finanzen", "Antrag auf Berufsausbildungsbeihilfe ausgefüllt, Nachweise fehlen noch."),
    ("Wohnen", "Ärger in der Wohngruppe; Gespräch mit der Betreuerin geführt."),
    ("Familie", "Elterngespräch zur Ausbildung als {occ} geführt."),
    ("Berufsorientierung", "Praktikumsplätze als {occ} gesucht, Bewerbung an {emp} vorbereitet."),
)

NOTE_ADDITIONS = (
    "",
    "",
    "",
    " Nächster Termin in zwei Wochen.",
    " Unterlagen bis zum nächsten Termin mitbringen.",
    " Wirkte motiviert und gut vorbereitet.",
    " Termin wurde einmal verschoben.",
    " Dolmetscherin war telefonisch zugeschaltet.",
    " Rückmeldung per Messenger vereinbart.",
    " Wirkte müde und unkonzentriert; nachfragen.",
)

NOTE_AGREEMENTS = (
    "",
    "",
    "Unterlagen bis zum nächsten Termin vollständig mitbringen.",
    "Koordinator:in ruft beim Betrieb an.",
    "Teilnehmer:in meldet sich nach dem Gespräch.",
    "Bewerbungen wöchentlich per E-Mail weiterleiten.",
    "Termin beim Jobcenter gemeinsam wahrnehmen.",
    "Fehlzeiten werden sofort telefonisch gemeldet.",
)

ORGANIZATION_NOTES: tuple[tuple[str, str], ...] = (
    (
        "Akquise",
        "Telefonische Akquise bei {emp}: Bedarf an Helfer:innen und Fachkräften als {occ}.",
    ),
    ("Akquise", "Erstbesuch bei {emp}; Förderinstrumente (EGZ, Job-BSK) vorgestellt."),
    ("Stellenangebot", "{emp} meldet eine offene Stelle als {occ}, Anforderungen notiert."),
    ("Netzwerk", "Austausch mit {emp} über Einarbeitung von Beschäftigten mit wenig Deutsch."),
    ("Ausbildung", "{emp} bietet ab August einen Ausbildungsplatz als {occ} an."),
)

FOLLOW_UP_TITLES_JOKO = (
    "Rückmeldung von {emp} zur Bewerbung einholen",
    "Unterlagen für die Anerkennung nachreichen",
    "Termin mit der Integrationsfachkraft",
    "Nachfragen: Anmeldung zum Sprachkurs",
    "Bewerbungsunterlagen als {occ} fertigstellen",
    "Ausländerbehörde: Termin zur Verlängerung",
    "Probearbeit bei {emp} auswerten",
    "Kita-Platz: Zusage abwarten und nachfragen",
    "Nachbetreuung: Anruf bei {emp}",
)
FOLLOW_UP_TITLES_TRAINING = (
    "Gespräch mit der Klassenleitung",
    "Fehlzeiten prüfen",
    "Rückruf Ausbilder bei {emp}",
    "BAB-Antrag: fehlende Nachweise",
    "Nachhilfe: Rückmeldung einholen",
    "Elterngespräch vereinbaren",
    "Zwischenzeugnis besprechen",
    "Prüfungsanmeldung als {occ} kontrollieren",
)
FOLLOW_UP_TITLES_ORGANIZATION = (
    "Stellenangebot bei {emp} nachfassen",
    "Betriebsbesuch bei {emp} vereinbaren",
    "Infomaterial an {emp} senden",
    "EGZ-Antrag mit {emp} besprechen",
    "Job-BSK im Betrieb: Termin mit {emp} abstimmen",
)
PARTNER_NOTES: tuple[tuple[str, str], ...] = (
    ("Netzwerk", "Abstimmung mit {org} über gemeinsame Fälle und Ansprechpersonen."),
    ("Netzwerk", "Jour fixe mit {org}: neue Kursangebote und Termine im Quartal."),
    ("Ausbildung", "{org}: Ausbildungsberatung für Geflüchtete, freie Plätze besprochen."),
    ("Jobcenter", "{org}: Zuweisungen in das Projekt und Kooperationspläne abgestimmt."),
)
FOLLOW_UP_TITLES_PARTNER = (
    "Jour fixe mit {org} vorbereiten",
    "Protokoll an {org} schicken",
    "Ansprechpersonen bei {org} aktualisieren",
)
PARTNER_AGREEMENTS = (
    "",
    "Nächster Jour fixe im kommenden Quartal.",
    "Liste der gemeinsamen Fälle wird abgeglichen.",
    "Ansprechpersonen tauschen neue Kursangebote per E-Mail aus.",
)
ORGANIZATION_AGREEMENTS = (
    "",
    "Koordinator:in schickt bis Freitag passende Profile.",
    "Betrieb meldet neue Stellen direkt per E-Mail.",
    "Nächster Betriebsbesuch in vier Wochen.",
    "Infomaterial zum Eingliederungszuschuss wird zugeschickt.",
    "Probearbeitstage werden telefonisch abgestimmt.",
)
EMPLOYER_SUPPORT_NEEDS = (
    "",
    "",
    "Sprachförderung am Arbeitsplatz",
    "Hilfe bei Förderanträgen (EGZ)",
    "Einarbeitung mit Dolmetschunterstützung",
    "Unterstützung bei Behördengängen der Beschäftigten",
)

PLAN_TEXTS: dict[str, dict[str, tuple[str, ...]]] = {
    "joko": {
        "situation": (
            "Seit {months} Monaten arbeitsuchend, SGB-II-Bezug, Deutsch auf Niveau {level}.",
            "Berufserfahrung im Herkunftsland, in Deutschland bisher nur Helfertätigkeiten.",
            "Alleinerziehend, zwei Kinder, Kinderbetreuung teilweise gesichert.",
        ),
        "strengths": (
            "zuverlässig, handwerkliches Geschick, hohe Motivation",
            "mehrsprachig, freundliches Auftreten, Erfahrung im Verkauf",
            "körperlich belastbar, Führerschein aus dem Herkunftsland",
        ),
        "needs": (
            "Deutschkenntnisse für den Beruf, Anerkennung des Abschlusses",
            "Kinderbetreuung, Mobilität",
            "Bewerbungsunterlagen, Kenntnis des Arbeitsmarkts",
        ),
        "aim": (
            "Aufnahme einer sozialversicherungspflichtigen Beschäftigung als {occ}",
            "Einstieg in eine Ausbildung oder Teilqualifizierung als {occ}",
        ),
        "agreements": (
            "Teilnehmer:in bewirbt sich wöchentlich; Koordinator:in vermittelt Kontakte zu "
            "Betrieben.",
            "Teilnahme am Sprachkurs ist verbindlich; Fehlzeiten werden gemeldet.",
        ),
    },
    "training": {
        "situation": (
            "{months} Monate in der Ausbildung, {level} Fehlstunden im laufenden Halbjahr.",
            "Leistungen in Fachtheorie gefährdet, Betrieb ist zufrieden mit der Praxis.",
            "Konflikte im Betrieb, Ausbildungsverhältnis ist gefährdet.",
        ),
        "strengths": (
            "praktisch begabt, hilfsbereit, pünktlich im Betrieb",
            "gute Unterstützung durch die Familie, klare Berufswahl",
            "kommunikativ, belastbar, gute Noten in Fachpraxis",
        ),
        "needs": (
            "Fachsprache, Mathematik, Lernorganisation",
            "Pünktlichkeit, Tagesstruktur, Wohnsituation",
            "Finanzierung (BAB), Konflikt mit dem Ausbilder",
        ),
        "aim": (
            "Ausbildung als {occ} stabilisieren und Zwischenprüfung bestehen",
            "Ausbildungsabbruch vermeiden, Abschluss als {occ} erreichen",
            "Nach dem BVJ in eine Ausbildung als {occ} wechseln",
        ),
        "agreements": (
            "Schüler:in meldet Fehlzeiten sofort; Koordinator:in hält Kontakt zur Schule.",
            "Nachhilfe wird regelmäßig besucht; Betrieb gibt monatlich Rückmeldung.",
        ),
    },
}

# (goal, indicator) for support plans
GOALS: dict[str, tuple[tuple[str, str], ...]] = {
    "joko": (
        ("Deutschkenntnisse auf B1 verbessern", "DTZ B1 bestanden"),
        ("Bewerbungsunterlagen vervollständigen", "Lebenslauf und Anschreiben liegen vor"),
        ("Anerkennung des Abschlusses einleiten", "Antrag bei der zuständigen Stelle gestellt"),
        ("Beschäftigung als {occ} aufnehmen", "Arbeitsvertrag unterschrieben"),
        ("Führerschein Klasse B erwerben", "Prüfung bestanden"),
        ("Kinderbetreuung sichern", "Kita-Platz zugesagt"),
        ("Probezeit erfolgreich bestehen", "Übernahme nach der Probezeit"),
    ),
    "training": (
        ("Fehlzeiten reduzieren", "unentschuldigte Fehlzeiten unter 5 Stunden im Monat"),
        ("Zwischenprüfung bestehen", "Ergebnis mindestens ausreichend"),
        ("Fachsprache verbessern", "Teilnahme am Azubi-BSK, Test B1"),
        ("Konflikt im Betrieb klären", "Vereinbarung schriftlich festgehalten"),
        ("Lebensunterhalt sichern", "BAB bewilligt"),
        ("Noten in Fachtheorie verbessern", "Note 4 oder besser im Halbjahreszeugnis"),
        ("Wohnsituation stabilisieren", "eigene Wohnung oder Platz im betreuten Wohnen"),
    ),
}

# (step, responsible)
STEPS: dict[str, tuple[tuple[str, str], ...]] = {
    "joko": (
        ("Anmeldung zum Sprachkurs", "Koordinator:in"),
        ("Lebenslauf überarbeiten", "Teilnehmer:in"),
        ("Zeugnisse übersetzen lassen", "Teilnehmer:in"),
        ("Termin beim Jobcenter abstimmen", "Koordinator:in"),
        ("Drei Bewerbungen pro Woche", "Teilnehmer:in"),
        ("Kontakt zum Betrieb herstellen", "Koordinator:in"),
    ),
    "training": (
        ("Nachhilfe bei AsA flex beantragen", "Koordinator:in"),
        ("Lernplan führen", "Schüler:in"),
        ("Gespräch mit der Klassenleitung", "Koordinator:in"),
        ("Berichtsheft wöchentlich vorlegen", "Schüler:in"),
        ("Vermittlungsgespräch im Betrieb", "Ausbildungsbetrieb"),
        ("BAB-Antrag stellen", "Schüler:in"),
    ),
}

GOAL_RESULT_REASONS = (
    "",
    "Kurs begann später als geplant.",
    "Krankheit im Prüfungszeitraum.",
    "Ziel wurde im Gespräch angepasst.",
)

# Course titles by kind; the builder adds the place and the month of the start.
COURSE_TITLES: dict[str, tuple[str, ...]] = {
    "integration_general": (
        "Integrationskurs allgemein",
        "Integrationskurs allgemein (Vormittagskurs)",
        "Integrationskurs allgemein (Nachmittagskurs)",
    ),
    "integration_youth": ("Jugendintegrationskurs",),
    "integration_parents": (
        "Eltern-Integrationskurs",
        "Eltern-Integrationskurs mit Kinderbetreuung",
    ),
    "integration_women": ("Frauen-Integrationskurs", "Frauen-Integrationskurs mit Kinderbetreuung"),
    "integration_remedial": ("Förderkurs",),
    "integration_literacy": ("Integrationskurs mit Alphabetisierung", "Alphabetisierungskurs"),
    "integration_second_script": ("Integrationskurs für Zweitschriftlernende",),
    "integration_intensive": ("Intensivkurs", "Intensiv-Integrationskurs"),
    "bsk_basic_b2": ("Berufssprachkurs B2", "Berufssprachkurs Basis B2"),
    "bsk_basic_c1": ("Berufssprachkurs C1", "Berufssprachkurs Basis C1"),
    "bsk_basic_c2": ("Berufssprachkurs C2",),
    "bsk_special_a2": ("Spezialkurs A2", "Berufssprachkurs Spezial A2"),
    "bsk_special_b1": ("Spezialkurs B1", "Berufssprachkurs Spezial B1"),
    "bsk_professional": (
        "Fach-BSK Gesundheitsberufe",
        "Fach-BSK Pflege",
        "Fach-BSK Kaufmännische Berufe",
        "Fach-BSK Gewerblich-technische Berufe",
    ),
    "bsk_apprentice": (
        "Azubi-BSK",
        "Azubi-BSK Handwerk",
        "Azubi-BSK Pflege und Gesundheit",
        "Azubi-BSK Kaufmännische Berufe",
    ),
    "bsk_recognition": ("BSK im Anerkennungsverfahren", "BSK Anerkennung Gesundheitsberufe"),
    "job_bsk": ("Job-BSK", "Job-BSK Deutsch am Arbeitsplatz"),
    "further_training": (
        "Weiterbildung Gabelstapler und Lagerlogistik",
        "Umschulung Fachkraft für Lagerlogistik",
        "Schweißerlehrgang MAG",
        "Berufskraftfahrer-Grundqualifikation",
        "Basiskurs Pflegehilfe",
        "Sicherheitsmitarbeiter:in (§ 34a GewO)",
        "CNC-Grundlehrgang",
        "Kaufmännische Grundlagen und SAP",
    ),
    "adaptation": (
        "Anpassungsqualifizierung Pflege",
        "Vorbereitung auf die Kenntnisprüfung Pflege",
        "Anpassungslehrgang Elektrotechnik",
        "Anpassungsqualifizierung Erzieher:in",
    ),
    "partial_qualification": (
        "Teilqualifizierung Lager TQ1",
        "Teilqualifizierung Fachlagerist:in TQ2",
        "Teilqualifizierung Maschinen- und Anlagenführer:in TQ1",
        "Teilqualifizierung Verkauf TQ1",
        "Teilqualifizierung Gastronomie TQ1",
    ),
    "driving_licence": (
        "Führerschein Klasse B",
        "Führerschein Klasse B mit Sprachunterstützung",
        "Führerschein Klasse C/CE",
    ),
    "other": ("Bewerbungstraining", "PC-Grundkurs", "Orientierung auf dem Arbeitsmarkt"),
}

# Why someone left a course early (Enrollment.dropout_reason).
DROPOUT_REASONS = (
    "Umzug",
    "Arbeitsaufnahme",
    "Kinderbetreuung nicht gesichert",
    "Krankheit",
    "Schwangerschaft",
    "Kurszeiten mit der Arbeit nicht vereinbar",
    "Überforderung, Wechsel in einen Kurs mit niedrigerem Niveau geplant",
    "Pflege eines Angehörigen",
    "Fahrtweg zu lang",
    "ohne Angabe von Gründen nicht mehr erschienen",
)

EMPLOYMENT_SUBSIDIES = ("", "", "", "Eingliederungszuschuss", "Job-BSK beim Arbeitgeber")
REJECTION_REASONS = (
    "Deutschkenntnisse nicht ausreichend",
    "Arbeitszeiten passen nicht zur Kinderbetreuung",
    "anderer Bewerber genommen",
    "Arbeitsweg zu weit",
    "Teilnehmer:in hat abgesagt",
)
