"""``python -m pipeline``: same as the ``pipeline`` command."""
from .cli import app

app(prog_name="pipeline")
