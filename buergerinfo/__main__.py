import sys

from buergerinfo.cli import main

sys.exit(main())
