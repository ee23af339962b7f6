#!/bin/sh
# config-gen: validates the settings it was given and renders app.json.
set -eu
: "${STATE_DIR:?STATE_DIR is not set}"
case "${APP_PORT:-}" in
  '' | *[!0-9]*) echo "config-gen: APP_PORT must be a number, got '${APP_PORT:-}'" >&2; exit 2 ;;
esac
mkdir -p "$STATE_DIR/backups"
cat > "$STATE_DIR/app.json.tmp" <<JSON
{
  "name": "${APP_NAME:-demo}",
  "listen": "127.0.0.1",
  "port": $APP_PORT,
  "database": "$STATE_DIR/app.db",
  "rendered_at": "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
}
JSON
mv "$STATE_DIR/app.json.tmp" "$STATE_DIR/app.json"
echo "config-gen: rendered $STATE_DIR/app.json (port $APP_PORT)"
