from ninja import Router
from ninja.pagination import paginate

from stagedoor.core.http import or_404
from stagedoor.people import selectors
from stagedoor.people.models import WorkerProfile

from .pagination import Pages
from .schemas import WorkerListOut, WorkerOut

router = Router(tags=["crew"])


@router.get("/workers", response=list[WorkerListOut])
@paginate(Pages, page_size=50)
def list_workers(request, role: str | None = None, city: str | None = None):
    return selectors.worker_public_list(role=role, city=city)


@router.get("/workers/{slug}", response=WorkerOut)
def get_worker(request, slug: str):
    return or_404(WorkerProfile, "No such worker", selectors.worker_detail, slug)
