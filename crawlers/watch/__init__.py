"""Continuous monitoring: the source registry, the feed scheduler and source health."""
