"""Say in one line whether the tests' PostgreSQL server can be reached (exit 1 if not), and create the
database named in DATABASE_URL when it is missing, so that Django's checks can connect to it."""

import os
import sys

import environ
import psycopg
from psycopg import sql

url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/agendastad")
config = environ.Env.db_url_config(url)
if not config["ENGINE"].endswith("postgresql"):
    sys.exit(f"The tests need PostgreSQL, but DATABASE_URL points to {config['ENGINE']}.")
try:
    connection = psycopg.connect(
        host=config["HOST"] or None,
        port=config["PORT"] or None,
        user=config["USER"] or None,
        password=config["PASSWORD"] or None,
        dbname="postgres",
        connect_timeout=5,
        autocommit=True,
    )
except psycopg.OperationalError as error:
    reason = str(error).strip().splitlines()[0]
    where = f"{config['HOST']}:{config['PORT']}"
    sys.exit(f"PostgreSQL is not reachable at {where} ({reason}); start it or set DATABASE_URL.")
with connection:
    exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]).fetchone()
    if not exists:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config["NAME"])))
