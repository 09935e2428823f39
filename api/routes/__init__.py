"""One router module per resource: ``sparql`` (the endpoint and its editor), ``linked_data``
(``/id/…``, ``/ontology``, ``/shapes``, VoID, dumps), ``pages`` (home, search, static files)."""
