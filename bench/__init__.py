"""The benchmark harness of issue 6: a synthetic corpus generator, our endpoint side by side with
rdflib-endpoint and the Oxigraph server, entity pages, the build time, and a load script.
See bench/README.md."""
