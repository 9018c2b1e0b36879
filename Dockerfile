# Schoolweave's container image: gunicorn serving the site, static files by whitenoise.
# The same image runs the task worker (`schoolweave db_worker`). See docs/deployment.md.
#   docker build -t schoolweave .
#   docker run --env-file schoolweave.env -p 127.0.0.1:8000:8000 schoolweave
#   docker run --env-file schoolweave.env schoolweave schoolweave db_worker

# 1. The front-end assets (GOV.UK Frontend, Leaflet, cytoscape.js, the compiled stylesheet),
#    from package-lock.json, as `npm ci && npm run build` makes them.
FROM node:20-bookworm-slim AS assets
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY src/schoolweave/assets src/schoolweave/assets
RUN mkdir -p src/schoolweave/static/build && npm run --silent build

# 2. The Python packages, each at the version and hash in requirements.lock, then Schoolweave
#    itself (with the built assets inside it) into a virtual environment to copy on.
FROM python:3.11-slim-bookworm AS python
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
COPY requirements.lock /tmp/requirements.lock
RUN /opt/venv/bin/pip install --require-hashes --only-binary=:all: -r /tmp/requirements.lock
WORKDIR /build
COPY pyproject.toml README.md ./
COPY src src
COPY --from=assets /build/src/schoolweave/static/build src/schoolweave/static/build
RUN /opt/venv/bin/pip install --no-deps . && /opt/venv/bin/pip check

# 3. What runs: the environment, collected static files, an unprivileged user.
FROM python:3.11-slim-bookworm
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    SCHOOLWEAVE_BIND=0.0.0.0:8000
RUN groupadd --system --gid 10001 schoolweave \
    && useradd --system --uid 10001 --gid schoolweave --home-dir /srv/schoolweave schoolweave
COPY --from=python /opt/venv /opt/venv
# The working directory holds var/: static/ (collected below, read-only at run time),
# media/ (enquiry attachments: mount a volume there), cache/ (computed page sections, which the
# worker prepares for the site: mount one volume there for both) and, without a database URL,
# SQLite.
WORKDIR /srv/schoolweave
RUN SCHOOLWEAVE_SECRET_KEY=used-only-to-collect-static-files \
    schoolweave collectstatic --noinput --verbosity 0 \
    && mkdir -p var/media var/cache && chown schoolweave:schoolweave var var/media var/cache
USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]
CMD ["gunicorn", "--config", "python:schoolweave.config.gunicorn_conf", "schoolweave.config.wsgi"]
