"""Schema migrations: Alembic revisions that bring a ParcoRTLSMaint database up to date."""
