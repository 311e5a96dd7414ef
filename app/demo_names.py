"""Name and place lists for synthetic demo data (no real persons)."""

from __future__ import annotations

# (first names, last names, nationality ISO code, first language ISO 639-1)
NAME_POOLS: list[tuple[list[str], list[str], str, str]] = [
    (
        ["Ahmad", "Mohammed", "Rania", "Yasmin", "Omar", "Layla", "Khaled", "Nour", "Samir"],
        ["Al-Hassan", "Haddad", "Khalil", "Mansour", "Nasser", "Saleh", "Darwish", "Youssef"],
        "SY",
        "ar",
    ),
    (
        ["Olena", "Andrij", "Iryna", "Oleksandr", "Natalija", "Dmytro", "Олена", "Андрій"],
        ["Kovalenko", "Shevchenko", "Bondarenko", "Коваленко", "Шевченко", "Мельник", "Ткаченко"],
        "UA",
        "uk",
    ),
    (
        ["Şükrü", "Ayşe", "Gülşen", "Doğan", "Çağla", "Mehmet", "Özlem", "Ömer", "Ağah"],
        ["Şahin", "Ağaoğlu", "Yıldız", "Öztürk", "Çelik", "Doğru", "Kılıç", "Güneş"],
        "TR",
        "tr",
    ),
    (
        ["Łukasz", "Małgorzata", "Paweł", "Żaneta", "Wojciech", "Agnieszka", "Bartłomiej"],
        ["Żółć", "Wiśniewski", "Kowalczyk", "Łuczak", "Nowak", "Dąbrowska", "Szczęsny"],
        "PL",
        "pl",
    ),
    (
        ["Mohammad", "Farida", "Ahmad Shah", "Zahra", "Hamid", "Mariam", "Nasrin"],
        ["Ahmadi", "Rahimi", "Hosseini", "Karimi", "Noori", "Sultani", "Popal"],
        "AF",
        "fa",
    ),
    (
        ["Abdi", "Hodan", "Yusuf", "Amina", "Dawit", "Selam", "Tesfaye", "Hiwot"],
        ["Mohamed", "Abdullahi", "Tesfamariam", "Gebremedhin", "Hailu", "Warsame"],
        "ER",
        "ti",
    ),
    (
        ["Lukas", "Jana", "Paul", "Marie", "Jonas", "Lea", "Finn", "Sophie", "Kevin", "Chantal"],
        ["Müller", "Schröder", "Weiß", "Straßer", "Köhler", "Bäcker", "Groß", "Schmidt", "Krüger"],
        "DE",
        "de",
    ),
    (
        ["Ion", "Elena", "Andrei", "Ioana", "Nikola", "Milica", "Đorđe", "Jelena"],
        ["Popescu", "Ionescu", "Đukić", "Petrović", "Stanić", "Munteanu"],
        "RO",
        "ro",
    ),
]

# (PLZ, Ort, rural) in Sachsen-Anhalt
PLACES: list[tuple[str, str, bool]] = [
    ("06108", "Halle (Saale)", False),
    ("06120", "Halle (Saale)", False),
    ("39104", "Magdeburg", False),
    ("39112", "Magdeburg", False),
    ("06844", "Dessau-Roßlau", False),
    ("38820", "Halberstadt", False),
    ("38855", "Wernigerode", False),
    ("06484", "Quedlinburg", False),
    ("06526", "Sangerhausen", True),
    ("29410", "Salzwedel", True),
    ("39576", "Stendal", False),
    ("06618", "Naumburg (Saale)", False),
    ("06667", "Weißenfels", False),
    ("06217", "Merseburg", False),
    ("39418", "Staßfurt", True),
    ("06917", "Jessen (Elster)", True),
    ("39345", "Haldensleben", True),
    ("06385", "Aken (Elbe)", True),
]

STREETS = [
    "Hauptstraße",
    "Bahnhofstraße",
    "Am Markt",
    "Lindenweg",
    "Schillerstraße",
    "Goethestraße",
    "Magdeburger Straße",
    "Große Ulrichstraße",
    "Friedensstraße",
    "Straße der Einheit",
    "Breiter Weg",
    "Am Wasserturm",
]

EMPLOYER_NAMES = [
    "Bäckerei Schulze",
    "Pflegedienst Sonnenschein",
    "Elektro Köhler GmbH",
    "Logistikzentrum Mitteldeutschland",
    "Hotel Zur Post",
    "Gartenbau Grünwald",
    "Autohaus Weiß",
    "Reinigungsservice Blitzblank",
    "Metallbau Krüger & Söhne",
    "Seniorenresidenz Am Park",
    "Gasthaus Zum Löwen",
    "Tischlerei Holzmann",
    "Spedition Elbe-Saale",
    "Friseursalon Haarmonie",
    "Malerbetrieb Farbenfroh",
    "Kfz-Werkstatt Schraube",
    "Landwirtschaftsbetrieb Börde",
    "Supermarkt Frischecke",
    "IT-Service Harz",
    "Kita Regenbogen",
]

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
]

NOTE_TOPICS = [
    ("Bewerbungsunterlagen", "Lebenslauf aktualisiert, Anschreiben für {occ} gemeinsam erstellt."),
    ("Sprachkurs", "Anmeldung zum Berufssprachkurs B1 besprochen; Wartezeit ca. 6 Wochen."),
    ("Jobcenter", "Abstimmung mit der Integrationsfachkraft zum Kooperationsplan."),
    ("Betriebsbesuch", "Besuch bei {emp}: Probearbeit vereinbart, Arbeitszeiten geklärt."),
    ("Anerkennung", "Unterlagen für die Anerkennung des Abschlusses gesichtet, Übersetzung fehlt."),
    ("Aufenthalt", "Termin bei der Ausländerbehörde wegen Verlängerung des Titels."),
    ("Schule", "Gespräch mit der Klassenleitung über Fehlzeiten und Leistungsstand."),
    ("Ausbildung", "Zwischenprüfung vorbereitet, Nachhilfe in Mathematik organisiert."),
    ("Kinderbetreuung", "Kita-Platz beantragt, damit die Teilnahme am Kurs möglich wird."),
    ("Nachbetreuung", "Rückmeldung aus dem Betrieb: Einarbeitung läuft gut, Probezeit endet bald."),
]
