# PerfFleet worker on a host without an image registry: the published worker on the base image of
# deploy/local-images.sh. git, docker, docker-compose and the .NET runtime are the host's (/usr is
# bind-mounted by compose.local-images.yml). The build context is the `dotnet publish` output.
FROM perffleet-hostbase:local
COPY . /app
WORKDIR /app
ENV PerfFleet__Worker__ListenAddress=0.0.0.0 \
    PerfFleet__Worker__WorkDirectory=/var/lib/perffleet \
    HOME=/tmp \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
# 5090: gRPC (HTTP/2 only); 5091: /metrics and /healthz (HTTP/1.1).
EXPOSE 5090 5091
# Root, because the worker talks to the Docker socket (as deploy/worker.Dockerfile explains).
ENTRYPOINT ["/usr/bin/dotnet", "/app/perffleet-worker.dll"]
