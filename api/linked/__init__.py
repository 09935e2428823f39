"""Linked data for machines, as plain functions the routes in :mod:`api.routes.linked_data` call:
``iris`` (from a request's path to the IRI it names), ``describe`` (what the graph says about one
resource), ``formats`` (the formats, how one is chosen, how triples are written in each),
``context`` (the published JSON-LD ``@context``), ``documents`` (the ontology and shapes files),
``ontology`` (the ontology as a readable page), ``void`` (VoID and DCAT descriptions of the
dataset), ``dumps`` (the dump files) and ``cache`` (what is computed once per store)."""
