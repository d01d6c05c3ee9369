""".NET regular expressions, as Radarr runs them, on Python's `regex` package.

`regex` already has what TRaSH patterns lean on (variable-length lookbehind, atomic groups, possessive
quantifiers, `(?<name>...)`, `\\p{L}`). What remains are a few spellings .NET reads differently; they are
rewritten here, and only here, before compiling.
"""

from functools import lru_cache

import regex

FLAGS = regex.IGNORECASE  # Radarr compiles every custom-format pattern with RegexOptions.IgnoreCase


def translate(pattern: str) -> str:
    """Rewrite the .NET-only spellings outside character classes; everything else passes through.

    - `(?'name'...)` (quoted group name) becomes `(?<name>...)`;
    - `\\k<name>` and `\\k'name'` (named backreferences) become `(?P=name)`;
    - `{,n}` is a literal in .NET (a quantifier needs its minimum), so its brace is escaped.
    """
    out: list[str] = []
    index, in_class = 0, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            if (
                not in_class
                and pattern[index + 1 : index + 2] == "k"
                and pattern[index + 2 : index + 3] in ("<", "'")
            ):
                closing = ">" if pattern[index + 2] == "<" else "'"
                end = pattern.find(closing, index + 3)
                if end != -1:
                    out.append(f"(?P={pattern[index + 3 : end]})")
                    index = end + 1
                    continue
            out.append(pattern[index : index + 2])
            index += 2
            continue
        if in_class:
            in_class = char != "]" or out[-1] == "["  # `[]...]` keeps its first `]` as a literal
        elif char == "[":
            in_class = True
            if pattern[index + 1 : index + 2] == "^":
                out.append("[^")
                index += 2
                continue
        elif pattern.startswith("(?'", index):
            end = pattern.find("'", index + 3)
            if end != -1:
                out.append(f"(?<{pattern[index + 3 : end]}>")
                index = end + 1
                continue
        elif char == "{" and pattern[index + 1 : index + 2] == ",":
            out.append("\\{")
            index += 1
            continue
        out.append(char)
        index += 1
    return "".join(out)


@lru_cache(maxsize=4096)
def compile_pattern(pattern: str) -> regex.Pattern[str]:
    """Compile a .NET pattern case-insensitively; raises `regex.error` with the reason when it is invalid.

    Cached: the same TRaSH pattern appears in many formats, and formats are recompiled on every save.
    """
    return regex.compile(translate(pattern), FLAGS)


def pattern_error(pattern: str) -> str | None:
    """Why a pattern does not compile, or None when it does."""
    try:
        compile_pattern(pattern)
    except regex.error as error:
        return str(error)
    return None
