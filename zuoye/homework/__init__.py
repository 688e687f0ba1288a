"""Homework: assignments composed from the item bank, the daily load budget, and answer sheets."""
