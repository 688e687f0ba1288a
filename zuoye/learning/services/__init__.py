"""Writes of the learning app (DESIGN: ``<thing>_<verb>``, keyword-only arguments)."""
