"""Where documents are processed: local worker processes or a Dask cluster.

Both engines run the same function, :func:`pipeline.run.process.process_task`,
on batches of documents. A Dask worker loads the model once (``load_nlp`` is
cached per process), local workers start from the loaded pipeline
(:func:`pipeline.run.process.worker_pool`); a bounded number of batches is in flight at any time
and results come back in input order, so memory stays flat whatever the size
of the corpus and both engines give the same rows in the same order.

>>> docs = [Document("a.txt", "a.txt", "Deux policiers ont été tués à Almaty.")]
>>> [r.events[0]["count"] for r in iter_results(docs, engine="dask", workers=1)]
[2]

A running cluster (``dask scheduler`` / ``dask worker --nthreads 1``, with this
package installed where the workers run) is used with ``scheduler``:

>>> iter_results(docs, engine="dask", scheduler="tcp://10.0.0.5:8786")  # doctest: +SKIP
"""
from __future__ import annotations

import logging
import uuid
from collections import deque
from contextlib import ExitStack
from itertools import chain, islice
from typing import Iterable, Iterator

from ..inputs import Document
from .process import TASK_SIZE, Result, batched, process_task
from .process import iter_results as iter_results_local

ENGINES = ("local", "dask")
CONNECT_TIMEOUT = 10  # seconds for the Dask handshake with a scheduler that answers
WORKER_TIMEOUT = 30  # seconds for a running scheduler to show a first worker
PROBE_TIMEOUT = 3  # seconds for a TCP connection to the scheduler's port


def check_scheduler(scheduler: str) -> None:
    """Raise ``ConnectionError`` at once when nothing listens at the address
    of ``scheduler`` (``tcp://HOST:PORT``): checked before a run writes
    anything, rather than after the Dask client's own time-out.

    >>> check_scheduler("tcp://127.0.0.1:9")
    Traceback (most recent call last):
    ...
    ConnectionError: no Dask scheduler at tcp://127.0.0.1:9: Connection refused
    """
    import socket

    from distributed.comm.addressing import parse_address, parse_host_port

    try:
        scheme, location = parse_address(scheduler)
        host, port = parse_host_port(location, 8786)
    except ValueError as exc:
        raise ConnectionError(f"{scheduler!r} is not a scheduler address (tcp://HOST:PORT): {exc}") from None
    if scheme not in ("tcp", "tls"):
        return  # other transports are left to the client
    try:
        socket.create_connection((host, port), timeout=PROBE_TIMEOUT).close()
    except OSError as exc:
        raise ConnectionError(f"no Dask scheduler at {scheduler}: {exc.strerror or exc}") from None


def iter_results(docs: Iterable[Document], engine: str = "local", workers: int = 1,
                 scheduler: str | None = None, batch_size: int = TASK_SIZE) -> Iterator[Result]:
    """Results of ``docs`` in input order, computed by ``engine``.

    >>> next(iter_results([Document("a", "a", "Trois blessés à Lyon.")])).document["n_events"]
    1
    """
    if engine == "local":
        if scheduler:
            raise ValueError("a scheduler address needs the dask engine")
        return iter_results_local(docs, workers=workers, batch_size=batch_size)
    if engine == "dask":
        return iter_results_dask(docs, scheduler=scheduler, workers=workers, batch_size=batch_size)
    raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")


def iter_results_dask(docs: Iterable[Document], scheduler: str | None = None, workers: int = 1,
                      batch_size: int = TASK_SIZE, ahead: int | None = None) -> Iterator[Result]:
    """Process ``docs`` on Dask and yield their results in input order.

    With ``scheduler`` (``tcp://HOST:PORT``) the running cluster is used;
    without, a local cluster of ``workers`` single-threaded processes is
    started for the run and stopped after it. Documents travel to the workers
    in batches of ``batch_size``; at most ``ahead`` batches (default: two per
    worker thread) are submitted before the oldest one is collected.

    >>> rows = list(iter_results_dask([Document("a", "a", "Cinq disparus en mer.")], workers=1))
    >>> rows[0].events[0]["event_type"]
    'missing'
    """
    from distributed import Client, LocalCluster

    batches = batched(docs, batch_size)
    head = list(islice(batches, max(1, workers)))  # never more local workers than tasks
    batches = chain(head, batches)
    with ExitStack() as stack:
        if scheduler:
            check_scheduler(scheduler)
            try:
                client = stack.enter_context(Client(scheduler, timeout=CONNECT_TIMEOUT))
            except OSError as exc:
                raise ConnectionError(f"no Dask scheduler at {scheduler}: {exc}") from exc
            try:
                client.wait_for_workers(1, timeout=WORKER_TIMEOUT)
            except TimeoutError as exc:
                raise ConnectionError(f"the Dask scheduler at {scheduler} has no worker") from exc
        else:
            cluster = stack.enter_context(LocalCluster(
                n_workers=max(1, min(workers, len(head))), threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0",
                silence_logs=logging.ERROR))  # not "still alive after 4 s, killing" at every exit
            client = stack.enter_context(Client(cluster))
        window = ahead or 2 * max(1, sum(client.nthreads().values()))
        yield from _stream(client, batches, window)


def _stream(client, batches: Iterable[list[Document]], window: int) -> Iterator[Result]:
    """Submit batches as a sliding window of ``window`` futures; yield in order."""
    run = uuid.uuid4().hex[:12]
    pending: deque = deque()
    try:
        for n, batch in enumerate(batches):
            pending.append(client.submit(process_task, batch, key=f"pipeline-{run}-{n}"))
            if len(pending) >= window:
                yield from _collect(pending.popleft())
        while pending:
            yield from _collect(pending.popleft())
    finally:
        for future in pending:  # stopped early: do not leave work on a shared cluster
            future.cancel()


def _collect(future) -> list[Result]:
    results = future.result()
    future.release()
    return results


def block_mapper(engine: str = "local", scheduler: str | None = None, workers: int = 1):
    """A ``map(fn, items)`` that runs ``fn`` where ``engine`` runs work: here
    for ``local``, on the Dask workers for ``dask`` (a cluster started for
    the call when no ``scheduler`` is given). Results come back in order.

    >>> list(block_mapper()(len, [[1, 2], [3]]))
    [2, 1]
    """
    if engine != "dask":
        return map

    def on_dask(fn, items):
        from distributed import Client, LocalCluster

        with ExitStack() as stack:
            if scheduler:
                client = stack.enter_context(Client(scheduler, timeout=CONNECT_TIMEOUT))
            else:
                cluster = stack.enter_context(LocalCluster(
                    n_workers=max(1, workers), threads_per_worker=1, processes=True,
                    dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR))
                client = stack.enter_context(Client(cluster))
            futures = client.map(fn, list(items), pure=False)
            return client.gather(futures)

    return on_dask

