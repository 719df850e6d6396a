# One image for the API, the worker and the simulator; the command picks the app.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json turbo.json tsconfig.json ./
COPY apps ./apps
COPY packages ./packages
COPY test/package.json ./test/package.json
COPY bench/package.json ./bench/package.json
RUN npm ci --no-audit --no-fund
ENV NODE_ENV=production
USER node
CMD ["npm", "run", "start", "-w", "@sfmeta/api"]
