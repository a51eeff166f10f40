import uuid

from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone

from stagedoor.engine.matching.kernel import COMPONENTS, DEFAULT_WEIGHTS
from stagedoor.industry.models import Organisation
from stagedoor.people.models import WorkerProfile


class FirstCall(models.Model):
    """An organisation's first-call list: the people it rings first, in order."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="first_calls"
    )
    worker = models.ForeignKey(WorkerProfile, on_delete=models.CASCADE, related_name="first_calls")
    rank = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["organisation", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "worker"], name="one_first_call_entry")
        ]

    def __str__(self) -> str:
        return f"#{self.rank} {self.worker} for {self.organisation}"


class Block(models.Model):
    """A worker an organisation will not hire."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="blocks")
    worker = models.ForeignKey(WorkerProfile, on_delete=models.CASCADE, related_name="blocks")
    reason = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "worker"], name="one_block_per_pair")
        ]

    def __str__(self) -> str:
        return f"{self.worker} blocked by {self.organisation}"


def _weight(default: float):
    return models.FloatField(default=default, validators=[MinValueValidator(0.0)])


class RankingWeights(models.Model):
    """How much each ranking component counts for one organisation."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="ranking_weights"
    )
    fit = _weight(DEFAULT_WEIGHTS[0])
    reputation = _weight(DEFAULT_WEIGHTS[1])
    reliability = _weight(DEFAULT_WEIGHTS[2])
    familiarity = _weight(DEFAULT_WEIGHTS[3])
    distance = _weight(DEFAULT_WEIGHTS[4])
    cost = _weight(DEFAULT_WEIGHTS[5])
    fairness = _weight(DEFAULT_WEIGHTS[6])

    class Meta:
        verbose_name_plural = "ranking weights"

    def __str__(self) -> str:
        return f"Ranking weights of {self.organisation}"

    def as_tuple(self) -> tuple[float, ...]:
        return tuple(getattr(self, name) for name in COMPONENTS)


def new_token() -> str:
    return uuid.uuid4().hex


class IndexVersion(models.Model):
    """Retired: once a token every writer changed and every process rebuilt its index on.
    Nothing writes it any more (see `IndexChange`); the table stays for the concurrency
    tests' control experiment, which puts the old in-transaction bump back."""

    token = models.CharField(max_length=32, default=new_token)

    def __str__(self) -> str:
        return self.token


class IndexChange(models.Model):
    """One line of the matching index's change log: this worker or this position changed.

    Written by the signal receivers inside the writer's own transaction, as an INSERT:
    writers never update a shared row, so none waits on another. Each process patches its
    in-memory index with the lines it has not applied yet (see `index.py`); old lines are
    pruned when a process rebuilds in full.
    """

    class Kind(models.IntegerChoices):
        WORKER = 1, "worker"
        POSITION = 2, "position"
        BOOKING = 3, "booking's worker"
        EVERYTHING = 4, "everything"  # the catalog, a venue, an organisation, weights

    id = models.BigAutoField(primary_key=True)
    kind = models.PositiveSmallIntegerField(choices=Kind.choices)
    object_id = models.BigIntegerField(default=0)
    # The writer's transaction id on PostgreSQL (0 elsewhere): a reader can tell which
    # lines were still uncommitted when it last looked, whatever order ids committed in.
    xid = models.BigIntegerField(default=0, db_index=True)
    created = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.object_id}"
