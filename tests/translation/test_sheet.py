"""The review sheet round-trip for translators without git (issue 15, item 3)."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from portal import cli
from portal.translation import TRANSLATED, checks, review, sheet, terms
from tests.conftest import ROOT

BASE = terms.load()
DAY = "2026-11-25"
RLM = "\u200f"
# A rules text with a placeholder and a term, to break in the tests below.
MEDICAL = (
    "U heeft een blijvende beperking. Kunt u het examen binnen %(years)s jaar niet halen? "
    "Dan is een medische ontheffing mogelijk."
)


@pytest.fixture
def translations(tmp_path: Path) -> Path:
    """A copy of translations/ to import into."""
    target = tmp_path / "translations"
    shutil.copytree(ROOT / "translations", target, ignore=shutil.ignore_patterns("*.mo"))
    return target


def write_csv(rows: list[dict[str, str]], path: Path) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        sheet.write_sheet(rows, handle)
    return path


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return sheet.read_sheet(handle)


def import_rows(lang: str, rows: list[dict[str, str]], translations: Path) -> sheet.ImportReport:
    return sheet.import_rows(
        lang, rows, "translator", DAY, BASE, checks.load_exceptions(), translations
    )


def snapshot(lang: str, translations: Path) -> tuple[bytes, str]:
    path = review.review_path(lang, translations)
    po = (translations / lang / "LC_MESSAGES" / "messages.po").read_bytes()
    return po, path.read_text(encoding="utf-8") if path.exists() else ""


def row_for(rows: list[dict[str, str]], msgid: str) -> dict[str, str]:
    return next(row for row in rows if row["id"] == sheet.row_id(msgid))


@pytest.mark.parametrize("lang", TRANSLATED)
def test_export_then_import_changes_nothing(lang: str, translations: Path, tmp_path: Path):
    # Issue 15: a sheet given back untouched leaves the catalogue and its status as they were.
    before = snapshot(lang, translations)
    rows = sheet.export_rows(lang, translations)
    assert list(rows[0]) == list(sheet.COLUMNS)
    report = import_rows(lang, read_csv(write_csv(rows, tmp_path / "sheet.csv")), translations)
    assert report.refused == [] and report.corrected == [] and report.approved == []
    assert report.left_open == len(rows)
    assert snapshot(lang, translations) == before
    statuses = {row["id"]: row["status"] for row in rows}
    assert {row["id"]: row["status"] for row in sheet.export_rows(lang, translations)} == statuses


@pytest.mark.parametrize("lang", ["ar", "ti"])
def test_right_to_left_marks_and_ethiopic_survive_the_round_trip(
    lang: str, translations: Path, tmp_path: Path
) -> None:
    # A reviewer copies every translation into the correction column, and adds an RLM mark to
    # one Arabic text: everything comes back exactly, and is then reviewed.
    before = review.strings_of(review.read_catalogue(lang, translations))
    rows = sheet.export_rows(lang, translations)
    for row in rows:
        row["correction"] = row["translation"]
    marked = row_for(rows, "Uw uitkomst")
    if lang == "ar":
        marked["correction"] = RLM + marked["translation"] + RLM
    path = write_csv(rows, tmp_path / "sheet.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # a BOM, so Excel reads UTF-8
    report = import_rows(lang, read_csv(path), translations)
    assert report.refused == []
    assert len(report.corrected) == len(rows)

    again = {row["id"]: row for row in sheet.export_rows(lang, translations)}
    for row in rows:
        assert again[row["id"]]["translation"] == row["correction"]
        assert again[row["id"]]["status"] == review.REVIEWED
    strings = review.strings_of(review.read_catalogue(lang, translations))
    changed = [msgid for msgid in before if strings[msgid] != before[msgid]]
    assert changed == (["Uw uitkomst"] if lang == "ar" else [])
    if lang == "ar":
        assert strings["Uw uitkomst"].startswith(RLM) and strings["Uw uitkomst"].endswith(RLM)
    else:
        assert any("\u1200" <= char <= "\u137f" for char in strings["Uw uitkomst"])
    record = review.load_reviews(lang, translations)["Uw uitkomst"]
    assert (record.date, record.role) == (DAY, "translator")


def test_a_correction_that_loses_a_placeholder_is_refused(
    translations: Path, tmp_path: Path
) -> None:
    # Issue 15: a lost %(years)s would print a wrong sentence, or crash the page.
    rows = sheet.export_rows("en", translations)
    row = row_for(rows, MEDICAL)
    row["correction"] = row["translation"].replace("%(years)s", "five")
    before = snapshot("en", translations)
    report = import_rows("en", read_csv(write_csv(rows, tmp_path / "s.csv")), translations)
    assert [r.msgid for r in report.refused] == [MEDICAL]
    assert report.refused[0].row == rows.index(row) + 2
    assert "loses the placeholder %(years)s" in report.refused[0].reasons[0]
    assert snapshot("en", translations) == before
    assert any("loses the placeholder %(years)s" in line for line in report.lines())


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda t: t + " (%(max)s)", "adds the placeholder %(max)s"),
        (lambda t: " " + RLM + " ", "the correction is empty"),
        (lambda t: t.replace("exemption", "dispensation"), 'the term "ontheffing"'),
        (lambda t: t.replace("(ontheffing)", ""), "right after"),
    ],
)
def test_a_bad_correction_is_refused_and_the_others_go_in(
    translations: Path, tmp_path: Path, change, reason: str
) -> None:
    rows = sheet.export_rows("en", translations)
    bad = row_for(rows, MEDICAL)
    bad["correction"] = change(bad["translation"])
    good = row_for(rows, "Uw uitkomst")
    good["correction"] = "Your outcome"
    report = import_rows("en", read_csv(write_csv(rows, tmp_path / "s.csv")), translations)
    assert [r.msgid for r in report.refused] == [MEDICAL]
    assert any(reason in text for text in report.refused[0].reasons), report.refused[0].reasons
    assert report.corrected == ["Uw uitkomst"]
    strings = review.strings_of(review.read_catalogue("en", translations))
    assert strings["Uw uitkomst"] == "Your outcome"
    assert strings[MEDICAL] == bad["translation"]
    reviews = review.load_reviews("en", translations)
    assert set(reviews) == {"Uw uitkomst"}


def test_an_approved_row_is_marked_reviewed_unchanged(translations: Path, tmp_path: Path):
    rows = sheet.export_rows("ti", translations)
    row_for(rows, "Privacy")["approved"] = "x"
    before = review.strings_of(review.read_catalogue("ti", translations))
    report = import_rows("ti", read_csv(write_csv(rows, tmp_path / "s.csv")), translations)
    assert report.approved == ["Privacy"]
    assert review.strings_of(review.read_catalogue("ti", translations)) == before
    record = review.load_reviews("ti", translations)["Privacy"]
    assert review.status_of(record, before["Privacy"]) == review.REVIEWED


def test_an_approval_of_a_translation_that_changed_since_export_is_refused(
    translations: Path, tmp_path: Path
) -> None:
    rows = sheet.export_rows("en", translations)
    row = row_for(rows, "Privacy")
    row["approved"] = "x"
    row["translation"] = "Privacy policy"  # what the reviewer saw is not what is there now
    report = import_rows("en", read_csv(write_csv(rows, tmp_path / "s.csv")), translations)
    assert report.refused[0].reasons == ["the translation changed since the export: export again"]


def test_plural_texts_need_every_form(translations: Path, tmp_path: Path) -> None:
    msgid = "U heeft tijd tot %(day)s: nog %(count)s maand."  # a plural text (issue 13)
    rows = sheet.export_rows("ar", translations)
    row = row_for(rows, msgid)
    assert row["translation"].count("\n") == 5  # Arabic has six plural forms
    row["correction"] = row["translation"].split("\n")[0]
    report = import_rows("ar", read_csv(write_csv(rows, tmp_path / "s.csv")), translations)
    assert "needs 6 plural forms" in report.refused[0].reasons[0]


def test_the_sheet_says_where_each_text_appears(translations: Path) -> None:
    rows = {row["dutch"]: row for row in sheet.export_rows("en", translations)}
    assert rows["Hoe oud bent u?"]["where"] == "question: age"
    assert rows[MEDICAL]["where"] == "result page (rules)"
    assert rows["Privacy"]["english"] == "Privacy"
    # Every text names a page or a question, never a source file (portal/translation/places.py).
    assert [row["where"] for row in rows.values() if "/" in row["where"]] == []


def test_the_command_line_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    # Through `portal translations export/import` on a copy of the checkout.
    root = tmp_path / "checkout"
    for name in ("babel.cfg",):
        (root).mkdir(exist_ok=True)
        shutil.copy2(ROOT / name, root / name)
    for name in ("portal", "templates", "questionnaires", "translations"):
        shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    out = tmp_path / "ar.csv"
    assert cli.main(["translations", "export", "ar", "-o", str(out), "--root", str(root)]) == 0
    assert "texts written" in capsys.readouterr().out
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    # The approved text becomes reviewed; the refused one keeps its status.
    reviewed = sum(row["status"] == review.REVIEWED for row in rows)
    reviewed += row_for(rows, "Uw uitkomst")["status"] != review.REVIEWED
    medical_status = row_for(rows, MEDICAL)["status"]
    row_for(rows, "Uw uitkomst")["approved"] = "x"
    row_for(rows, MEDICAL)["correction"] = "خطأ"
    write_csv(rows, out)
    args = ["translations", "import", "ar", str(out), "--role", "interpreter", "--root", str(root)]
    assert cli.main(args) == 1  # one row refused
    printed = capsys.readouterr().out
    assert "0 corrected and 1 approved" in printed and "1 refused" in printed
    ar_line = next(line for line in printed.splitlines() if line.startswith("ar "))
    assert int(ar_line.split()[2]) == reviewed  # the report printed after the import
    statuses = {row["id"]: row["status"] for row in sheet.export_rows("ar", root / "translations")}
    assert statuses[sheet.row_id("Uw uitkomst")] == review.REVIEWED
    assert statuses[sheet.row_id(MEDICAL)] == medical_status


def test_a_reviewer_is_named_by_role_never_by_name(tmp_path: Path, translations: Path):
    with pytest.raises(ValueError, match="unknown role"):
        sheet.import_rows(
            "en", [], "Fatima Yusuf", DAY, BASE, checks.load_exceptions(), translations
        )
    with pytest.raises(SystemExit):
        cli.main(["translations", "import", "en", "x.csv", "--role", "Fatima Yusuf"])


def test_a_file_that_is_no_sheet_is_refused_whole(tmp_path: Path, capsys) -> None:
    path = tmp_path / "other.csv"
    path.write_text("name,value\nx,y\n", encoding="utf-8")
    args = [
        "translations",
        "import",
        "en",
        str(path),
        "--role",
        "translator",
        "--root",
        str(tmp_path),
    ]
    assert cli.main(args) == 2
    assert "not a review sheet" in capsys.readouterr().err


def test_a_sheet_saved_with_semicolons_imports(translations: Path, tmp_path: Path) -> None:
    # Spreadsheets set to Dutch save CSV with ";" between the columns.
    rows = sheet.export_rows("ar", translations)
    row_for(rows, "Privacy")["approved"] = "x"
    path = tmp_path / "s.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=sheet.COLUMNS, delimiter=";")
        writer.writeheader()
        writer.writerows(rows)
    assert import_rows("ar", read_csv(path), translations).approved == ["Privacy"]
