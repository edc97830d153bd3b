"""Rules for staff passwords and usernames: what the desk and `portal create-admin` accept.

Returns problem codes only; the desk and the CLI each say them in their own words. Stores
nothing and reaches no database.
"""

from __future__ import annotations

import re
import unicodedata

MIN_LENGTH = 12
MIN_DISTINCT = 5  # "aaaaaaaaaaaa", "abababababab" and "121212121212" have fewer
USERNAME = re.compile(r"^[a-z0-9._-]{1,64}$")

# Words that head the lists of leaked passwords, in Dutch and English, and what people put in
# a municipal office's passwords. A password is refused when, without digits and punctuation
# at the ends, it is one of these (or one of these twice): "Wachtwoord2024!" is refused.
COMMON = frozenset(
    """
    password passwort wachtwoord welkom welcome qwerty qwertyuiop azerty asdfgh asdfghjkl
    zxcvbnm letmein iloveyou admin administrator beheerder root login changeme secret geheim
    trustno1 dragon monkey football voetbal baseball superman batman master sunshine
    princess shadow michael jennifer computer internet starwars whatever freedom hello hallo
    test testing gemeente balie inburgering wegwijzer amsterdam rotterdam utrecht denhaag
    nederland holland ajax feyenoord psv zomer winter lente herfst januari februari maart
    april mei juni juli augustus september oktober november december maandag dinsdag
    woensdag donderdag vrijdag zaterdag zondag summer autumn spring monday friday abc abcdef
    abcdefgh qazwsx password1 passw0rd p@ssw0rd
    """.split()  # noqa: SIM905 (a word list reads better as words)
)
ROWS = ("abcdefghijklmnopqrstuvwxyz", "01234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm")


def normalise_username(username: str) -> str:
    """Return the username as it is stored and compared: NFKC, trimmed, lower case.

    NFKC folds full-width and other compatibility forms ("ａｄｍｉｎ" is "admin"); look-alikes
    from other scripts (a Cyrillic "а") stay different and fail is_valid_username.
    """
    return unicodedata.normalize("NFKC", username).strip().lower()


def is_valid_username(username: str) -> bool:
    """Return True for a normalised username of 1-64 characters from [a-z0-9._-]."""
    return bool(USERNAME.match(username))


def _is_run(text: str) -> bool:
    """Return True when `text` walks along the alphabet, the digits or a keyboard row."""
    return len(text) >= 4 and any(text in row or text in row[::-1] for row in ROWS)


def password_problem(password: str, username: str = "") -> str | None:
    """Return why a new password is refused, or None when it is fine.

    "short" (under 12 characters), "username" (the username, or built on it), "repeated"
    (fewer than 5 different characters), "common" (a common word or a run of keys with digits
    or punctuation around it).
    """
    if len(password) < MIN_LENGTH:
        return "short"
    lowered = unicodedata.normalize("NFKC", password).lower()
    name = normalise_username(username)
    if name and (lowered == name or (len(name) >= 4 and name in lowered)):
        return "username"
    if len(set(lowered)) < MIN_DISTINCT:
        return "repeated"
    core = lowered.strip("0123456789!@#$%^&*()-_=+.,;:?/\\|'\"`~ ")
    half = len(core) // 2
    doubled = len(core) % 2 == 0 and core[:half] == core[half:]
    if not core or core in COMMON or (doubled and core[:half] in COMMON) or _is_run(core):
        return "common"
    if _is_run(lowered):
        return "common"
    return None
