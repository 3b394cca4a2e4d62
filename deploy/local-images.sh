#!/usr/bin/env bash
# Builds PerfFleet's images on a host without an image registry, for compose.local-images.yml:
#
#   perffleet-hostbase:local      an imported root file system with nothing but mount points and
#                                 users (root, the host's postgres uid/gid, nobody); containers run
#                                 the host's programs from its /usr, mounted read-only
#   perffleet-coordinator:local   the published coordinator on it
#   perffleet-worker:local        the published worker on it
#   perffleet-postgres:local      the host's PostgreSQL 15 on it (postgres-entrypoint.sh)
#
# Usage: deploy/local-images.sh [--published DIR]
#   --published DIR   use DIR/coordinator and DIR/worker (`dotnet publish` output) instead of
#                     publishing Coordinator and Worker (Release) into artifacts/publish
# The Docker daemon is DOCKER_HOST's, as for every docker command. Needs the host's .NET runtime
# (/usr/bin/dotnet), PostgreSQL 15 (/usr/lib/postgresql/15/bin) and a merged /usr (Debian 12):
# the images link /bin, /lib, /lib64 and /sbin into the mounted /usr.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
published=""
while [ $# -gt 0 ]; do
  case "$1" in
    --published) published=${2:?--published needs a directory}; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done

fail() { echo "local-images.sh: $*" >&2; exit 1; }

docker info --format '{{.ServerVersion}}' > /dev/null 2>&1 \
  || fail "no Docker daemon answers at ${DOCKER_HOST:-the default socket}: start dockerd or set DOCKER_HOST"
[ -x /usr/bin/dotnet ] || fail "/usr/bin/dotnet not found: the containers run the host's .NET runtime"
[ -x /usr/lib/postgresql/15/bin/postgres ] || fail "/usr/lib/postgresql/15/bin/postgres not found: install postgresql-15"
pg_uid=$(id -u postgres 2> /dev/null) || fail "the host has no postgres user: install postgresql-15"
pg_gid=$(id -g postgres)

if [ -z "$published" ]; then
  published="$root/artifacts/publish"
  for app in Coordinator Worker; do
    dotnet publish "$root/$app/PerfFleet.$app.csproj" -c Release -o "$published/${app,,}" --nologo -v quiet
  done
fi
for app in coordinator worker; do
  [ -f "$published/$app/perffleet-$app.dll" ] || fail "$published/$app/perffleet-$app.dll not found: is $published a publish directory?"
done

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
rootfs="$stage/rootfs"
mkdir -p "$rootfs"/{usr,etc/ssl,etc/alternatives,proc,sys,dev,app,perffleet,var/run,var/lib/perffleet}
mkdir -p -m 0700 "$rootfs/var/lib/postgresql/data"
mkdir -m 1777 "$rootfs/tmp" "$rootfs/var/tmp"
for link in bin lib lib64 sbin; do ln -s "usr/$link" "$rootfs/$link"; done
cat > "$rootfs/etc/passwd" <<PASSWD
root:x:0:0:root:/root:/bin/sh
postgres:x:$pg_uid:$pg_gid:PostgreSQL:/var/lib/postgresql:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
PASSWD
cat > "$rootfs/etc/group" <<GROUP
root:x:0:
postgres:x:$pg_gid:
nogroup:x:65534:
GROUP

# Owners are set in the archive, so this works without root: everything root's, but PostgreSQL's
# data directory, which docker copies into the pgdata volume on its first use.
tar -C "$rootfs" --numeric-owner --owner=0 --group=0 --exclude=./var/lib/postgresql -cf "$stage/rootfs.tar" .
tar -C "$rootfs" --numeric-owner --owner="$pg_uid" --group="$pg_gid" -rf "$stage/rootfs.tar" ./var/lib/postgresql
docker import --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  "$stage/rootfs.tar" perffleet-hostbase:local > /dev/null

# The classic builder: it needs no BuildKit component, and the Dockerfiles only COPY.
export DOCKER_BUILDKIT=0
build() {
  docker build -q -t "$1" -f "$root/deploy/local/$2" "$3" > /dev/null 2> "$stage/build.log" \
    || fail "docker build of $1 failed: $(cat "$stage/build.log")"
  echo "built $1"
}
build perffleet-coordinator:local coordinator.Dockerfile "$published/coordinator"
build perffleet-worker:local worker.Dockerfile "$published/worker"
build perffleet-postgres:local postgres.Dockerfile "$root/deploy/local"
