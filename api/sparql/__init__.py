"""The SPARQL 1.1 endpoint's parts, each a pure module the router assembles: ``protocol`` (a request
into a query and its dataset), ``formats`` (which result format, and how to write it), ``execute``
(the worker processes that evaluate queries under a time limit), ``worker`` (one such process),
``description`` (the SPARQL 1.1 Service Description), ``editor`` (the query editor's page data),
``errors`` (what a request is refused for, with its HTTP status).

Nothing here may import spaCy, rdflib or ``extract``: ``worker`` runs in small child processes.
"""
