"""The Jinja2 environment every page is rendered with (autoescaping on).

Every template gets ``ui`` (the reader's language, the language switch) from a context processor,
the pages' words in that language through Jinja2's i18n extension (``gettext('Search')``,
``ngettext('%(num)s mandate', '%(num)s mandates', n)``; see api/pages/messages.py), ``ui_words`` (the
words picked by a value of the data), and the filters ``calm`` (a heading printed in capitals, in
sentence case) and ``local`` (the local path of one of the graph's IRIs).
"""

from __future__ import annotations

from pathlib import Path

from fastapi.templating import Jinja2Templates
from jinja2 import pass_context
from jinja2.runtime import Context

from api.pages.display import calm, shorten
from api.pages.links import curie, local
from api.pages.messages import WORDS, Translator
from api.pages.ui import ui_context

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
STATIC_DIR = Path(__file__).resolve().parent.parent / "static"


def _translator(context: Context) -> Translator:
    ui = context.get("ui")
    if ui is None:
        raise LookupError(f"template {context.name!r} is rendered without ui: no language to speak")
    t: Translator = ui.t
    return t


@pass_context
def _gettext(context: Context, message: str) -> str:
    return _translator(context).translations.gettext(message)


@pass_context
def _ngettext(context: Context, singular: str, plural: str, num: int) -> str:
    return _translator(context).translations.ngettext(singular, plural, num)


templates = Jinja2Templates(directory=TEMPLATES_DIR, context_processors=[ui_context])
templates.env.add_extension("jinja2.ext.i18n")
# The reader's language differs from one request to the next: the callables read it from ``ui``.
templates.env.install_gettext_callables(  # type: ignore[attr-defined]
    _gettext, _ngettext, newstyle=True
)
templates.env.filters["calm"] = calm
templates.env.filters["local"] = local
templates.env.filters["shorten"] = shorten
templates.env.globals["curie"] = curie
templates.env.globals["ui_words"] = WORDS
