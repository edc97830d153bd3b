"""Allow `python -m portal check FILE.json`."""

import sys

from portal.cli import main

sys.exit(main())
