"""Where the team's shared fixtures live, and how tests that need them skip on a user's clone."""

import os
from pathlib import Path

import pytest

REPO_DIR = Path(__file__).resolve().parent.parent
SHARED_DIR = Path(os.environ.get("RADARR_SHARED_DIR", REPO_DIR.parent / "shared"))
SHARED_FIXTURES = SHARED_DIR / "fixtures"

requires_shared = pytest.mark.skipif(
    not SHARED_FIXTURES.is_dir(),
    reason=f"the shared fixtures folder {SHARED_FIXTURES} is absent (a user's clone has none)",
)
