"""web: serves the shop's status page and /healthz on loopback."""
import http.server
import json
import os
import signal
import sqlite3
import sys

config = json.load(open(os.path.join(os.environ["STATE_DIR"], "app.json")))


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/healthz":
            return self.reply(200, "text/plain", "ok\n")
        if self.path != "/":
            return self.reply(404, "text/plain", "not found\n")
        db = sqlite3.connect(config["database"], timeout=5)
        counts = dict(db.execute("SELECT status, COUNT(*) FROM orders GROUP BY status"))
        db.close()
        body = (f"<h1>{config['name']}</h1>\n<p>served by pid {os.getpid()}</p>\n"
                f"<p>orders queued: {counts.get('queued', 0)},"
                f" done: {counts.get('done', 0)}</p>\n")
        self.reply(200, "text/html", body)

    def reply(self, status, kind, body):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, fmt, *args):
        print("web: " + fmt % args)


server = http.server.ThreadingHTTPServer((config["listen"], config["port"]), Handler)
signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
print(f"web: listening on http://{config['listen']}:{config['port']}/")
try:
    server.serve_forever()
finally:
    print("web: stopped")
