"""Running code in threads at the same moment, for the PostgreSQL race tests."""

import threading

from django.db import connections


def run_at_once(functions):
    """Call `functions` in threads released together; their results in order. Each thread
    closes its database connections; an error in any fails the test."""
    barrier = threading.Barrier(len(functions))
    results, errors = [None] * len(functions), []

    def worker(index, function):
        try:
            barrier.wait()
            results[index] = function()
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, f)) for i, f in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return results
