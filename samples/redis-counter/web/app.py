"""The Compose getting-started app: counts its page hits in Redis (the service `redis`)."""
import os
import signal
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import redis

GREETING = "Hello World!"
cache = redis.Redis(host=os.environ.get("REDIS_HOST", "redis"), port=6379,
                    socket_connect_timeout=2, socket_timeout=2)


def hit_count():
    """INCR the counter; retries a few times while Redis is (re)starting."""
    for retries_left in range(5, -1, -1):
        try:
            return cache.incr("hits")
        except redis.exceptions.ConnectionError:
            if retries_left == 0:
                raise
            time.sleep(0.5)


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path != "/":
            self.answer(404, "Not found\n")
            return
        try:
            count = hit_count()
        except redis.exceptions.RedisError as e:
            self.answer(503, f"Redis is not answering: {e}\n")
            return
        self.answer(200, f"{GREETING} I have been seen {count} times.\n")

    def answer(self, status, text):
        body = text.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def main():
    # PID 1 gets no default signal handling: without this, SIGTERM would be ignored and `down`
    # would wait for its timeout and then SIGKILL.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    server = ThreadingHTTPServer(("0.0.0.0", 8000), Handler)
    print("listening on :8000", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
