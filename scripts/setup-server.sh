#!/usr/bin/env bash
# Installs the team server on a Debian/Ubuntu machine, without containers (docs/DEPLOY.md → "On a VM"):
#   the system user cca, the app in /opt/cca (root-owned), data in /var/lib/cca, settings in
#   /etc/cca/cca.env, a worker token in /etc/cca/worker-token, Redis from the distribution, and the
#   systemd units cca-api.service and cca-worker@1..N.service (templates in deploy/systemd/).
# Idempotent: a second run with the same app and options changes nothing and says so. --uninstall
# removes the app and the units and keeps the data, the settings and the user.
#
#   sudo scripts/setup-server.sh [--from DIR] [--workers N] [--worker-steps LIST] [--worker-concurrency N]
#   sudo scripts/setup-server.sh --uninstall
# tests/containers/setup-server.test.ts runs it in a throw-away container.
set -euo pipefail
# useradd, runuser and friends live in sbin, which a root shell without a login may not have on PATH.
PATH=$PATH:/usr/local/sbin:/usr/sbin:/sbin

readonly APP_DIR=/opt/cca
readonly DATA_DIR=/var/lib/cca
readonly CONF_DIR=/etc/cca
readonly ENV_FILE=/etc/cca/cca.env
readonly TOKEN_FILE=/etc/cca/worker-token
readonly UNIT_DIR=/etc/systemd/system
readonly SERVICE_USER=cca
# What the app needs (package.json "engines"), and the steps a worker can take (main/steps/computations.ts).
readonly NODE_MIN_MAJOR=20 NODE_MIN_MINOR=19
readonly KNOWN_STEPS=" probe metrics transcribe analyze local_analysis index "
# What is copied from --from: exactly what the container image has in /app.
readonly APP_ENTRIES=(dist node_modules package.json package-lock.json)
readonly MAX_WORKERS=64

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
checkout=$(dirname "$here")
templates=$checkout/deploy/systemd

usage() {
  cat <<'EOF'
Usage: sudo scripts/setup-server.sh [options]
Installs (or updates) the team server on this Debian/Ubuntu machine: the API and N worker services
under systemd, Redis from the distribution. Running it again changes only what differs.

  --from DIR                 the built app: a folder with dist/, production node_modules/ and
                             package.json (default: release/server of this checkout, made by
                             `npm run package:server`; /app in the container image is one too)
  --workers N                worker services cca-worker@1..N (0-64; default: as many as are enabled
                             now, 2 on a first install); instances above N are stopped and disabled
  --worker-steps LIST        steps the workers take, comma-separated (probe, metrics, transcribe,
                             analyze, local_analysis, index; empty = all): CCA_WORKER_STEPS
  --worker-concurrency N     jobs of each step at once per worker (1-256; default 4): CCA_WORKER_CONCURRENCY
  --uninstall                stop and remove the services and /opt/cca; keeps /var/lib/cca (the data),
                             /etc/cca (settings, worker token) and the user cca
  -h, --help                 this text

Creates: user and group cca (system), /opt/cca (the app, root-owned), /var/lib/cca (data, cca 0700),
/etc/cca/cca.env (settings, written only when missing), /etc/cca/worker-token (minted once),
/etc/systemd/system/cca-api.service and cca-worker@.service. Needs Node.js >= 20.19 installed
system-wide (its path goes into the units). Exit status: 0 done, 1 could not (the message says why),
2 usage error.
EOF
}

say() { printf 'setup-server: %s\n' "$*"; }
# fail WHAT [WHAT TO DO…]: a problem on this machine; exit 1.
fail() {
  printf 'setup-server: %s\n' "$1" >&2
  shift
  local line
  for line in "$@"; do printf '  %s\n' "$line" >&2; done
  exit 1
}
# usage_error WHAT [WHAT TO DO]: a bad option or value; exit 2.
usage_error() {
  printf 'setup-server: %s\n' "$1" >&2
  [ $# -gt 1 ] && printf '  %s\n' "$2" >&2
  printf "  (scripts/setup-server.sh --help lists the options)\n" >&2
  exit 2
}

# ---- options
invocation="$0${*:+ $*}"
from="" workers="" steps="" steps_given=0 concurrency="" concurrency_given=0 uninstall=0
need_value() {
  if [ -z "$2" ] || [ "${2#--}" != "$2" ]; then usage_error "$1 needs a value." "e.g. $1 $3"; fi
}
while [ $# -gt 0 ]; do
  case $1 in
    --from) need_value "$1" "${2:-}" /srv/cca-release; from=$2; shift 2 ;;
    --from=*) need_value --from "${1#*=}" /srv/cca-release; from=${1#*=}; shift ;;
    --workers) need_value "$1" "${2:-}" 2; workers=$2; shift 2 ;;
    --workers=*) need_value --workers "${1#*=}" 2; workers=${1#*=}; shift ;;
    # An empty list is a value here (all steps): --worker-steps "" or --worker-steps=.
    --worker-steps) [ $# -ge 2 ] || usage_error "--worker-steps needs a value." 'e.g. --worker-steps transcribe,analyze (or "" for all steps)'
      steps=$2; steps_given=1; shift 2 ;;
    --worker-steps=*) steps=${1#*=}; steps_given=1; shift ;;
    --worker-concurrency) need_value "$1" "${2:-}" 8; concurrency=$2; concurrency_given=1; shift 2 ;;
    --worker-concurrency=*) need_value --worker-concurrency "${1#*=}" 8; concurrency=${1#*=}; concurrency_given=1; shift ;;
    --uninstall) uninstall=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage_error "unknown option \"$1\"." ;;
  esac
done

# (A && B || usage_error: any condition failing is the usage error.)
# shellcheck disable=SC2015
if [ -n "$workers" ]; then
  [[ $workers =~ ^[0-9]{1,3}$ ]] && [ "$((10#$workers))" -le "$MAX_WORKERS" ] \
    || usage_error "--workers must be a whole number from 0 to $MAX_WORKERS (got \"$workers\")." "e.g. --workers 4 (one per 1-2 cores is a fair start)"
  workers=$((10#$workers))
fi
# shellcheck disable=SC2015
if [ "$concurrency_given" = 1 ]; then
  [[ $concurrency =~ ^[0-9]{1,3}$ ]] && [ "$((10#$concurrency))" -ge 1 ] && [ "$((10#$concurrency))" -le 256 ] \
    || usage_error "--worker-concurrency must be a whole number from 1 to 256 (got \"$concurrency\")." "e.g. --worker-concurrency 8"
  concurrency=$((10#$concurrency))
fi
if [ "$steps_given" = 1 ]; then
  steps=${steps// /}
  IFS=, read -r -a step_list <<<"$steps"
  for s in "${step_list[@]}"; do
    [ -z "$s" ] || [[ $KNOWN_STEPS == *" $s "* ]] \
      || usage_error "--worker-steps: unknown step \"$s\"." "steps:$(printf '%s' "$KNOWN_STEPS" | tr ' ' ',' | sed 's/^,/ /;s/,$//;s/,/, /g') (comma-separated; empty = all)"
  done
fi
if [ "$uninstall" = 1 ] && { [ -n "$from$workers" ] || [ "$steps_given$concurrency_given" != 00 ]; }; then
  usage_error "--uninstall takes no other option." "run it alone: sudo scripts/setup-server.sh --uninstall"
fi

# ---- the machine
[ "$(id -u)" -eq 0 ] || fail "must run as root: it creates a system user, /opt/cca, /var/lib/cca, /etc/cca and systemd units." \
  "run it with sudo: sudo $invocation"
for tool in systemctl useradd runuser dpkg-query apt-get; do
  command -v "$tool" >/dev/null || fail "\"$tool\" is not installed: this script is for Debian or Ubuntu with systemd." \
    "on another system, follow docs/DEPLOY.md (the container image) instead"
done

# Changes are counted: a run that counts none says "nothing to change".
changes=0
restart_needed=0
changed() { changes=$((changes + 1)); printf 'changed: %s\n' "$*"; }
systemd_running=0
[ -d /run/systemd/system ] && systemd_running=1

work=$(mktemp -d /tmp/setup-server.XXXXXX)
staging=""
cleanup() {
  rm -rf "$work"
  [ -n "$staging" ] && rm -rf "$staging"
  return 0
}
trap cleanup EXIT

# fix_attrs PATH MODE OWNER:GROUP: chmod/chown only what differs (a no-op touches nothing).
fix_attrs() {
  local path=$1 mode=$2 owner=$3
  if [ "$(stat -c '%U:%G' "$path")" != "$owner" ]; then chown "$owner" "$path"; changed "$path (owner $owner)"; fi
  if [ "$(stat -c '%a' "$path")" != "${mode#0}" ]; then chmod "$mode" "$path"; changed "$path (mode $mode)"; fi
}

# put_file PATH MODE OWNER:GROUP < CONTENT: writes (atomically, by rename) only when the content
# differs; sets wrote=1 when it wrote, 0 when the file was already so. (Called plainly, never in an
# `if` or `||`: there bash would ignore set -e inside it.)
put_file() {
  local path=$1 mode=$2 owner=$3 new
  new=$(mktemp "$work/put.XXXXXX")
  cat >"$new"
  wrote=0
  if [ -f "$path" ] && cmp -s "$new" "$path"; then
    fix_attrs "$path" "$mode" "$owner"
    return 0
  fi
  install -m "$mode" -o "${owner%%:*}" -g "${owner#*:}" "$new" "$path.new-$$"
  mv -f "$path.new-$$" "$path"
  changed "$path"
  wrote=1
}

# ensure_dir PATH MODE OWNER:GROUP
ensure_dir() {
  if [ ! -d "$1" ]; then
    install -d -m "$2" -o "${3%%:*}" -g "${3#*:}" "$1"
    changed "$1"
  else
    fix_attrs "$1" "$2" "$3"
  fi
}

# The cca-worker@N instances enabled (symlinks in a .wants folder) or loaded, one number a line.
worker_instances() {
  {
    local link
    for link in "$UNIT_DIR"/*.wants/cca-worker@*.service; do
      [ -L "$link" ] || continue
      link=${link##*/cca-worker@}
      printf '%s\n' "${link%.service}"
    done
    if [ "$systemd_running" = 1 ]; then
      systemctl list-units --all --plain --no-legend 'cca-worker@*.service' 2>/dev/null \
        | sed -n 's/^cca-worker@\([^.]*\)\.service.*/\1/p' || true
    fi
  } | sort -u
}

# disable_unit UNIT: stop (when systemd runs) and disable.
disable_unit() {
  local unit=$1 state
  state=$(systemctl is-enabled "$unit" 2>/dev/null || true)
  if [ "$systemd_running" = 1 ] && systemctl is-active --quiet "$unit"; then
    systemctl stop "$unit"
    changed "stopped $unit"
  fi
  if [ "$state" = enabled ]; then
    systemctl disable --quiet "$unit"
    changed "disabled $unit"
  fi
}

# ---- --uninstall: the services and the app go; data, settings and the user stay.
if [ "$uninstall" = 1 ]; then
  for i in $(worker_instances); do disable_unit "cca-worker@$i.service"; done
  if [ -f "$UNIT_DIR/cca-api.service" ]; then disable_unit cca-api.service; fi
  for f in "$UNIT_DIR/cca-worker@.service" "$UNIT_DIR/cca-api.service"; do
    if [ -e "$f" ]; then rm -f "$f"; changed "removed $f"; fi
  done
  if [ "$changes" -gt 0 ] && [ "$systemd_running" = 1 ]; then
    systemctl daemon-reload
    systemctl reset-failed 'cca-api.service' 'cca-worker@*.service' 2>/dev/null || true
  fi
  for d in "$APP_DIR" /var/cache/cca-worker-*; do
    if [ -d "$d" ]; then rm -rf "$d"; changed "removed $d"; fi
  done
  echo "Kept (remove them yourself when the data is no longer needed):"
  echo "  $DATA_DIR    the database, the library, accounts and worker tokens"
  echo "  $CONF_DIR         the settings ($ENV_FILE) and the worker token ($TOKEN_FILE)"
  echo "  user cca         userdel cca"
  echo "  redis-server     the distribution's package: apt-get remove redis-server"
  for d in "$UNIT_DIR"/cca-api.service.d "$UNIT_DIR"/cca-worker@.service.d; do
    if [ -d "$d" ]; then echo "  $d    your drop-ins"; fi
  done
  if [ "$changes" -eq 0 ]; then say "nothing to change"; else say "uninstalled ($changes changes)"; fi
  exit 0
fi

# ---- the app to install
# Without --from: release/server of this checkout, or the folder this script came in (npm run
# package:server puts the script and deploy/systemd/ in release/server/, to be copied to a server).
if [ -z "$from" ]; then
  if [ -d "$checkout/release/server" ]; then
    from=$checkout/release/server
  elif [ -f "$checkout/dist/server/serve.mjs" ] && [ ! -d "$checkout/main" ]; then
    from=$checkout
  else
    fail "no built app at $checkout/release/server." \
      "build it first, in this checkout: npm ci && npm run package:server" \
      "or point at one: --from DIR (a folder with dist/, production node_modules/ and package.json)"
  fi
fi
[ -d "$from" ] || usage_error "--from $from: no such folder." "give the folder made by npm run package:server (release/server), or /app of the container image"
from=$(cd "$from" && pwd)
for f in dist/server/serve.mjs dist/cli/worker.mjs dist/cli/users.mjs node_modules package.json; do
  [ -e "$from/$f" ] || fail "$from is not a built app: $f is missing." \
    "make one with: npm run package:server (it writes release/server/), then --from release/server"
done

# ---- Node, system-wide (its absolute path goes into the units)
node_help=("install Node.js 20 (>= $NODE_MIN_MAJOR.$NODE_MIN_MINOR) system-wide, then run this again:"
  "  Debian 13 (trixie) and later: apt-get install nodejs"
  "  older Debian / Ubuntu: NodeSource, https://github.com/nodesource/distributions"
  "    (curl -fsSL https://deb.nodesource.com/setup_20.x | bash - && apt-get install -y nodejs)")
node=$(command -v node || true)
[ -n "$node" ] || fail "Node.js is not installed (no \"node\" on root's PATH: $PATH)." "${node_help[@]}"
case $node in /*) ;; *) fail "\"node\" is not a program here ($node)." "${node_help[@]}" ;; esac
case $(readlink -f "$node") in
  /root/*|/home/*|/run/user/*)
    fail "node ($node → $(readlink -f "$node")) lives in a home folder: the service user cannot run it (and the units hide /home and /root)." "${node_help[@]}" ;;
esac
node_version=$("$node" -p 'process.versions.node' 2>/dev/null) || fail "$node does not run." "${node_help[@]}"
IFS=. read -r major minor _ <<<"$node_version"
if [ "$major" -lt "$NODE_MIN_MAJOR" ] || { [ "$major" -eq "$NODE_MIN_MAJOR" ] && [ "$minor" -lt "$NODE_MIN_MINOR" ]; }; then
  fail "Node.js $node_version at $node is too old: the app needs $NODE_MIN_MAJOR.$NODE_MIN_MINOR or newer." "${node_help[@]}"
fi
# The native addon was compiled for one Node (ABI) and glibc: load it with this Node before installing.
if ! err=$("$node" -e 'const D = require(process.argv[1]); new D(":memory:").close()' "$from/node_modules/better-sqlite3" 2>&1); then
  fail "the app in $from does not load with Node $node_version at $node (its database addon, better-sqlite3):" \
    "$(printf '%s' "$err" | grep -m1 -E 'Error|error' || printf '%s' "$err" | head -1)" \
    "build the app with the same Node major version as this machine's (npm run package:server), or install that Node here"
fi

# ---- the system user and the folders
if ! getent group "$SERVICE_USER" >/dev/null; then
  groupadd --system "$SERVICE_USER"
  changed "group $SERVICE_USER"
fi
if ! id -u "$SERVICE_USER" >/dev/null 2>&1; then
  useradd --system --gid "$SERVICE_USER" --home-dir "$DATA_DIR" --no-create-home \
    --shell "$(command -v nologin || echo /usr/sbin/nologin)" --comment "Call Center QA team server" "$SERVICE_USER"
  changed "user $SERVICE_USER"
fi
ensure_dir "$DATA_DIR" 0700 "$SERVICE_USER:$SERVICE_USER"
ensure_dir "$CONF_DIR" 0750 "root:$SERVICE_USER"

# ---- the app: /opt/cca, root-owned, replaced only when it differs from --from
# What /opt/cca must look like (path, type, mode, owner) for the entries --from holds: folders 0755,
# files 0755 when executable in --from, else 0644, everything root's.
entries=()
for e in "${APP_ENTRIES[@]}"; do
  if [ -e "$from/$e" ]; then entries+=("$e"); fi
done
expected_listing() {
  (cd "$from" && find "${entries[@]}" \
    \( -type d -printf '%p d 755 root:root\n' \) -o \( -type l -printf '%p l 777 root:root\n' \) \
    -o \( -type f -perm /111 -printf '%p f 755 root:root\n' \) -o \( -type f -printf '%p f 644 root:root\n' \)) | LC_ALL=C sort
}
actual_listing() { (cd "$1" && find "${entries[@]}" -printf '%p %y %m %u:%g\n') | LC_ALL=C sort; }
app_is_current() {
  [ -d "$APP_DIR" ] && [ ! -L "$APP_DIR" ] || return 1
  [ "$(stat -c '%a %U:%G' "$APP_DIR")" = "755 root:root" ] || return 1
  [ "$(cd "$APP_DIR" && find . -mindepth 1 -maxdepth 1 -printf '%P\n' | LC_ALL=C sort)" = "$(printf '%s\n' "${entries[@]}" | LC_ALL=C sort)" ] || return 1
  [ "$(actual_listing "$APP_DIR")" = "$(expected_listing)" ] || return 1
  local e
  for e in "${entries[@]}"; do diff -rq --no-dereference "$from/$e" "$APP_DIR/$e" >/dev/null 2>&1 || return 1; done
}
if ! app_is_current; then
  # Copied beside /opt/cca, made root's and read-only to others, then renamed into place (the old
  # one renamed away first): never a half-copied app. Running services are restarted below.
  mkdir -p "$(dirname "$APP_DIR")"
  staging=$(mktemp -d "$(dirname "$APP_DIR")/.cca-new.XXXXXX")
  for e in "${entries[@]}"; do cp -a "$from/$e" "$staging/"; done
  chown -R -h root:root "$staging"
  chmod -R u+rwX,go+rX,go-w "$staging"
  chmod 0755 "$staging"
  old=""
  if [ -e "$APP_DIR" ] || [ -L "$APP_DIR" ]; then
    old=$(mktemp -u "$(dirname "$APP_DIR")/.cca-old.XXXXXX")
    mv -T "$APP_DIR" "$old"
  fi
  mv -T "$staging" "$APP_DIR"
  staging=""
  if [ -n "$old" ]; then rm -rf "$old"; fi
  changed "$APP_DIR (from $from, version $("$node" -p "require('$APP_DIR/package.json').version"))"
  restart_needed=1
fi

# ---- settings: /etc/cca/cca.env, written only when missing (your edits are kept)
default_steps=$steps
default_concurrency=${concurrency:-4}
if [ ! -e "$ENV_FILE" ]; then
  put_file "$ENV_FILE" 0640 "root:$SERVICE_USER" <<EOF
# Call Center QA team server: the settings of cca-api.service and cca-worker@N.service (systemd's
# EnvironmentFile: one NAME=value a line, no spaces around "="). Written once by
# scripts/setup-server.sh, which never overwrites it (only --worker-steps / --worker-concurrency change
# their line). After an edit: systemctl restart cca-api.service 'cca-worker@*.service'
# Every setting: README → Settings. Any CCA_* setting and the provider keys can be read from a file
# instead: NAME_FILE=/etc/cca/<file> (readable by group cca: chgrp cca FILE; chmod 0640 FILE).

CCA_PROFILE=production
CCA_DATA_DIR=$DATA_DIR
CCA_HOST=127.0.0.1
CCA_PORT=8080
CCA_AUTH=users
CCA_QUEUE=redis
CCA_REDIS_URL=redis://127.0.0.1:6379

# The workers on this machine: where the API is (follows CCA_PORT), their token, what they take.
CCA_API_URL=http://127.0.0.1:8080
CCA_WORKER_TOKEN_FILE=$TOKEN_FILE
# Comma-separated: probe, metrics, transcribe, analyze, local_analysis, index; empty = all of them.
CCA_WORKER_STEPS=$default_steps
CCA_WORKER_CONCURRENCY=$default_concurrency

# Provider keys: here as files, or entered in the web UI (Settings → API keys).
#OPENAI_API_KEY_FILE=/etc/cca/openai-key
#ELEVENLABS_API_KEY_FILE=/etc/cca/elevenlabs-key

# Beyond this machine (README → "A shared server"): CCA_HOST=0.0.0.0 needs TLS — its own
# (CCA_TLS_CERT and CCA_TLS_KEY, PEM files readable by group cca) or CCA_TRUST_PROXY=true behind a
# TLS-terminating proxy — and CCA_PUBLIC_URL, the URL people open. Otherwise the API does not start
# and its log (journalctl -u cca-api) names the setting.
#CCA_HOST=0.0.0.0
#CCA_PUBLIC_URL=https://qa.example.com
#CCA_TLS_CERT=/etc/cca/cert.pem
#CCA_TLS_KEY=/etc/cca/key.pem
#CCA_TRUST_PROXY=true
EOF
  restart_needed=1
else
  fix_attrs "$ENV_FILE" 0640 "root:$SERVICE_USER"
  # set_env NAME VALUE: an option given on the command line changes its one line.
  set_env() {
    local name=$1 value=$2 next
    next=$(mktemp "$work/env.XXXXXX")
    if grep -q "^$name=" "$ENV_FILE"; then
      sed "s|^$name=.*|$name=$value|" "$ENV_FILE" >"$next"
    else
      { cat "$ENV_FILE"; printf '%s=%s\n' "$name" "$value"; } >"$next"
    fi
    put_file "$ENV_FILE" 0640 "root:$SERVICE_USER" <"$next"
    [ "$wrote" = 0 ] || restart_needed=1
  }
  if [ "$steps_given" = 1 ]; then set_env CCA_WORKER_STEPS "$steps"; fi
  if [ "$concurrency_given" = 1 ]; then set_env CCA_WORKER_CONCURRENCY "$concurrency"; fi
fi

# ---- the workers' token: minted once, by the users CLI as cca on the API's database
mint_name() {
  local host
  host=$(uname -n | tr -c 'A-Za-z0-9._\n-' '-' | sed 's/^[^A-Za-z0-9]*//' | cut -c1-56)
  printf '%s-workers' "${host:-cca}"
}
if [ ! -s "$TOKEN_FILE" ]; then
  # The settings as systemd reads them (NAME=value lines, quotes dropped), except the token file
  # itself: it does not exist yet, and a NAME_FILE naming a missing file stops the CLI.
  env_args=()
  while IFS= read -r line || [ -n "$line" ]; do
    [[ $line =~ ^[[:space:]]*([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]] || continue
    name=${BASH_REMATCH[1]} value=${BASH_REMATCH[2]}
    [ "$name" = CCA_WORKER_TOKEN_FILE ] && continue
    if [[ $value =~ ^\"(.*)\"$ ]] || [[ $value =~ ^\'(.*)\'$ ]]; then value=${BASH_REMATCH[1]}; fi
    env_args+=("$name=$value")
  done <"$ENV_FILE"
  token_name=$(mint_name)
  if ! out=$(cd / && runuser -u "$SERVICE_USER" -- env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
      HOME="$DATA_DIR" NODE_ENV=production "${env_args[@]}" \
      "$node" "$APP_DIR/dist/cli/users.mjs" worker-token --name "$token_name" 2>"$work/mint.err"); then
    fail "minting the worker token failed (node $APP_DIR/dist/cli/users.mjs worker-token as user $SERVICE_USER):" \
      "$({ cat "$work/mint.err"; printf '%s\n' "$out"; } | tail -5)" "fix what it says (settings: $ENV_FILE), then run this again"
  fi
  token=$(printf '%s\n' "$out" | tail -n 1)
  [[ $token =~ ^cca_wkr_[A-Za-z0-9_-]{20,}$ ]] || fail "the users CLI printed no worker token:" "$out"
  put_file "$TOKEN_FILE" 0640 "root:$SERVICE_USER" <<<"$token"
  say "minted worker token \"$token_name\" (users CLI: worker-tokens lists it, revoke-worker-token revokes it)"
  restart_needed=1
else
  fix_attrs "$TOKEN_FILE" 0640 "root:$SERVICE_USER"
fi

# ---- Redis from the distribution
if [ "$(dpkg-query -W -f='${db:Status-Status}' redis-server 2>/dev/null || true)" != installed ]; then
  say "installing redis-server (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq redis-server >/dev/null
  changed "installed redis-server"
fi
if [ "$(systemctl is-enabled redis-server.service 2>/dev/null || true)" = disabled ]; then
  systemctl enable --quiet redis-server.service
  changed "enabled redis-server.service"
fi
if [ "$systemd_running" = 1 ] && ! systemctl is-active --quiet redis-server.service; then
  systemctl start redis-server.service
  changed "started redis-server.service"
fi

# ---- the units
units_written=0
for unit in cca-api.service cca-worker@.service; do
  [ -f "$templates/$unit" ] || fail "the unit template $templates/$unit is missing." "run the script from a full checkout (it reads deploy/systemd/)"
  put_file "$UNIT_DIR/$unit" 0644 root:root < <(sed "s|@NODE@|$node|g" "$templates/$unit")
  [ "$wrote" = 0 ] || units_written=1
done
if [ "$units_written" = 1 ]; then
  restart_needed=1
  if [ "$systemd_running" = 1 ]; then systemctl daemon-reload; fi
fi

# Which workers: --workers, else as many as are enabled now, else 2.
if [ -z "$workers" ]; then
  workers=$(worker_instances | grep -c '^[0-9][0-9]*$' || true)
  [ "$workers" -gt 0 ] || workers=2
fi
wanted=(cca-api.service)
for ((i = 1; i <= workers; i++)); do wanted+=("cca-worker@$i.service"); done
for i in $(worker_instances); do
  if ! [[ $i =~ ^[0-9]+$ ]] || [ "$i" -gt "$workers" ] || [ "$i" -lt 1 ]; then disable_unit "cca-worker@$i.service"; fi
done
for unit in "${wanted[@]}"; do
  if [ "$(systemctl is-enabled "$unit" 2>/dev/null || true)" != enabled ]; then
    systemctl enable --quiet "$unit"
    changed "enabled $unit"
  fi
  if [ "$systemd_running" = 1 ]; then
    if ! systemctl is-active --quiet "$unit"; then
      systemctl start "$unit"
      changed "started $unit"
    elif [ "$restart_needed" = 1 ]; then
      systemctl restart "$unit"
      changed "restarted $unit"
    fi
  fi
done

# ---- summary
echo
echo "Call Center QA team server (Node $node_version at $node):"
echo "  app       $APP_DIR  ($("$node" -p "require('$APP_DIR/package.json').version"))"
echo "  data      $DATA_DIR"
echo "  settings  $ENV_FILE  (after an edit: systemctl restart cca-api.service 'cca-worker@*.service')"
echo "  token     $TOKEN_FILE"
if [ "$workers" -gt 0 ]; then worker_units="cca-worker@1..$workers.service"; else worker_units="no workers on this machine"; fi
echo "  services  cca-api.service, $worker_units  (logs: journalctl -u cca-api -u 'cca-worker@*')"
if [ "$systemd_running" = 1 ]; then
  echo "            running; the API listens on the CCA_HOST:CCA_PORT of $ENV_FILE"
else
  echo "            enabled; systemd is not running here, so they start on the next boot"
fi
echo "  first admin (prints the password once):"
echo "    runuser -u cca -- sh -c 'set -a; . $ENV_FILE; exec $node $APP_DIR/dist/cli/users.mjs add admin --role admin'"
if [ "$changes" -eq 0 ]; then
  say "nothing to change"
else
  say "done ($changes changes)"
fi
