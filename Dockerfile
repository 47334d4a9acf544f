# The Statements API as a container image.
#   docker build -t statements-api .
#   docker run -d -p 8080:8080 -v statements-data:/data statements-api
#   docker run --rm -v statements-data:/data statements-api keys create --name newsroom   # prints a new API key
# The SQLite database lives on the /data volume; a fresh volume gets the schema and the sample data on first start.

# --- build ---------------------------------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# The image's architecture (amd64, arm64), set by docker build; the app is compiled ahead of time for it (ReadyToRun),
# which saves JIT work at start-up (see README "Performance").
ARG TARGETARCH

# Restore from the project file and the build settings alone, so the package layer is reused until they change.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Statements.Api/Statements.Api.csproj src/Statements.Api/
RUN dotnet restore src/Statements.Api/Statements.Api.csproj --arch "$TARGETARCH" -p:PublishReadyToRun=true

# Everything else (.dockerignore keeps out bin/, obj/, databases and secrets); root files such as .editorconfig
# take part in the build as they do on a developer's machine.
COPY . .
RUN dotnet publish src/Statements.Api/Statements.Api.csproj --configuration Release --no-restore \
        --arch "$TARGETARCH" --self-contained false -p:PublishReadyToRun=true --output /app -p:UseAppHost=false

# --- runtime -------------------------------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime

# The aspnet image has neither curl nor wget, and the API is no HTTP client, so curl is installed for the
# HEALTHCHECK alone. (This is why the image is not a -chiseled one: those have no package manager.)
RUN apt-get update \
    && apt-get install --yes --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*

# The database directory belongs to the image's non-root 'app' user ($APP_UID). It is created before VOLUME,
# so a new named volume starts with this owner.
RUN mkdir -p /data && chown "$APP_UID:$APP_UID" /data

WORKDIR /app
COPY --from=build /app ./

# ASPNETCORE_HTTP_PORTS is cleared because the base image sets it, and ASP.NET Core warns when both it and
# ASPNETCORE_URLS are present.
ENV ConnectionStrings__Statements="Data Source=/data/statements.db" \
    ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_HTTP_PORTS=
VOLUME /data
EXPOSE 8080

USER $APP_UID

# /health answers 200 while the process runs and the database answers, 503 otherwise.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD curl --fail --silent --show-error --output /dev/null http://localhost:8080/health || exit 1

ENTRYPOINT ["dotnet", "Statements.Api.dll"]
