"""Rosters: class and teacher lists in and out (Excel as schools keep them, IMS OneRoster 1.2 CSV)."""
