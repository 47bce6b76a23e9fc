"""`make bench`: load a national-scale data set, serve production with gunicorn, measure.

    python -m bench.run            # BENCH_SCALE=1 (default), BENCH_SECONDS=20 per page,
                                   # BENCH_PAGES=youth,overview to measure only some pages

Uses its own database, ``ressourcebank_bench``, on the server DATABASE_URL points at (without
DATABASE_URL, run it under ``python -m ressourcebank.devdb`` as the Makefile does). The data
set is kept and reused while its scale is the same. Writes bench/results.md.
"""

from __future__ import annotations

import json
import os
import platform
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

BASE_DIR = Path(__file__).resolve().parent.parent
# Moved on when bench/generate.py changes what it makes: an older data set is dropped and
# made anew (2: interests, languages and availability as the forms store them).
DATA_VERSION = 2
BENCH_DB = f"ressourcebank_bench_v{DATA_VERSION}"
SCALE = float(os.environ.get("BENCH_SCALE", "1"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "20"))
CONNECTIONS = 16
TARGET_P95_MS = 100  # the target for every key page at CONNECTIONS connections


@dataclass
class Page:
    name: str
    path: str  # may name {offer_id}
    persona: str | None  # None: anonymous; else "caseworker", "coordinator", "mentor"
    vary: bool = False  # each request another search (bench/report.lua): mostly not cached


# The key pages. Adding one is one line.
PAGES = [
    Page("bare Django view (ceiling)", "/bench/bare/", None),
    Page("front page", "/", None),
    Page("catalogue search with filters", "/tilbud/?q=musik&kategori=musik&pris=gratis", None),
    Page("catalogue search, 1,500 varied", "/tilbud/?pris=gratis", None, vary=True),
    Page("offer detail", "/tilbud/{offer_id}/", None),
    Page("caseworker youth list", "/unge/", "caseworker"),
    Page("mentor browse", "/mentor/unge/", "mentor"),
    Page("overview", "/overblik/", "caseworker"),
]


# Which bench user plays a persona, when not any user with the role will do.
PERSONA_FILTERS = {"mentor": {"user__mentor_profile__status": "approved"}}


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def bench_env(database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_DEBUG"}
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="bench.settings",
        DJANGO_SECRET_KEY="bench-only-secret-key-" + "x" * 50,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SSL_REDIRECT="false",
        LOG_LEVEL="WARNING",
    )
    return env


def bench_database_url() -> str:
    """The bench database; made anew when it holds a data set of another scale or one made
    by an older generator."""
    server = os.environ.get("DATABASE_URL")
    if not server:
        sys.exit("DATABASE_URL is not set: run `make bench` (it starts the embedded server)")
    parts = urlsplit(server)
    bench_url = urlunsplit(parts._replace(path=f"/{BENCH_DB}"))
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
        older = conn.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE 'ressourcebank\\_bench%%' "
            "AND datname <> %s",
            [BENCH_DB],
        ).fetchall()
        for (name,) in older:
            print(f"  {name} was made by an older generator: dropped")
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DB]).fetchone()
        if exists and stored_scale(bench_url) not in (None, SCALE):
            print(f"  the data set has another scale than {SCALE}: made anew")
            conn.execute(f'DROP DATABASE "{BENCH_DB}" WITH (FORCE)')
            exists = False
        if not exists:
            conn.execute(f'CREATE DATABASE "{BENCH_DB}"')
    return bench_url


def stored_scale(url: str) -> float | None:
    with psycopg.connect(url) as conn:
        if not conn.execute("SELECT to_regclass('bench_meta')").fetchone()[0]:
            return None
        row = conn.execute("SELECT scale FROM bench_meta").fetchone()
        return row[0] if row else None


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, check=True)  # noqa: S603


def setup_django(env):
    # This process makes the sessions gunicorn reads: the same production settings, so the
    # same cookie name. `make` exports DJANGO_DEBUG=true, which bench_env leaves out.
    os.environ.pop("DJANGO_DEBUG", None)
    os.environ.update(env)
    import django

    django.setup()


def data_is_there(scale: float) -> bool:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS bench_meta (scale float PRIMARY KEY, at timestamptz)"
        )
        cursor.execute("SELECT 1 FROM bench_meta WHERE scale = %s", [scale])
        return cursor.fetchone() is not None


def mark_data(scale: float) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_meta VALUES (%s, now())", [scale])


def session_cookie(persona: str) -> str:
    """A logged-in session for a bench user of that role, MFA passed as after a real login."""
    from allauth.account.internal.flows.login import (
        _AUTHENTICATION_METHODS_USER_SESSION_KEY,
        AUTHENTICATION_METHODS_SESSION_KEY,
    )
    from django.conf import settings
    from django.test import Client

    from ressourcebank.accounts.models import RoleAssignment

    assignment = (
        RoleAssignment.objects.filter(role=persona, **PERSONA_FILTERS.get(persona, {}))
        .order_by("user_id")
        .first()
    )
    client = Client()
    client.force_login(assignment.user)
    session = client.session
    now = time.time()
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": now},
        {"method": "mfa", "at": now, "type": "totp"},
    ]
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(assignment.user_id)
    session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


PORT = int(os.environ.get("BENCH_PORT") or free_port())


def start_gunicorn(env) -> subprocess.Popen:
    server = subprocess.Popen(  # noqa: S603
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "ressourcebank.wsgi",
            "--config",
            "python:ressourcebank.gunicorn",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
        ],
        cwd=BASE_DIR,
        env=env,
    )
    for _ in range(100):
        if server.poll() is not None:
            sys.exit(f"gunicorn stopped (port {PORT} taken?)")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/sundhed/", timeout=1):  # noqa: S310
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    sys.exit("gunicorn did not answer on /sundhed/")


def check_page(url: str, cookie: str | None) -> int | str:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310
    try:
        with urllib.request.build_opener(_NoRedirect).open(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        location = error.headers.get("Location")
        return f"{error.code} to {location}" if location else error.code


def wrk(url: str, cookie: str | None, seconds: int, *, vary: bool = False) -> dict:
    command = [
        "wrk",
        "-t2",
        f"-c{CONNECTIONS}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(BASE_DIR / "bench" / "report.lua"),
    ]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    arguments = ["--", "vary"] if vary else []
    output = subprocess.run(  # noqa: S603
        [*command, url, *arguments], capture_output=True, text=True, check=True
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory_kb = int(Path("/proc/meminfo").read_text().split()[1])
    memory = f"{memory_kb / 1024 / 1024:.1f} GiB memory"
    return f"{os.cpu_count()} CPUs ({cpu}), {memory}, {platform.platform()}"


def main():
    if not shutil_which("wrk"):
        sys.exit("wrk is missing: apt-get install -y wrk")
    env = bench_env(bench_database_url())
    print(f"== database {BENCH_DB}, scale {SCALE}")
    manage(env, "migrate", "--no-input", "-v", "0")
    setup_django(env)
    generation = None
    if data_is_there(SCALE):
        print("  data set already there: reused")
    else:
        from bench.generate import generate

        started = time.monotonic()
        timings = generate(SCALE)
        generation = (timings, time.monotonic() - started)
        mark_data(SCALE)
    print("== overview counts, static files")
    manage(env, "refresh_overview", "-v", "0")
    manage(env, "collectstatic", "--no-input", "-v", "0")

    from offers.models import Offer

    offer_id = Offer.objects.published().order_by("pk").values_list("pk", flat=True).first()
    from django.db import connections

    connections.close_all()

    print(f"== gunicorn on 127.0.0.1:{PORT}; wrk, {CONNECTIONS} connections, {SECONDS} s per page")
    results = [measure(page, env, offer_id) for page in selected(PAGES)]
    write_results(results, generation)


def selected(pages: list[Page]) -> list[Page]:
    """BENCH_PAGES="youth,overview" measures only the pages whose names contain those words
    (the bare view always, as the yardstick)."""
    words = [w.strip() for w in os.environ.get("BENCH_PAGES", "").split(",") if w.strip()]
    if not words:
        return pages
    return [p for p in pages if p is pages[0] or any(w in p.name for w in words)]


def measure(page: Page, env, offer_id):
    """One page against a fresh gunicorn, so that a slow page cannot hold up the next."""
    server = start_gunicorn(env)
    try:
        url = f"http://127.0.0.1:{PORT}{page.path.format(offer_id=offer_id)}"
        # A session made just before the page is measured, as after a real login.
        cookie = session_cookie(page.persona) if page.persona else None
        try:
            status = check_page(url, cookie)
        except TimeoutError:
            status = "no answer in 30 s"
        if status != 200:
            print(f"  {page.name}: {url} answers {status}; skipped")
            return (page, None, status)
        wrk(url, cookie, 2, vary=page.vary)  # warm up
        figures = wrk(url, cookie, SECONDS, vary=page.vary)
        if figures["requests"] == 0:
            print(f"  {page.name}: no request answered within {SECONDS} s")
            return (page, None, f"none answered in {SECONDS} s")
        print(
            f"  {page.name:<32} {figures['requests'] / figures['seconds']:>8.1f} req/s"
            f"  p50 {figures['p50'] / 1000:>6.1f} ms  p95 {figures['p95'] / 1000:>6.1f} ms"
            f"  p99 {figures['p99'] / 1000:>6.1f} ms  errors {figures['errors']}"
        )
        return (page, figures, status)
    finally:
        server.terminate()
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:  # workers stuck in a slow page: stop them hard
            server.kill()
            server.wait()


def shutil_which(name):
    import shutil

    return shutil.which(name)


def write_results(results, generation) -> None:
    from django.db import connection

    from ressourcebank import gunicorn as gunicorn_config

    with connection.cursor() as cursor:
        counts = {}
        for table in ["offers_offer", "youth_youthprofile", "mentoring_mentor", "audit_accesslog"]:
            cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    bare = next((f for p, f, _ in results if p.path == "/bench/bare/" and f), None)
    bare_rps = bare["requests"] / bare["seconds"] if bare else None
    lines = [
        "# Benchmark results (last run of `make bench`)",
        "",
        f"- Machine: {machine()}",
        f"- Run: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, scale {SCALE}, "
        f"{SECONDS} s per page, "
        f"{CONNECTIONS} connections (wrk on the same machine), gunicorn "
        f"{gunicorn_config.workers} sync workers (ressourcebank/gunicorn.py), production settings.",
        "- Data: " + ", ".join(f"{table} {n:,}" for table, n in counts.items()),
    ]
    if generation:
        timings, total = generation
        lines.append(
            f"- Generated in {total:.0f} s: "
            + ", ".join(
                f"{name} {rows:,} rows {sec:.0f} s" for name, (rows, sec) in timings.items()
            )
        )
    lines += [
        "",
        f"| page | req/s | p50 ms | p95 ms | p99 ms | errors | share of bare view "
        f"| p95 under {TARGET_P95_MS} ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | :---: |",
    ]
    for page, figures, status in results:
        if figures is None:
            problem = f"HTTP {status}" if isinstance(status, int) else str(status)
            lines.append(f"| {page.name} | – | – | – | – | {problem} | – | no |")
            continue
        rps = figures["requests"] / figures["seconds"]
        ratio = f"{rps / bare_rps:.2f}" if bare_rps else "–"
        lines.append(
            f"| {page.name} | {rps:.1f} | {figures['p50'] / 1000:.1f} | {figures['p95'] / 1000:.1f}"
            f" | {figures['p99'] / 1000:.1f} | {figures['errors']} | {ratio}"
            f" | {'yes' if figures['p95'] / 1000 < TARGET_P95_MS else 'no'} |"
        )
    path = BASE_DIR / "bench" / "results.md"
    existing = path.read_text() if path.exists() else ""
    notes = existing.split("## Notes", 1)[1] if "## Notes" in existing else "\n"
    path.write_text("\n".join(lines) + "\n\n## Notes" + notes)
    print(f"== wrote {path.relative_to(BASE_DIR)}")


if __name__ == "__main__":
    main()
