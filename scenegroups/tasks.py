"""Jobs of the scene groups area."""

from scenegroups.recompute import recompute


def recompute_reputations() -> str:
    """Rescore every group: evidence ages even when no new releases arrive, so scores drift daily
    (an RSS sync rescoring only the groups it saw leaves the others to this job)."""
    count = recompute()
    return f"Recomputed the reputation of {count} scene group(s)"
