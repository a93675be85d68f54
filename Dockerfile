# syntax=docker/dockerfile:1

# The ChatBot host as a container image.
#
#   docker build -t chatbot .
#   docker run -d --name chatbot -v chatbot-data:/data -e Telegram__BotToken=... chatbot
#
# config/compose.yaml and config/chatbot.env.example show the full setup; docs/operations.md explains it.

# Base images: Microsoft publishes .NET 10 for Linux on Ubuntu 24.04 "noble" (the default "10.0" tags),
# Alpine and Azure Linux, but not on Debian. Noble qualifies for TorchSharp 0.107, whose native library
# needs GLIBCXX_3.4.32 (libstdc++ from GCC 13 or newer): its libstdc++6 package is built from GCC 14.
# Alpine (musl) has no libtorch build. The runtime stage checks the symbol, so a base image that lacks
# it fails the build instead of the first recommendation.
ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION}-noble AS build
WORKDIR /src
COPY . .
# The NuGet cache mount keeps downloaded packages between builds without storing them in a layer.
RUN --mount=type=cache,id=chatbot-nuget,target=/root/.nuget/packages \
    dotnet publish src/ChatBot.Host -c Release -r linux-x64 --self-contained false -o /app -nologo
# Publishing for linux-x64 already leaves out other platforms' native libraries (TorchSharp and
# libtorch ship them per runtime identifier); the find removes any that a package puts elsewhere.
# libtorch-cpu-linux-x64 2.10.0 also ships its Python bindings and test libraries (about 34 MB);
# TorchSharp 0.107 trains and generates without them, so they are removed too.
RUN if [ -d /app/runtimes ]; then \
      find /app/runtimes -mindepth 1 -maxdepth 1 ! -name linux-x64 -exec rm -rf {} +; \
    fi \
    && rm -f /app/libtorch_python.so /app/libjitbackend_test.so /app/libtorchbind_test.so \
      /app/libbackend_with_compiler.so /app/libaoti_custom_ops.so /app/libnnapi_backend.so

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION}-noble AS runtime
LABEL org.opencontainers.image.title="ChatBot" \
      org.opencontainers.image.description="Movie-recommendation chat bot for Discord, Telegram and the console"
# curl serves the HEALTHCHECK below; nothing else is added to the base image.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && grep -aq 'GLIBCXX_3.4.32' /usr/lib/x86_64-linux-gnu/libstdc++.so.6 \
    && mkdir -p /data \
    && chown "$APP_UID" /data

# Every setting is an environment variable (Section__Key); docs/operations.md lists them.
# The health endpoint listens on all interfaces inside the container; publish port 8080 only where
# a monitor needs it. The console channel is off: a container has no one at its standard input.
ENV DOTNET_ENVIRONMENT=Production \
    Data__Directory=/data \
    Health__Enabled=true \
    Health__Url=http://0.0.0.0:8080 \
    Console__Enabled=false

WORKDIR /app
COPY --from=build /app .

# APP_UID (1654, user "app") is the unprivileged user the .NET base images provide.
USER $APP_UID
VOLUME /data
EXPOSE 8080

# Liveness only: readiness (channels connected, catalog loaded) is at /health/ready for monitors.
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8080/health/live || exit 1

# Arguments after the image name reach the host: "docker run ... chatbot stats" runs a command.
ENTRYPOINT ["dotnet", "ChatBot.dll"]
