"""Gunicorn settings for the forum: ``gunicorn -c gunicorn.conf.py wsgi:app`` (README, « Deployment »).

Values can be changed with the usual ``GUNICORN_CMD_ARGS`` or on the command line. What gunicorn
refuses itself (a malformed request line, an address or a header past the limits below) gets its
own short English page: in production nginx stands in front and answers those cases first, with
a French page (see the README).
"""

import gc
import os

bind = os.environ.get("FORUM_BIND", "127.0.0.1:8000")
# Sync workers: the forum is CPU-bound Python, threads would not serve more pages.
workers = int(os.environ.get("FORUM_WORKERS", "3"))
worker_class = "sync"
# A page takes milliseconds; a request still running after 30 s is stuck: the worker is replaced.
timeout = 30
graceful_timeout = 20
keepalive = 2

# The longest address the forum makes (a search with every facet) is under 1,000 characters;
# cookies are small (a signed session). A 20,000-character message travels in the body.
limit_request_line = 4094
limit_request_fields = 60
limit_request_field_size = 8190

# A worker is replaced after a few thousand requests (with some jitter, so not all at once):
# whatever memory a long-lived process gathers is given back.
max_requests = 5000
max_requests_jitter = 500


def post_worker_init(worker):
    """Freeze what the worker has built so far (imports, the app) out of the garbage collector's reach.

    It lives as long as the process: without this, each full collection walks it again in the
    middle of a request.
    """
    gc.freeze()
