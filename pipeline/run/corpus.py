"""The batch job behind ``pipeline run``: inputs to the four tables, with
checkpoints, resume, append and progress; importable from a notebook.

>>> from pipeline.run import run_corpus
>>> run_corpus(["corpus"], "out", progress=False)["ok"]  # doctest: +SKIP
6
"""
from __future__ import annotations

import sys
from collections import Counter


def _say(message: str) -> None:
    """A note for the user, on standard error."""
    print(message, file=sys.stderr, flush=True)


def run_corpus(inputs: list[str], out: str, published: str | None = None, workers: int = 1,
               progress: bool = True, fmt: str = "csv", resume: bool = False,
               engine: str = "local", scheduler: str | None = None, batch_size: int = 32,
               append: bool = False, say=None) -> Counter:
    """Process ``inputs`` and write events, entities, documents and incidents
    tables into ``out`` (atomically) as ``fmt`` files (csv, parquet or jsonl);
    return the count of documents per status (and ``events``, ``incidents``,
    ``tokens``, ``resumed``, ``seconds``). Each finished document is
    checkpointed in ``out``; with ``resume`` the documents of an interrupted
    run of the same inputs and options are not redone; with ``append`` the
    rows already in ``out`` are kept and documents whose text is there are
    skipped (see :mod:`pipeline.run.archive`). ``say`` gets the notes for the
    user (default: standard error).

    Raises, before anything is written, ``ResumeRefused`` (the checkpoint
    found is another run's) and ``ConnectionError`` (no scheduler); on Ctrl-C,
    :class:`pipeline.run.checkpoint.Interrupted` (what was kept).

    >>> run_corpus(["corpus"], "out", progress=False)["ok"]  # doctest: +SKIP
    6
    """
    from ..inputs import count_documents, read_inputs
    from ..inputs.published import parse_published
    from ..outputs.writers import FORMATS, open_writer, table_files
    from .archive import Stage
    from .checkpoint import (
        Checkpoint,
        Interrupted,
        ResumeRefused,
        found_checkpoint,
        key,
        resume_problem,
        run_identity,
    )
    from .engines import DaskCluster, block_mapper, check_scheduler, iter_results
    from .progress import Progress

    say = say or _say
    published = parse_published(published)  # ValueError before anything is written
    identity = run_identity(inputs, published, append=append)
    found = found_checkpoint(out)
    if resume and found and (problem := resume_problem(found[0], identity)):
        raise ResumeRefused(f"cannot resume the checkpoint in {out}: {problem} (run without --resume to start over)")
    if engine == "dask" and scheduler:
        check_scheduler(scheduler)
    if found and not resume:
        say(f"{out} holds the checkpoint of an interrupted run ({found[1]} documents): starting over "
            "(--resume continues it)")
    elif resume and not found:
        say(f"no checkpoint to resume in {out}: starting from the beginning")
    total = count_documents(inputs)

    statuses: Counter = Counter()
    cluster = DaskCluster(scheduler, workers) if engine == "dask" else None  # documents and incidents
    stage = Stage(out, fmt, append=append)
    writer = open_writer(stage.path, fmt)
    checkpoint = Checkpoint(out, resume=resume, identity=identity)
    bar = Progress(total, resumed=len(checkpoint.done), live=None if progress else False)

    def emit(r, record: bool) -> None:
        writer.write("events", r.events)
        writer.write("entities", r.entities)
        writer.write("documents", [r.document])
        statuses[r.document["status"]] += 1
        statuses["events"] += len(r.events)
        if record:
            checkpoint.add(r)
            statuses["tokens"] += r.document.get("n_tokens") or 0
            bar.advance(r.document.get("n_tokens") or 0)

    try:
        for name, row in stage.archived_rows():
            writer.write(name, [row])
        for r in checkpoint.replay():
            emit(r, record=False)
        todo = (stage.skip_archived(d) for d in read_inputs(inputs, published=published)
                if key(d.path, d.doc_id) not in checkpoint.done)
        for r in iter_results(todo, engine=engine, workers=workers, scheduler=scheduler, batch_size=batch_size,
                              cluster=cluster, total=max(0, total - len(checkpoint.done))):
            emit(r, record=True)
        bar.close()
        writer.close()
        statuses["incidents"] = stage.publish(block_mapper(engine, scheduler, workers, cluster=cluster))
    except BaseException as exc:
        bar.close()
        writer.abort()
        stage.discard()
        checkpoint.close(remove=False)
        if isinstance(exc, KeyboardInterrupt):
            raise Interrupted(len(checkpoint.done) + checkpoint.added, total,
                              checkpoint.path if checkpoint.path.exists() else None) from None
        raise
    finally:
        if cluster is not None:
            cluster.close()
    checkpoint.close()
    if not append:
        for stale in table_files(out, [f for f in FORMATS if f != fmt]):  # an earlier run's, in another format
            stale.unlink()
    statuses["resumed"] = bar.resumed
    statuses["seconds"] = bar.elapsed()
    return statuses
