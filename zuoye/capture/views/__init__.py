"""Pages under /capture/: scan upload and batches, the review queue, phone photos and self-report."""
