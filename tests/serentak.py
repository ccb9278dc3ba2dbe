"""Concurrency tests' one helper: start jobs at the same moment, each in its own thread (and so its
own database connection), and collect what each did. Used with ``django_db(transaction=True)`` on
PostgreSQL, where the row locks under test exist."""

import threading

from django.core.exceptions import ValidationError
from django.db import connections


def run_parallel(jobs):
    """Start every job at the same moment, each in its own thread with its own connection."""
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def worker(i, job):
        try:
            barrier.wait(timeout=30)
            results[i] = ("ok", job())
        except ValidationError as error:
            results[i] = ("refused", error.messages[0])
        except Exception as error:  # anything else is a bug the test must show
            results[i] = ("error", repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results
