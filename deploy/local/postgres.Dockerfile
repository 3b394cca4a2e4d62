# PostgreSQL on a host without an image registry: the host's PostgreSQL 15 server binaries
# (/usr/lib/postgresql/15/bin, bind-mounted with /usr by compose.local-images.yml) started by
# postgres-entrypoint.sh, which behaves like the postgres:15 image for compose.yml's settings.
# The build context is deploy/local.
FROM perffleet-hostbase:local
COPY postgres-entrypoint.sh /perffleet/postgres-entrypoint.sh
ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    PGDATA=/var/lib/postgresql/data \
    PGHOST=/tmp
# PostgreSQL refuses to run as root: the base image's /etc/passwd has the host's postgres user,
# which owns the data directory.
USER postgres
STOPSIGNAL SIGINT
ENTRYPOINT ["/bin/sh", "/perffleet/postgres-entrypoint.sh"]
