# One image for every Conductor service; compose.yaml picks the command.
FROM node:20-bookworm-slim AS dashboard
WORKDIR /build
COPY services/dashboard/package.json services/dashboard/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY services/dashboard/ ./
RUN npm run build

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY shared/ shared/
COPY services/ services/
COPY --from=dashboard /build/dist services/dashboard/dist
RUN pip install --no-cache-dir . && useradd --system --no-create-home conductor
USER conductor
CMD ["conductor", "--help"]
