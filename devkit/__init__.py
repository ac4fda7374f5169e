"""Development tooling shipped beside pantau: sample news site, real services for tests."""
