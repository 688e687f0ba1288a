"""Homework pages: the list, a new assignment, composing and publishing, answer sheets, the load calendar."""
