"""Production mode (DJANGO_DEBUG unset) must refuse to start without its secrets, and pass
Django's deployment checklist."""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

BASE_DIR = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DJANGO_SECRET_KEY": "a-long-random-secret-key-for-the-check-only-" + "x" * 40,
    "DJANGO_ALLOWED_HOSTS": "ressourcebank.randers.dk",
    # Model checks ask the server for its version: use the tests' server and its always
    # present "postgres" database.
    "DATABASE_URL": urlsplit(os.environ.get("DATABASE_URL", ""))
    ._replace(path="/postgres")
    .geturl(),
}


def manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE"))}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_each_secret():
    for missing in PRODUCTION:
        env = {k: v for k, v in PRODUCTION.items() if k != missing}
        result = manage("check", **env)
        assert result.returncode != 0
        assert f"{missing} must be set in production" in result.stderr


def test_deploy_check_is_clean():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_debug_must_be_a_boolean():
    result = manage("check", DJANGO_DEBUG="maybe", **PRODUCTION)
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be true or false" in result.stderr
