"""Loopback stand-ins for download clients that have no daemon here, each built from its service's
documented API. A fake keeps state (its torrents, tasks, sessions) and checks each request the way the
real service does: a wrong session id, token or password is refused in the service's own way."""
