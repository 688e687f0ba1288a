"""Writes on the item bank: curriculum sync, storing items (deduplicated), imports, variants."""
