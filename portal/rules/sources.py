"""Named Sources the rules cite: the law and article, and the seed file with its lines.

One place for citations, so a corrected line number is fixed once. No rule logic here.
"""

from __future__ import annotations

from portal.rules.outcome import Source

WI2007 = "Wet inburgering 2007"
WI2013 = "Wet inburgering"
WI2021 = "Wet inburgering 2021"
BI2007 = "Besluit inburgering 2007"
BI2013 = "Besluit inburgering"
RWN = "Rijkswet op het Nederlanderschap"
BNT = "Besluit naturalisatietoets"
VB2000 = "Vreemdelingenbesluit 2000"

# Which law applies (seed 001, Tabel 1.1; seed 004 on the Wi2013 trigger).
REGIME_TABLE = Source(seed="001", lines="201-227", title="Tabel 1.1: wie is inburgeringsplichtig")
REGIME_PERIODS = Source(seed="001", lines="159-169", title="Wi2007 2007-2012, Wi2013 2013-2021")
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
EU_SCOPE_PROTOCOL = Source(seed="002", lines="618-629", title="Nieuwkomer niet EU of Turkije")
# Seed 002:376-383 only renames the annex; the rule itself is in the law and the Regeling.
TEMPORARY_PURPOSE = Source(law="Regeling inburgering", article="2.1 en bijlage 1")
WI2013_ART3_SCOPE = Source(law=WI2013, article="3 lid 1 onder a")
NON_TEMPORARY = Source(seed="002", lines="1370-1374", title="Niet-tijdelijk doel: asiel, gezin")
WI2013_ART3 = Source(law=WI2013, article="3")
WI2021_ART3 = Source(law=WI2021, article="3")

# Term and extension (seed 001 table; seed 004; seed 000 for Wi2007 art. 31).
TERM_TABLE = Source(seed="001", lines="229-239", title="Inburgeringstermijn per wet")
WI2007_ART7 = Source(law=WI2007, article="7")
WI2007_ART31 = Source(law=WI2007, article="31", seed="000", lines="280-306")
WI2013_ART7 = Source(law=WI2013, article="7")
WI2021_ART7 = Source(law=WI2021, article="7")
WI2013_TERM = Source(seed="004", lines="344-352", title="Drie jaar; verlenging bij omstandigheden")
WI2013_LITERACY_EXTENSION = Source(
    seed="004", lines="351-352, 417-418", title="Analfabeten: maximaal twee jaar langer"
)
WI2013_NO_FAULT_REASONS = Source(seed="004", lines="1142-1151", title="Niet-verwijtbare redenen")
WI2021_EXTENSIONS = Source(seed="003", lines="504-508", title="Verlenging bij late start cursus")
WI2021_EXAM_DELAY = Source(seed="003", lines="1398-1402", title="Verlenging bij wachttijd examen")
CORONA_RULE = Source(
    seed="003", lines="2536-2566", title="Beleidsregel verlenging bij geen verwijt"
)

# Exam content.
WI2013_EXAM_PARTS = Source(seed="004", lines="329-333", title="Zeven examenonderdelen Wi2013")
EXAM_PARTS_TABLE = Source(seed="001", lines="368-406", title="Examenonderdelen per wet")
WI2021_PIP = Source(
    seed="003", lines="437-443", title="Wi2021: intake kiest de leerroute; PIP is een beschikking"
)
WI2007_EXAM_PARTS = Source(seed="000", lines="20-24", title="Examenonderdelen Wi2007, A2")
NT2_COUNTS = Source(seed="002", lines="555-557", title="Inburgeringsexamen, NT2 of vrijstellend")

# Exemptions and release.
WI2007_EXEMPTIONS = Source(seed="000", lines="94-164", title="Ontheffing Wi2007: gemeente beslist")
WI2007_MEDICAL = Source(law=WI2007, article="6", seed="000", lines="101-108")
BI2007_MEDICAL = Source(law=BI2007, article="2.8", seed="000", lines="343-375")
WI2007_AGI = Source(law=WI2007, article="31 lid 2 onder c", seed="000", lines="110-144")
BI2007_AGI_TIMING = Source(law=BI2007, article="5.5", seed="000", lines="407-429")
WI2007_AVI = Source(law=BI2007, article="2.8a", seed="000", lines="146-164")
WI2007_AVI_TEXT = Source(seed="000", lines="377-405", title="Toelichting art. 2.8a: bewijzen AVI")
WI2007_NO_NATIONAL_CRITERIA = Source(seed="001", lines="485-501", title="Geen landelijke criteria")
WI2013_GROUNDS = Source(seed="004", lines="2179-2184", title="Drie gronden voor ontheffing Wi2013")
WI2013_AGI = Source(seed="004", lines="2141-2150", title="AGI: 2,5 jaar, 600 uur, pogingen")
AGI_ATTEMPTS_CHANGE = Source(seed="004", lines="2982-2986", title="AGI: van 4 naar 3 pogingen")
AGI_HOURS_EVIDENCE = Source(seed="004", lines="2408-2422", title="Uren alsnog doorgeven aan DUO")
WI2013_MEDICAL = Source(seed="004", lines="2152-2161", title="Medische ontheffing via Argonaut")
MEDICAL_PROTOCOL = Source(seed="002", lines="771-774", title="Binnen 5 jaar niet haalbaar")
MEDICAL_EXTENSION_FIRST = Source(
    seed="004", lines="2399-2406", title="Eerder verlenging dan ontheffing"
)
WI2021_MEDICAL = Source(
    seed="003", lines="1524-1554", title="Medische ontheffing via DUO en Argonaut"
)
WI2013_AVI = Source(seed="004", lines="267-271", title="AVI: 10 jaar wonen, 5 jaar werk (advies)")
WI2013_AVI_RARE = Source(seed="004", lines="2202", title="Derde grond (AVI) komt zeer beperkt voor")
WI2013_RELEASE = Source(seed="004", lines="420-424", title="Vrijstelling met diploma")
WI2007_RELEASE = Source(seed="001", lines="448-470", title="Vrijstelling Wi2007: alleen gemeente")
# Wi2013 figures (Kerncijfers Wi2013): proof of the Wi2013 outcomes only, not of the Wi2021.
WI2013_OUTCOMES = Source(
    seed="003", lines="2298-2318", title="Kerncijfers Wi2013: ingeburgerd via Wi2013 of Nt2"
)
WI2021_NT2 = Source(law=WI2021, article="7")
# The seeds give no Wi2021 rule for an ontheffing on efforts or integration (open point).
WI2021_EXEMPTION = Source(law=WI2021, article="6")

# Naturalisation and permanent residence.
WI2007_EFFECTS = Source(seed="000", lines="176-204", title="Doorwerking ontheffingen Wi2007")
WI2007_EFFECTS_ANNEX = Source(seed="000", lines="258-262", title="Bijlage 1: doorwerking")
MARCH_2025 = Source(seed="000", lines="197-204", title="Maart 2025: gemeentelijke AGI volstaat")
IND_IB_2025_11 = Source(law="IND-werkinstructie", article="IB 2025/11", seed="000", lines="217-218")
MEDICAL_3_YEARS = Source(law=BNT, article="4 lid 1 onder a", seed="000", lines="183-189")
REGELING_NT_ART5 = Source(
    law="Regeling naturalisatietoets", article="5 lid 3", seed="000", lines="214-215"
)
OLD_AGI_AVI_NOT_NAT = Source(seed="001", lines="509-513", title="AGI/AVI niet voor naturalisatie")
NAT_TEST_OR_MEDICAL = Source(seed="001", lines="1675-1677", title="Naturalisatietoets of medisch")
NAT_REQUIREMENT = Source(seed="002", lines="851-857", title="Naturalisatie: inburgeringsvereiste")
RWN_ART8 = Source(law=RWN, article="8 lid 1 onder d")
RWN_ART8_RESIDENCE = Source(law=RWN, article="8 lid 1 onder c")
PERMIT_REQUIREMENT = Source(seed="002", lines="808-812", title="Vergunning en inburgeringsvereiste")
PERMIT_TIMINGS = Source(
    seed="002", lines="825-833", title="Vijf jaar verblijf voor onbepaalde tijd"
)
VB_INDEFINITE = Source(law=VB2000, article="3.96a en 3.107a", seed="002", lines="817-819")
VB_EXEMPTION_GROUNDS = Source(law=VB2000, article="3.96a lid 2 en 3.107a lid 2")
MEDICAL_COUNTS_PERMIT = Source(seed="002", lines="834-839", title="Medische ontheffing werkt door")
PERMIT_WITHDRAWAL = Source(
    seed="002", lines="811-812", title="Intrekking reguliere vergunning bepaalde tijd"
)
DIPLOMA_NEEDED = Source(seed="004", lines="436-440", title="Diploma voorwaarde sterker verblijf")
RELEASE_CARRIES = Source(
    seed="001", lines="468-470", title="Vrijstelling geldt ook voor naturalisatie"
)

# Sanctions, loan.
SANCTIONS_TABLE_WI2007 = Source(seed="001", lines="303-313", title="Sancties Wi2007")
SANCTIONS_TABLE_WI2013 = Source(seed="001", lines="317-329", title="Sancties Wi2013")
SANCTIONS_TABLE_WI2021 = Source(seed="001", lines="331-337", title="Sancties Wi2021")
WI2013_FINE = Source(
    seed="004", lines="433-443", title="Boete max 1250 euro; nieuwe termijn 2 jaar"
)
FINE_HEARING = Source(
    seed="003", lines="2614-2652", title="Wi2013: vooraankondiging en hoorzitting"
)
# The seeds describe the hearing only for the Wi2013; for the Wi2021 the Awb applies.
AWB_VIEW = Source(law="Algemene wet bestuursrecht", article="4:8 en 5:53")
FINE_COLLECTION_PAUSED = Source(
    seed="003", lines="2666-2674", title="Invordering gepauzeerd vanaf 15-3-2023 (juni 2024)"
)
WI2013_LOAN = Source(seed="004", lines="337-342", title="Lening max 10.000; asiel: kwijtschelding")
LOAN_TABLE = Source(seed="001", lines="259-269", title="Leenfaciliteit en kwijtschelding")
LOAN_NO_FORGIVENESS_FAMILY = Source(seed="004", lines="175-180", title="Geen kwijtschelding gezin")
LOAN_2023_CHANGE = Source(seed="004", lines="3003-3006", title="Sinds 2023 geen verzoek nodig")
NO_LOAN_WI2007 = Source(seed="001", lines="1201-1202", title="Geen lening onder de Wi2007")
WI2021_FAMILY_PAY = Source(
    seed="001", lines="271-283", title="Wi2021: gezinsmigranten betalen zelf"
)

# Roles and help.
ROLES_TABLE = Source(seed="001", lines="360-366", title="Uitvoering: gemeente, DUO")
WI2007_GEMEENTE_DECIDES = Source(seed="000", lines="94-100", title="College van B en W beslist")
DUO_ROLE_WI2013 = Source(seed="004", lines="398-402", title="DUO voert de Wi2013 uit")
DUO_CONTACT = Source(seed="004", lines="2771-2777", title="DUO informeert; machtigen")
GEMEENTE_WI2021 = Source(seed="003", lines="417-445", title="Gemeente: brede intake en PIP")
ELIP_SUPPORT = Source(seed="004", lines="2830-2841", title="ELIP: begeleiding door gemeente")
IND_NATURALISATION = Source(seed="001", lines="1677-1686", title="IND behandelt naturalisatie")
ARGONAUT_ROLE = Source(seed="004", lines="2152-2155", title="Argonaut beoordeelt medisch")
GEMEENTE_LOKET = Source(seed="004", lines="207-219", title="Advies: gemeentelijk loket")
INFORMAL_LANGUAGE = Source(seed="004", lines="296-304", title="Taalmaatje, taalcafe, bibliotheek")
