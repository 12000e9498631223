"""gunicorn's settings for chibo; `gunicorn wsgi:app` reads this file from the working directory.

Threads, not sync workers: a sync worker is held by one client until that client has sent its
whole request, so two sockets sending one header line every 5 s made `gunicorn -w 2` unreachable
for about 30 s (the attack review). A gthread worker serves other requests on its other threads,
and parks idle keep-alive connections in a poller instead of a thread. A proxy in front should
still buffer whole requests and time out slow ones (README, "Running on PostgreSQL with gunicorn").
Workers default to WEB_CONCURRENCY, else 1: set `--workers` (about 2 per core) where you deploy.
"""

worker_class = "gthread"
threads = 8
timeout = 30  # a worker silent this long is restarted
graceful_timeout = 30
keepalive = 5  # seconds an idle keep-alive connection is kept
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190
