import sys

from liandian_desktop.cli import main

sys.exit(main())
