"""Shared support for benchmarks: a throwaway PostgreSQL server and Django set-up per database.

Each benchmark runs its measurement once per database engine in a fresh child process
(Django settings are read once per process), so SQLite and PostgreSQL figures come from the
same run on the same machine.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@contextlib.contextmanager
def throwaway_postgres(port: int = 0) -> Iterator[str]:
    """Start a private PostgreSQL (RECIPES §4) and yield its URL; stop and delete it afterwards."""
    if os.environ.get("ZUOYE_BENCH_PG_URL"):
        yield os.environ["ZUOYE_BENCH_PG_URL"]
        return
    bins = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
    if not bins:
        raise SystemExit("PostgreSQL is not installed: run ./dev test once (it installs it), or set ZUOYE_BENCH_PG_URL")
    pgbin = Path(bins[-1])
    port = port or _free_port()
    data = Path(tempfile.mkdtemp(prefix="zuoye-bench-pg-"))
    runas: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(data, "postgres", "postgres")
        runas = ["runuser", "-u", "postgres", "--"]
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    try:
        _start(pgbin, data, port, runas, quiet)
    except subprocess.CalledProcessError:
        shutil.rmtree(data, ignore_errors=True)
        raise
    try:
        subprocess.run([str(pgbin / "psql"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-qc",
                        "CREATE DATABASE zuoye_bench"], check=True, **quiet)
        yield f"postgresql://postgres@127.0.0.1:{port}/zuoye_bench"
    finally:
        subprocess.run([*runas, str(pgbin / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"], **quiet)
        shutil.rmtree(data, ignore_errors=True)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start(pgbin: Path, data: Path, port: int, runas: list[str], quiet: dict) -> None:  # type: ignore[type-arg]
    subprocess.run([*runas, str(pgbin / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                    "--locale=C.UTF-8", "--no-sync"], check=True, **quiet)
    options = f"-c listen_addresses=127.0.0.1 -p {port} -k {data}"  # durable defaults, as in production
    subprocess.run([*runas, str(pgbin / "pg_ctl"), "-D", str(data), "-l", str(data / "server.log"), "-w", "-t", "30",
                    "start", "-o", options], check=True, **quiet)


def run_child(script: Path, *args: str, database_url: str = "", home: Path) -> str:
    """Run ``script --child ARGS`` with the given database; return its stdout (the figures, as JSON).
    The child's progress lines (stderr) pass straight through, so a long run shows where it is."""
    env = dict(os.environ, ZUOYE_HOME=str(home), DJANGO_SETTINGS_MODULE="zuoye.config.settings")
    env.pop("ZUOYE_DATABASE_URL", None)
    if database_url:
        env["ZUOYE_DATABASE_URL"] = database_url
    done = subprocess.run([sys.executable, str(script), "--child", *args], env=env, cwd=ROOT,
                          stdout=subprocess.PIPE, text=True)
    if done.returncode:
        raise SystemExit(f"{script.name} child failed (its errors are above):\n{done.stdout}")
    return done.stdout.strip().splitlines()[-1]


def django_setup() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zuoye.config.settings")
    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
