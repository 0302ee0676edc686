#!/bin/sh
# Makes ./secrets for compose.yaml (run it next to compose.yaml): `sh deploy/init-secrets.sh <public host>`.
# - tls_cert.pem / tls_key.pem: a self-signed certificate naming the public host, "api" (the name
#   workers and Prometheus use on the compose network) and localhost, valid for 825 days. Bring your
#   own instead by putting your files there first (then see CCA_API_URL in deploy/compose.env.example).
# - grafana_admin_password: a random password for Grafana's admin (monitoring profile).
# - openai_api_key, elevenlabs_api_key, worker_token, prometheus_token: empty until you fill them
#   (docs/DEPLOY.md); keys can also be entered in the app's Settings view instead.
# A file that exists is never overwritten, so running it again changes nothing.
set -eu
host=${1:-}
if [ -z "$host" ]; then
  echo "usage: sh deploy/init-secrets.sh <public host name>   (the host part of CCA_PUBLIC_URL, e.g. qa.example.com)" >&2
  exit 2
fi
case "$host" in
  *[!A-Za-z0-9.-]*) echo "\"$host\" is not a host name (letters, digits, dots and dashes; no scheme or port)." >&2; exit 2 ;;
esac
command -v openssl >/dev/null || { echo "openssl is needed to make the certificate (apt-get install openssl)." >&2; exit 1; }

umask 077
mkdir -p secrets
chmod 0700 secrets
made=""

if [ ! -e secrets/tls_cert.pem ] && [ ! -e secrets/tls_key.pem ]; then
  openssl req -x509 -newkey rsa:3072 -sha256 -nodes -days 825 -subj "/CN=$host" \
    -addext "subjectAltName=DNS:$host,DNS:api,DNS:localhost,IP:127.0.0.1" \
    -addext "basicConstraints=critical,CA:TRUE" \
    -keyout secrets/tls_key.pem -out secrets/tls_cert.pem 2>/dev/null
  made="$made tls_cert.pem tls_key.pem"
fi
if [ ! -e secrets/grafana_admin_password ]; then
  openssl rand -base64 24 | tr -d '\n' > secrets/grafana_admin_password
  made="$made grafana_admin_password"
fi
for f in openai_api_key elevenlabs_api_key worker_token prometheus_token; do
  if [ ! -e "secrets/$f" ]; then
    : > "secrets/$f"
    made="$made $f"
  fi
done
# The containers run as their own users (the app's is uid 10001): they must be able to read the files.
# The 0700 directory keeps other users of this host out.
chmod 0644 secrets/*

if [ -n "$made" ]; then
  echo "secrets/ made:$made"
else
  echo "secrets/ complete: nothing to make"
fi
