"""Every write of the hall: call requests, dispatch runs, answers, signing the list, list
recomputes and rule versions. Each runs in one transaction and writes its log entries."""

from .answers import answers_sync, employer_reject, offer_answer
from .dispatch import dispatch_emergency, dispatch_run, request_from_position
from .lists import (
    list_sign,
    lists_recompute,
    lists_recompute_all,
    registrant_set_status,
    rules_announce,
)

__all__ = [
    "answers_sync",
    "dispatch_emergency",
    "dispatch_run",
    "employer_reject",
    "list_sign",
    "lists_recompute",
    "lists_recompute_all",
    "offer_answer",
    "registrant_set_status",
    "request_from_position",
    "rules_announce",
]
