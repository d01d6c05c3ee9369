"""What the Settings → Parse tester shows for a typed title: the parse, the formats it matches, the
score each quality profile would give it."""

from dataclasses import dataclass

from releases.customformats.matching import compile_formats, format_input_from_parsed, matching_formats
from releases.decisions.loading import profile_facts
from releases.models import CustomFormat, QualityProfile
from releases.parser import ParsedMovieInfo, parse_movie_title, parse_quality, parse_release_group
from releases.qualities import QualityModel


@dataclass(frozen=True, slots=True)
class ProfileScore:
    name: str
    score: int
    quality_allowed: bool


@dataclass(frozen=True, slots=True)
class ParseReport:
    title: str
    parsed: ParsedMovieInfo | None
    quality: QualityModel
    release_group: str | None
    format_names: list[str]
    profile_scores: list[ProfileScore]


def parse_report(title: str) -> ParseReport:
    parsed = parse_movie_title(title)
    if parsed is None:  # quality and group still read from the name, as for file names
        return ParseReport(title, None, parse_quality(title), parse_release_group(title), [], [])
    matched = matching_formats(compile_formats(CustomFormat.objects.all()), format_input_from_parsed(parsed))
    matched_ids = {fmt.id for fmt in matched}
    profiles = QualityProfile.objects.for_resource()
    scores = [
        ProfileScore(
            profile.name,
            profile_facts(profile).score(matched_ids),
            parsed.quality.quality.id in profile.allowed_quality_ids(),
        )
        for profile in profiles
    ]
    return ParseReport(
        title, parsed, parsed.quality, parsed.release_group, [fmt.name for fmt in matched], scores
    )
