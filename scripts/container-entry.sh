#!/bin/sh
# The image's entry point: the first argument picks the role; the rest go to it. Node runs as PID 1
# (exec): it handles SIGTERM itself (a clean stop hands running steps back and closes the database).
set -eu
role=${1:-serve}
[ $# -gt 0 ] && shift
case "$role" in
  serve) exec node /app/dist/server/serve.mjs "$@" ;;
  worker) exec node /app/dist/cli/worker.mjs "$@" ;;
  users) exec node /app/dist/cli/users.mjs "$@" ;;
  db) exec node /app/dist/cli/db.mjs "$@" ;;
  healthcheck) exec node /app/dist/cli/healthcheck.mjs "$@" ;;
  *)
    echo "Unknown role \"$role\"." >&2
    echo "usage: <image> serve | worker [--steps transcribe,analyze] [--concurrency N] | users <command> | db <command> | healthcheck" >&2
    exit 2 ;;
esac
