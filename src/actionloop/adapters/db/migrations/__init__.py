"""Alembic migrations, shipped in the package and run from code (:mod:`actionloop.adapters.db.migrate`)."""
