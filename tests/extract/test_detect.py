from __future__ import annotations

import pytest

from extract.errors import LayoutError
from extract.layouts import detect
from extract.text import Source


def test_detect_refusal_names_the_file_and_a_clean_hint() -> None:
    source = Source("receta.txt", "Una receta.\nMezclar la harina.\nHornear.\n", "0" * 64)
    with pytest.raises(LayoutError) as e:
        detect.detect(source)
    message = str(e.value)
    assert message.startswith("receta.txt: the text is in no layout the extractor knows")
    assert 'Name one with `layouts = { "receta.txt" = "…" }` in its [[plan]] table' in message
    assert "}}" not in message and "{{" not in message
