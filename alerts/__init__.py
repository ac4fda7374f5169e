"""Alerts: rules, the alert stage, delivery (webhook, email, feed) with exactly-once per story.

See README.md in this package for the rules format, routing, syndication grouping and the
exactly-once argument.
"""
