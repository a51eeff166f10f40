"""Booking's modules import one another one way only. The services queue Celery work
through `services.queue`, never by importing `booking.tasks` (which imports them), so no
chain of imports, at module level or inside a function, comes back to where it started."""

import grimp
import pytest


@pytest.fixture(scope="module")
def graph():
    return grimp.build_graph("stagedoor")


def test_no_import_cycle_through_a_booking_module(graph):
    booking = {m for m in graph.modules if m.startswith("stagedoor.booking")}
    circles = sorted(
        (importer, imported)
        for importer in booking
        for imported in graph.find_modules_directly_imported_by(importer)
        if graph.chain_exists(importer=imported, imported=importer)
    )
    assert circles == []


def test_services_never_import_the_tasks(graph):
    assert not graph.chain_exists(
        importer="stagedoor.booking.services", imported="stagedoor.booking.tasks", as_packages=True
    )
