"""The command-line operator. Who may do what lives in each app's `rules.py`."""

from __future__ import annotations


class Operator:
    """Whoever runs `stagedoor` commands on the server: may do what an admin may."""

    pk = None
    is_authenticated = True
    is_active = True
    is_superuser = True
    username = "operator"


OPERATOR = Operator()
