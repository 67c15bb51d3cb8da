"""``python -m guidegen``: the ``guidegen`` program (``guidegen preview`` runs its check so)."""

from guidegen.cli import run

run()
