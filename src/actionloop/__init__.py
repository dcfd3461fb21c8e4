"""actionloop: the duty to act (aktivitetsplikt) as executable, versioned law."""

import os

__version__ = "0.1.0"

if os.environ.get("ACTIONLOOP_PURE_PYTHON") == "1":
    # The law engine from its sources, not its compiled modules (see actionloop.compiled).
    from actionloop.compiled import use_pure_python

    use_pure_python()
