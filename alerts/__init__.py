"""Alerts: rules, the alert stage, delivery (webhook, email, feed) with exactly-once per story."""
