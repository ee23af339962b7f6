"""migrate: brings the SQLite schema to the latest version, idempotently."""
import json
import os
import sqlite3

MIGRATIONS = [
    "CREATE TABLE orders (id INTEGER PRIMARY KEY, item TEXT NOT NULL,"
    " status TEXT NOT NULL DEFAULT 'queued', created REAL NOT NULL)",
    "CREATE INDEX orders_status ON orders (status)",
    "ALTER TABLE orders ADD COLUMN worker_pid INTEGER",
]

config = json.load(open(os.path.join(os.environ["STATE_DIR"], "app.json")))
db = sqlite3.connect(config["database"])
db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
row = db.execute("SELECT version FROM schema_version").fetchone()
current = row[0] if row else 0
if row is None:
    db.execute("INSERT INTO schema_version VALUES (0)")
for version in range(current, len(MIGRATIONS)):
    db.execute(MIGRATIONS[version])
    db.execute("UPDATE schema_version SET version = ?", (version + 1,))
    print(f"migrate: applied migration {version + 1}")
db.commit()
print(f"migrate: schema at version {len(MIGRATIONS)} ({config['database']})")
