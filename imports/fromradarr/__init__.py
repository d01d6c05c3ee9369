"""Moving in from Radarr: read a whole Radarr install through its v3 API and write it here through the
writers our own v3 endpoints use, one section at a time, never touching a media file.

`run.import_radarr` is the entry point (the `import_radarr` management command, the ImportRadarr command
and Settings → Migrate from Radarr call it); each section is a module with one `import_<section>`
function taking the reader, the run's state and its section report.
"""
