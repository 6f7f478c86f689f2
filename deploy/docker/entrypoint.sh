#!/bin/sh
# serve: the API (with its outbox relay and consumers); migrate: this service's migrations.
set -eu
case "${1:-serve}" in
  serve)   exec uvicorn --factory "${SERVICE}.main:create_app" --host 0.0.0.0 \
             --port "${PORT:-8000}" --no-access-log --timeout-graceful-shutdown 10 ;;
  migrate) exec alembic -c /app/alembic.ini upgrade head ;;
  *)       exec "$@" ;;
esac
