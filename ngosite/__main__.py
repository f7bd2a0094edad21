import sys

from ngosite.cli import main

sys.exit(main())
