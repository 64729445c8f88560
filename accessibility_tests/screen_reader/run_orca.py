"""Starts Orca from its module, with the settings folder given (run by Debian's python3).

/usr/bin/orca does the same but first refuses to start while any other process of this user is
named "orca"; the walks start their own Orca on their own display and D-Bus session instead.
"""

import sys

sys.path.insert(1, "/usr/lib/python3/dist-packages")

from orca import orca

manager = orca.getSettingsManager()
manager.activate(sys.argv[1], {})
sys.path.insert(0, manager.getPrefsDir())
sys.exit(orca.main())
