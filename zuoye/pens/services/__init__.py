"""Writes of the pens app: registry (pens, gateways, paper), page addresses, ingest, reading."""
