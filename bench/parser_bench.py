"""How many release titles the parser reads per second on one core.

Run from the repository root: `.venv/bin/python -m bench.parser_bench [count]`. The titles are generated
(scene, P2P and anime-style names with the usual mix of sources, editions, languages and groups, plus some
junk that must not parse), so the benchmark needs no shared fixtures. Each title goes through
`parse_movie_title`, which also parses quality, languages, group and edition: the work an RSS sync does per
release.

Every timed title is distinct and is parsed once, as in a real feed: a cache keyed by title, or by the
combination of keywords a title contains, gets no more help here than it would in production. The warm-up
uses titles from another seed, so it only pays for compiling the module-level patterns.
"""

import random
import sys
import time

from releases.parser import parse_movie_title

_WORDS = (
    "Harbor", "Lights", "The", "Quiet", "Orchard", "Silver", "Night", "of", "Paper", "Moons", "Last",
    "Garden", "A", "Long", "Way", "Home", "Red", "River", "Iron", "Sky", "Winter", "King", "Lost", "City",
    "Dark", "Water", "Broken", "Arrow", "Little", "Women", "Great", "Escape", "Hidden", "Valley", "Black",
    "Swan", "Cold", "Summer", "Deep", "Blue", "Sea", "Golden", "Hour", "Into", "Wild", "Northern", "Star",
    "Ocean", "Eleven", "Secret", "Life", "Burning", "Bridge", "Midnight", "Run", "Glass", "House", "Shadow",
    "Empire", "Rising", "Sun", "Fallen", "Angel", "Twelve", "Monkeys", "Empty", "Room", "Stranger", "Game",
    "and", "in", "to", "for", "Dr", "Mr", "II", "III", "2", "Part"
)  # fmt: skip
_RESOLUTIONS = ("2160p", "1080p", "1080p", "720p", "720p", "480p", "576p", "")
_SOURCES = (
    "BluRay", "BluRay", "Blu-ray", "WEB-DL", "WEB-DL", "WEBRip", "WEB", "HDTV", "DVDRip", "BDRip", "BRRip",
    "UHD.BluRay", "HDCAM", "TELESYNC", "DVDSCR", "DVD9", "PDTV", "AMZN.WEB-DL", "NF.WEB-DL", "DSNP.WEBRip",
    "HMAX.WEB-DL", "ATVP.WEB-DL", "HDRip", "",
)  # fmt: skip
_MODIFIERS = ("", "", "", "", "REMUX", "HDR", "DV.HDR", "10bit", "HDR10Plus", "Hybrid", "3D", "COMPLETE")
_CODECS = ("x264", "x264", "x265", "H.264", "H.265", "HEVC", "AVC", "XviD", "h264", "DivX", "VC-1", "")
_AUDIO = (
    "", "", "DTS", "DTS-HD.MA.5.1", "TrueHD.7.1.Atmos", "DD5.1", "DDP5.1", "AAC2.0", "AC3", "FLAC", "EAC3",
    "Atmos", "DTS-X",
)  # fmt: skip
_EXTRAS = (
    "", "", "", "", "", "PROPER", "REPACK", "REPACK2", "EXTENDED", "Directors.Cut", "UNRATED", "IMAX",
    "Remastered", "Theatrical.Cut", "REAL.PROPER", "LIMITED", "INTERNAL", "Open.Matte", "Special.Edition",
    "KORSUB", "HC", "iNTERNAL.REPACK",
)  # fmt: skip
_LANGUAGES = (
    "", "", "", "", "", "", "German.DL", "German.ML", "GERMAN", "FRENCH", "TRUEFRENCH", "MULTi", "iTALiAN",
    "SPANiSH", "Hindi", "ITA.ENG", "RUS", "Latino", "NORDiC", "DUTCH", "VFF", "PL", "KOREAN", "CZ",
)  # fmt: skip
_GROUPS = (
    "NOVA", "SPARKS", "FLUX", "NTb", "GECKOS", "EVO", "TiMELiNE", "FGT", "YIFY", "RARBG", "AMIABLE", "DON",
    "CtrlHD", "KRaLiMaRKo", "TEPES", "CMRG", "playWEB", "EDITH", "SiGMA", "W4NK3R", "d3g", "HDS", "iFT",
    "NTG", "BLUTONiUM", "ViSiON", "QxR", "E.N.D", "Tigole", "D-Z0N3",
)  # fmt: skip
_GROUP_SUFFIXES = ("", "", "", "", "", "", "", "-Obfuscated", "-Rakuv", "-postbot", "-xpost", "-RP")
_EXTENSIONS = ("", "", "", "", "", ".mkv", ".mp4", ".avi", ".m2ts")
_ANIME_GROUPS = ("SubsPlease", "Erai-raws", "HorribleSubs", "Judas", "Anime Time", "Coalgirls")


def sample_titles(count: int = 20_000, seed: int = 7) -> list[str]:
    """`count` distinct, reproducible release names, about 4% of them unparseable junk."""
    rng = random.Random(seed)
    titles: dict[str, None] = {}  # ordered set: each title once
    while len(titles) < count:
        titles[_one_title(rng, len(titles))] = None
    return list(titles)


def _one_title(rng: random.Random, index: int) -> str:
    if index % 25 == 0:
        return _junk(rng)
    name_words = rng.sample(_WORDS, rng.randint(1, 5))
    year = rng.randint(1930, 2025)
    tokens = [rng.choice(choices) for choices in (_EXTRAS, _LANGUAGES, _RESOLUTIONS, _SOURCES)]
    tokens += [rng.choice(_MODIFIERS), rng.choice(_AUDIO), rng.choice(_CODECS)]
    tokens = [token for token in tokens if token]
    group = rng.choice(_GROUPS)
    style = rng.random()
    if style < 0.6:  # scene: dots everywhere
        body = ".".join([*name_words, str(year), *tokens])
        return f"{body}-{group}{rng.choice(_GROUP_SUFFIXES)}{rng.choice(_EXTENSIONS)}"
    if style < 0.8:  # P2P: spaces, year in brackets, tags in a bracket, group after a dash or inside
        tags = " ".join(token.replace(".", " ") for token in tokens)
        if rng.random() < 0.5:
            return f"{' '.join(name_words)} ({year}) [{tags}] - {group}"
        return f"{' '.join(name_words)} ({year}) ({tags} {group})"
    if style < 0.9:  # underscores or spaces, group at the end
        separator = rng.choice(("_", " "))
        return separator.join([*name_words, str(year), *tokens]) + f"-{group}"
    hash_tag = "".join(rng.choice("0123456789ABCDEF") for _ in range(8))
    tags = " ".join(token for token in tokens[:3])
    return f"[{rng.choice(_ANIME_GROUPS)}] {' '.join(name_words)} ({year}) [{tags}] [{hash_tag}].mkv"


def _junk(rng: random.Random) -> str:
    kind = rng.randrange(3)
    if kind == 0:
        return "".join(rng.choice("0123456789abcdef") for _ in range(32))  # an md5-style hash
    if kind == 1:
        return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(24))
    # a scene name without a year: Radarr will not parse it
    name = ".".join(rng.sample(_WORDS, 3))
    return f"{name}.{rng.choice(_RESOLUTIONS[:4])}.BluRay.x264-{rng.choice(_GROUPS)}"


def titles_per_second(titles: list[str]) -> float:
    """Parse every title once and report the rate."""
    timed = set(titles)
    for title in sample_titles(1_000, seed=99):  # warm-up on other titles: import and compile only
        if title not in timed:
            parse_movie_title(title)
    started = time.perf_counter()
    for title in titles:
        parse_movie_title(title)
    return len(titles) / (time.perf_counter() - started)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    print(f"parser: {titles_per_second(sample_titles(count)):,.0f} titles/s")


if __name__ == "__main__":
    main()
