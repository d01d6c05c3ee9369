"""Title forms Radarr keeps beside the real title: the clean title (for matching release names) and the
sort title (for ordering lists)."""

import unicodedata

import regex

# Radarr drops small words (not at the end), punctuation and spaces before comparing titles, so
# "The Lord of the Rings" and "Lord.Of.The.Rings" both become "lordrings".
_SMALL_WORDS = regex.compile(r"(?<![^\W_])(?:a|an|the|and|or|of)(?![^\W_])(?!$)", regex.IGNORECASE)
_NOT_WORD = regex.compile(r"[\W_]+")
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"})
_LEADING_ARTICLE = regex.compile(r"^(?:the|an|a)\s+", regex.IGNORECASE)


def remove_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(character for character in decomposed if not unicodedata.combining(character))


def clean_title(title: str) -> str:
    """`The Lord of the Rings: The Two Towers` → `lordringstwotowers`; all-digit titles stay as they are."""
    if title.strip().isdigit():
        return title.strip()
    words_kept = _SMALL_WORDS.sub("", title.replace("&", " and "))
    return remove_accents(_NOT_WORD.sub("", words_kept).translate(_UMLAUTS).lower())


def sort_title(title: str) -> str:
    """`The Matrix` → `matrix`: lower case, no leading article, no accents, as lists sort."""
    without_article = _LEADING_ARTICLE.sub("", title.strip())
    return remove_accents(without_article.lower()).strip() or title.lower()
