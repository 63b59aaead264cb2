"""Entry point for gunicorn (settings in ``gunicorn.conf.py``) and the flask command: ``app = create_app()``."""

from forum import create_app

app = create_app()
