"""Every write on studio project work: projects and deliverables, quotes, delivery."""

from .delivery import deliverable_approve, deliverable_deliver, deliverable_revise
from .projects import deliverable_add, studio_project_create
from .quotes import quote_accept, quote_invite, quote_submit

__all__ = [
    "deliverable_add",
    "deliverable_approve",
    "deliverable_deliver",
    "deliverable_revise",
    "quote_accept",
    "quote_invite",
    "quote_submit",
    "studio_project_create",
]
