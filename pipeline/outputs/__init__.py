"""Outputs: what the spans carry, serialised; the review page; the evaluation.

Takes processed Docs (and the rows of earlier runs); gives the events,
entities, documents and incidents tables as CSV, parquet, JSONL or pandas
frames, a self-contained HTML review page, and scores against a gold file.
Decides nothing a component should have decided; must not know batching,
workers or the CLI.

    tables.py     the columns of each table and the rows of one Doc
    writers.py    atomic CSV, parquet and JSONL writers; pandas frames
    review.py     the HTML review page (templates in pipeline/templates/)
    evaluate.py   precision, recall and F1 of casualty figures

>>> EVENT_COLUMNS[:4]
['doc_id', 'event_id', 'event_type', 'count']
"""
from .tables import (
                     ALL_TABLES,
                     DOCUMENT_COLUMNS,
                     ENTITY_COLUMNS,
                     EVENT_COLUMNS,
                     FLOAT_COLUMNS,
                     INT_COLUMNS,
                     TABLES,
                     event_rows,
                     number_events,
                     place_entity,
)
from .writers import (
                     FORMATS,
                     RecordWriter,
                     TableWriter,
                     arrow_schema,
                     frame_of,
                     open_writer,
                     table_files,
                     to_frames,
                     typed,
)

__all__ = ["ALL_TABLES", "DOCUMENT_COLUMNS", "ENTITY_COLUMNS", "EVENT_COLUMNS", "FLOAT_COLUMNS", "FORMATS",
           "INT_COLUMNS", "RecordWriter", "TABLES", "TableWriter", "arrow_schema", "event_rows", "frame_of",
           "number_events", "open_writer", "place_entity", "table_files", "to_frames", "typed"]
