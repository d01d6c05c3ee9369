"""Clean-ups every release-name parser applies first (Radarr's ParserCommon)."""

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


def strip_site_tags(name: str) -> str:
    """Remove a leading website tag and a trailing torrent-site tag."""
    name = strip_website_prefix(name)
    if name.endswith("]"):
        name = TORRENT_SUFFIX.sub("", name, count=1)
    return name


def strip_website_prefix(name: str) -> str:
    prefix = WEBSITE_PREFIX.match(name)
    return name[prefix.end() :] if prefix else name


class TokenAlternation:
    """A large alternation of named token patterns, such as Radarr's source or language regex.

    Scanning every position of a title with thirty alternatives is the parser's main cost, so each title
    gets a regex built from only the alternatives whose literal hints occur in it (cached per combination).
    An alternative none of whose hints occurs cannot match, so the matches are exactly those of the full
    alternation: same order of alternatives, same leftmost-first, non-overlapping scan.
    """

    def __init__(
        self, alternatives: tuple[tuple[str, tuple[str, ...]], ...], template: str, flags: int
    ) -> None:
        self._alternatives = alternatives  # (pattern, lower-case hints any match must contain)
        self._hints = tuple((hint, index) for index, (_, hints) in enumerate(alternatives) for hint in hints)
        self._template = template  # "{}" marks where the chosen alternatives go
        self._flags = flags
        self._compiled: dict[tuple[int, ...], regex.Pattern] = {}

    def finditer(self, text: str) -> list[regex.Match]:
        lower = text.lower()
        present = tuple(sorted({index for hint, index in self._hints if hint in lower}))
        if not present:
            return []
        pattern = self._compiled.get(present)
        if pattern is None:
            body = "|".join(self._alternatives[index][0] for index in present)
            pattern = regex.compile(self._template.format(body), self._flags)
            if len(self._compiled) < 4096:  # combinations seen in practice are few; never grow unbounded
                self._compiled[present] = pattern
        return list(pattern.finditer(text))
