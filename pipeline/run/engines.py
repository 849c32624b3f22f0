"""Where documents are processed: local worker processes or a Dask cluster.

Both engines run the same function, :func:`pipeline.run.process.process_task`,
on batches of documents. A Dask worker loads the model once (``load_nlp`` is
cached per process), local workers start from the loaded pipeline
(:func:`pipeline.run.process.worker_pool`); a bounded number of batches is in flight at any time
and results come back in input order, so memory stays flat whatever the size
of the corpus and both engines give the same rows in the same order. The
incident blocks of a run go the same way (:func:`block_mapper`), to the same
workers: one :class:`DaskCluster` serves the whole run.

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
from contextlib import ExitStack, nullcontext
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
                 scheduler: str | None = None, batch_size: int = TASK_SIZE,
                 cluster: DaskCluster | None = None, total: int | None = None) -> Iterator[Result]:
    """Results of ``docs`` in input order, computed by ``engine`` (with
    ``dask``, on ``cluster`` when one is given); ``total``, the number of
    documents when it is known, makes the last tasks shorter
    (:func:`pipeline.run.process.batched`).

    >>> next(iter_results([Document("a", "a", "Trois blessés à Lyon.")])).document["n_events"]
    1
    """
    if engine == "local":
        if scheduler:
            raise ValueError("a scheduler address needs the dask engine")
        return iter_results_local(docs, workers=workers, batch_size=batch_size, total=total)
    if engine == "dask":
        return iter_results_dask(docs, scheduler=scheduler, workers=workers, batch_size=batch_size, cluster=cluster,
                                 total=total)
    raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")


class DaskCluster:
    """The Dask client of a run, opened at its first use and kept for the
    next ones, so that the documents and then the incident blocks go to the
    same workers: the running cluster at ``scheduler``, or a local cluster of
    ``workers`` single-threaded processes (no more than the first user has
    tasks), stopped by :meth:`close`.

    >>> with DaskCluster(workers=1) as cluster:
    ...     rows = list(iter_results([Document("a", "a", "Cinq disparus.")], engine="dask", cluster=cluster))
    ...     list(block_mapper("dask", cluster=cluster)(len, [[1, 2], [3]]))
    [2, 1]
    """

    started = 0  # local clusters started in this process

    def __init__(self, scheduler: str | None = None, workers: int = 1):
        self.scheduler, self.workers = scheduler, workers
        self._stack = ExitStack()
        self._client = None

    def __enter__(self) -> DaskCluster:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def client(self, tasks: int | None = None):
        """The client, connected or started at the first call (with at most
        ``tasks`` local workers)."""
        if self._client is None:
            self._client = self._connect() if self.scheduler else self._start(tasks)
        return self._client

    def _connect(self):
        from distributed import Client

        check_scheduler(self.scheduler)
        try:
            client = self._stack.enter_context(Client(self.scheduler, timeout=CONNECT_TIMEOUT))
        except OSError as exc:
            raise ConnectionError(f"no Dask scheduler at {self.scheduler}: {exc}") from exc
        try:
            client.wait_for_workers(1, timeout=WORKER_TIMEOUT)
        except TimeoutError as exc:
            raise ConnectionError(f"the Dask scheduler at {self.scheduler} has no worker") from exc
        return client

    def _start(self, tasks: int | None):
        from distributed import Client, LocalCluster

        workers = max(1, self.workers if tasks is None else min(self.workers, tasks))
        cluster = self._stack.enter_context(LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0",
            silence_logs=logging.ERROR))  # not "still alive after 4 s, killing" at every exit
        DaskCluster.started += 1
        return self._stack.enter_context(Client(cluster))

    def close(self) -> None:
        self._client = None
        self._stack.close()


def _cluster(cluster: DaskCluster | None, scheduler: str | None, workers: int):
    """``cluster`` as it is (its owner closes it), else one for a ``with`` block."""
    return nullcontext(cluster) if cluster is not None else DaskCluster(scheduler, workers)


def _window(client) -> int:
    """Futures in flight: two per worker thread."""
    return 2 * max(1, sum(client.nthreads().values()))


def iter_results_dask(docs: Iterable[Document], scheduler: str | None = None, workers: int = 1,
                      batch_size: int = TASK_SIZE, ahead: int | None = None,
                      cluster: DaskCluster | None = None, total: int | None = None) -> Iterator[Result]:
    """Process ``docs`` on Dask and yield their results in input order.

    On ``cluster`` (a :class:`DaskCluster`, left open) when one is given;
    else with ``scheduler`` (``tcp://HOST:PORT``) the running cluster is
    used, and without, a local cluster of ``workers`` single-threaded
    processes is started for the call and stopped after it. Documents travel
    to the workers in batches of ``batch_size``; at most ``ahead`` batches
    (default: two per worker thread) are submitted before the oldest one is
    collected.

    >>> rows = list(iter_results_dask([Document("a", "a", "Cinq disparus en mer.")], workers=1))
    >>> rows[0].events[0]["event_type"]
    'missing'
    """
    batches = batched(docs, batch_size, total, workers)  # workers: the local ones, or a guess for a running cluster
    head = list(islice(batches, max(1, workers)))  # never more local workers than tasks
    with _cluster(cluster, scheduler, workers) as running:
        client = running.client(tasks=len(head))
        for results in _stream(client, process_task, chain(head, batches), ahead or _window(client)):
            yield from results


def _stream(client, fn, items: Iterable, window: int) -> Iterator:
    """``fn`` of each item on the cluster, submitted as a sliding window of
    ``window`` futures (items are taken as room is made); results in order."""
    run = uuid.uuid4().hex[:12]
    pending: deque = deque()
    try:
        for n, item in enumerate(items):
            pending.append(client.submit(fn, item, key=f"pipeline-{run}-{n}"))
            del item  # sent: not kept here while the next is taken
            if len(pending) >= window:
                yield _collect(pending.popleft())
        while pending:
            yield _collect(pending.popleft())
    finally:
        for future in pending:  # stopped early: do not leave work on a shared cluster
            future.cancel()


def _collect(future):
    result = future.result()
    future.release()
    return result


def block_mapper(engine: str = "local", scheduler: str | None = None, workers: int = 1,
                 cluster: DaskCluster | None = None, ahead: int | None = None):
    """A ``map(fn, items)`` that runs ``fn`` where ``engine`` runs work: here
    for ``local``, on the Dask workers for ``dask`` (of ``cluster``, the
    run's; else of a cluster started for the call). Items are taken one at a
    time as a sliding window of ``ahead`` futures (default: two per worker
    thread) makes room; results come back in order.

    >>> list(block_mapper()(len, [[1, 2], [3]]))
    [2, 1]
    """
    if engine != "dask":
        return map

    def on_dask(fn, items):
        with _cluster(cluster, scheduler, workers) as running:
            client = running.client()
            yield from _stream(client, fn, items, ahead or _window(client))

    return on_dask
