"""Lists the rows the migration seeded, read from PostgreSQL at the link alias `database`."""
import os
import signal
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import psycopg2

DB = dict(host=os.environ.get("DB_HOST", "database"), port=5432, dbname="postgres",
          user="app", password=os.environ["APP_DB_PASSWORD"], connect_timeout=3)


def page():
    with psycopg2.connect(**DB) as conn, conn.cursor() as cur:
        cur.execute("SELECT id, name FROM items ORDER BY id")
        items = cur.fetchall()
        cur.execute("SELECT count(*) FROM migration_runs")
        runs = cur.fetchone()[0]
    conn.close()
    lines = [f"items (from {DB['host']}:{DB['port']} as {DB['user']}):"]
    lines += [f"  {i} {name}" for i, name in items]
    lines.append(f"migration runs: {runs}")
    return "\n".join(lines) + "\n"


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/healthz":
            self.answer(200, "ok\n")
        elif self.path == "/":
            try:
                self.answer(200, page())
            except psycopg2.Error as e:
                self.answer(503, f"the database is not answering: {e}\n")
        else:
            self.answer(404, "Not found\n")

    def answer(self, status, text):
        body = text.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def main():
    # PID 1 gets no default signal handling: without this, `down` would wait for its timeout.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    server = ThreadingHTTPServer(("0.0.0.0", 8000), Handler)
    print("app: listening on :8000", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
