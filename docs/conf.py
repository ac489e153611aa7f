"""Sphinx configuration of the tipstats user guide: ``sphinx-build -W -b html docs build/docs``
(tipstats must be importable: installed, or the dev build with PYTHONPATH=python)."""

import tipstats

project = "tipstats"
author = "the tipstats maintainers"
copyright = "the tipstats maintainers, MIT licence"
release = tipstats.__version__
version = release

extensions = ["sphinx.ext.autodoc", "sphinx.ext.mathjax"]
source_suffix = {".rst": "restructuredtext"}
exclude_patterns = ["_build"]
autodoc_member_order = "bysource"
autodoc_typehints = "none"  # signatures show the defaults; the docstrings say what each argument is
html_theme = "alabaster"
nitpicky = False
