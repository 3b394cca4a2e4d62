# PerfFleet worker image: git, the Docker CLI and docker-compose to bring stacks up through the
# host's Docker daemon (mount /var/run/docker.sock). Build from the repository root:
#   docker build -f deploy/worker.Dockerfile -t perffleet-worker .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish Worker/PerfFleet.Worker.csproj -c Release -o /out

FROM mcr.microsoft.com/dotnet/aspnet:10.0
RUN apt-get update \
 && apt-get install -y --no-install-recommends git ca-certificates docker.io docker-compose \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /out .
ENV PerfFleet__Worker__ListenAddress=0.0.0.0 \
    PerfFleet__Worker__WorkDirectory=/var/lib/perffleet

# 5090: gRPC (HTTP/2 only); 5091: /metrics and /healthz (HTTP/1.1).
EXPOSE 5090 5091
# Root, because the worker talks to the Docker socket; to run it non-root, add a user to the
# socket's group id (`--group-add $(stat -c %g /var/run/docker.sock)`) and set USER.
ENTRYPOINT ["dotnet", "/app/perffleet-worker.dll"]
