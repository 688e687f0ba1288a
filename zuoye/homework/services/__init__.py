"""Writes on homework: composing, the load budget, publishing, answer sheets."""
