"""Radarr's v3 JSON API plumbing: auth, JSON, errors, paging; the endpoints live in each app's api.py."""
