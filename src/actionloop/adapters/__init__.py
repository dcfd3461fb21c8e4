"""Adapters: what connects the law engine to the outside world (documents, …).

The engine (``actionloop.core``, ``actionloop.workflow``) never imports from here.
"""
