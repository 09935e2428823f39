"""Server-rendered HTML pages for people."""
