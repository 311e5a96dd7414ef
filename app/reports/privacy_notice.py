"""Information sheet under Art. 13 GDPR (Datenschutzhinweise), handed out at entry.

The Landkreis (or kreisfreie Stadt) from the office settings is the controller. The wording
is a sensible default; the controller's data protection officer should check it
(docs/domain.md, section 13, marks the retention rules as "check").
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from app.i18n import N_, _
from app.models.office_settings import OfficeSettings
from app.reports.bilingual import Labels
from app.reports.document import (
    CONTENT_WIDTH,
    DocumentInfo,
    build_pdf,
    styles,
    text_markup,
)
from app.vocab import Program

TITLE = N_("Information on data protection")
PURPOSES = (
    N_(
        "advice and support on your way into work or training, including the support plan "
        "agreed with you;"
    ),
    N_("placement into jobs, training and courses, and support during employment or training;"),
    N_(
        "proof and reporting of the funding: the project is funded by the European Social "
        "Fund Plus (ESF+) and the State of {state}. The European Union requires certain data "
        "on every participant at entry and at exit (Regulation (EU) 2021/1057);"
    ),
    N_("monitoring, evaluation and audit of the funding."),
)
LEGAL_BASES = (
    N_(
        "Art. 6(1)(e) and (3) GDPR with the data protection law of the State of {state}: "
        "performance of a task in the public interest (labour-market support under the "
        "ESF+ guideline REGIO AKTIV);"
    ),
    N_(
        "Art. 6(1)(c) and (e) GDPR with Regulations (EU) 2021/1057 and 2021/1060: the data "
        "the ESF+ requires at entry and at exit;"
    ),
    N_(
        "Art. 6(1)(a) GDPR, your consent: passing data on to other bodies (for example "
        "Jobcenter, school, employer) and contact by e-mail or messenger;"
    ),
    N_(
        "Art. 9(2)(a) GDPR, your explicit consent: information on health or disability. "
        "Giving it is voluntary."
    ),
    N_(
        "Where the coordination is part of a Jobcenter, the rules on social data "
        "(SGB I and SGB X) apply as well."
    ),
)
RECIPIENTS = (
    N_(
        "{approving_body} as approving body and the ESF+ managing authority of the State "
        "of {state}, to prove the funding;"
    ),
    N_(
        "audit bodies of the State, the Federal Government and the European Union (for "
        "example the audit authority, the European Commission, the European Court of "
        "Auditors), only as far as an audit requires;"
    ),
    N_("evaluators commissioned by the State, as a rule without your name;"),
    N_(
        "other bodies (Jobcenter, employment agency, immigration office, school, training "
        "company, employer, chamber, course providers, counselling services) only with your "
        "consent or where a law allows it."
    ),
)
RIGHTS = (
    N_("access to your data (Art. 15 GDPR),"),
    N_("rectification (Art. 16 GDPR),"),
    N_("erasure (Art. 17 GDPR), except for what must be kept as proof of the funding,"),
    N_("restriction of processing (Art. 18 GDPR),"),
    N_("objection to processing based on a public task (Art. 21 GDPR)."),
)


def render_privacy_notice(
    settings: OfficeSettings,
    *,
    participant_name: str = "",
    program: Program | None = None,
) -> bytes:
    """The Art. 13 sheet in German, with a receipt line for the participant's signature."""
    labels = Labels()
    st = styles()
    values = {
        "district": settings.district,
        "provider": settings.provider,
        "state": settings.state,
        "approving_body": settings.approving_body,
        "coordinator": settings.coordinator_name,
    }

    def para(msgid: str, style: str = "body") -> Paragraph:
        return Paragraph(text_markup(_(msgid).format(**values)), getattr(st, style))

    def heading(msgid: str) -> Paragraph:
        return Paragraph(text_markup(_(msgid)), st.heading)

    def bullets(msgids: tuple[str, ...]) -> list[Paragraph]:
        return [
            Paragraph(text_markup(_(m).format(**values)), st.bullet, bulletText="•") for m in msgids
        ]

    story: list[Flowable] = [
        Paragraph(text_markup(_(TITLE)), st.title),
        para(N_("under Art. 13 of the General Data Protection Regulation (GDPR)"), "subtitle"),
    ]
    if participant_name.strip():
        story.append(
            Paragraph(text_markup(_("For: {name}").format(name=participant_name.strip())), st.body)
        )
    story += [
        heading(N_("Controller")),
        Paragraph(f"<b>{text_markup(settings.district)}</b>", st.body),
        para(N_("The project is carried out by: {provider}")),
        para(N_("Your contact person: {coordinator}")),
        para(
            N_(
                "The contact details of the data protection officer are published on the "
                "controller's website; your contact person will also give them to you."
            )
        ),
        heading(N_("Purposes of processing")),
        para(N_("We process your personal data for")),
        *bullets(PURPOSES),
        heading(N_("Legal bases")),
        *bullets(LEGAL_BASES),
        heading(N_("Recipients")),
        *bullets(RECIPIENTS),
        para(N_("Your data are not transferred to countries outside the European Union.")),
        heading(N_("Storage period")),
        para(
            N_(
                "The data needed as proof of the ESF+ funding are kept for five years from "
                "31 December of the year of the last payment to the project (Art. 82 "
                "Regulation (EU) 2021/1060), longer where the controller's rules require "
                "it. Other data, for example notes of conversations, are reduced or deleted "
                "as soon as they are no longer needed, at the latest when your support ends."
            )
        ),
        heading(N_("Your rights")),
        para(N_("You have the right to")),
        *bullets(RIGHTS),
        para(
            N_(
                "You can withdraw a consent at any time with effect for the future; processing "
                "up to the withdrawal remains lawful (Art. 7(3) GDPR). You can complain to the "
                "supervisory authority, the State Commissioner for Data Protection of {state} "
                "(Art. 77 GDPR)."
            )
        ),
        heading(N_("Do you have to provide the data?")),
        para(
            N_(
                "Counselling is voluntary. The ESF+ data at entry are needed for a "
                "participation funded by the ESF+; without them the project cannot record "
                "your participation. Information on health, disability, foreign background "
                'or belonging to a minority is voluntary: you can always answer "not '
                'stated". There is no automated decision-making or profiling.'
            )
        ),
        Spacer(0, 6 * mm),
        _receipt(participant_name),
    ]
    info = DocumentInfo(_(TITLE), labels, program)
    return build_pdf(story, settings, info)


def _receipt(participant_name: str) -> KeepTogether:
    st = styles()
    line = Table([[""]], colWidths=[CONTENT_WIDTH / 2], rowHeights=[12 * mm], hAlign="LEFT")
    line.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.6, "black")]))
    caption = text_markup(_("Place, date, signature"))
    if participant_name.strip():
        caption += f"<br/>{text_markup(participant_name.strip())}"
    return KeepTogether(
        [
            Paragraph(text_markup(_("I have received this information.")), st.body),
            line,
            Spacer(0, 1.5 * mm),
            Paragraph(caption, st.small),
        ]
    )
