"""The rules of the seeds, as data: each threshold named, cited, and overridable by a region.

Nothing outside this package hard-codes 60 minutes or 2 uses a week; a bureau changes a rule
by configuration (a region's override), and tests check the seeds' own numbers table-driven.
"""
