# The server settings every benchmark and load test uses, for the portal and the minimal route
# alike: two threaded workers, as on a 2-core server. BENCH_BIND picks the address.
import os

bind = os.environ.get("BENCH_BIND", "127.0.0.1:8100")
workers = int(os.environ.get("BENCH_WORKERS", "2"))
worker_class = "gthread"
threads = int(os.environ.get("BENCH_THREADS", "4"))
keepalive = 5
timeout = 30
graceful_timeout = 5
accesslog = None
loglevel = "warning"
