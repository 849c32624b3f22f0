"""Imported by the forkserver of :func:`pipeline.run.process.worker_pool`: loads
the pipeline once, so that every worker forked from the server has it.

    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["pipeline.run.preload"])
"""
from ..casualties import register_extensions
from ..language.nlp import load_nlp

load_nlp()
register_extensions()
