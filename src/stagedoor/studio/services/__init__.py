"""Every write on studio project work: projects and deliverables, quotes, delivery."""

from .delivery import deliverable_approve, deliverable_deliver, deliverable_revise
from .portfolio import portfolio_link_add, portfolio_link_delete
from .projects import deliverable_add, studio_project_create
from .quotes import quote_accept, quote_invite, quote_submit

__all__ = [
    "deliverable_add",
    "deliverable_approve",
    "deliverable_deliver",
    "deliverable_revise",
    "portfolio_link_add",
    "portfolio_link_delete",
    "quote_accept",
    "quote_invite",
    "quote_submit",
    "studio_project_create",
]
