"""gunicorn's settings for `make serve` and the benchmark (-c python:ressourcebank.gunicorn).

Sync workers that each serve one request at a time, two per CPU. The pages spend most of their
time in Python (template rendering), and threads in one process take turns on the GIL: on the
2-CPU machine, 2 workers × 4 threads served an offer page at 223 req/s (p99 97 ms), 4 single-
threaded workers at 389 req/s (p99 54 ms). The second worker per CPU covers database waits.
WEB_CONCURRENCY sets the number of workers.
"""

import os

workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * (os.cpu_count() or 1))
threads = 1
worker_class = "sync"
