# ace-mock image: builds the TypeScript and the native modules, then runs as a non-root user.
#
# linux/amd64 only. The IBM MQ client that ace-mock's MQ door needs comes from ibmmq's postinstall
# (node_modules/ibmmq/postinstall.mjs, ibmmq 2.1.9), which downloads IBM's MQ Redistributable Client
# for Linux only when the architecture is x64 ("LinuxX64.tar.gz"); on any other Linux it prints
# "No redistributable client package available for this platform" and installs none. ibmmq also
# ships prebuilt bindings for linux-x64 but not linux-arm64. On an arm64 host build and run it
# under emulation: `docker build --platform linux/amd64 .` (docker/docker-compose.yml sets it).
#
# MQIJS_NOREDIST must stay unset here: `npm ci` below is what downloads the MQ client (from
# public.dhe.ibm.com) into node_modules/ibmmq/redist. The build needs network access to it.

FROM node:22-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
# npm ci runs the package's prepare script (src/build/prepare.mjs); with no sources here yet it builds
# nothing, and `npm run build` below does, once they are copied in.
COPY src/build ./src/build
# better-sqlite3 compiles against Node's headers; ibmmq fetches the MQ client into node_modules/ibmmq/redist.
RUN npm ci --no-audit --no-fund
# Fail here, not at run time, when the MQ client did not arrive (wrong platform, or no access to IBM).
RUN test -f node_modules/ibmmq/redist/lib64/libmqm_r.so \
  || { echo "node_modules/ibmmq/redist/lib64/libmqm_r.so is missing: build for linux/amd64 with access to public.dhe.ibm.com" >&2; exit 1; }
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev

FROM node:22-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    ACE_MOCK_DB=/data/ace-mock.db
WORKDIR /app
# The application files stay root-owned: the node user can read them, not change them.
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY schemas ./schemas
COPY scenarios ./scenarios
RUN mkdir -p /data && chown node:node /data
# The base image's `node` user (uid 1000, gid 1000), by number so that runAsNonRoot can check it.
USER 1000:1000
VOLUME ["/data"]
EXPOSE 8080
# Liveness: the process answers HTTP. Readiness (MQ connected) is /health/ready, used by the compose file.
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/cli.js", "serve"]
