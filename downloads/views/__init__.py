"""Pages of the downloads app, by topic."""
