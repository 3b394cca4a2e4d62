# PerfFleet coordinator on a host without an image registry: the published coordinator on the
# base image of deploy/local-images.sh, which runs the host's .NET runtime (/usr is bind-mounted
# by compose.local-images.yml). The build context is the `dotnet publish` output.
FROM perffleet-hostbase:local
COPY . /app
WORKDIR /app
# Listen on every interface inside the container; ports are documented in docs/configuration.md.
# HOME and the data directory point at /tmp because the image has no home and /app is read-only
# for the unprivileged user.
ENV PerfFleet__Coordinator__ListenAddress=0.0.0.0 \
    PerfFleet__Database__DataDirectory=/tmp/perffleet-data \
    HOME=/tmp \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
EXPOSE 5080 5081
USER nobody
ENTRYPOINT ["/usr/bin/dotnet", "/app/perffleet-coordinator.dll"]
