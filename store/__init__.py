"""The operational store: users, offices, alerts and their outbox, on SQLite or PostgreSQL.

Imports no project package: the composition root (`pantau.wiring`) opens it and feeds it
data (the office hierarchy) that lives elsewhere. See README.md in this package.
"""
