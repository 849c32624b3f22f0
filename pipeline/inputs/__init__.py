"""Inputs: files and folders in, :class:`Document` objects out.

Takes paths (folders walked in sorted order; ``.txt``, ``.jsonl``, ``.csv``
files), decodes their bytes, finds each text's publication date and language;
gives documents with a status (``ok``, ``empty``, ``skipped``, ``error``),
never an exception. Must not know spaCy, the model, batching, the tables or
the CLI.

    walk.py       folders and files, in order, deduplicated: read_inputs
    formats.py    one file to documents: txt, jsonl, csv records
    decoding.py   bytes to text: BOMs, UTF-8, cp1252, binary files
    documents.py  the Document, and its hash, date, language and status
    languages.py  the language of a text from its function words
    published.py  publication dates: ISO values, French datelines

>>> doc = next(read_inputs(["corpus/kazakhstan.txt"], published="2022-01-06"))
>>> doc.doc_id, doc.status, doc.published
('kazakhstan.txt', 'ok', '2022-01-06')
"""
from .decoding import decode_bytes
from .documents import Document, finish_document
from .languages import detect_language
from .published import find_published, parse_published
from .walk import count_documents, read_inputs

__all__ = ["Document", "read_inputs", "count_documents", "decode_bytes", "find_published", "detect_language",
           "finish_document", "parse_published"]
