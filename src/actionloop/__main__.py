"""``python -m actionloop`` runs the ``actionloop`` command."""

from actionloop.cli import main

main()
