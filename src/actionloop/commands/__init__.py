"""Command groups of the ``actionloop`` CLI; each module has ``register(app)``."""
