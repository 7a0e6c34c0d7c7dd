"""Whitelisted endpoints, grouped by resource. Each checks permission itself; changes are POST."""
