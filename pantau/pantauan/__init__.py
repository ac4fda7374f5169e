"""Saved searches ("pantauan"): re-run in the owner's scope, new hits, daily mail, alert rule."""
