#!/bin/sh
# Checks Compose files against the Compose file schema with `docker-compose
# config -q` (offline; no engine needed). Prints one line per file.
#   compose-config.sh FILE...
status=0
for file in "$@"; do
  if out=$(docker-compose -f "$file" config -q 2>&1); then
    echo "valid: $file"
  else
    echo "invalid: $file: $out"
    status=1
  fi
done
exit $status
