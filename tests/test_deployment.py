"""The gunicorn configuration the README and the benchmark use: valid, bounded, freezing the GC."""

from __future__ import annotations

import gc
import os
import runpy
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_settings_bound_requests_and_workers():
    settings = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert settings["worker_class"] == "sync" and settings["timeout"] <= 60
    assert settings["limit_request_line"] <= 8190 and settings["limit_request_fields"] <= 100
    assert settings["max_requests"] > 0 and settings["max_requests_jitter"] > 0


def test_each_worker_freezes_what_it_built():
    settings = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    try:
        settings["post_worker_init"](None)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_gunicorn_accepts_the_configuration_and_loads_the_app(tmp_path):
    env = {**os.environ, "FORUM_ENV": "production", "FORUM_SECRET_KEY": "x" * 40,
           "FORUM_DATABASE_URL": f"sqlite:///{tmp_path / 'forum.sqlite3'}", "FORUM_INDEX_DIR": str(tmp_path / "index"),
           "FORUM_BASE_URL": "https://forum.example.org", "FORUM_MAIL_DIR": str(tmp_path / "mail")}
    checked = subprocess.run([sys.executable, "-m", "gunicorn", "--check-config", "-c", "gunicorn.conf.py", "wsgi:app"],
                             cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert checked.returncode == 0, checked.stderr


def test_the_readme_serves_with_this_file():
    assert "gunicorn -c gunicorn.conf.py wsgi:app" in (ROOT / "README.md").read_text(encoding="utf-8")
