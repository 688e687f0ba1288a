"""Writes of the capture app: uploads and batches, pages, the review queue."""
