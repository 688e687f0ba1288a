"""Views of the learning app: thin adapters over selectors and services (DESIGN §2)."""
