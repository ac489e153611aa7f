"""``python -m tipstats``: the same as the ``tipstats`` command."""

import sys

from .cli import main

sys.exit(main())
