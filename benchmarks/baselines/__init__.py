"""Baselines: the same work as Lotse, done with the bare library and nothing of Lotse."""
