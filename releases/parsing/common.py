"""Clean-ups every release-name parser applies first (Radarr's ParserCommon)."""

import re
import string

import regex

_I = regex.IGNORECASE

# "[ www.site.com ] - ", "(site.org) ", "www.Torrenting.com - " in front of the real name.
WEBSITE_PREFIX = regex.compile(
    r"^(?:(?:\[|\()\s*)?(?:www\.)?[-a-z0-9-]{1,256}\.(?<!Naruto-Kun\.)(?:[a-z]{2,6}\.[a-z]{2,6}|xn--[a-z0-9-]{4,}|"
    r"[a-z]{2,})\b(?:\s*(?:\]|\))|[ -]{2,})[ -]*",
    _I,
)
WEBSITE_POSTFIX = regex.compile(
    r"(?:\[\s*)?(?:www\.)?[-a-z0-9-]{1,256}\.(?:xn--[a-z0-9-]{4,}|[a-z]{2,6})\b(?:\s*\])$", _I
)
TORRENT_SUFFIX = regex.compile(r"\[(?:ettv|rartv|rarbg|cttv|publichd)\]$", _I)


def literal_alternation(literals: tuple[str, ...]) -> str:
    """A pattern matching any of `literals` where one of them starts, for the standard library's engine.

    The literals are grouped by their first character ("d(?:irector|especialized)|c(?:ollector|ut)"): the
    engine then tests each position against a few first characters instead of trying every literal there.
    A position matches exactly when one of the literals starts at it, as with the plain alternation.
    """
    by_first: dict[str, list[str]] = {}
    for literal in literals:
        by_first.setdefault(literal[0], []).append(literal[1:])
    return "|".join(
        re.escape(first) + "(?:" + "|".join(map(re.escape, rests)) + ")" for first, rests in by_first.items()
    )


def strip_site_tags(name: str) -> str:
    """Remove a leading website tag and a trailing torrent-site tag."""
    name = strip_website_prefix(name)
    if name.endswith("]"):
        name = TORRENT_SUFFIX.sub("", name, count=1)
    return name


def strip_website_prefix(name: str) -> str:
    if not may_have_website_prefix(name):
        return name
    prefix = WEBSITE_PREFIX.match(name)
    return name[prefix.end() :] if prefix else name


def may_have_website_prefix(name: str) -> bool:
    """A website prefix ends in "]", ")" or two of " " and "-": most names have none of them, and these
    substring checks cost less than the pattern's backtracking over the name's first word."""
    return ")" in name or "]" in name or "  " in name or " -" in name or "- " in name or "--" in name


# Lower-cases ASCII letters and turns every byte but an ASCII letter or digit into a space.
_WORD_BYTES = bytes(
    byte | 0x20 if chr(byte) in string.ascii_letters else byte if chr(byte) in string.digits else 0x20
    for byte in range(256)
)


def ascii_words(text: str) -> list[bytes] | None:
    """The words of an ASCII name: its maximal runs of ASCII letters and digits, lower-cased; None for a
    name with other characters (where word boundaries and letters without case reach beyond ASCII).

    Split this way, a token that a pattern bounds by word boundaries on both sides is always one whole word
    ("_" separates words here, which only splits more finely than a regex word boundary does), so word sets
    can stand in for substring checks. Bytes, because bytes.translate and bytes.split are single C passes.
    """
    if not text.isascii():
        return None
    return text.encode("ascii").translate(_WORD_BYTES).split()


# (pattern, hints) or (pattern, hints, words): see TokenAlternation.
Alternative = tuple[str, tuple[str, ...]] | tuple[str, tuple[str, ...], tuple[str, ...]]


class TokenAlternation:
    """A large alternation of named token patterns, such as Radarr's source or language regex.

    Scanning every position of a title with thirty alternatives is the parser's main cost, so each
    alternative is compiled on its own (inside the same template) once, at import. A title is searched only
    with the alternatives that could match it, and their matches are merged the way the full alternation
    would produce them: the leftmost match first, the earlier alternative when two start at the same place,
    the scan resuming where the last match ended. Every alternative must consume at least one character
    (all of Radarr's do), so a scan never stalls on an empty match.

    An alternative is (pattern, hints) or (pattern, hints, words):
    - hints: lower-case substrings, one of which every match contains;
    - words: one of which every match in an ASCII name contains as a whole word (see `ascii_words`), given
      for patterns whose tokens stand between word boundaries. On ASCII names they replace the hints: one set
      intersection instead of a substring check per hint, and no search for a hint that is only part of
      another word ("ru" in "TrueHD", "r" in almost any name).
    An alternative none of whose hints (or words) occurs cannot match, so the result is exactly that of the
    full alternation.
    """

    def __init__(self, alternatives: tuple[Alternative, ...], template: str, flags: int) -> None:
        self._patterns = tuple(regex.compile(template.format(pattern), flags) for pattern, *_ in alternatives)
        # One check per distinct hint (several alternatives share hints), each naming its alternatives.
        by_hint: dict[str, int] = {}
        ascii_by_hint: dict[str, int] = {}  # ASCII names: alternatives without words, ASCII hints only
        self._word_alternatives: dict[bytes, int] = {}
        for index, (_, hints, *words) in enumerate(alternatives):
            for hint in hints:
                by_hint[hint] = by_hint.get(hint, 0) | 1 << index
                if not words and hint.isascii():  # a non-ASCII hint never occurs in an ASCII name
                    ascii_by_hint[hint] = ascii_by_hint.get(hint, 0) | 1 << index
            for word in words[0] if words else ():
                key = word.encode("ascii")
                self._word_alternatives[key] = self._word_alternatives.get(key, 0) | 1 << index
        self._hints = _hint_tree(by_hint)
        self._ascii_hints = _hint_tree(ascii_by_hint)
        self._words = frozenset(self._word_alternatives)

    def finditer(
        self, text: str, lower: str | None = None, words: list[bytes] | None = None
    ) -> list[regex.Match]:
        """The matches of the full alternation in `text`; `lower` is text.lower() and `words` is
        ascii_words(text) when the caller has them (None words: not ASCII, the hints decide alone)."""
        if lower is None:
            lower = text.lower()
        if words is None:
            present = _present(self._hints, lower)
        else:
            present = _present(self._ascii_hints, lower)
            for word in self._words.intersection(words):
                present |= self._word_alternatives[word]
        if not present:
            return []
        # (start, alternative, match): the next match of each alternative still in play.
        pending: list[tuple[int, int, regex.Match]] = []
        while present:  # the set bits only: a title names a few of the thirty alternatives
            lowest = present & -present
            present ^= lowest
            index = lowest.bit_length() - 1
            match = self._patterns[index].search(text)
            if match is not None:
                pending.append((match.start(), index, match))
        if len(pending) == 1:  # one alternative left: its own scan is the alternation's
            _, index, match = pending[0]
            return [match, *self._patterns[index].finditer(text, max(match.end(), match.start() + 1))]
        matches = []
        while pending:
            _, _, best = min(pending)  # the start, then the alternative's rank, decide: never the match
            matches.append(best)
            position = max(best.end(), best.start() + 1)  # an empty match must not stall the scan
            advanced = []
            for entry in pending:
                next_entry = entry if entry[0] >= position else self._next(text, entry[1], position)
                if next_entry is not None:
                    advanced.append(next_entry)
            pending = advanced
        return matches

    def _next(self, text: str, index: int, position: int) -> tuple[int, int, regex.Match] | None:
        """Alternative `index`'s next match at or after `position`: the scan has moved past its last one."""
        match = self._patterns[index].search(text, position)
        return None if match is None else (match.start(), index, match)


HintTree = tuple[tuple[str, int, tuple[tuple[str, int], ...]], ...]


def _present(hints: HintTree, lower: str) -> int:
    """The alternatives (as bits) whose hints occur in `lower`."""
    present = 0
    for hint, alternatives, nested in hints:
        if hint in lower:
            present |= alternatives
            for inner_hint, inner_alternatives in nested:
                if inner_hint in lower:
                    present |= inner_alternatives
    return present


def _hint_tree(by_hint: dict[str, int]) -> HintTree:
    """Hints nested under a shorter hint they contain ("web" holds "web-", ".web."): a name without the
    outer hint cannot contain the inner ones, so most names pay for the outer checks only."""
    outer = [hint for hint in by_hint if not any(other != hint and other in hint for other in by_hint)]
    nested: dict[str, list[tuple[str, int]]] = {hint: [] for hint in outer}
    for hint, alternatives in by_hint.items():
        if hint not in nested:
            container = next(other for other in outer if other in hint)
            nested[container].append((hint, alternatives))
    return tuple((hint, by_hint[hint], tuple(nested[hint])) for hint in outer)


def explicit_case(pattern: str) -> str:
    """`pattern` matching without case through character classes ("[xX]264"), for the standard library's
    engine: with re.IGNORECASE it folds the case of every character it compares and gives up its fast scan
    for a pattern's first characters, which made these patterns two to three times slower. Letters only
    match their ASCII other case this way (re.IGNORECASE also folds a few non-ASCII letters, such as the
    Kelvin sign, which release names do not use). Group names, escapes and inline flags are left alone.
    """
    out: list[str] = []
    index, length = 0, len(pattern)
    while index < length:
        char = pattern[index]
        if char == "\\":  # an escape stays as written: \b, \d, \W, \(, \\ ...
            out.append(pattern[index : index + 2])
            index += 2
        elif char == "[":  # a class: both cases of each letter and of each letter range
            end = index + 1
            if end < length and pattern[end] == "^":
                end += 1
            if end < length and pattern[end] == "]":
                end += 1
            while pattern[end] != "]":
                end += 2 if pattern[end] == "\\" else 1
            out.append("[" + _class_with_both_cases(pattern[index + 1 : end]) + "]")
            index = end + 1
        elif char == "(" and pattern.startswith("(?", index):  # group syntax: names and flags as written
            end = index + 2
            if pattern.startswith(("P<", "<"), end) and not pattern.startswith(("<=", "<!"), end):
                end = pattern.index(">", end) + 1
            elif pattern.startswith("P=", end):
                end = pattern.index(")", end)
            elif pattern[end] not in ":=!<":
                raise ValueError(f"inline flags are not supported here: {pattern[index:]}")
            out.append(pattern[index:end])
            index = end
        elif _has_other_case(char):
            out.append(f"[{char.lower()}{char.upper()}]")
            index += 1
        else:
            out.append(char)
            index += 1
    return "".join(out)


def _class_with_both_cases(body: str) -> str:
    """A character class body with the other case of every ASCII letter and letter range added."""
    extra: list[str] = []
    index = 0
    while index < len(body):
        char = body[index]
        if char == "\\":
            index += 2
            continue
        if index + 2 < len(body) and body[index + 1] == "-" and body[index + 2] != "]":
            low, high = char, body[index + 2]
            if low.isascii() and low.isalpha() and high.isascii() and high.isalpha():
                extra.append(f"{low.swapcase()}-{high.swapcase()}")
            index += 3
            continue
        if _has_other_case(char):
            extra.append(char.swapcase())
        index += 1
    return body + "".join(extra)


def _has_other_case(char: str) -> bool:
    """A letter with one other case ("a"/"A", "ñ"/"Ñ"); not "ß", whose upper case is two letters."""
    return char.isalpha() and char.lower() != char.upper() and len(char.lower()) == len(char.upper()) == 1
