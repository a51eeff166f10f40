import os

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls the
# browser tests make around it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _inline_tasks(settings):
    settings.STAGEDOOR_TASKS_INLINE = True


@pytest.fixture(autouse=True)
def _fresh_matching_index():
    # The index is cached per process by token; each test starts from its own database.
    from stagedoor.matching.index import forget

    forget()
    yield
    forget()


@pytest.fixture
def catalog():
    """Transactional tests start from a flushed database; put the shipped catalog back."""
    from stagedoor.industry.catalog_sync import sync_catalog
    from stagedoor.industry.models import Certification, Role, Skill

    sync_catalog(Skill, Certification, Role)


@pytest.fixture
def world():
    """The shared test world (tests.factories.show_world): an organisation, a venue, one of
    the organisation's managers and a published show. Modules that need more define their
    own `world` on top of show_world(...)."""
    from tests.factories import show_world

    return show_world()
