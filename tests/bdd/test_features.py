"""Every Norwegian feature under ``features/`` as tests, run against the engine (steps in
``conftest.py``)."""

from pytest_bdd import scenarios

scenarios(".")
