from django.db import models


class CourseKind(models.TextChoices):
    CERTIFICATION = "certification", "Certification course"
    PROGRAMME = "programme", "Programme"


class EnrolmentStatus(models.TextChoices):
    ENROLLED = "enrolled", "Signed up"
    CANCELLED = "cancelled", "Cancelled"
    CLAIMED = "claimed", "Completed, waiting for the provider"
    CONFIRMED = "confirmed", "Completed and confirmed"
    DECLINED = "declined", "Not confirmed by the provider"


# Enrolments that hold a seat: a cancelled one gives it back; a declined one was there.
SEATED = frozenset(
    {
        EnrolmentStatus.ENROLLED,
        EnrolmentStatus.CLAIMED,
        EnrolmentStatus.CONFIRMED,
        EnrolmentStatus.DECLINED,
    }
)
