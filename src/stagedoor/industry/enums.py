from django.db import models


class OrganisationKind(models.TextChoices):
    PROMOTER = "promoter", "Promoter"
    VENUE = "venue", "Venue operator"
    PRODUCTION = "production", "Production company"
    UNION_LOCAL = "union_local", "Union local"
    STUDIO = "studio", "Studio"
    TRAINING = "training", "Training provider"


class MemberRole(models.TextChoices):
    OWNER = "owner", "Owner"
    MANAGER = "manager", "Manager"
    CREW_CHIEF = "crew_chief", "Crew chief"
    DISPATCHER = "dispatcher", "Dispatcher"


# Member roles that may create and change an organisation's shows and positions.
MANAGING_ROLES = frozenset({MemberRole.OWNER, MemberRole.MANAGER, MemberRole.DISPATCHER})
# Member roles that may invite people and revoke invitations.
INVITING_ROLES = frozenset({MemberRole.OWNER, MemberRole.MANAGER})
# The roles an invitation can offer: an organisation has one owner, who signed it up.
INVITABLE_ROLES = (MemberRole.MANAGER, MemberRole.CREW_CHIEF, MemberRole.DISPATCHER)


class Setting(models.TextChoices):
    LIVE = "live", "Live"
    STUDIO = "studio", "Studio"


class Level(models.TextChoices):
    ENTRY = "entry", "Entry"
    MID = "mid", "Mid"
    SENIOR = "senior", "Senior"
    LEAD = "lead", "Lead"


LEVEL_RANK = {Level.ENTRY: 0, Level.MID: 1, Level.SENIOR: 2, Level.LEAD: 3}


class Department(models.TextChoices):
    AUDIO = "audio", "Audio"
    LIGHTING = "lighting", "Lighting"
    RIGGING = "rigging", "Rigging"
    STAGING = "staging", "Staging & carpentry"
    VIDEO = "video", "Video"
    BACKLINE = "backline", "Backline"
    PRODUCTION = "production", "Production"
    TOURING = "touring", "Touring"
    BOX_OFFICE = "box-office", "Box office"
    MARKETING = "marketing", "Marketing"
    SECURITY = "security", "Security"
    HOSPITALITY = "hospitality", "Hospitality"
    MERCHANDISE = "merchandise", "Merchandise"
    FRONT_OF_HOUSE_OPS = "front-of-house-ops", "Front-of-house operations"
    STUDIO = "studio", "Studio"


class SkillCategory(models.TextChoices):
    AUDIO_CONSOLE = "audio-console", "Mixing consoles"
    LIGHTING_CONSOLE = "lighting-console", "Lighting consoles"
    DAW = "daw", "Digital audio workstations"
    RIGGING = "rigging", "Rigging equipment"
    AUDIO_NETWORKING = "audio-networking", "Audio networking"
    AUDIO = "audio", "Audio"
    LIGHTING = "lighting", "Lighting"
    VIDEO = "video", "Video"
    STAGING = "staging", "Staging"
    BACKLINE = "backline", "Backline"
    PRODUCTION = "production", "Production"
    BUSINESS = "business", "Business"
    HOSPITALITY = "hospitality", "Hospitality"
    SECURITY = "security", "Security"
    STUDIO = "studio", "Studio"
    MUSIC = "music", "Music"
    SAFETY = "safety", "Safety"
    SOFT = "soft", "People skills"


class PayUnit(models.TextChoices):
    HOUR = "hour", "per hour"
    DAY = "day", "per day"
    FLAT = "flat", "flat fee"
