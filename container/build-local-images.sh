#!/usr/bin/env bash
# Builds, on a machine where no image registry answers, the base images that the Dockerfile,
# compose.yaml and the container tests use in place of quay.io/keycloak/keycloak and postgres:
#   local/keycloak:26.7.3   Debian minbase with OpenJDK 17 (debootstrap through apt's mirror) plus the
#                           keycloak-quarkus-dist tarball (from ~/.m2, fetched through Maven if missing),
#                           laid out like the official image: /opt/keycloak, user 1000, kc.sh entrypoint
#   local/postgres:15       Debian's PostgreSQL 15, configured by POSTGRES_USER/PASSWORD/DB like the official image
# Idempotent: an image that exists is skipped. Needs root, debootstrap and a Docker engine.
set -euo pipefail
cd "$(dirname "$0")/.."

# Another Keycloak of the supported range (26.4 to 26.7): KEYCLOAK_VERSION=26.4.7 container/build-local-images.sh
KEYCLOAK_VERSION=${KEYCLOAK_VERSION:-26.7.3}
KEYCLOAK_IMAGE=local/keycloak:${KEYCLOAK_VERSION}
POSTGRES_IMAGE=local/postgres:15
SUITE=bookworm
MAVEN_REPO=${MAVEN_REPO:-$HOME/.m2/repository}

# apt's own Debian mirror (this machine's sources, one-line or deb822), unless DEBIAN_MIRROR names one; with
# neither, stop and say so rather than fetch packages from a host nobody chose.
mirror() {
  if [ -n "${DEBIAN_MIRROR:-}" ]; then echo "$DEBIAN_MIRROR"; return; fi
  local found
  found=$(grep -hE '^\s*(URIs:|deb )' /etc/apt/sources.list /etc/apt/sources.list.d/* 2>/dev/null \
    | grep -oE 'https?://[^ ]+' | grep -v -- '-security' | head -n 1 || true)
  if [ -z "$found" ]; then
    echo "No Debian mirror: apt's sources (/etc/apt/sources.list, /etc/apt/sources.list.d/) name none." >&2
    echo "Set DEBIAN_MIRROR to the Debian mirror to use, for example DEBIAN_MIRROR=http://mirror.example/debian." >&2
    exit 1
  fi
  echo "$found"
}

exists() {
  docker image inspect "$1" >/dev/null 2>&1
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# debootstrap minbase with these packages into $work/$1, minus what a container never reads (apt's
# package cache and lists, docs, man pages, translations).
rootfs() {
  local root="$work/$1" packages=$2
  local from
  from=$(mirror)
  echo "== debootstrap $SUITE minbase with $packages from $from"
  debootstrap --variant=minbase --include="$packages" "$SUITE" "$root" "$from" >"$work/debootstrap.log" 2>&1 \
    || { tail -n 30 "$work/debootstrap.log" >&2; exit 1; }
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* \
    "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/locale/*
}

# Each image is one imported layer: with the vfs storage driver every layer and every build step is a
# full copy, so a Dockerfile with a step per instruction would cost minutes.
import_image() {
  local image=$1
  shift
  docker import "$@" - "$image" >/dev/null
  echo "== $image built"
}

# Keycloak as in quay.io/keycloak/keycloak: /opt/keycloak owned by 1000, group 0 with the owner's
# rights, kc.sh the entrypoint; the JRE base and the dist in one layer.
if exists "$KEYCLOAK_IMAGE"; then
  echo "== $KEYCLOAK_IMAGE exists"
else
  rootfs jre openjdk-17-jre-headless
  # The official Keycloak image runs as uid 1000 in group 0.
  chroot "$work/jre" useradd --uid 1000 --gid 0 --home-dir /opt/keycloak --no-create-home keycloak
  tarball="$MAVEN_REPO/org/keycloak/keycloak-quarkus-dist/$KEYCLOAK_VERSION/keycloak-quarkus-dist-$KEYCLOAK_VERSION.tar.gz"
  if [ ! -f "$tarball" ]; then
    echo "== fetching keycloak-quarkus-dist $KEYCLOAK_VERSION through Maven"
    ./mvnw -B -q dependency:get -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:tar.gz" -Dtransitive=false
  fi
  echo "== Keycloak from $tarball"
  mkdir -p "$work/dist"
  tar -C "$work/dist" -xzf "$tarball"
  # As in the official image: data/ exists (a file copied into data/import/ must not create it as root).
  mkdir -p "$work/dist/keycloak-$KEYCLOAK_VERSION/data"
  chown -R 1000:0 "$work/dist/keycloak-$KEYCLOAK_VERSION"
  chmod -R g+rwX "$work/dist/keycloak-$KEYCLOAK_VERSION"
  tar -c --numeric-owner -C "$work/jre" --exclude=./proc --exclude=./sys --exclude=./dev . \
      -C "$work/dist" --transform "s,^keycloak-$KEYCLOAK_VERSION,opt/keycloak," "keycloak-$KEYCLOAK_VERSION" \
    | import_image "$KEYCLOAK_IMAGE" -c 'ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64' -c 'ENV LANG=C.UTF-8' -c 'USER 1000' -c 'WORKDIR /opt/keycloak' \
        -c 'EXPOSE 8080 8443 9000' -c 'ENTRYPOINT ["/opt/keycloak/bin/kc.sh"]'
  rm -rf "$work/jre" "$work/dist"
fi

if exists "$POSTGRES_IMAGE"; then
  echo "== $POSTGRES_IMAGE exists"
else
  rootfs postgres postgresql-15
  root="$work/postgres"
  install -m 0755 container/postgres/entrypoint.sh "$root/usr/local/bin/postgres-entrypoint.sh"
  # Debian's package made a cluster in /var/lib/postgresql/15/main; the container makes its own.
  rm -rf "$root"/var/lib/postgresql/15 "$root"/etc/postgresql/15
  install -d -m 0700 -o "$(chroot "$root" id -u postgres)" -g "$(chroot "$root" id -g postgres)" \
    "$root/var/lib/postgresql/data"
  tar -C "$root" --numeric-owner --exclude=./proc --exclude=./sys --exclude=./dev -c . \
    | import_image "$POSTGRES_IMAGE" -c 'ENV PGDATA=/var/lib/postgresql/data' -c 'ENV LANG=C.UTF-8' \
        -c 'USER postgres' -c 'EXPOSE 5432' -c 'ENTRYPOINT ["/usr/local/bin/postgres-entrypoint.sh"]'
  rm -rf "$root"
fi

docker image ls --format '{{.Repository}}:{{.Tag}}  {{.Size}}' | grep '^local/'
