"""A health/metrics page on port 9100 of app's network namespace (network_mode: service:app):
it probes the app at 127.0.0.1:8000, which is the app's own loopback."""
import signal
import sys
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

APP = "http://127.0.0.1:8000/healthz"


def metrics():
    start = time.monotonic()
    try:
        with urllib.request.urlopen(APP, timeout=2) as r:
            up = 1 if r.status == 200 else 0
    except OSError:
        up = 0
    took = time.monotonic() - start
    return (f"# sidecar in app's network namespace, probing {APP}\n"
            f"app_up {up}\n"
            f"app_probe_seconds {took:.4f}\n")


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path not in ("/", "/metrics"):
            status, text = 404, "Not found\n"
        else:
            status, text = 200, metrics()
        body = text.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def main():
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    server = ThreadingHTTPServer(("0.0.0.0", 9100), Handler)
    print("sidecar: listening on :9100", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
