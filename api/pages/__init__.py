"""Server-rendered HTML pages for people.

``resource.resource_page`` renders the page of any resource (the linked-data routes call it for
HTML clients), by kind: ``mandate``, ``plan``, ``area``, ``meeting`` (and series), ``actor``,
``theme``; ``home`` and ``search_page`` are the other pages. They share the ``catalog`` (labels,
plans, areas, mandates, asserted carry-overs, read once per store), the ``search`` index built
from it, and the ``templating`` environment with the reader's ``language``.
"""
