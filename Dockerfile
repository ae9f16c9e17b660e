# Build stage: dev dependencies and the TypeScript compiler, then only production dependencies kept.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src ./src
COPY web ./web
RUN npm run build && npm run build:web && npm prune --omit=dev

# Runtime stage: compiled JavaScript only. node is the container's main process (no npm or sh in between),
# so `docker stop`'s SIGTERM reaches it and the app drains jobs and requests before it exits.
FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The web console, served by the same process at / (dist/web-console resolves ../../web/dist).
COPY --from=build /app/web/dist ./web/dist
USER node
EXPOSE 3000
CMD ["node", "dist/main.js"]
