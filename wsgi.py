"""Entry point for gunicorn and the flask command: ``app = create_app()``."""

import gc

from forum import create_app

app = create_app()

# What the imports and the app built will live as long as the process: keeping it out of the
# collector's reach spares each worker a full collection of it in the middle of a request.
gc.freeze()
