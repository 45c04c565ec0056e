#!/usr/bin/env bash
# Two Rollcall instances on one PostgreSQL behind Debian's nginx, all on
# loopback: the production shape (docs/operations.md) on one machine. Replays
# the Okta and Entra ID lifecycles of test/fixtures/idp through the balancer,
# prints which instance served how many requests, and stops everything it
# started (by PID) on the way out. Exit status: the replay's.
#
#   scripts/lb-demo.sh
#
# Environment:
#   ROLLCALL_DEMO_DATABASE_URL  PostgreSQL to use (default postgres://postgres@127.0.0.1:5432/test);
#                               the demo works in a fresh schema and drops it at the end
#   ROLLCALL_DEMO_IDP_DIR       the replay scenarios (default test/fixtures/idp)
#   ROLLCALL_DEMO_KEEP=1        keep the temporary directory (configs and logs) afterwards

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
TOOLS="scripts/lb-demo/tools.mjs"
DATABASE_URL="${ROLLCALL_DEMO_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}"
IDP_DIR="${ROLLCALL_DEMO_IDP_DIR:-$ROOT/test/fixtures/idp}"
SCHEMA="lb_demo_$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')"
WORK="$(mktemp -d /tmp/rollcall-lb-demo.XXXXXX)"
PIDS=()          # instances, then nginx: everything this script started
NGINX_PID=""
SCHEMA_USED=""

say() { printf 'lb-demo: %s\n' "$*" >&2; }

cleanup() {
  local status=$?
  set +e
  if [[ -n "$NGINX_PID" ]] && kill -0 "$NGINX_PID" 2>/dev/null; then
    kill -QUIT "$NGINX_PID"            # nginx: graceful stop
    wait "$NGINX_PID" 2>/dev/null
  fi
  for pid in "${PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid"                # rollcall: drain, close the pool, exit 0
      wait "$pid" 2>/dev/null
      say "instance pid $pid stopped (exit $?)"
    fi
  done
  [[ -n "$SCHEMA_USED" ]] && node "$TOOLS" drop-schema "$DATABASE_URL" "$SCHEMA" && say "dropped schema $SCHEMA"
  if [[ "${ROLLCALL_DEMO_KEEP:-}" == 1 || $status -ne 0 ]]; then
    say "configs and logs kept in $WORK"
  else
    rm -rf "$WORK"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# 1. What the demo needs: nginx, a built server, PostgreSQL, the scenarios.
if ! command -v nginx >/dev/null && [[ ! -x /usr/sbin/nginx ]]; then
  say "installing Debian's nginx"
  apt-get install -y nginx >/dev/null || { apt-get update >/dev/null && apt-get install -y nginx >/dev/null; }
fi
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
if [[ ! -f dist/main.js ]] || [[ -n "$(find src -name '*.ts' ! -name '*.test.ts' -newer dist/main.js -print -quit)" ]]; then
  say "building (npm run build)"
  if ! npm run build --silent >"$WORK/build.log" 2>&1; then
    [[ -f dist/main.js ]] || { say "the build failed: see $WORK/build.log"; exit 1; }
    say "the build reported errors (see $WORK/build.log); running dist/ as it stands ($(date -r dist/main.js '+%F %T'))"
  fi
fi
node "$TOOLS" check-db "$DATABASE_URL"
[[ -f "$IDP_DIR/okta.json" && -f "$IDP_DIR/entra.json" ]] || { say "no replay scenarios in $IDP_DIR (set ROLLCALL_DEMO_IDP_DIR)"; exit 2; }

# 2. Two instances on one schema; the balancer's address is their public URL,
#    so Location headers and meta.location point at the balancer.
mapfile -t PORTS < <(node "$TOOLS" free-ports 3)
LB_PORT="${PORTS[0]}"
LB_URL="http://127.0.0.1:$LB_PORT"
export ROLLCALL_DATABASE_URL="$DATABASE_URL" ROLLCALL_PG_SCHEMA="$SCHEMA" ROLLCALL_PUBLIC_URL="$LB_URL"
export HOST=127.0.0.1 ROLLCALL_LOG_LEVEL=warn ROLLCALL_PG_POOL_SIZE=5
SCHEMA_USED=1
for i in 1 2; do
  PORT="${PORTS[$i]}" node dist/main.js >"$WORK/instance-$i.log" 2>&1 &
  PIDS+=("$!")
  say "instance $i: pid $! on 127.0.0.1:${PORTS[$i]} (log $WORK/instance-$i.log)"
done
for i in 1 2; do node "$TOOLS" wait-ready "http://127.0.0.1:${PORTS[$i]}/readyz" 30; done

# 3. nginx in the foreground of its own process (daemon off), with its own
#    pid file, logs and temp paths under $WORK: nothing of the system's nginx is touched.
mkdir -p "$WORK/nginx-temp"
cat >"$WORK/nginx.conf" <<NGINX
worker_processes 1;
daemon off;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 256; }
http {
  log_format upstreams '\$upstream_addr \$status \$request_method \$uri \$request_time';
  access_log $WORK/nginx-access.log upstreams;
  client_body_temp_path $WORK/nginx-temp/body;
  proxy_temp_path $WORK/nginx-temp/proxy;
  fastcgi_temp_path $WORK/nginx-temp/fastcgi;
  uwsgi_temp_path $WORK/nginx-temp/uwsgi;
  scgi_temp_path $WORK/nginx-temp/scgi;

  upstream rollcall {
    server 127.0.0.1:${PORTS[1]} max_fails=1 fail_timeout=5s;
    server 127.0.0.1:${PORTS[2]} max_fails=1 fail_timeout=5s;
    keepalive 16;
  }
  server {
    listen 127.0.0.1:$LB_PORT;
    # Rollcall's own limit for /Bulk is 4 MiB (ROLLCALL_BULK_MAX_PAYLOAD_BYTES).
    client_max_body_size 5m;
    location / {
      proxy_pass http://rollcall;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      # One id in nginx's and Rollcall's logs for the same request.
      proxy_set_header X-Request-Id \$request_id;
      proxy_connect_timeout 2s;
      # Okta gives up after 60 s; Rollcall answers or fails well before that.
      proxy_read_timeout 60s;
      # A request moves to the other instance when one is stopping: refused connections
      # always; a 503 only for idempotent methods (nginx never resends a POST or PATCH
      # that an instance has received).
      proxy_next_upstream error timeout http_503;
    }
  }
}
NGINX
"$NGINX" -t -q -p "$WORK" -e "$WORK/nginx-error.log" -c "$WORK/nginx.conf"
"$NGINX" -p "$WORK" -e "$WORK/nginx-error.log" -c "$WORK/nginx.conf" &
NGINX_PID=$!
say "nginx: pid $NGINX_PID on $LB_URL -> 127.0.0.1:${PORTS[1]}, 127.0.0.1:${PORTS[2]}"
node "$TOOLS" wait-ready "$LB_URL/readyz" 10

# 4. A team and a token, with the same CLI and configuration an operator would use.
rollcall() {
  local out
  out="$(node bin/rollcall.mjs "$@" --json 2>>"$WORK/cli.log")" || { say "rollcall $1 $2 failed: $out $(cat "$WORK/cli.log")"; return 1; }
  printf '%s\n' "$out"
}
SLUG="demo-$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')"
rollcall team create "$SLUG" --name "LB demo" >/dev/null
# The demo team has no SSO connection; a real team gets its token after SSO is verified.
TOKEN_JSON="$(rollcall token create --team "$SLUG" --label lb-demo --allow-without-sso)"
SCIM_BASE="$(node "$TOOLS" field scimBaseUrl <<<"$TOKEN_JSON")"
TOKEN="$(node "$TOOLS" field token <<<"$TOKEN_JSON")"
say "team $SLUG: SCIM base URL $SCIM_BASE"

# 5. The IdP lifecycles, through the balancer.
: >"$WORK/nginx-access.log"
set +e
node bin/rollcall.mjs replay "$IDP_DIR/okta.json" "$IDP_DIR/entra.json" --url "$SCIM_BASE" --token "$TOKEN" --quiet
REPLAY_STATUS=$?
node "$TOOLS" check-location "$SCIM_BASE" "$TOKEN" "$LB_URL"
LOCATION_STATUS=$?
set -e

echo
echo "Requests per instance (nginx \$upstream_addr):"
node "$TOOLS" upstreams "$WORK/nginx-access.log"
[[ $LOCATION_STATUS -eq 0 ]] || say "Location headers do not point at the balancer"
exit "$REPLAY_STATUS"
