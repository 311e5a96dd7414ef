"""Invented organisations for synthetic demo data: kinds of companies, partners, functions.

No real companies: business types (with their jobs and apprenticeships) and name parts from
which company names are made, the fixed partners of the network (job centres, schools,
chambers, providers, counselling services) and the functions of their contact persons.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BusinessType:
    """A kind of company: how it is named, its branch, chamber, jobs and apprenticeships."""

    prefix: str
    branch: str
    chamber: str  # "IHK", "HWK" or "" (none)
    jobs: tuple[tuple[str, str], ...]  # (occupation, SkillLevel code)
    apprenticeships: tuple[tuple[str, str, float], ...] = ()  # (occupation, class code, years)
    named_after: str = "person"  # "person": "Bäckerei Schulze"; "word": "Hotel Zur Post"


BUSINESS_TYPES: tuple[BusinessType, ...] = (
    BusinessType(
        "Bäckerei",
        "Lebensmittelhandwerk",
        "HWK",
        (("Bäcker:in", "skilled"), ("Verkäufer:in", "skilled"), ("Produktionshelfer:in", "helper")),
        (("Bäcker:in", "BAE", 3), ("Fachverkäufer:in im Lebensmittelhandwerk", "FVL", 3)),
    ),
    BusinessType(
        "Fleischerei",
        "Lebensmittelhandwerk",
        "HWK",
        (("Fleischer:in", "skilled"), ("Verkäufer:in", "skilled")),
        (("Fleischer:in", "FL", 3),),
    ),
    BusinessType(
        "Pflegedienst",
        "Gesundheit und Pflege",
        "",
        (("Pflegehelfer:in", "helper"), ("Pflegefachkraft", "skilled")),
        named_after="word",
    ),
    BusinessType(
        "Seniorenresidenz",
        "Gesundheit und Pflege",
        "",
        (("Pflegehelfer:in", "helper"), ("Pflegefachkraft", "skilled"), ("Küchenhilfe", "helper")),
        named_after="word",
    ),
    BusinessType(
        "Elektro",
        "Elektrohandwerk",
        "HWK",
        (("Elektroniker:in", "skilled"), ("Helfer:in Elektroinstallation", "helper")),
        (("Elektroniker:in für Energie- und Gebäudetechnik", "ELT", 3.5),),
    ),
    BusinessType(
        "Logistikzentrum",
        "Logistik",
        "IHK",
        (
            ("Fachkraft für Lagerlogistik", "skilled"),
            ("Lagerhelfer:in", "helper"),
            ("Berufskraftfahrer:in", "skilled"),
        ),
        (("Fachkraft für Lagerlogistik", "FLL", 3), ("Fachlagerist:in", "FLA", 2)),
    ),
    BusinessType(
        "Spedition",
        "Transport und Logistik",
        "IHK",
        (("Berufskraftfahrer:in", "skilled"), ("Lagerhelfer:in", "helper")),
        (("Berufskraftfahrer:in", "BKF", 3),),
    ),
    BusinessType(
        "Hotel",
        "Gastgewerbe",
        "IHK",
        (
            ("Hotelfachmann/-frau", "skilled"),
            ("Koch/Köchin", "skilled"),
            ("Küchenhilfe", "helper"),
            ("Reinigungskraft", "helper"),
        ),
        (("Hotelfachmann/-frau", "HOF", 3), ("Koch/Köchin", "KO", 3)),
        named_after="word",
    ),
    BusinessType(
        "Gasthaus",
        "Gastgewerbe",
        "IHK",
        (("Koch/Köchin", "skilled"), ("Küchenhilfe", "helper"), ("Servicekraft", "helper")),
        (("Koch/Köchin", "KO", 3), ("Fachkraft Küche", "FKK", 2)),
        named_after="word",
    ),
    BusinessType(
        "Autohaus",
        "Kfz-Handwerk",
        "HWK",
        (("Kfz-Mechatroniker:in", "skilled"), ("Fahrzeugpfleger:in", "helper")),
        (("Kfz-Mechatroniker:in", "KFZ", 3.5), ("Automobilkaufmann/-frau", "AK", 3)),
    ),
    BusinessType(
        "Kfz-Werkstatt",
        "Kfz-Handwerk",
        "HWK",
        (("Kfz-Mechatroniker:in", "skilled"), ("Reifenmonteur:in", "helper")),
        (("Kfz-Mechatroniker:in", "KFZ", 3.5),),
    ),
    BusinessType(
        "Gebäudereinigung",
        "Gebäudedienste",
        "HWK",
        (("Gebäudereiniger:in", "skilled"), ("Reinigungskraft", "helper")),
        (("Gebäudereiniger:in", "GR", 3),),
    ),
    BusinessType(
        "Metallbau",
        "Metallhandwerk",
        "HWK",
        (
            ("Metallbauer:in", "skilled"),
            ("Schweißer:in", "skilled"),
            ("Produktionshelfer:in", "helper"),
        ),
        (("Metallbauer:in", "MB", 3.5),),
    ),
    BusinessType(
        "Tischlerei",
        "Holzhandwerk",
        "HWK",
        (("Tischler:in", "skilled"), ("Helfer:in Holzbearbeitung", "helper")),
        (("Tischler:in", "TI", 3),),
    ),
    BusinessType(
        "Malerbetrieb",
        "Ausbauhandwerk",
        "HWK",
        (("Maler:in und Lackierer:in", "skilled"), ("Bauhelfer:in", "helper")),
        (("Maler:in und Lackierer:in", "ML", 3),),
    ),
    BusinessType(
        "Friseursalon",
        "Friseurhandwerk",
        "HWK",
        (("Friseur:in", "skilled"),),
        (("Friseur:in", "FR", 3),),
    ),
    BusinessType(
        "Supermarkt",
        "Einzelhandel",
        "IHK",
        (
            ("Verkäufer:in", "skilled"),
            ("Kaufmann/-frau im Einzelhandel", "skilled"),
            ("Regalauffüller:in", "helper"),
        ),
        (("Verkäufer:in", "VK", 2), ("Kaufmann/-frau im Einzelhandel", "KE", 3)),
    ),
    BusinessType(
        "Gartenbau",
        "Garten- und Landschaftsbau",
        "",
        (("Gärtner:in", "skilled"), ("Helfer:in Garten- und Landschaftsbau", "helper")),
    ),
    BusinessType(
        "Agrargenossenschaft",
        "Landwirtschaft",
        "",
        (("Landwirt:in", "skilled"), ("Helfer:in Landwirtschaft", "helper")),
        named_after="word",
    ),
    BusinessType(
        "Kita",
        "Erziehung und Betreuung",
        "",
        (("Erzieher:in", "skilled"), ("Kinderpfleger:in", "skilled")),
        named_after="word",
    ),
    BusinessType(
        "Kunststofftechnik",
        "Industrie",
        "IHK",
        (
            ("Verfahrensmechaniker:in", "skilled"),
            ("Maschinen- und Anlagenführer:in", "skilled"),
            ("Produktionshelfer:in", "helper"),
        ),
        (("Verfahrensmechaniker:in Kunststoff", "VMK", 3), ("Industriemechaniker:in", "IM", 3.5)),
    ),
    BusinessType(
        "IT-Service",
        "Informationstechnik",
        "IHK",
        (("Fachinformatiker:in", "skilled"), ("IT-Systemadministrator:in", "specialist")),
        (("Fachinformatiker:in Systemintegration", "FI", 3),),
    ),
    BusinessType(
        "Bauunternehmen",
        "Bauhauptgewerbe",
        "HWK",
        (("Maurer:in", "skilled"), ("Bauhelfer:in", "helper"), ("Bauingenieur:in", "expert")),
        (("Maurer:in", "MA", 3), ("Hochbaufacharbeiter:in", "HBF", 2)),
    ),
    BusinessType(
        "Haustechnik",
        "SHK-Handwerk",
        "HWK",
        (
            ("Anlagenmechaniker:in SHK", "skilled"),
            ("Techniker:in Versorgungstechnik", "specialist"),
        ),
        (("Anlagenmechaniker:in SHK", "AM", 3.5),),
    ),
    BusinessType(
        "Personalservice",
        "Arbeitnehmerüberlassung",
        "IHK",
        (("Produktionshelfer:in", "helper"), ("Lagerhelfer:in", "helper")),
    ),
)

COMPANY_WORDS = (
    "Zur Post",
    "Sonnenschein",
    "Am Park",
    "Regenbogen",
    "Zum Löwen",
    "Elbblick",
    "Harzblick",
    "Lindenhof",
    "Am Stadttor",
    "Saaletal",
    "Bördeland",
    "Altmark",
    "Zum Goldenen Hirsch",
    "Abendrot",
    "Kleeblatt",
    "Am Brühl",
    "Mitteldeutschland",
    "Auenland",
)
LEGAL_FORMS = ("", "", " GmbH", " GmbH", " e. K.", " GmbH & Co. KG", " & Söhne", " OHG")

# Fixed partners of the network.
JOBCENTERS = (
    "Jobcenter Landkreis Musterland",
    "Jobcenter Landkreis Musterland – Geschäftsstelle Nord",
    "Jobcenter Landkreis Musterland – Geschäftsstelle Süd",
)
SCHOOLS = (
    "BBS I Musterland – Technik",
    "BBS II Musterland – Wirtschaft und Verwaltung",
    "BBS III Musterland – Gesundheit und Soziales",
    "BBS Am Elbufer",
)
CHAMBERS = {
    "IHK": "Industrie- und Handelskammer Musterland",
    "HWK": "Handwerkskammer Musterland",
}
# Education providers with what they teach (the course groups of network.course_group).
EDUCATION_PROVIDERS: tuple[tuple[str, frozenset[str]], ...] = (
    ("Bildungswerk Musterland e. V.", frozenset({"integration", "bsk", "training", "other"})),
    ("Sprachschule Brückenschlag", frozenset({"integration", "bsk", "job_bsk"})),
    ("Akademie für Pflege und Soziales Musterland", frozenset({"care", "bsk"})),
    ("Fahrschule Vorfahrt", frozenset({"driving"})),
    ("Volkshochschule Landkreis Musterland", frozenset({"integration", "bsk", "other"})),
    ("Sprachinstitut Elbe-Börde", frozenset({"integration", "bsk", "job_bsk"})),
    ("Berufsförderungswerk Musterland gGmbH", frozenset({"training", "care"})),
    ("Bildungszentrum des Handwerks Musterland", frozenset({"training", "bsk", "job_bsk"})),
    ("Qualifizierungszentrum Auenland GmbH", frozenset({"training", "other"})),
    ("Fahrschule Grüne Welle", frozenset({"driving"})),
)
COUNSELLING_SERVICES = (
    "Migrationsberatung für Erwachsene Musterland",
    "Jugendmigrationsdienst Musterland",
    "Schuldner- und Insolvenzberatung Musterland",
    "Anerkennungsberatung Sachsen-Anhalt Süd",
)
EMPLOYMENT_AGENCY = "Agentur für Arbeit Musterland"
YOUTH_EMPLOYMENT_AGENCY = "Jugendberufsagentur Musterland"
OTHER_PARTNERS = (
    "Ausländerbehörde Landkreis Musterland",
    "Jugendamt Landkreis Musterland",
)

CONTACT_FUNCTIONS: dict[str, tuple[str, ...]] = {
    "employer": ("Geschäftsführung", "Personalabteilung", "Teamleitung"),
    "training_company": ("Ausbilder:in", "Geschäftsführung", "Personalabteilung"),
    "school": ("Klassenleitung", "Klassenleitung", "Schulsozialarbeit"),
    "chamber": ("Ausbildungsberatung", "Willkommenslotse", "Ausbildungsberatung"),
    "job_center": ("Integrationsfachkraft", "Integrationsfachkraft", "Arbeitgeberservice"),
    "employment_agency": ("Berufsberatung", "Reha-Beratung", "Arbeitgeberservice"),
    "education_provider": ("Kursleitung", "Verwaltung", "Sozialpädagogische Begleitung"),
    "counselling_service": ("Beratung", "Leitung", "Beratung"),
    "youth_employment_agency": ("Koordination", "Berufsberatung", "Jugendhilfe"),
    "other": ("Sachbearbeitung", "Leitung", "Sachbearbeitung"),
}
