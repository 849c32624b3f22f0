"""Run: a corpus through the model in batches, into the tables.

Takes documents from :mod:`pipeline.inputs`; gives each document's rows
(:class:`process.Result`) from worker processes or a Dask cluster, and with
:func:`run_corpus` the four tables written atomically, checkpointed so that an
interrupted run resumes. Must not know the CLI: it checks no argument and
prints no summary; extraction itself does not know it exists.

    corpus.py      run_corpus, the batch job behind ``pipeline run``
    process.py     batches, memory zones, worker processes sharing the model
    engines.py     local or Dask engine over the same task function
    checkpoint.py  what is done, to resume an interrupted run
    archive.py     the tables already in --out, for --append
    progress.py    the progress line and the final rates
    preload.py     what the forkserver loads once for its workers

>>> from pipeline.run import run_corpus
>>> run_corpus(["corpus"], "out", progress=False)["ok"]  # doctest: +SKIP
6
"""
from .corpus import run_corpus

__all__ = ["run_corpus"]
