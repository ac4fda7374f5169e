"""Generator of the bundled sample site: invented stories in each outlet's own markup."""
