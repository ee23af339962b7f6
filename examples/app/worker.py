"""worker: takes queued orders one at a time and marks them done."""
import json
import os
import random
import signal
import sqlite3
import sys
import time

config = json.load(open(os.path.join(os.environ["STATE_DIR"], "app.json")))
signal.signal(signal.SIGTERM, lambda *_: (print("worker: draining, bye"), sys.exit(0)))
db = sqlite3.connect(config["database"], timeout=5)
print(f"worker: started (pid {os.getpid()})")
while True:
    row = db.execute("SELECT id, item FROM orders WHERE status = 'queued' ORDER BY id").fetchone()
    if row is None:
        time.sleep(1)
        continue
    time.sleep(random.uniform(0.5, 1.5))
    db.execute("UPDATE orders SET status = 'done', worker_pid = ? WHERE id = ?",
               (os.getpid(), row[0]))
    db.commit()
    print(f"worker: order {row[0]} ({row[1]}) done")
