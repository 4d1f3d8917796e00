"""Each page's compiled pieces go to a file of its own: Reflex names that file
after the module of the page function. Were every page function from the
shell's module, every page would load every other page's code (the charts of
the statistics page included, ~110 KB compressed)."""

from reflex_base.registry import RegistrationContext

import uglymugs_app.pages  # noqa: F401  (registers every page)


def test_every_page_function_keeps_the_module_of_its_page():
    pages = RegistrationContext.ensure_context().decorated_pages
    assert len(pages) > 20
    for render, kwargs in pages:
        assert render.__module__.startswith("uglymugs_app.pages."), (kwargs["route"], render)
        assert render.__module__ != "uglymugs_app.components.layout"
