"""Models of the imports app. The media-management rows (NamingConfig, MediaManagementConfig, ExtraFile)
live in imports/mediamanagement.py; importing it here registers them with Django at start-up."""

from imports import mediamanagement  # noqa: F401
