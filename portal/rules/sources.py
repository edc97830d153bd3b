"""Named Sources the rules cite: law articles and official pages people can open, and seed lines.

One place for citations, so a corrected article or line is fixed once. No rule logic here.
A Source with a law we know (portal/rules/laws.py) links to wetten.overheid.nl by itself; an
official page carries its own `url`. Seed lines are background for docs and the desk's
reference page only: users never see them. The law in force is the standard
(../shared/notes/law-in-force.md, checked 2026-12-01); the seeds are older background.
"""

from __future__ import annotations

from portal.rules.outcome import Source

WI2007 = "Wet inburgering 2007"
WI2013 = "Wet inburgering"
WI2021 = "Wet inburgering 2021"
BI2007 = "Besluit inburgering 2007"
BI2013 = "Besluit inburgering"
RI2013 = "Regeling inburgering"
BNT = "Besluit naturalisatietoets"
RNT = "Regeling naturalisatietoets Nederland"
VB2000 = "Vreemdelingenbesluit 2000"
AOW = "Algemene Ouderdomswet"


def page(title: str, url: str) -> Source:
    """Return an official page (inburgeren.nl, duo.nl, ind.nl, rijksoverheid.nl) as a Source."""
    return Source(title=title, url=url)


# --- Official pages (found in ../shared/notes/law-in-force.md or the stored official pages).
INBURGEREN_START = page(
    "inburgeren.nl: U gaat inburgeren", "https://inburgeren.nl/u-gaat-inburgeren/index.jsp"
)
INBURGEREN_FINE = page(
    "inburgeren.nl: Boete", "https://www.inburgeren.nl/u-gaat-inburgeren/boete.jsp"
)
INBURGEREN_MEDICAL = page(
    "inburgeren.nl: Ziekte of handicap",
    "https://inburgeren.nl/minder-of-geen-examens/ziekte-of-handicap.jsp",
)
INBURGEREN_AGI = page(
    "inburgeren.nl: Genoeg uren cursus gedaan",
    "https://www.inburgeren.nl/minder-of-geen-examens/genoeg-uren-cursus-gedaan.jsp",
)
INBURGEREN_DIPLOMA = page(
    "inburgeren.nl: Diploma gehaald",
    "https://inburgeren.nl/minder-of-geen-examens/diploma-gehaald.jsp",
)
INBURGEREN_FORGIVENESS = page(
    "inburgeren.nl: Kwijtschelding lening",
    "https://inburgeren.nl/inburgeren-betalen/kwijtschelding-lening.jsp",
)
INBURGEREN_EXTRA_ILLNESS = page(
    "inburgeren.nl: Extra tijd vanwege ziekte", "https://inburgeren.nl/extra-tijd/ziekte.jsp"
)
INBURGEREN_EXTRA_OTHER = page(
    "inburgeren.nl: Extra tijd om een andere reden",
    "https://inburgeren.nl/extra-tijd/andere-reden.jsp",
)
INBURGEREN_OTHER_REASON = page(
    "inburgeren.nl: Inburgeren lukt niet om een andere reden",
    "https://www.inburgeren.nl/geen-examen-doen/inburgeren-lukt-niet-om-andere-reden.jsp",
)
INBURGEREN_KNOWLEDGE = page(
    "inburgeren.nl: Inhoud kennisexamens",
    "https://inburgeren.nl/examen-doen/inhoud-kennisexamens.jsp",
)
INBURGEREN_TURKISH_CHOICE = page(
    "inburgeren.nl: Turkse asielmigranten kunnen kiezen om inburgeringsplichtig te worden",
    "https://www.inburgeren.nl/nieuwsberichten/artikel.jsp?cid=tcm:94-104176-16",
)
INBURGEREN_TURKISH_2022 = page(
    "inburgeren.nl: Vanaf 1 januari 2022 inburgeringsplicht voor alle nieuwkomers met Turkse "
    "nationaliteit",
    "https://www.inburgeren.nl/nieuwsberichten/artikel.jsp?cid=tcm:94-138382-16",
)
RO_TURKISH_ASYLUM = page(
    "rijksoverheid.nl: Vanaf dit voorjaar verplicht inburgeren voor Turkse asielstatushouders "
    "(10 april 2020)",
    "https://www.rijksoverheid.nl/actueel/nieuws/2020/04/10/"
    "vanaf-dit-voorjaar-verplicht-inburgeren-voor-turkse-asielstatushouders",
)
RO_EXTENSION = page(
    "rijksoverheid.nl: Verlenging inburgeringstermijn aanvragen",
    "https://www.rijksoverheid.nl/wetten-en-regelingen/productbeschrijvingen/"
    "verlenging-inburgeringstermijn-aanvragen",
)
RO_LOAN = page(
    "rijksoverheid.nl: Lening voor inburgeringscursus of inburgeringsexamen aanvragen",
    "https://www.rijksoverheid.nl/wetten-en-regelingen/productbeschrijvingen/"
    "lening-voor-inburgeringscursus-of-inburgeringsexamen",
)
RO_EU_COURT = page(
    "rijksoverheid.nl: Europese Hof doet uitspraak over Nederlands inburgeringsbeleid "
    "(4 februari 2025)",
    "https://www.rijksoverheid.nl/actueel/nieuws/2025/02/04/"
    "europese-hof-doet-uitspraak-over-nederlands-inburgeringsbeleid",
)
RO_RVS_JULY_2025 = page(
    "rijksoverheid.nl: Uitspraak Raad van State in zaak boetes en leningen inburgering "
    "(9 juli 2025)",
    "https://www.rijksoverheid.nl/actueel/nieuws/2025/07/09/"
    "uitspraak-raad-van-state-in-zaak-boetes-en-leningen-inburgering",
)
RO_RVS_FEB_2026 = page(
    "rijksoverheid.nl: Uitspraak Raad van State over boetes en leningen inburgering "
    "(19 februari 2026)",
    "https://www.rijksoverheid.nl/actueel/nieuws/2026/02/19/"
    "uitspraak-raad-van-state-over-boetes-en-leningen-inburgering",
)
DUO_CORONA = page(
    "duo.nl: Maatregelen coronavirus, inburgering",
    "https://duo.nl/zakelijk/maatregelen-corona/inburgeren.jsp",
)
DUO_NATURALISATION = page(
    "duo.nl: Naturalisatie of ander type verblijfsvergunning",
    "https://www.duo.nl/zakelijk/inburgering-ketenpartners/examens/"
    "naturalisatie-of-ander-type-verblijfsvergunning.jsp",
)
IND_INTEGRATION = page(
    "ind.nl: Inburgering bij sterkere verblijfsvergunning en naturalisatie",
    "https://ind.nl/nl/met-een-verblijfsvergunning-wonen-in-nederland/"
    "inburgering-bij-sterkere-verblijfsvergunning-en-naturalisatie",
)
IND_NATURALISATION_PAGE = page(
    "ind.nl: Nederlander worden door naturalisatie",
    "https://ind.nl/nl/nederlanderschap/nederlander-worden-door-naturalisatie",
)
NT2_KNM_ONA = page(
    "staatsexamensnt2.nl: Moet ik ook examen ONA en KNM doen?",
    "https://www.staatsexamensnt2.nl/veel-gevraagd/moet-ik-ook-examen-ona-en-knm-doen",
)
NT2_TO_NATURALISATION = page(
    "staatsexamensnt2.nl: Van inburgering tot naturalisatie (28 juni 2018)",
    "https://www.staatsexamensnt2.nl/nieuws/20180628/van-inburgering-tot-naturalisatie",
)

# --- Which law applies, and who is obliged.
REGIME_TABLE = Source(seed="001", lines="201-227", title="Tabel 1.1: wie is inburgeringsplichtig")
WI2007_PERIOD = Source(seed="000", lines="20-24", title="De Wi2007 gold van 2007 tot en met 2012")
WI2013_TRIGGER = Source(seed="004", lines="654-658", title="Wi2013: verblijf vanaf 1-1-2013")
WI2021_START = Source(seed="004", lines="356-359", title="Wi2021 in werking per 1-1-2022")
NO_SWITCH_TO_WI2021 = Source(
    seed="001", lines="3-5", title="Wi2021 geldt niet voor eerdere groepen"
)
TURKISH_CRVB = Source(seed="001", lines="342-343", title="CRvB 16-8-2011: Turken niet plichtig")
EU_NOT_OBLIGED = Source(
    seed="002", lines="1384-1387", title="EU- en Turkse onderdanen niet plichtig"
)
TEMPORARY_PURPOSE = Source(law=RI2013, article="2.1 en bijlage 1")
WI2013_ART3_SCOPE = Source(law=WI2013, article="3 lid 1 onder a")
NON_TEMPORARY = Source(seed="002", lines="1370-1374", title="Niet-tijdelijk doel: asiel, gezin")
WI2007_ART3 = Source(law=WI2007, article="3")
WI2013_ART3 = Source(law=WI2013, article="3")
WI2021_ART3 = Source(law=WI2021, article="3")
# Not obliged: younger than 16, 65 or older (Wi2007) or at the AOW age (Wi2013), or while
# leerplichtig or kwalificatieplichtig (law-in-force point 8, high).
WI2007_AGE = Source(law=WI2007, article="5 lid 1 onder a en d")
WI2013_AGE = Source(law=WI2013, article="5 lid 1 onder a en d")
AOW_AGE = Source(law=AOW, article="7a")
# Wi2007 oudkomers: the term starts only when the college decides so (point 9, high).
WI2007_OUDKOMER = Source(law=WI2007, article="7 lid 1 en 26")

# --- Term and extension.
TERM_TABLE = Source(seed="001", lines="229-239", title="Inburgeringstermijn per wet")
WI2007_ART7 = Source(law=WI2007, article="7")
WI2007_ART31 = Source(law=WI2007, article="31", seed="000", lines="280-306")
# After 2017 the Wi2013 term is in art. 7a/7b; art. 7b lid 2: it starts when the person
# becomes obliged (point 10, high).
WI2013_ART7 = Source(law=WI2013, article="7b")
# The Wi2021 term: 3 years from the day after the PIP (art. 11); extension art. 12 (point 10, X5).
WI2021_ART11 = Source(law=WI2021, article="11")
WI2021_ART12 = Source(law=WI2021, article="12")
WI2013_TERM = Source(seed="004", lines="344-352", title="Drie jaar; verlenging bij omstandigheden")
WI2013_LITERACY_EXTENSION = Source(
    seed="004", lines="351-352, 417-418", title="Analfabeten: maximaal twee jaar langer"
)
WI2013_NO_FAULT_REASONS = Source(seed="004", lines="1142-1151", title="Niet-verwijtbare redenen")
# Wi2013 no-fault extension, at most 2 years (Regeling inburgering art. 2.4c; point 15, high).
RI2013_NO_FAULT = Source(law=RI2013, article="2.4c")
WI2021_EXTENSIONS = Source(seed="003", lines="504-508", title="Verlenging bij late start cursus")
CORONA_RULE = Source(
    seed="003", lines="2536-2566", title="Corona: tot 10 maanden plus 12 specifieke verlengingen"
)

# --- Exam content.
WI2013_EXAM_PARTS = Source(seed="004", lines="329-333", title="Zeven examenonderdelen Wi2013")
WI2007_EXAM_PARTS = Source(seed="000", lines="20-24", title="Examenonderdelen Wi2007, A2")
NT2_COUNTS = Source(seed="002", lines="555-557", title="Inburgeringsexamen, NT2 of vrijstellend")
# Wi2013: the NT2 diploma fulfils the obligation only for people obliged before 1-1-2015; from
# then it frees only the language parts (Regeling inburgering art. 2.2d; point X2, high).
RI2013_NT2_PARTIAL = Source(law=RI2013, article="2.2d")
WI2013_ART7_EXAM = Source(law=WI2013, article="7")

# --- Exemptions and release.
WI2007_MEDICAL = Source(law=WI2007, article="6", seed="000", lines="101-108")
BI2007_MEDICAL = Source(law=BI2007, article="2.8", seed="000", lines="343-375")
WI2007_AGI = Source(law=WI2007, article="31 lid 2 onder c", seed="000", lines="110-144")
BI2007_AGI_TIMING = Source(law=BI2007, article="5.5", seed="000", lines="407-429")
WI2007_AVI = Source(law=BI2007, article="2.8a", seed="000", lines="146-164")
WI2007_AVI_TEXT = Source(seed="000", lines="377-405", title="Toelichting art. 2.8a: bewijzen AVI")
WI2007_NO_NATIONAL_CRITERIA = Source(seed="001", lines="485-501", title="Geen landelijke criteria")
WI2013_ART6 = Source(law=WI2013, article="6")
WI2013_GROUNDS = Source(seed="004", lines="2179-2184", title="Drie gronden voor ontheffing Wi2013")
WI2013_AGI = Source(seed="004", lines="2141-2150", title="AGI: 2,5 jaar, 600 uur, pogingen")
# The legal AGI test: 600 hours with keurmerk and attempts at each part not passed (Regeling
# inburgering art. 2.4b; point 1, high); the literacy variant: 600 hours, at least 300 of them
# alfabetisering, plus a DUO test (point 1, medium; inburgeren.nl).
RI2013_AGI = Source(law=RI2013, article="2.4b")
RI2013_AGI_LITERACY = Source(law=RI2013, article="2.4d")
AGI_HOURS_EVIDENCE = Source(seed="004", lines="2408-2422", title="Uren alsnog doorgeven aan DUO")
AGI_SCHOOL_CLOSED = Source(
    seed="004", lines="130-140, 305-318", title="Uren van een failliete school; begeleider"
)
WI2013_MEDICAL = Source(seed="004", lines="2152-2161", title="Medische ontheffing via Argonaut")
MEDICAL_PROTOCOL = Source(seed="002", lines="771-774", title="Binnen 5 jaar niet haalbaar")
MEDICAL_ADVICE_RULES = Source(
    seed="002",
    lines="690-697, 875-880, 1204-1211",
    title="Onafhankelijke arts, kosten voor betrokkene, gebruikelijke behandeling",
)
MEDICAL_EXTENSION_FIRST = Source(
    seed="004", lines="2399-2406", title="Eerder verlenging dan ontheffing"
)
WI2021_MEDICAL = Source(
    seed="003", lines="1524-1554", title="Medische ontheffing via DUO en Argonaut"
)
# The Wi2013 AVI test: 10 years in the BRP, 5 years of paid or volunteer work, and a
# conversation in Dutch (Regeling inburgering art. 2.4a; point 18, high).
RI2013_AVI = Source(law=RI2013, article="2.4a")
WI2013_AVI_RARE = Source(seed="004", lines="2202", title="Derde grond (AVI) komt zeer beperkt voor")
WI2013_RELEASE = Source(seed="004", lines="420-424", title="Vrijstelling met diploma")
WI2013_ART5_RELEASE = Source(law=WI2013, article="5")
WI2007_RELEASE = Source(seed="001", lines="448-470", title="Vrijstelling Wi2007: alleen gemeente")
WI2013_OUTCOMES = Source(
    seed="003", lines="2298-2318", title="Kerncijfers Wi2013: ingeburgerd via Wi2013 of Nt2"
)
# Wi2021: vrijstelling art. 4; ontheffing art. 5 (lid 1 medical, whole or partial; lid 2 BIO);
# no AGI or AVI ontheffing (points 4, 17, X5, high). Art. 6 is what the obligation holds.
WI2021_ART4 = Source(law=WI2021, article="4")
WI2021_ART5 = Source(law=WI2021, article="5")
WI2021_ART6 = Source(law=WI2021, article="6")
WI2021_ART7 = Source(law=WI2021, article="7")

# --- Naturalisation and permanent residence.
WI2007_EFFECTS = Source(seed="000", lines="176-204", title="Doorwerking ontheffingen Wi2007")
MARCH_2025 = Source(seed="000", lines="197-204", title="Maart 2025: gemeentelijke AGI volstaat")
MEDICAL_3_YEARS = Source(law=BNT, article="4 lid 1 onder a", seed="000", lines="183-189")
ADVICE_6_MONTHS = Source(seed="002", lines="920-923", title="Advies niet ouder dan zes maanden")
REGELING_NT_ART5 = Source(law=RNT, article="5 lid 3", seed="000", lines="214-215")
# A Wi2013 AGI ontheffing frees from the naturalisatietoets; without it DUO can give an
# advice (Regeling naturalisatietoets Nederland art. 6; point 5, medium-high).
RNT_AGI = Source(law=RNT, article="6")
# The NT2 diploma counts for naturalisation (Besluit naturalisatietoets art. 3 lid 1 onder c).
BNT_NT2 = Source(law=BNT, article="3 lid 1 onder c")
BNT_EXEMPTIONS = Source(law=BNT, article="3")
OLD_AGI_AVI_NOT_NAT = Source(seed="001", lines="509-513", title="AGI/AVI niet voor naturalisatie")
NAT_REQUIREMENT = Source(seed="002", lines="851-857", title="Naturalisatie: inburgeringsvereiste")
PERMIT_REQUIREMENT = Source(seed="002", lines="808-812", title="Vergunning en inburgeringsvereiste")
# Which ontheffing counts for permanent residence: Vb 2000 art. 3.96a lid 2 (point 19).
VB_EXEMPTION_GROUNDS = Source(law=VB2000, article="3.96a lid 2 en 3.107a lid 2")
PERMIT_WITHDRAWAL = Source(
    seed="002", lines="811-812", title="Intrekking reguliere vergunning bepaalde tijd"
)
DIPLOMA_NEEDED = Source(seed="004", lines="436-440", title="Diploma voorwaarde sterker verblijf")
RELEASE_CARRIES = Source(
    seed="001", lines="468-470", title="Vrijstelling geldt ook voor naturalisatie"
)

# --- Sanctions, loan.
SANCTIONS_TABLE_WI2007 = Source(seed="001", lines="303-313", title="Sancties Wi2007")
SANCTIONS_TABLE_WI2013 = Source(seed="001", lines="317-329", title="Sancties Wi2013")
SANCTIONS_TABLE_WI2021 = Source(seed="001", lines="331-337", title="Sancties Wi2021")
# Wi2007 fines: art. 34 (amounts) and 35 (the gemeenteraad sets them) (point E13, high).
WI2007_FINE_AMOUNTS = Source(law=WI2007, article="34")
WI2007_FINE_SET_BY_COUNCIL = Source(law=WI2007, article="35")
WI2013_FINE_AMOUNTS = Source(law=WI2013, article="34")
WI2013_FINE = Source(
    seed="004", lines="433-443", title="Boete max 1250 euro; nieuwe termijn 2 jaar"
)
FINE_HEARING = Source(
    seed="003", lines="2614-2652", title="Wi2013: vooraankondiging en hoorzitting"
)
# The Wi2013 makes Awb art. 5:53 (a hearing before a fine) apply (art. 36; point 21, high).
WI2013_HEARING = Source(law=WI2013, article="36")
# Wi2021 fines: DUO for the term (art. 24-25), the college for PIP duties (art. 22-23)
# (points 3, E2, X5, medium).
WI2021_FINES_DUO = Source(law=WI2021, article="24 en 25")
WI2021_FINES_COLLEGE = Source(law=WI2021, article="22 en 23")
FINE_COLLECTION_PAUSED = Source(
    seed="003", lines="2666-2674", title="Invordering gepauzeerd vanaf 15-3-2023 (juni 2024)"
)
WI2013_LOAN = Source(seed="004", lines="337-342", title="Lening max 10.000; asiel: kwijtschelding")
BI2013_LOAN = Source(law=BI2013, article="4.1a")
# Full forgiveness ex officio after an ontheffing or vrijstelling in time (Besluit inburgering
# art. 4.13 lid 3; point 7, high).
BI2013_FORGIVENESS = Source(law=BI2013, article="4.13")
LOAN_TABLE = Source(seed="001", lines="259-269", title="Leenfaciliteit en kwijtschelding")
LOAN_NO_FORGIVENESS_FAMILY = Source(seed="004", lines="175-180", title="Geen kwijtschelding gezin")
LOAN_2023_CHANGE = Source(seed="004", lines="3003-3006", title="Sinds 2023 geen verzoek nodig")
NO_LOAN_WI2007 = Source(seed="001", lines="1201-1202", title="Geen lening onder de Wi2007")
WI2021_LOAN = Source(law=WI2021, article="19 en 20")

# --- Roles and help.
ROLES_TABLE = Source(seed="001", lines="360-366", title="Uitvoering: gemeente, DUO")
WI2007_GEMEENTE_DECIDES = Source(seed="000", lines="94-100", title="College van B en W beslist")
DUO_ROLE_WI2013 = Source(seed="004", lines="398-402", title="DUO voert de Wi2013 uit")
DUO_CONTACT = Source(seed="004", lines="2771-2777", title="DUO informeert; machtigen")
GEMEENTE_WI2021 = Source(seed="003", lines="417-445", title="Gemeente: brede intake en PIP")
WI2021_INTAKE = Source(law=WI2021, article="14")
WI2021_PIP_ARTICLE = Source(law=WI2021, article="15")
ELIP_SUPPORT = Source(seed="004", lines="2830-2841", title="ELIP: begeleiding door gemeente")
IND_NATURALISATION = Source(seed="001", lines="1677-1686", title="IND behandelt naturalisatie")
ARGONAUT_ROLE = Source(seed="004", lines="2152-2155", title="Argonaut beoordeelt medisch")
GEMEENTE_LOKET = Source(seed="004", lines="207-219", title="Advies: gemeentelijk loket")
INFORMAL_LANGUAGE = Source(seed="004", lines="296-304", title="Taalmaatje, taalcafe, bibliotheek")
VWN = Source(
    seed="004", lines="488-492", title="Begeleider, vaak vrijwilliger van VluchtelingenWerk"
)
TAALHUIS = Source(seed="004", lines="3438-3449", title="Taalcafe, taallessen in de bibliotheek")
