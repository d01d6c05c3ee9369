# Radarr in one image; run as the *arr images are (see compose.yaml and deploy/kubernetes):
#   docker build -t radarr-django .
#   docker run -d -p 7878:7878 -v ./config:/config -e PUID=1000 -e PGID=1000 -e TZ=Europe/Paris radarr-django
FROM python:3.13-slim

# ffmpeg: media info (ffprobe); postgresql-client: backups of a PostgreSQL database (pg_dump);
# tzdata: TZ. setpriv (util-linux) and useradd (passwd) come with the base image.
RUN apt-get update \
    && apt-get install -y --no-install-recommends ffmpeg postgresql-client tzdata \
    && rm -rf /var/lib/apt/lists/*

# the server's user; the entrypoint gives it PUID/PGID at start
RUN groupadd -g 1000 radarr && useradd -u 1000 -g 1000 -d /config -M -s /usr/sbin/nologin radarr

WORKDIR /app
COPY pyproject.toml README.md ./
COPY radarr radarr
COPY releases releases
COPY movies movies
COPY indexers indexers
COPY downloads downloads
COPY imports imports
COPY scenegroups scenegroups
COPY notifications notifications
COPY templates templates
COPY static static
COPY manage.py ./
RUN pip install --no-cache-dir -e . && python -m compileall -q radarr releases movies indexers downloads \
    imports scenegroups notifications
COPY docker/entrypoint.sh /entrypoint.sh
COPY docker/healthcheck.py /healthcheck.py

ENV PYTHONUNBUFFERED=1 \
    RADARR_BIND=0.0.0.0 \
    RADARR_PORT=7878 \
    PUID=1000 \
    PGID=1000 \
    TZ=Etc/UTC
EXPOSE 7878
VOLUME /config
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["python", "-S", "/healthcheck.py"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["/entrypoint.sh"]
