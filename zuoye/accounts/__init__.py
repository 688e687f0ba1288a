"""Accounts: people who log in, by username or phone, with a forced change of the first password."""
