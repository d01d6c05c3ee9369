"""v3 routes of the downloads app, by topic."""
