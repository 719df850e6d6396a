# One image for the API, the worker and the simulator, run from their built JavaScript; the
# command picks the app (the API by default):
#   node apps/api/dist/main.js | node apps/worker/dist/main.js | node apps/simulator/dist/main.js
# Also in it: node packages/catalog/dist/migrate-cli.js (the API and workers migrate at start
# anyway), node packages/catalog/dist/reencrypt-cli.js, node apps/simulator/dist/admin-cli.js.

FROM node:24-bookworm-slim AS build
WORKDIR /app
ENV TURBO_TELEMETRY_DISABLED=1
COPY package.json package-lock.json turbo.json tsconfig.json tsconfig.build.json ./
COPY apps ./apps
COPY packages ./packages
COPY test/package.json ./test/package.json
COPY bench/package.json ./bench/package.json
RUN npm ci --no-audit --no-fund
RUN npm run build
# What runs: the built workspaces (the ones with a dist/), each with its package.json and the
# files it reads at run time (the catalog's migrations). The tests, demo and benchmarks stay out,
# and with them their dependencies (testcontainers, tsx...).
RUN mkdir -p /out/manifests /out/code \
  && cp package.json package-lock.json /out/manifests/ \
  && for dir in apps/* packages/*; do \
       [ -d "$dir/dist" ] || continue; \
       mkdir -p "/out/manifests/$dir" "/out/code/$dir"; \
       cp "$dir/package.json" "/out/manifests/$dir/"; \
       cp -r "$dir/dist" "/out/code/$dir/"; \
       if [ -d "$dir/migrations" ]; then cp -r "$dir/migrations" "/out/code/$dir/"; fi; \
     done

# Production dependencies of those workspaces only: a layer that stays cached while only code changes.
FROM node:24-bookworm-slim AS production-dependencies
WORKDIR /app
COPY --from=build /out/manifests ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:24-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=production-dependencies /app ./
COPY --from=build /out/code ./
USER node
EXPOSE 3000
# The API's liveness, on the port it listens on; compose gives the worker and the simulator theirs.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.SFMETA_API_PORT ?? process.env.PORT ?? 3000}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "apps/api/dist/main.js"]
