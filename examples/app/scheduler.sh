#!/bin/sh
# scheduler: every 10 s enqueues a few orders; every 30 s backs the database up.
set -u
trap 'echo "scheduler: stopping"; exit 0' INT TERM
tick=0
echo "scheduler: started"
while :; do
  python3 - "$STATE_DIR/app.db" "$tick" <<'PY'
import sqlite3, sys, time
items = ["teapot", "kettle", "mug", "saucer", "spoon"]
tick = int(sys.argv[2])
db = sqlite3.connect(sys.argv[1], timeout=5)
batch = [items[(tick + i) % len(items)] for i in range(1 + tick % 3)]
db.executemany("INSERT INTO orders (item, created) VALUES (?, ?)",
               [(item, time.time()) for item in batch])
db.commit()
print("scheduler: enqueued " + ", ".join(batch))
PY
  if [ $((tick % 3)) -eq 0 ]; then
    cp "$STATE_DIR/app.db" "$STATE_DIR/backups/app.db"
    echo "scheduler: database backed up to backups/app.db"
  fi
  tick=$((tick + 1))
  # Sleep in the background and wait, so INT and TERM are handled at once.
  sleep 10 &
  wait $!
done
