"""Say in one line whether the PostgreSQL server the tests use can be reached (exit 1 if not)."""

import os
import sys

import environ
import psycopg

url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/agendastad")
config = environ.Env.db_url_config(url)
if not config["ENGINE"].endswith("postgresql"):
    sys.exit(f"The tests need PostgreSQL, but DATABASE_URL points to {config['ENGINE']}.")
try:
    psycopg.connect(
        host=config["HOST"] or None,
        port=config["PORT"] or None,
        user=config["USER"] or None,
        password=config["PASSWORD"] or None,
        dbname="postgres",
        connect_timeout=5,
    ).close()
except psycopg.OperationalError as error:
    reason = str(error).strip().splitlines()[0]
    sys.exit(
        f"PostgreSQL is not reachable at {config['HOST']}:{config['PORT']} ({reason}); start it or set DATABASE_URL."
    )
