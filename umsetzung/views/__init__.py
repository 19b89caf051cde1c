"""The public pages of the implementation, by topic."""
