"""One file per schema revision; Alembic reads them in order of `down_revision`."""
