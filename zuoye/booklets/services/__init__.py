"""Writes of the booklets app: booklet assignments (``assignments``) and printing (``printing``)."""
