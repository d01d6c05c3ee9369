"""Evidence about release groups (what indexers show, what became of our grabs) and the reputations
learned from it. Group names are keyed lower-case (`group_key`); the name as most often written is
kept for display.
"""

from django.db import models

from radarr.models import SingletonModel

FACTOR_NAMES: dict[str, str] = {  # key -> what the pages and the API call it, in weight order
    "seeder_health": "Seeder health",
    "internal_ratio": "Internal ratio",
    "completion_rate": "Completion rate",
    "quality_consistency": "Quality consistency",
    "recency": "Recency",
    "category_diversity": "Category diversity",
    "volume": "Volume",
    "size_appropriateness": "Size appropriateness",
}
DEFAULT_WEIGHTS: dict[str, int] = {  # percent
    "seeder_health": 25,
    "internal_ratio": 20,
    "completion_rate": 15,
    "quality_consistency": 12,
    "recency": 10,
    "category_diversity": 8,
    "volume": 5,
    "size_appropriateness": 5,
}


def group_key(name: str) -> str:
    """Groups are one group whatever the case a title writes them in (`FraMeSToR`, `framestor`)."""
    return name.strip().lower()


class Sighting(models.Model):
    """One release an indexer showed us (RSS, search or push); seeing it again refreshes its counts."""

    group = models.CharField(max_length=100)  # group_key
    group_name = models.CharField(max_length=100)  # as the title wrote it
    indexer_id = models.PositiveIntegerField(default=0)
    indexer = models.CharField(max_length=200, default="")
    guid = models.CharField(max_length=1000)
    title = models.CharField(max_length=1000, default="")
    protocol = models.CharField(max_length=10, default="")
    # the quality name as releases names it ("Bluray-1080p"); names, not ids, because scenegroups sits
    # left of releases and shows them without asking it; "" when unknown
    quality = models.CharField(max_length=40, default="", blank=True)
    size = models.BigIntegerField(default=0)  # bytes; 0 when the indexer does not say
    # the quality definition's preferred size for the matched movie's runtime, in bytes; 0 unknown
    preferred_size = models.BigIntegerField(default=0)
    published = models.DateTimeField()
    seen = models.DateTimeField()  # last time an indexer showed it
    seeders = models.IntegerField(null=True, blank=True)  # None: the indexer does not say (usenet)
    leechers = models.IntegerField(null=True, blank=True)
    times_completed = models.IntegerField(null=True, blank=True)  # Torznab `grabs`, HDBits times_completed
    internal = models.BooleanField(default=False)
    scene = models.BooleanField(default=False)
    freeleech = models.BooleanField(default=False)
    category = models.IntegerField(null=True, blank=True)  # Newznab category, or the tracker's own
    medium = models.CharField(max_length=40, default="", blank=True)  # HDBits: Blu-ray, Encode, WEB-DL...
    codec = models.CharField(max_length=40, default="", blank=True)  # HDBits: H.264, HEVC...
    source = models.CharField(max_length=10, default="rss")  # rss, search, push

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["indexer_id", "guid"], name="sighting_unique_per_indexer")
        ]
        indexes = [models.Index(fields=["group", "published"], name="sighting_group_published")]

    def __str__(self) -> str:
        return self.title


class OutcomeKind(models.TextChoices):
    GRABBED = "grabbed"
    IMPORTED = "imported"
    FAILED = "failed"  # the download failed
    REJECTED = "rejected"  # the finished download could not be imported
    UPGRADED = "upgraded"  # the group's file was later replaced by an upgrade
    DELETED = "deleted"  # the user deleted the group's file


class Outcome(models.Model):
    """What became of one of our own grabs or files of the group; `key` makes recording idempotent."""

    group = models.CharField(max_length=100)  # group_key
    kind = models.CharField(max_length=10, choices=OutcomeKind.choices)
    key = models.CharField(max_length=200)  # download id, file id...: one outcome of a kind per key
    movie_id = models.PositiveIntegerField(default=0)
    title = models.CharField(max_length=1000, default="")
    date = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="outcome_unique_per_key")]
        indexes = [models.Index(fields=["group", "date"], name="outcome_group_date")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.title}"


class Confidence(models.TextChoices):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class SceneGroup(models.Model):
    """A group's learned reputation (rewritten by each recompute) and the user's pin (never rewritten)."""

    key = models.CharField(max_length=100, unique=True)  # group_key
    name = models.CharField(max_length=100)
    score = models.FloatField(default=0)  # learned, 0-100
    confidence = models.CharField(max_length=6, choices=Confidence.choices, default=Confidence.LOW)
    # [{"key", "name", "score" (0-100 or None without evidence), "weight" (percent), "evidence"}]
    factors = models.JSONField(default=list)
    releases = models.PositiveIntegerField(default=0)  # sightings behind the score
    indexers = models.JSONField(default=list)  # indexer names, most releases first
    qualities = models.JSONField(default=list)  # quality names, most common first
    outcomes = models.JSONField(default=dict)  # {kind: count}
    last_seen = models.DateTimeField(null=True, blank=True)
    computed = models.DateTimeField(null=True, blank=True)
    pinned_score = models.PositiveSmallIntegerField(null=True, blank=True)  # the user's override, 0-100
    pin_note = models.CharField(max_length=300, default="", blank=True)

    class Meta:
        ordering = ["key"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_pinned(self) -> bool:
        return self.pinned_score is not None

    @property
    def effective_score(self) -> float:
        """What decisions use: the pin when there is one, the learned score otherwise."""
        return float(self.pinned_score) if self.pinned_score is not None else self.score


class ScoreHistory(models.Model):
    """The learned score at each day's recompute, for the chart on the group's page."""

    group = models.ForeignKey(SceneGroup, on_delete=models.CASCADE, related_name="history")
    day = models.DateField()
    score = models.FloatField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["group", "day"], name="score_history_one_per_day")]
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day}: {self.score}"


class ReputationSettings(SingletonModel):
    """Settings of the analysis (one row, `load()`): factor weights in percent and how fast evidence ages."""

    weights = models.JSONField(default=dict)  # factor key -> percent; missing keys take DEFAULT_WEIGHTS
    half_life_days = models.PositiveIntegerField(default=180)  # evidence this old counts half

    def __str__(self) -> str:
        return "Scene group reputation settings"

    def weight_map(self) -> dict[str, int]:
        return {key: int(self.weights.get(key, default)) for key, default in DEFAULT_WEIGHTS.items()}
