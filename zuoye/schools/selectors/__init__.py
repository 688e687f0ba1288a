"""Reads on the school data model for pages and the API, always through the acting person's scope.

Every function takes an :class:`~zuoye.schools.access.Scope` (or an object already fetched
through one) and returns plain data for a page: counts are computed in a few grouped
queries, never one query per row, because a county has 50,000 students and a province
millions.
"""
