"""French news to structured event data: casualty figures, events, entities.

Notebook API::

    from pipeline import extract, extract_folder, load_nlp
    res = extract("Douze policiers ont été tués.", published="2022-01-06")
    res.events, res.entities, res.documents
    res.incidents      # one row per real-world event across the texts, tolls reconciled
"""
from .api import Extraction, extract, extract_folder
from .language.nlp import load_nlp

__all__ = ["Extraction", "extract", "extract_folder", "load_nlp"]
__version__ = "0.1.0"
