# PerfFleet coordinator image. Build from the repository root:
#   docker build -f deploy/coordinator.Dockerfile -t perffleet-coordinator .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish Coordinator/PerfFleet.Coordinator.csproj -c Release -o /out

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /out .
# Listen on every interface inside the container; ports are documented in docs/configuration.md.
ENV PerfFleet__Coordinator__ListenAddress=0.0.0.0
EXPOSE 5080 5081
# The aspnet images carry a non-root user "app".
USER app
ENTRYPOINT ["dotnet", "/app/perffleet-coordinator.dll"]
