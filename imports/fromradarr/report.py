"""What a move-in did, section by section: counts, and every difference that needs the user."""

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Notice:
    """Something the user must look at: a provider without its secret, a path not found..."""

    kind: str  # "secret", "unknown", "path", "root folder", "invalid", "failed"
    item: str  # what it is about ("Indexer 'NZBgeek'", "/movies/Alien (1979)/Alien.mkv")
    message: str


@dataclass
class SectionReport:
    name: str  # "Movies", "Indexers"...
    found: int = 0
    imported: int = 0  # created here
    updated: int = 0  # already here (matched), written again
    skipped: int = 0
    skip_reasons: dict[str, int] = field(default_factory=dict)
    notices: list[Notice] = field(default_factory=list)
    status: str = "pending"  # pending, done, failed, rolled back (dry run)
    error: str = ""
    # a section committed in steps (movies in batches, history page by page): how far its writes are
    # kept ("page 12 of 50"); when it fails, the steps before stay and running again continues
    kept_until: str = ""

    def skip(self, reason: str, count: int = 1) -> None:
        self.skipped += count
        self.skip_reasons[reason] = self.skip_reasons.get(reason, 0) + count

    def notice(self, kind: str, item: str, message: str) -> None:
        self.notices.append(Notice(kind, item, message))

    @property
    def summary(self) -> str:
        text = f"{self.name}: {self.found} found, {self.imported} imported, {self.updated} updated"
        return text + (f", {self.skipped} skipped" if self.skipped else "")


@dataclass
class ImportReport:
    source: str  # the source's URL (never its API key)
    dry_run: bool
    source_version: str = ""
    sections: list[SectionReport] = field(default_factory=list)
    stopped_at: str = ""  # the section that failed; later sections were not read
    started: str = ""
    ended: str = ""

    def section(self, name: str) -> SectionReport:
        report = SectionReport(name)
        self.sections.append(report)
        return report

    @property
    def succeeded(self) -> bool:
        return not self.stopped_at

    @property
    def notices(self) -> list[Notice]:
        return [notice for section in self.sections for notice in section.notices]

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["succeeded"] = self.succeeded
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "ImportReport":
        sections = [
            SectionReport(
                **{**section, "notices": [Notice(**notice) for notice in section.get("notices", [])]}
            )
            for section in data.get("sections", [])
        ]
        fields = {
            key: data[key]
            for key in ("source", "dry_run", "source_version", "stopped_at", "started", "ended")
            if key in data
        }
        return cls(**fields, sections=sections)
