"""Texts for the Ausbildungsmanagement records of the demo: Fehlzeiten, Förderbedarfs-
ermittlungen and Fallkonferenzen. Everything here is invented.
"""

from __future__ import annotations

# Notes on an absence; most absences carry none.
EXCUSED_ABSENCE_NOTES = (
    "",
    "",
    "",
    "",
    "Krankmeldung liegt vor",
    "Attest nachgereicht",
    "Arzttermin",
    "Termin bei der Ausländerbehörde",
    "vom Betrieb freigestellt",
    "Beerdigung in der Familie",
)
UNEXCUSED_ABSENCE_NOTES = (
    "",
    "",
    "ohne Entschuldigung",
    "verschlafen",
    "Entschuldigung fehlt",
    "nach der Pause nicht wiedergekommen",
    "Attest zu spät eingereicht, nicht anerkannt",
)

# A short note per need area and level (none, low, medium, high) of a needs assessment.
NEED_NOTES: dict[str, dict[str, tuple[str, ...]]] = {
    "subject": {
        "none": ("", "Leistungen in Fachtheorie und Fachpraxis ausreichend"),
        "low": ("Lücken in Fachrechnen", "Fachtheorie gelegentlich unsicher"),
        "medium": (
            "Fachtheorie ausreichend bis mangelhaft, Nachhilfe sinnvoll",
            "Schwierigkeiten in Mathematik und Technologie",
        ),
        "high": (
            "Versetzung gefährdet, Zwischenprüfung nicht bestanden",
            "mehrere Fünfen im Halbjahreszeugnis",
        ),
    },
    "language": {
        "none": ("", "Deutsch als Erstsprache, keine Einschränkung"),
        "low": ("Fachbegriffe teilweise unklar", "schriftlicher Ausdruck unsicher"),
        "medium": (
            "versteht Aufgabenstellungen in Prüfungen nicht immer",
            "Fachsprache auf A2/B1, Azubi-BSK empfohlen",
        ),
        "high": (
            "Deutsch auf A2, Unterricht kaum zu folgen",
            "Lesen und Schreiben sehr unsicher, Alphabetisierung prüfen",
        ),
    },
    "personal_social": {
        "none": ("", "stabil, gut in die Klasse eingebunden"),
        "low": ("gelegentlich unpünktlich", "zurückhaltend in der Klasse"),
        "medium": (
            "Motivationsprobleme, zweifelt an der Berufswahl",
            "Konflikte mit Mitschüler:innen",
        ),
        "high": (
            "belastende familiäre Situation, Jugendamt eingebunden",
            "psychische Belastung, Beratung dringend",
        ),
    },
    "organisational": {
        "none": ("", "kommt mit Stundenplan und Berichtsheft zurecht"),
        "low": ("Berichtsheft unvollständig", "Termine werden manchmal vergessen"),
        "medium": (
            "langer Schulweg ohne ÖPNV-Anbindung am frühen Morgen",
            "Unterlagen für Anträge fehlen regelmäßig",
        ),
        "high": (
            "keine feste Wohnadresse, Post kommt nicht an",
            "Tagesstruktur fehlt, häufig verschlafen",
        ),
    },
    "financial": {
        "none": ("", "Ausbildungsvergütung reicht"),
        "low": ("Fahrtkosten belasten", "Arbeitsmaterial selbst zu bezahlen"),
        "medium": ("BAB-Antrag nötig", "Mietrückstand, Schuldnerberatung empfohlen"),
        "high": ("Schulden, Kontopfändung", "Lebensunterhalt nicht gesichert"),
    },
}

# (topic, content) of a Fallkonferenz; {orgs} names the organisations taking part.
CASE_CONFERENCE_TOPICS: dict[str, tuple[tuple[str, str], ...]] = {
    "training": (
        (
            "Fallkonferenz",
            "Fallkonferenz mit {orgs}: Fehlzeiten und Leistungsstand besprochen, Hilfen "
            "abgestimmt.",
        ),
        (
            "Fallkonferenz",
            "Fallkonferenz mit {orgs} zum drohenden Ausbildungsabbruch; Nachhilfe über AsA flex "
            "und wöchentliche Rückmeldung vereinbart.",
        ),
        (
            "Fallkonferenz",
            "Runder Tisch mit {orgs}: Betriebswechsel geprüft, Ausbildung wird zunächst "
            "fortgesetzt.",
        ),
        (
            "Fallkonferenz",
            "Fallkonferenz mit {orgs}: Wohnsituation und Finanzierung geklärt, BAB-Antrag "
            "gemeinsam gestellt.",
        ),
    ),
    "joko": (
        (
            "Fallkonferenz",
            "Fallkonferenz mit {orgs}: nächste Schritte zur Arbeitsaufnahme abgestimmt.",
        ),
        (
            "Fallkonferenz",
            "Fallkonferenz mit {orgs}: Sprachkurs, Kinderbetreuung und Bewerbungen "
            "aufeinander abgestimmt.",
        ),
        (
            "Fallkonferenz",
            "Gemeinsames Gespräch mit {orgs} zur Anerkennung des Abschlusses und zur "
            "Finanzierung der Anpassungsqualifizierung.",
        ),
    ),
}
CASE_CONFERENCE_AGREEMENTS = (
    "Koordinator:in lädt in acht Wochen zur nächsten Fallkonferenz ein.",
    "Alle Beteiligten melden Veränderungen direkt an die Koordination.",
    "Protokoll geht an alle Beteiligten; Einwilligung liegt vor.",
    "Nächstes Gespräch nach den Zwischenzeugnissen.",
)
