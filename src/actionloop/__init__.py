"""actionloop: the duty to act (aktivitetsplikt) as executable, versioned law."""

__version__ = "0.1.0"
