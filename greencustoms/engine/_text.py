"""Text normalisation and word boundaries for chemical names, designations and CAS numbers.

Decisions (tested in tests/test_text.py with hypothesis):

* Text is compared lower-cased, accents removed (NFKD), dashes unified to "-", whitespace collapsed.
* Refrigerant and halocarbon designations are canonicalised: "R22", "R 22", "R-22" become "r-22";
  "HCFC22", "HCFC 22" become "hcfc-22"; the prefix must itself start a word ("BR-225" is untouched).
* A word character is a letter or a digit. A match must not touch a word character on either side.
  Two joiners glue tokens into one chemical name and so also block a match:
  a hyphen with a word character on both sides ("1,1,1-trichloroethane" does not contain the word
  "trichloroethane"; "HCFC-22-x" does not contain "HCFC-22") and a comma between two digits
  (locants "1,1,2"). So "HCFC-141b" does not contain "HCFC-141", and "tRaNS-22x" contains neither
  "trans" nor "22". Any other character (space, "/", "(", ",", ".", ";") ends a word.
* Of overlapping matches the longest wins ("methyl bromide" over "bromide" in the same span).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

DESIGNATION_PREFIXES: Final = ("hcfc", "hbfc", "hcfo", "halon", "cfc", "hfc", "hfo", "pfc", "hc", "r")
_DESIGNATION = re.compile(r"(?<![a-z0-9])(" + "|".join(DESIGNATION_PREFIXES) + r")[ -]?(?=\d)")
_SPACES = re.compile(r"\s+")
_DIGIT = re.compile(r"\d")
_DASHES = str.maketrans(
    {
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00ad": "",
        "\u00df": "ss",
        "\u0153": "oe",
        "\u0152": "oe",
        "\u00e6": "ae",
        "\u00c6": "ae",
        "\u00f8": "o",
        "\u00d8": "o",
        "\u0142": "l",
        "\u0141": "l",
    }
)


def normalise(text: str) -> str:
    """Lower-case, strip accents, unify dashes and spaces, canonicalise designations."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.translate(_DASHES))
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _SPACES.sub(" ", text.lower()).strip()
    if _DIGIT.search(text) is not None:
        text = _DESIGNATION.sub(r"\1-", text)
    return text


def _word(ch: str) -> bool:
    return ch.isalnum()


def left_boundary(text: str, start: int) -> bool:
    """True when a match may start at `start` of the normalised `text`."""
    if start == 0:
        return True
    before = text[start - 1]
    if _word(before):
        return False
    if start >= 2 and _word(text[start - 2]):
        if before == "-":
            return False
        if before == "," and text[start - 2].isdigit() and text[start].isdigit():
            return False
    return True


def right_boundary(text: str, end: int) -> bool:
    """True when a match may end just before `end` of the normalised `text`."""
    if end >= len(text):
        return True
    after = text[end]
    if _word(after):
        return False
    if end + 1 < len(text) and _word(text[end + 1]):
        if after == "-":
            return False
        if after == "," and text[end - 1].isdigit() and text[end + 1].isdigit():
            return False
    return True


def prefilter_needles(pattern: str) -> list[str]:
    """Substrings of which a raw text holds at least one (ignoring ASCII case) if it matches `pattern`.

    Used for the cheap vectorised pre-filter. Normalising an ASCII text only lower-cases it, collapses
    runs of white space and writes designations as "r-22"; so the needles are the normalised pattern
    itself plus its designations spelt "r22" and "r 22". Texts whose white space is not single spaces,
    and non-ASCII texts, are folded before the pre-filter (see the screen module), so it only ever lets
    too much through, never too little.
    """
    return sorted(_designation_variants(pattern))


def _designation_variants(pattern: str) -> set[str]:
    parts = _DESIGNATION_IN_PATTERN.split(pattern)
    # split keeps the captured prefix: [text, prefix, text, prefix, text, ...]
    results = {parts[0]}
    for i in range(1, len(parts), 2):
        prefix, rest = parts[i], parts[i + 1]
        results = {r + prefix + sep + rest for r in results for sep in ("-", "", " ")}
    return results


_DESIGNATION_IN_PATTERN = re.compile(r"(?<![a-z0-9])(" + "|".join(DESIGNATION_PREFIXES) + r")-(?=\d)")
