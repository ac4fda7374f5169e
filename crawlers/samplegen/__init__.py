"""Generator of the bundled sample site: invented stories rendered as ANTARA-like pages."""
