"""Job boards: import runs and the postings they bring in from other boards."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from stagedoor.core.models import TaskRecord
from stagedoor.industry.models import Role


class ImportFormat(models.TextChoices):
    HTML = "html", "Web page with JobPosting JSON-LD"
    JSON = "json", "JSON feed of JobPosting objects"
    CSV = "csv", "CSV"
    FEED = "feed", "Atom or RSS feed"


class PayUnit(models.TextChoices):
    """What an imported rate is per; wider than our own calls' units (other boards use them)."""

    HOUR = "hour", "per hour"
    DAY = "day", "per day"
    WEEK = "week", "per week"
    MONTH = "month", "per month"
    YEAR = "year", "per year"
    FLAT = "flat", "flat fee"


class ImportRun(models.Model):
    """One import of a file or a URL: what came in, and the report of what became of each row."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"
        CANCELLED = "cancelled", "Stopped"

    source = models.CharField(max_length=120, help_text="Name the postings are filed under")
    url = models.URLField(max_length=1000, blank=True)
    filename = models.CharField(max_length=255, blank=True)
    payload = models.TextField(blank=True, help_text="The uploaded file (empty for a URL)")
    format = models.CharField(max_length=5, choices=ImportFormat.choices, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    task = models.ForeignKey(TaskRecord, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    rows = models.PositiveIntegerField(default=0)
    new = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    duplicates = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    report = models.JSONField(default=dict, blank=True)
    error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Import #{self.pk} from {self.source} ({self.status})"

    def get_absolute_url(self) -> str:
        return reverse("boards:import-run", args=[self.pk])

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED, self.Status.CANCELLED)

    @property
    def origin(self) -> str:
        return self.url or self.filename


class ExternalPosting(models.Model):
    """An opening published on another board, imported so crew can find it here."""

    source = models.CharField(max_length=120, db_index=True)
    source_url = models.URLField(max_length=1000, blank=True)
    external_id = models.CharField(
        max_length=200, blank=True, help_text="The source's own identifier, when it gives one"
    )
    employer_name = models.CharField(max_length=200)
    employer_url = models.URLField(max_length=500, blank=True)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    role = models.ForeignKey(
        Role, null=True, blank=True, on_delete=models.SET_NULL, related_name="external_postings"
    )
    role_confidence = models.FloatField(default=0.0)
    street_address = models.CharField(max_length=250, blank=True)
    city = models.CharField(max_length=120, blank=True)
    region = models.CharField(max_length=120, blank=True)
    postal_code = models.CharField(max_length=20, blank=True)
    country = models.CharField(max_length=2, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    remote = models.BooleanField(default=False)
    starts_on = models.DateField(null=True, blank=True)
    starts_at = models.DateTimeField(null=True, blank=True)
    pay_amount = models.DecimalField(max_digits=13, decimal_places=2, null=True, blank=True)
    pay_unit = models.CharField(max_length=5, choices=PayUnit.choices, blank=True)
    currency = models.CharField(max_length=3, blank=True)
    employment_type = models.CharField(max_length=20, blank=True)
    date_posted = models.DateTimeField(null=True, blank=True)
    valid_through = models.DateTimeField(null=True, blank=True)
    fingerprint = models.CharField(max_length=40, db_index=True)
    first_seen = models.DateTimeField(auto_now_add=True)
    last_seen = models.DateTimeField()
    import_run = models.ForeignKey(
        ImportRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="postings"
    )

    class Meta:
        ordering = ["starts_on", "title", "pk"]
        indexes = [
            models.Index(fields=["city", "starts_on"], name="external_city_day"),
            # An import finds the postings a batch updates by the source's own ids.
            models.Index(fields=["source", "external_id"], name="external_source_id"),
        ]

    def __str__(self) -> str:
        return f"{self.title} at {self.employer_name} ({self.source})"

    @property
    def place_label(self) -> str:
        if self.remote and not self.city:
            return "Remote"
        label = ", ".join(p for p in (self.city, self.region, self.country) if p)
        return f"{label} (or remote)" if self.remote else label


class SavedPosting(models.Model):
    """An imported posting a worker kept to come back to (we cannot take their application:
    they apply at the source)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_postings"
    )
    posting = models.ForeignKey(ExternalPosting, on_delete=models.CASCADE, related_name="saves")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "posting"], name="one_save_per_posting")
        ]

    def __str__(self) -> str:
        return f"{self.user} saved {self.posting}"
