import uuid

from django.core.validators import MinValueValidator
from django.db import models

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
    """Changes whenever data matching reads changes; the in-memory index rebuilds on a new
    token. A random token (not a counter) so a rolled-back change can never be mistaken
    for a later one."""

    token = models.CharField(max_length=32, default=new_token)

    def __str__(self) -> str:
        return self.token
