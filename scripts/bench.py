"""`make bench`: how fast the initiative pages are at 100,000 initiatives, next to a bare Django view.

1. Prepares a dedicated PostgreSQL database (`agendastad_bench` on the server of DATABASE_URL):
   migrate, load_regions, seed_demo with the numbers asked for, VACUUM ANALYZE. A database that
   already holds the same demo (same numbers, same seed, same demo code) is reused; --reseed
   starts over. Only a database the benchmark made itself (it says so in a comment) is ever dropped.
2. Collects the static files into a temporary folder and serves the site with gunicorn on
   127.0.0.1 under `agendastad.settings.bench` (production-like; its URLs add `/bench/bare/`).
3. Measures every page with wrk after a warm-up, and prints requests per second, p50 and p95
   latency and each page's throughput as a share of the bare view's, with the targets. Twice: as
   anonymous visitors get the pages (the page cache on, with the share of answers it served), and
   as signed-in people and the first visitor after a change get them (the page cache off).

gunicorn is stopped at the end, also after an error or Ctrl-C. A benchmark, not a test: CI does not
run it, and a missed target does not fail it. Method and results: docs/performance.md.
"""

import argparse
import hashlib
import json
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

import environ
import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
LUA_REPORT = ROOT / "scripts" / "bench_report.lua"
DEMO_CODE = [ROOT / "agendastad" / "demo" / "planner.py", ROOT / "agendastad" / "demo" / "words.py"]
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/agendastad"
SETTINGS = "agendastad.settings.bench"
BARE_PATH = "/bench/bare/"
MARKER = "agendastad bench:"  # the comment on databases the benchmark made (and may drop again)

# The targets of the issue: list and detail pages keep 30% of the bare view's throughput with a p95
# under 100 ms; a search answers within 150 ms at p95.
TARGET_RATIO = 0.30
TARGET_P95_MS = 100.0
TARGET_SEARCH_P95_MS = 150.0
TARGET_DASHBOARD_P95_MS = 50.0
"""Issue 12: a region's dashboard within 50 ms at 100,000 initiatives (its figures kept until the next write)."""
BUSY_LOAD = 0.25  # per core, over the last minute, before our gunicorn starts: someone else uses the machine


class BenchError(Exception):
    """The benchmark cannot run (no wrk, no PostgreSQL, a page that does not answer 200...)."""


@dataclass
class Page:
    name: str
    path: str
    min_ratio: float | None = None
    max_p95_ms: float | None = None


@dataclass
class Result:
    page: Page
    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    socket_errors: int
    bad_status: int
    hits: int

    @property
    def hit_ratio(self) -> float:
        return self.hits / self.requests if self.requests else 0.0

    @property
    def rps(self) -> float:
        return self.requests / self.seconds

    def verdicts(self, bare: "Result") -> list[tuple[bool, str]]:
        """Each target of this page with whether it was met (True) or missed, in words."""
        verdicts = []
        if self.page.min_ratio is not None:
            verdicts.append(
                (
                    self.rps >= self.page.min_ratio * bare.rps,
                    f"throughput {share(self, bare)} of the bare view (target {self.page.min_ratio:.0%})",
                )
            )
        if self.page.max_p95_ms is not None:
            verdicts.append(
                (
                    self.p95_ms <= self.page.max_p95_ms,
                    f"p95 {self.p95_ms:.0f} ms (target under {self.page.max_p95_ms:.0f} ms)",
                )
            )
        if self.socket_errors or self.bad_status:
            verdicts.append(
                (False, f"{self.socket_errors} socket errors and {self.bad_status} answers other than 2xx/3xx")
            )
        return verdicts


def say(text: str) -> None:
    print(text, flush=True)  # noqa: T201 (a command-line tool reports on stdout)


# --- The database --------------------------------------------------------------------------------


@dataclass
class Database:
    config: dict
    name: str

    @classmethod
    def from_environment(cls, name: str) -> "Database":
        url = os.environ.get("DATABASE_URL", DEFAULT_SERVER)
        config = environ.Env.db_url_config(url)
        if not config["ENGINE"].endswith("postgresql"):
            raise BenchError(f"The benchmark needs PostgreSQL, but DATABASE_URL points to {config['ENGINE']}.")
        return cls(config=config, name=name)

    @property
    def url(self) -> str:
        """DATABASE_URL for the benchmark database: the server of DATABASE_URL, our database name."""
        parts = urlsplit(os.environ.get("DATABASE_URL", DEFAULT_SERVER))
        return urlunsplit(parts._replace(path=f"/{self.name}"))

    def connect(self, dbname: str | None = None) -> psycopg.Connection:
        return psycopg.connect(
            host=self.config["HOST"] or None,
            port=self.config["PORT"] or None,
            user=self.config["USER"] or None,
            password=self.config["PASSWORD"] or None,
            dbname=dbname or self.name,
            autocommit=True,
            connect_timeout=5,
        )

    def comment(self) -> str | None:
        """The description stored on the database (our seed marker); None when the database does not exist."""
        with self.connect("postgres") as server:
            row = server.execute(
                "SELECT coalesce(shobj_description(oid, 'pg_database'), '') FROM pg_database WHERE datname = %s",
                [self.name],
            ).fetchone()
        return None if row is None else row[0]

    def recreate(self) -> None:
        with self.connect("postgres") as server:
            name = sql.Identifier(self.name)
            server.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
            server.execute(sql.SQL("CREATE DATABASE {}").format(name))

    def mark(self, marker: str) -> None:
        with self.connect() as connection:
            connection.execute(
                sql.SQL("COMMENT ON DATABASE {} IS {}").format(sql.Identifier(self.name), sql.Literal(marker))
            )

    def vacuum_analyze(self) -> None:
        with self.connect() as connection:
            connection.execute("VACUUM (ANALYZE)")

    def one(self, query: str, params: list | None = None):
        with self.connect() as connection:
            row = connection.execute(query, params or []).fetchone()
        if row is None:
            raise BenchError(f"The benchmark database has no row for: {query.split()[0:6]}…")
        return row

    def server_version(self) -> str:
        return self.one("SHOW server_version")[0]


def manage(*arguments: str, env: dict[str, str]) -> None:
    subprocess.run([sys.executable, "manage.py", *arguments], cwd=ROOT, env=env, check=True)


FIGURES_COUNT = """
import time
from agendastad.insight.selectors import _count_figures
timings = []
for _ in range(3):
    started = time.perf_counter()
    _count_figures()
    timings.append(time.perf_counter() - started)
print(f"{min(timings) * 1000:.0f}")
"""


def figures_count_ms(env: dict[str, str]) -> float:
    """How long counting the insight figures anew takes (the least of three): what the one request that counts
    after a write waits, while the others get the figures of before (agendastad/core/page_cache.py)."""
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", FIGURES_COUNT], cwd=ROOT, env=env, check=True,
        capture_output=True, text=True,
    )  # fmt: skip
    return float(result.stdout.strip().splitlines()[-1])


def database_prepare(database: Database, args: argparse.Namespace, env: dict[str, str]) -> None:
    demo = f"--seed {args.seed} --organisations {args.organisations} --people {args.people} "
    demo += f"--initiatives {args.initiatives}"
    digest = hashlib.sha256(b"".join(path.read_bytes() for path in DEMO_CODE)).hexdigest()[:12]
    marker = f"{MARKER} seed_demo {demo} (demo code {digest})"
    comment = database.comment()
    if comment is not None and not comment.startswith(MARKER):
        raise BenchError(
            f"Database {database.name} exists but the benchmark did not make it, so it stays as it is: "
            "choose another --database, or drop it yourself."
        )
    if comment == marker and not args.reseed:
        say(f"Reusing database {database.name}: it holds seed_demo {demo} (--reseed starts over).")
        manage("migrate", "--noinput", "-v0", env=env)
        return
    if comment is not None and not args.reseed:
        say(f"Database {database.name} holds another demo ({comment}): starting over.")
    say(f"Creating database {database.name}: migrate, load_regions, seed_demo {demo}.")
    database.recreate()
    database.mark(f"{MARKER} being seeded")  # ours from the start, so an interrupted seed can be redone
    manage("migrate", "--noinput", "-v0", env=env)
    manage("load_regions", env=env)
    started = time.monotonic()
    manage("seed_demo", *demo.split(), env=env)
    seeding = time.monotonic() - started
    started = time.monotonic()
    database.vacuum_analyze()
    say(f"Seeded in {seeding:.0f} s, VACUUM ANALYZE in {time.monotonic() - started:.0f} s.")
    database.mark(marker)


def pages_choose(database: Database) -> list[Page]:
    """The pages of the issues: the list without filters, with a theme and a region, a search, the detail page
    of a public initiative with several partners, the region's dashboard, the national overview and the API's
    list with the same two filters. The region is the one with the most initiatives (the heaviest filter), the
    theme the most common in it."""
    public = "i.visibility = 'public' AND i.archived_at IS NULL"
    (region,) = database.one(
        f"""SELECT r.slug FROM initiatives_initiative i
            JOIN regions_labourmarketregion r ON r.id = i.primary_region_id
            WHERE {public} GROUP BY r.slug ORDER BY count(*) DESC, r.slug LIMIT 1"""
    )
    (theme,) = database.one(
        f"""SELECT t.slug FROM initiatives_initiative i
            JOIN regions_labourmarketregion r ON r.id = i.primary_region_id
            JOIN initiatives_initiative_themes it ON it.initiative_id = i.id
            JOIN initiatives_theme t ON t.id = it.theme_id
            WHERE {public} AND r.slug = %s GROUP BY t.slug ORDER BY count(*) DESC, t.slug LIMIT 1""",
        [region],
    )
    (detail,) = database.one(
        f"""SELECT i.slug FROM initiatives_initiative i
            JOIN initiatives_partnership p ON p.initiative_id = i.id AND p.state = 'accepted'
            WHERE {public} GROUP BY i.id ORDER BY count(*) DESC, i.created_at DESC, i.slug LIMIT 1"""
    )
    return [
        Page("bare view", BARE_PATH),
        Page("list", "/initiatieven/", TARGET_RATIO, TARGET_P95_MS),
        Page("list, two filters", "/initiatieven/?" + urlencode({"theme": theme, "region": region}), TARGET_RATIO,
             TARGET_P95_MS),
        Page("search", "/initiatieven/?" + urlencode({"q": "fietspaden"}), None, TARGET_SEARCH_P95_MS),
        Page("detail", f"/initiatieven/{detail}/", TARGET_RATIO, TARGET_P95_MS),
        Page("region dashboard", f"/regios/{region}/", None, TARGET_DASHBOARD_P95_MS),
        Page("national overview", "/inzicht/", None, TARGET_P95_MS),
        Page("API list, filtered", "/api/v1/initiatives/?" + urlencode({"theme": theme, "region": region}), None,
             TARGET_P95_MS),
    ]  # fmt: skip


# --- The server ----------------------------------------------------------------------------------


def cache_url() -> str:
    """Redis on this machine when it runs, as in production: one cache shared by every gunicorn worker."""
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return "redis://127.0.0.1:6379/15"
    except OSError:
        say("No Redis on 127.0.0.1:6379: each gunicorn worker keeps its own pages in its memory.")
        return "locmemcache://"


def free_port(first: int) -> int:
    for port in range(first, first + 100):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise BenchError(f"No free port between {first} and {first + 99}.")


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


class Gunicorn:
    """gunicorn in its own process group, so that stopping it stops every worker."""

    def __init__(self, *, port: int, workers: int, threads: int, env: dict[str, str], log: Path):
        self.port, self.workers, self.threads, self.env, self.log = port, workers, threads, env, log
        self.process: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        gunicorn = Path(sys.executable).with_name("gunicorn")
        command = [
            str(gunicorn if gunicorn.exists() else "gunicorn"),
            "agendastad.wsgi:application",
            f"--bind=127.0.0.1:{self.port}",
            f"--workers={self.workers}",
            f"--threads={self.threads}",
            "--worker-class=gthread",
            "--log-level=warning",
            f"--error-logfile={self.log}",
            "--timeout=60",
        ]
        self.process = subprocess.Popen(command, cwd=ROOT, env=self.env, start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchError(f"gunicorn stopped at once; its log:\n{self.log_tail()}")
            try:
                if fetch(self.base + BARE_PATH)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise BenchError(f"gunicorn did not answer within a minute; its log:\n{self.log_tail()}")

    def log_tail(self) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-30:]) if self.log.exists() else ""

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


# --- Measuring -----------------------------------------------------------------------------------


def quiet_wait(seconds: int) -> None:
    """Wait (at most `seconds`) until nothing else keeps the machine busy: other work lowers every figure."""
    deadline = time.monotonic() + seconds
    cores = os.cpu_count() or 1
    while os.getloadavg()[0] > BUSY_LOAD * cores and time.monotonic() < deadline:
        time.sleep(5)
    if os.getloadavg()[0] > BUSY_LOAD * cores:
        say(f"The machine is busy (load average {os.getloadavg()[0]:.1f} on {cores} cores): the figures will be low.")


def wrk(url: str, *, threads: int, connections: int, seconds: int) -> dict[str, int]:
    command = [
        "wrk",
        f"--threads={threads}",
        f"--connections={connections}",
        f"--duration={seconds}s",
        "--timeout=10s",
        f"--script={LUA_REPORT}",
        url,
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    for line in output.splitlines():
        if line.startswith("BENCH "):
            return json.loads(line.removeprefix("BENCH "))
    raise BenchError(f"wrk printed no figures:\n{output}")


def measure(server: Gunicorn, page: Page, args: argparse.Namespace) -> Result:
    url = server.base + page.path
    status, body = fetch(url)
    if status != 200:
        raise BenchError(f"{page.path} answers {status}, not 200: nothing to measure. Server log:\n{server.log_tail()}")
    if args.warmup:
        wrk(url, threads=args.wrk_threads, connections=args.connections, seconds=args.warmup)
    figures = wrk(url, threads=args.wrk_threads, connections=args.connections, seconds=args.duration)
    result = Result(
        page=page,
        requests=figures["requests"],
        seconds=figures["duration_us"] / 1e6,
        p50_ms=figures["p50_us"] / 1000,
        p95_ms=figures["p95_us"] / 1000,
        p99_ms=figures["p99_us"] / 1000,
        max_ms=figures["max_us"] / 1000,
        socket_errors=figures["socket_errors"],
        bad_status=figures["bad_status"],
        hits=figures["hits"],
    )
    say(f"  {page.name:<18} {result.rps:8.1f} req/s  p50 {result.p50_ms:6.1f} ms  p95 {result.p95_ms:6.1f} ms"
        f"  {result.hit_ratio:4.0%} from the page cache  ({len(body) // 1024} KiB)")  # fmt: skip
    return result


# --- Reporting -----------------------------------------------------------------------------------


def machine(database: Database, load_before: tuple[float, float, float]) -> dict[str, str]:
    model = "unknown"
    memory = "unknown"
    cpuinfo, meminfo = Path("/proc/cpuinfo"), Path("/proc/meminfo")
    if cpuinfo.exists():
        names = [line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines() if "model name" in line]
        model = names[0] if names else model
    if meminfo.exists():
        total = next(line for line in meminfo.read_text().splitlines() if line.startswith("MemTotal"))
        memory = f"{int(total.split()[1]) / 1024 / 1024:.1f} GiB"
    wrk_version = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    return {
        "CPU": f"{model}, {os.cpu_count()} cores (nproc {len(os.sched_getaffinity(0))})",
        "Memory": memory,
        "OS": f"{platform.system()} {platform.release()}",
        "PostgreSQL": database.server_version(),
        "Python": platform.python_version(),
        "Load average before measuring (1, 5, 15 min)": ", ".join(f"{load:.2f}" for load in load_before),
        "wrk": wrk_version.split(" [")[0],
    }


def share(result: Result, bare: Result) -> str:
    """The page's throughput as a share of the bare view's; small shares with a decimal, so they do not read 0%."""
    ratio = result.rps / bare.rps
    return f"{ratio:.1%}" if ratio < 0.1 else f"{ratio:.0%}"


ROUNDS = {
    "anonymous visitors (page cache on)": "300",
    "signed in, or the first visit after a change (page cache off)": "0",
}
"""Each round's PAGE_CACHE_SECONDS: public pages are kept for anonymous visitors (agendastad/core/page_cache.py)."""


def report(rounds: dict[str, list[Result]], info: dict[str, str], args: argparse.Namespace, markdown: bool) -> None:
    say("")
    for key, value in info.items():
        say(f"{key}: {value}")
    say(
        f"gunicorn: {args.workers} workers x {args.worker_threads} threads (gthread); wrk: {args.wrk_threads} "
        f"threads, {args.connections} connections, {args.warmup} s warm-up, {args.duration} s per page"
    )
    missed = False
    for name, results in rounds.items():
        bare = results[0]
        say("")
        say(f"{name[0].upper()}{name[1:]}:")
        if markdown:
            say("| Page | Path | Requests/s | p50 (ms) | p95 (ms) | vs bare view | from the page cache |")
            say("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
            for result in results:
                say(
                    f"| {result.page.name} | `{result.page.path}` | {result.rps:.1f} | {result.p50_ms:.1f} | "
                    f"{result.p95_ms:.1f} | {share(result, bare)} | {result.hit_ratio:.0%} |"
                )
        else:
            say(f"{'Page':<18} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'vs bare':>8} {'cached':>7}  Path")
            for result in results:
                say(
                    f"{result.page.name:<18} {result.rps:8.1f} {result.p50_ms:8.1f} {result.p95_ms:8.1f} "
                    f"{share(result, bare):>8} {result.hit_ratio:>7.0%}  {result.page.path}"
                )
        for result in results[1:]:
            for met, verdict in result.verdicts(bare):
                say(f"{'MET   ' if met else 'MISSED'}  {result.page.name}: {verdict}")
                missed = missed or not met
    say("")
    if not missed:
        say("Every target met in both rounds.")


# --- Main ----------------------------------------------------------------------------------------


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--database", default="agendastad_bench", help="database to (re)create (default %(default)s)")
    parser.add_argument("--reseed", action="store_true", help="recreate and seed the database even if it is reusable")
    parser.add_argument("--initiatives", type=int, default=100_000)
    parser.add_argument("--organisations", type=int, default=5_000)
    parser.add_argument("--people", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--port", type=int, default=8765, help="first port to try (default %(default)s)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default: one per core of 2)")
    parser.add_argument("--worker-threads", type=int, default=4, help="gunicorn threads per worker")
    parser.add_argument("--wrk-threads", type=int, default=2, help="wrk threads (default %(default)s)")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections (default %(default)s)")
    parser.add_argument("--duration", type=int, default=15, help="seconds of measuring per page")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of warming up per page")
    parser.add_argument(
        "--wait-quiet", type=int, default=0, metavar="SECONDS", help="wait this long at most for an idle machine"
    )
    parser.add_argument("--path", action="append", default=[], help="measure this path too (repeatable)")
    parser.add_argument("--only-bare", action="store_true", help="measure the bare view (and --path) only")
    parser.add_argument("--markdown", action="store_true", help="print the table in Markdown")
    return parser.parse_args()


def main() -> int:
    args = arguments()
    # `kill` (or make being stopped) ends the run like Ctrl-C does: through the finally that stops gunicorn.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit("bench: terminated; gunicorn is stopped."))
    if shutil.which("wrk") is None:
        raise BenchError(
            "The benchmark measures with wrk, which is not installed: "
            "`sudo apt-get install wrk` (Debian/Ubuntu) or `brew install wrk` (macOS)."
        )
    database = Database.from_environment(args.database)
    with tempfile.TemporaryDirectory(prefix="agendastad-bench-") as folder:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": SETTINGS,
            "DATABASE_URL": database.url,
            "STATIC_ROOT": str(Path(folder) / "static"),
            "CACHE_URL": os.environ.get("CACHE_URL") or cache_url(),
            # A key prefix of this run's own: no page kept by an earlier run (of other data) is served.
            "BENCH_RUN": f"bench-{time.time_ns()}",
        }
        database_prepare(database, args, env)
        manage("collectstatic", "--noinput", "-v0", env=env)
        pages = [Page("bare view", BARE_PATH)] if args.only_bare else pages_choose(database)
        pages += [Page(path, path) for path in args.path]
        quiet_wait(args.wait_quiet)
        load_before = os.getloadavg()
        counting = figures_count_ms(env)
        say(f"Counting the insight figures anew (after a write): {counting:.0f} ms (least of three).")
        rounds: dict[str, list[Result]] = {}
        for name, seconds in ROUNDS.items():
            server = Gunicorn(
                port=free_port(args.port),
                workers=args.workers,
                threads=args.worker_threads,
                env={**env, "PAGE_CACHE_SECONDS": seconds},
                log=Path(folder) / "gunicorn.log",
            )
            say(f"Serving on {server.base} ({args.workers} workers x {args.worker_threads} threads), {name}:")
            try:
                server.start()
                rounds[name] = [measure(server, page, args) for page in pages]
            finally:
                server.stop()
    info = machine(database, load_before)
    info["Counting the insight figures anew (least of three)"] = f"{counting:.0f} ms"
    report(rounds, info, args, markdown=args.markdown)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as error:
        sys.exit(f"bench: {error}")
    except KeyboardInterrupt:
        sys.exit("bench: interrupted; gunicorn is stopped.")
