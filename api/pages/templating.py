"""The Jinja2 environment every page is rendered with (autoescaping on).

Every template gets ``ui`` (the reader's language, ``ui.t("key")`` for the pages' words, the
language switch) from a context processor, and the filters ``calm`` (a heading printed in
capitals, in sentence case) and ``local`` (the local path of one of the graph's IRIs).
"""

from __future__ import annotations

from pathlib import Path

from fastapi.templating import Jinja2Templates

from api.pages.display import calm, shorten
from api.pages.links import curie, local
from api.pages.ui import ui_context

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
STATIC_DIR = Path(__file__).resolve().parent.parent / "static"

templates = Jinja2Templates(directory=TEMPLATES_DIR, context_processors=[ui_context])
templates.env.filters["calm"] = calm
templates.env.filters["local"] = local
templates.env.filters["shorten"] = shorten
templates.env.globals["curie"] = curie
