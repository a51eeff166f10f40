"""The shipped industry catalog: skills, certifications and roles.

Plain Python data with no Django imports, so it can be read by data migrations,
management commands and tests alike. ``catalog_sync.sync_catalog`` loads it into the
database; ``validate_catalog`` reports any inconsistency before that happens.
"""

from __future__ import annotations

from stagedoor.engine.levels import LEVELS

SKILL_CATEGORIES = (
    "audio-console",
    "lighting-console",
    "daw",
    "rigging",
    "audio-networking",
    "audio",
    "lighting",
    "video",
    "staging",
    "backline",
    "production",
    "business",
    "hospitality",
    "security",
    "studio",
    "music",
    "safety",
    "soft",
)

DEPARTMENTS = (
    "audio",
    "lighting",
    "rigging",
    "staging",
    "video",
    "backline",
    "production",
    "touring",
    "box-office",
    "marketing",
    "security",
    "hospitality",
    "merchandise",
    "front-of-house-ops",
    "studio",
)

SETTINGS = ("live", "studio")
HIRERS = ("promoter", "venue", "production", "union_local", "studio")
PAY_UNITS = ("day", "hour", "flat")


def _skill(slug: str, name: str, category: str, description: str) -> dict:
    return {"slug": slug, "name": name, "category": category, "description": description}


SKILLS: list[dict] = [
    # Mixing consoles, by family
    _skill(
        "digico-sd",
        "DiGiCo SD series",
        "audio-console",
        "Building and running shows on DiGiCo SD and Quantum desks.",
    ),
    _skill(
        "yamaha-cl-ql",
        "Yamaha CL/QL",
        "audio-console",
        "Operating Yamaha CL and QL digital consoles, including scenes and Dante patching.",
    ),
    _skill(
        "yamaha-rivage",
        "Yamaha Rivage PM",
        "audio-console",
        "Mixing on Yamaha's flagship Rivage PM touring consoles.",
    ),
    _skill(
        "avid-s6l",
        "Avid VENUE S6L",
        "audio-console",
        "Running Avid S6L desks with plug-ins and virtual soundcheck.",
    ),
    _skill(
        "allen-heath-dlive",
        "Allen & Heath dLive",
        "audio-console",
        "Configuring and mixing on Allen & Heath dLive surfaces and MixRacks.",
    ),
    _skill(
        "midas-pro",
        "Midas PRO series",
        "audio-console",
        "Working with Midas PRO and HD96 live consoles.",
    ),
    _skill(
        "ssl-live",
        "SSL Live",
        "audio-console",
        "Mixing shows on Solid State Logic's Live console range.",
    ),
    _skill(
        "soundcraft-vi",
        "Soundcraft Vi series",
        "audio-console",
        "Operating Soundcraft Vi desks common in house and rental inventories.",
    ),
    # Lighting consoles
    _skill(
        "grandma2",
        "grandMA2",
        "lighting-console",
        "Patching, programming and playing back shows on grandMA2.",
    ),
    _skill(
        "grandma3",
        "grandMA3",
        "lighting-console",
        "Programming and busking on grandMA3 hardware and software.",
    ),
    _skill(
        "etc-eos",
        "ETC Eos family",
        "lighting-console",
        "Cue-based programming on ETC Eos, Gio and Ion consoles.",
    ),
    _skill(
        "avolites",
        "Avolites",
        "lighting-console",
        "Running Avolites Titan desks for concert and club lighting.",
    ),
    _skill(
        "chamsys-magicq",
        "ChamSys MagicQ",
        "lighting-console",
        "Programming and operating ChamSys MagicQ consoles.",
    ),
    _skill(
        "hog4",
        "High End Hog 4",
        "lighting-console",
        "Programming and playback on the Hog 4 console family.",
    ),
    # Digital audio workstations
    _skill(
        "pro-tools", "Pro Tools", "daw", "Recording, editing and mixing sessions in Avid Pro Tools."
    ),
    _skill("logic-pro", "Logic Pro", "daw", "Producing and arranging music in Apple's Logic Pro."),
    _skill(
        "ableton-live",
        "Ableton Live",
        "daw",
        "Producing, performing and running playback rigs in Ableton Live.",
    ),
    _skill(
        "cubase-nuendo",
        "Cubase / Nuendo",
        "daw",
        "Music and post-production work in Steinberg Cubase or Nuendo.",
    ),
    _skill("reaper", "REAPER", "daw", "Multitrack recording and editing in Cockos REAPER."),
    _skill("studio-one", "Studio One", "daw", "Tracking and mixing in PreSonus Studio One."),
    # Rigging
    _skill(
        "cm-lodestar",
        "CM Lodestar chain hoists",
        "rigging",
        "Inspecting, hanging and running CM Lodestar electric chain hoists.",
    ),
    _skill(
        "motor-control",
        "Motor control systems",
        "rigging",
        "Operating multi-channel hoist controllers safely during moves.",
    ),
    _skill(
        "truss-ground-support",
        "Truss and ground support",
        "rigging",
        "Assembling truss spans and ground-supported roof systems to spec.",
    ),
    _skill(
        "fall-arrest",
        "Fall arrest and rescue",
        "rigging",
        "Using harnesses, lanyards and rescue plans when working aloft.",
    ),
    _skill(
        "knots-and-slings",
        "Knots, slings and hardware",
        "rigging",
        "Choosing and tying off spansets, steel, shackles and rigging knots.",
    ),
    # Audio networking
    _skill(
        "dante",
        "Dante",
        "audio-networking",
        "Routing and troubleshooting audio over Dante networks.",
    ),
    _skill(
        "madi",
        "MADI",
        "audio-networking",
        "Moving multichannel audio between devices over MADI links.",
    ),
    _skill(
        "aes67-avb",
        "AES67 / AVB",
        "audio-networking",
        "Bridging and clocking standards-based AES67 and AVB audio networks.",
    ),
    # Audio
    _skill(
        "rf-coordination",
        "RF coordination",
        "audio",
        "Planning frequencies for wireless mics and in-ear systems without interference.",
    ),
    _skill(
        "iem-mixing",
        "In-ear monitor mixing",
        "audio",
        "Building clear, safe in-ear mixes tailored to each performer.",
    ),
    _skill(
        "smaart-system-tuning",
        "Smaart and system tuning",
        "audio",
        "Measuring and aligning a PA so it sounds even across the room.",
    ),
    _skill(
        "line-array-design",
        "Line array design",
        "audio",
        "Modelling speaker hangs and coverage in prediction software.",
    ),
    _skill(
        "stage-patching",
        "Stage patching",
        "audio",
        "Running stage boxes, looms and inputs to match the input list.",
    ),
    _skill(
        "microphone-technique",
        "Microphone technique",
        "audio",
        "Picking and placing microphones for a good source sound.",
    ),
    # Lighting
    _skill(
        "followspot-operation",
        "Followspot operation",
        "lighting",
        "Tracking performers with a followspot on cue and on headset calls.",
    ),
    _skill(
        "lighting-focus",
        "Lighting focus",
        "lighting",
        "Pointing, shaping and colouring fixtures to the designer's plot.",
    ),
    _skill(
        "power-distribution",
        "Power distribution",
        "lighting",
        "Tying in and distributing temporary show power safely.",
    ),
    _skill(
        "dmx-networking",
        "DMX and lighting networks",
        "lighting",
        "Running DMX, Art-Net and sACN data to fixtures and nodes.",
    ),
    # Video
    _skill(
        "led-wall-setup",
        "LED wall setup",
        "video",
        "Building, mapping and calibrating modular LED screens.",
    ),
    _skill(
        "video-switching",
        "Video switching",
        "video",
        "Cutting live camera and playback sources for screens and streams.",
    ),
    _skill(
        "camera-operation",
        "Camera operation",
        "video",
        "Framing and following performers on live broadcast-style cameras.",
    ),
    # Staging
    _skill(
        "stage-carpentry",
        "Stage carpentry",
        "staging",
        "Building and striking decks, risers and scenic pieces.",
    ),
    _skill(
        "fly-systems",
        "Fly systems",
        "staging",
        "Running counterweight and motorised fly lines in a theatre.",
    ),
    _skill(
        "set-construction",
        "Set construction",
        "staging",
        "Fabricating scenery and set pieces from drawings.",
    ),
    _skill(
        "forklift-operation",
        "Forklift operation",
        "staging",
        "Moving cases and pallets at the dock with a forklift.",
    ),
    _skill(
        "stage-management",
        "Stage management",
        "staging",
        "Calling cues and keeping the stage running to the show schedule.",
    ),
    # Backline
    _skill(
        "guitar-tech",
        "Guitar and bass tech",
        "backline",
        "Setting up, restringing and tuning guitars, basses and their rigs.",
    ),
    _skill(
        "drum-tech",
        "Drum tech",
        "backline",
        "Tuning, mounting and maintaining drum kits and hardware.",
    ),
    _skill(
        "keys-playback-midi",
        "Keys, playback and MIDI",
        "backline",
        "Looking after keyboards, playback rigs, clocks and MIDI control.",
    ),
    # Production
    _skill(
        "advancing-shows",
        "Advancing shows",
        "production",
        "Confirming a venue's specs, schedule and needs ahead of the date.",
    ),
    _skill(
        "tour-logistics",
        "Tour logistics",
        "production",
        "Arranging travel, trucking, hotels and routing for a touring party.",
    ),
    _skill(
        "production-scheduling",
        "Production scheduling",
        "production",
        "Planning calls, load-ins and changeovers to the hour.",
    ),
    _skill(
        "budgeting",
        "Budgeting",
        "production",
        "Estimating, tracking and reporting a production's costs.",
    ),
    # Business
    _skill(
        "settlements-tour-accounting",
        "Settlements and tour accounting",
        "business",
        "Checking a show's settlement and keeping the tour's books.",
    ),
    _skill(
        "ticketing-systems",
        "Ticketing systems",
        "business",
        "Building events and selling tickets in box-office software.",
    ),
    _skill(
        "cash-reconciliation",
        "Cash reconciliation",
        "business",
        "Counting down drawers and balancing sales against takings.",
    ),
    _skill(
        "social-media-marketing",
        "Social media marketing",
        "business",
        "Promoting shows through social channels and paid posts.",
    ),
    _skill(
        "campaign-planning",
        "Campaign planning",
        "business",
        "Planning on-sale announcements, ads and press for a show.",
    ),
    _skill(
        "merch-inventory",
        "Merch inventory",
        "business",
        "Counting in, tracking and counting out merchandise stock.",
    ),
    # Hospitality
    _skill(
        "rider-catering",
        "Rider and catering",
        "hospitality",
        "Fulfilling hospitality riders and feeding artists and crew.",
    ),
    _skill(
        "artist-liaison",
        "Artist liaison",
        "hospitality",
        "Being the artist party's point of contact on site.",
    ),
    _skill(
        "customer-service",
        "Customer service",
        "hospitality",
        "Helping patrons politely and solving their problems quickly.",
    ),
    # Security
    _skill(
        "crowd-management",
        "Crowd management",
        "security",
        "Reading crowd density and flow and keeping audiences safe.",
    ),
    _skill("de-escalation", "De-escalation", "security", "Calming tense situations without force."),
    _skill(
        "access-control",
        "Access control",
        "security",
        "Checking tickets, wristbands and credentials at entry points.",
    ),
    # Studio
    _skill(
        "critical-listening",
        "Critical listening",
        "studio",
        "Hearing fine detail in balance, tone and noise.",
    ),
    _skill(
        "editing-comping",
        "Editing and comping",
        "studio",
        "Assembling the best takes and tightening timing.",
    ),
    _skill(
        "mixing",
        "Mixing",
        "studio",
        "Balancing and processing multitrack recordings into a finished mix.",
    ),
    _skill(
        "mastering",
        "Mastering",
        "studio",
        "Preparing final mixes for release with consistent level and tone.",
    ),
    _skill(
        "sound-effects-design",
        "Sound effects design",
        "studio",
        "Creating and layering effects for picture, games and stage.",
    ),
    _skill(
        "foley-performance",
        "Foley performance",
        "studio",
        "Performing footsteps, props and cloth moves in sync with picture.",
    ),
    _skill(
        "synthesis",
        "Synthesis",
        "studio",
        "Designing sounds with hardware and software synthesisers.",
    ),
    _skill(
        "scoring-to-picture",
        "Scoring to picture",
        "studio",
        "Writing and timing music against film, TV or game footage.",
    ),
    _skill(
        "session-management",
        "Session management",
        "studio",
        "Organising files, tracks, backups and deliverables for a session.",
    ),
    # Music
    _skill(
        "music-theory",
        "Music theory",
        "music",
        "Understanding harmony, rhythm and form well enough to work fast.",
    ),
    _skill(
        "orchestration",
        "Orchestration",
        "music",
        "Writing parts for the instruments of an ensemble or orchestra.",
    ),
    _skill(
        "arrangement", "Arrangement", "music", "Shaping a song's structure and instrumentation."
    ),
    # Safety
    _skill(
        "working-at-height",
        "Working at height",
        "safety",
        "Planning and doing work aloft, on ladders, lifts or steel, safely.",
    ),
    _skill(
        "electrical-safety",
        "Electrical safety",
        "safety",
        "Recognising and controlling electrical hazards on temporary systems.",
    ),
    # Soft skills
    _skill(
        "communication",
        "Communication",
        "soft",
        "Passing on clear information over headset, radio and in person.",
    ),
    _skill(
        "time-management",
        "Time management",
        "soft",
        "Hitting call times and keeping tasks on schedule.",
    ),
    _skill(
        "problem-solving",
        "Problem solving",
        "soft",
        "Finding a workable fix quickly when something fails.",
    ),
    _skill(
        "physical-stamina",
        "Physical stamina",
        "soft",
        "Handling long days of lifting, pushing and standing.",
    ),
    _skill(
        "leadership",
        "Leadership",
        "soft",
        "Directing a crew and taking responsibility for the result.",
    ),
    _skill(
        "driving", "Driving", "soft", "Safely driving vans, cars or shuttles in unfamiliar cities."
    ),
]


_ETCP = "Entertainment Technician Certification Program (ETCP)"
_ETCP_NOTE = (
    " Candidates must be 21 or older, document roughly 3,000 hours of relevant work and "
    "pass a three-hour exam; renewal every five years is by continuing education or re-exam."
)


def _cert(
    slug: str,
    name: str,
    issuer: str,
    validity_months: int | None,
    description: str,
    min_age: int | None = None,
    hours_required: int | None = None,
    prerequisites: list[str] | None = None,
) -> dict:
    return {
        "slug": slug,
        "name": name,
        "issuer": issuer,
        "validity_months": validity_months,
        "description": description,
        "min_age": min_age,
        "hours_required": hours_required,
        "prerequisites": list(prerequisites or []),
    }


CERTIFICATIONS: list[dict] = [
    _cert(
        "osha-10",
        "OSHA Outreach 10-hour",
        "US Occupational Safety and Health Administration (OSHA)",
        None,
        "An entry-level hazard awareness course of about two days. The card has no federal "
        "expiry, though many employers ask for one issued in the last five years.",
    ),
    _cert(
        "osha-30",
        "OSHA Outreach 30-hour",
        "US Occupational Safety and Health Administration (OSHA)",
        None,
        "A longer safety course, roughly four days, aimed at supervisors and crew leads. "
        "No federal expiry; employers may want a recent card.",
    ),
    _cert(
        "ges-10",
        "General Entertainment Safety 10-hour",
        "OSHA Outreach Training Program (entertainment industry)",
        None,
        "An OSHA outreach 10-hour course built around venue, stage and event hazards.",
    ),
    _cert(
        "etcp-rigger-arena",
        "ETCP Certified Rigger - Arena",
        _ETCP,
        60,
        "Certifies riggers who hang loads from arena and building structure." + _ETCP_NOTE,
        min_age=21,
        hours_required=3000,
        prerequisites=["osha-10"],
    ),
    _cert(
        "etcp-rigger-theatre",
        "ETCP Certified Rigger - Theatre",
        _ETCP,
        60,
        "Certifies riggers who work on theatre fly systems and stage rigging." + _ETCP_NOTE,
        min_age=21,
        hours_required=3000,
        prerequisites=["osha-10"],
    ),
    _cert(
        "etcp-electrician",
        "ETCP Certified Entertainment Electrician",
        _ETCP,
        60,
        "Certifies technicians who set up and maintain show power and electrical systems."
        + _ETCP_NOTE,
        min_age=21,
        hours_required=3000,
        prerequisites=["osha-10"],
    ),
    _cert(
        "etcp-ppdt",
        "ETCP Portable Power Distribution Technician",
        _ETCP,
        60,
        "Certifies technicians who deploy portable power distribution for events." + _ETCP_NOTE,
        min_age=21,
        hours_required=3000,
        prerequisites=["osha-10"],
    ),
    _cert(
        "dante-level-1",
        "Dante Certification Level 1",
        "Audinate",
        None,
        "Introduces Dante audio networking: devices, subscriptions and basic routing.",
    ),
    _cert(
        "dante-level-2",
        "Dante Certification Level 2",
        "Audinate",
        None,
        "Covers building and troubleshooting larger Dante systems, clocking and latency.",
        prerequisites=["dante-level-1"],
    ),
    _cert(
        "dante-level-3",
        "Dante Certification Level 3",
        "Audinate",
        None,
        "Covers Dante on managed networks: switches, VLANs, QoS and multicast.",
        prerequisites=["dante-level-2"],
    ),
    _cert(
        "first-aid-cpr",
        "First Aid / CPR / AED",
        "Recognised provider (e.g. American Red Cross, American Heart Association)",
        24,
        "Basic first aid, CPR and defibrillator use; usually renewed every two years.",
    ),
    _cert(
        "mewp",
        "Aerial Work Platform (MEWP) Operator",
        "Authorised training provider (ANSI A92 / IPAF)",
        60,
        "Qualifies an operator to inspect and safely drive scissor and boom lifts.",
    ),
    _cert(
        "forklift",
        "Forklift Operator",
        "Employer or authorised trainer (OSHA 1910.178)",
        36,
        "Training and evaluation for powered industrial trucks; re-evaluated every three years.",
        min_age=18,
    ),
    _cert(
        "iatse-journeyman",
        "IATSE Journeyman Status",
        "IATSE local union",
        None,
        "Full-member standing in a stagehand local after an apprenticeship; the hours asked "
        "for differ from one local to another.",
    ),
    _cert(
        "security-licence",
        "Security Officer Licence",
        "State or national licensing authority",
        24,
        "The licence or guard card a jurisdiction requires before someone works security.",
        min_age=18,
    ),
    _cert(
        "crowd-safety",
        "Crowd Safety Training",
        "Recognised crowd safety training provider",
        36,
        "Covers crowd dynamics, barrier work, evacuation and emergency communication at events.",
    ),
    _cert(
        "food-hygiene",
        "Food Handler / Food Hygiene",
        "Local health authority or accredited provider",
        24,
        "Safe handling, storage and serving of food for catering and hospitality staff.",
    ),
]


_SOUND_TECH = "27-4014.00"
_LIGHTING_TECH = "27-4015.00"
_AUDIO_ESCO = "audio production technician"


def _role(
    slug: str,
    name: str,
    department: str,
    setting: str,
    level: str,
    *,
    summary: str,
    responsibilities: list[str],
    skills: list[str],
    certifications: list[str],
    hired_by: list[str],
    onet_code: str,
    esco: str,
    leads_to: list[str],
    aliases: list[str],
    years_in_role: int,
    pay: tuple[str, int, int],
) -> dict:
    pay_unit, pay_low, pay_high = pay
    return {
        "slug": slug,
        "name": name,
        "department": department,
        "setting": setting,
        "level": level,
        "summary": summary,
        "responsibilities": responsibilities,
        "skills": skills,
        "certifications": certifications,
        "hired_by": hired_by,
        "onet_code": onet_code,
        "esco": esco,
        "leads_to": leads_to,
        "aliases": aliases,
        "years_in_role": years_in_role,
        "pay_unit": pay_unit,
        "pay_low": pay_low,
        "pay_high": pay_high,
    }


# --- Live audio and lighting -------------------------------------------------------------

_LIVE_AUDIO_LIGHTING_ROLES: list[dict] = [
    _role(
        "audio-tech",
        "Audio Technician",
        "audio",
        "live",
        "mid",
        summary="Gets the sound system and stage wiring ready and keeps it working through "
        "the show, backing up the engineers at each end of the snake.",
        responsibilities=[
            "Patch microphones, DIs and stage boxes from the input list",
            "Fly or stack speakers and run cabling with the PA crew",
            "Line-check every channel before soundcheck",
            "Fix faults on stage quickly during the show",
        ],
        skills=[
            "stage-patching",
            "microphone-technique",
            "dante",
            "rf-coordination",
            "problem-solving",
            "physical-stamina",
        ],
        certifications=["osha-10", "dante-level-1"],
        hired_by=["production", "venue", "union_local"],
        onet_code=_SOUND_TECH,
        esco=_AUDIO_ESCO,
        leads_to=["monitor-engineer", "foh-engineer", "system-engineer", "recording-engineer"],
        aliases=["A2", "patch tech", "sound assistant", "house sound assistant"],
        years_in_role=3,
        pay=("day", 250, 450),
    ),
    _role(
        "monitor-engineer",
        "Monitor Engineer",
        "audio",
        "live",
        "mid",
        summary="Mixes what the performers hear on stage, through wedges or in-ear packs, "
        "and reacts instantly to their cues during the set.",
        responsibilities=[
            "Build an individual mix for each performer",
            "Manage wireless in-ear and microphone frequencies with the RF tech",
            "Watch the stage for hand signals and fix problems mid-song",
            "Keep stage volume and feedback under control",
        ],
        skills=[
            "iem-mixing",
            "digico-sd",
            "yamaha-rivage",
            "midas-pro",
            "rf-coordination",
            "communication",
            "critical-listening",
        ],
        certifications=["dante-level-1"],
        hired_by=["production", "venue", "promoter"],
        onet_code=_SOUND_TECH,
        esco=_AUDIO_ESCO,
        leads_to=["foh-engineer", "system-engineer"],
        aliases=["monitor tech", "MON engineer", "monitor mixer"],
        years_in_role=4,
        pay=("day", 350, 750),
    ),
    _role(
        "foh-engineer",
        "Front of House Engineer",
        "audio",
        "live",
        "senior",
        summary="Mixes the show the audience hears from the desk out in the room, making the "
        "band sound right in whatever space it is playing.",
        responsibilities=[
            "Build the show file and run soundcheck",
            "Mix every performance for the audience",
            "Work with the system engineer on PA tuning and coverage",
            "Keep levels within local noise limits",
        ],
        skills=[
            "digico-sd",
            "avid-s6l",
            "yamaha-cl-ql",
            "allen-heath-dlive",
            "critical-listening",
            "mixing",
            "communication",
        ],
        certifications=["dante-level-2"],
        hired_by=["production", "promoter", "venue"],
        onet_code=_SOUND_TECH,
        esco=_AUDIO_ESCO,
        leads_to=["production-manager"],
        aliases=["FOH", "FOH mixer", "house engineer", "A1"],
        years_in_role=8,
        pay=("day", 400, 900),
    ),
    _role(
        "system-engineer",
        "System Engineer",
        "audio",
        "live",
        "senior",
        summary="Designs, hangs and tunes the PA and its signal network so every seat gets "
        "consistent, clear sound.",
        responsibilities=[
            "Model speaker positions and trim heights for each venue",
            "Time-align and tune the system with measurement software",
            "Design and monitor the audio network and amplifier racks",
            "Check coverage and level during the show",
        ],
        skills=[
            "line-array-design",
            "smaart-system-tuning",
            "dante",
            "aes67-avb",
            "madi",
            "problem-solving",
        ],
        certifications=["dante-level-3", "osha-10"],
        hired_by=["production"],
        onet_code=_SOUND_TECH,
        esco=_AUDIO_ESCO,
        leads_to=["production-manager", "foh-engineer"],
        aliases=["PA tech", "systems tech", "SE", "PA system engineer"],
        years_in_role=6,
        pay=("day", 400, 800),
    ),
    _role(
        "spot-operator",
        "Spot Operator",
        "lighting",
        "live",
        "entry",
        summary="Runs a followspot from a truss seat or the back of the room, picking up "
        "performers on the lighting director's calls.",
        responsibilities=[
            "Check the spot's lamp, colours and iris before doors",
            "Follow calls on headset for pickups, colour and fades",
            "Keep the beam steady on moving performers",
        ],
        skills=["followspot-operation", "communication", "working-at-height", "physical-stamina"],
        certifications=["osha-10"],
        hired_by=["union_local", "venue", "production"],
        onet_code=_LIGHTING_TECH,
        esco="followspot operator",
        leads_to=["lighting-tech"],
        aliases=["followspot operator", "spot op", "spotlight operator"],
        years_in_role=1,
        pay=("hour", 22, 45),
    ),
    _role(
        "lighting-tech",
        "Lighting Technician",
        "lighting",
        "live",
        "mid",
        summary="Hangs, cables, focuses and repairs the lighting rig, and keeps fixtures and "
        "power working from load-in to load-out.",
        responsibilities=[
            "Build and hang fixtures on truss to the plot",
            "Run power and data to every fixture",
            "Focus and troubleshoot fixtures before the show",
            "Repair or swap failed units on the road",
        ],
        skills=[
            "lighting-focus",
            "dmx-networking",
            "power-distribution",
            "truss-ground-support",
            "electrical-safety",
        ],
        certifications=["osha-10", "etcp-electrician", "mewp"],
        hired_by=["production", "venue", "union_local"],
        onet_code=_LIGHTING_TECH,
        esco="performance lighting technician",
        leads_to=["lighting-programmer", "lighting-director"],
        aliases=["lampie", "LX tech", "lighting electrician"],
        years_in_role=3,
        pay=("day", 250, 450),
    ),
    _role(
        "lighting-programmer",
        "Lighting Programmer",
        "lighting",
        "live",
        "senior",
        summary="Turns a lighting design into cues on the console, working quickly alongside "
        "the designer in rehearsals and pre-viz.",
        responsibilities=[
            "Patch fixtures and build palettes and effects",
            "Program cues and timecode to the designer's brief",
            "Keep the show file tidy, backed up and documented",
        ],
        skills=["grandma3", "grandma2", "hog4", "etc-eos", "dmx-networking", "time-management"],
        certifications=[],
        hired_by=["production", "promoter"],
        onet_code=_LIGHTING_TECH,
        esco="light board operator",
        leads_to=["lighting-director"],
        aliases=["LX programmer", "console programmer", "board op"],
        years_in_role=4,
        pay=("day", 400, 800),
    ),
    _role(
        "lighting-director",
        "Lighting Director",
        "lighting",
        "live",
        "senior",
        summary="Designs and runs the look of the show, tying lights and effects to the music "
        "and operating or calling the console every night.",
        responsibilities=[
            "Design the rig and the look of each song",
            "Program or supervise programming of the show",
            "Operate the show and adapt it to each venue",
            "Lead the lighting crew and spot operators",
        ],
        skills=[
            "grandma3",
            "chamsys-magicq",
            "avolites",
            "lighting-focus",
            "leadership",
            "music-theory",
        ],
        certifications=[],
        hired_by=["production", "promoter"],
        onet_code=_LIGHTING_TECH,
        esco="lighting director",
        leads_to=["production-manager"],
        aliases=["LD", "lighting designer", "LX operator"],
        years_in_role=8,
        pay=("day", 400, 900),
    ),
]


# --- Rigging, staging, video and backline ------------------------------------------------

_STAGE_CREW_ROLES: list[dict] = [
    _role(
        "rigger",
        "Rigger",
        "rigging",
        "live",
        "mid",
        summary="Hangs motors, truss, speakers and lights safely from a building's steel, "
        "either aloft on the beams or on the floor preparing points.",
        responsibilities=[
            "Mark out and build rigging points from the plot",
            "Climb to the steel and attach spans, shackles and motors",
            "Assemble bridles and check loads on the floor",
            "Bring everything down safely at load-out",
        ],
        skills=[
            "cm-lodestar",
            "knots-and-slings",
            "fall-arrest",
            "working-at-height",
            "physical-stamina",
        ],
        certifications=["osha-10", "etcp-rigger-arena", "mewp"],
        hired_by=["union_local", "venue", "production"],
        onet_code="49-9096.00",
        esco="high rigger",
        leads_to=["head-rigger"],
        aliases=["high rigger", "up rigger", "ground rigger", "down rigger"],
        years_in_role=4,
        pay=("hour", 35, 65),
    ),
    _role(
        "head-rigger",
        "Head Rigger",
        "rigging",
        "live",
        "lead",
        summary="Owns the rigging plot for a tour or venue and directs the local riggers, "
        "checking every point and load before anything leaves the floor.",
        responsibilities=[
            "Work out point loads and confirm them with the venue",
            "Mark the floor and assign points to the local crew",
            "Run motor moves and sign off each hang",
            "Keep rigging paperwork and inspections current",
        ],
        skills=[
            "motor-control",
            "cm-lodestar",
            "truss-ground-support",
            "leadership",
            "working-at-height",
            "communication",
        ],
        certifications=["etcp-rigger-arena", "osha-30", "first-aid-cpr"],
        hired_by=["production", "venue"],
        onet_code="49-9096.00",
        esco="high rigger",
        leads_to=["production-manager"],
        aliases=["lead rigger", "production rigger", "chief rigger"],
        years_in_role=8,
        pay=("day", 450, 850),
    ),
    _role(
        "stagehand",
        "Stagehand",
        "staging",
        "live",
        "entry",
        summary="Local crew who load, push, build and strike the show, often sent by a union "
        "hall to help the touring departments.",
        responsibilities=[
            "Unload and reload trucks at the dock",
            "Push cases and help each department build its gear",
            "Follow the crew chief's directions during changeovers",
            "Strike and pack the show at the end of the night",
        ],
        skills=["physical-stamina", "stage-carpentry", "forklift-operation", "communication"],
        certifications=["osha-10", "ges-10"],
        hired_by=["union_local", "venue", "production"],
        onet_code="27-4011.00",
        esco="stagehand",
        leads_to=[
            "audio-tech",
            "lighting-tech",
            "rigger",
            "carpenter",
            "backline-tech",
            "spot-operator",
            "video-tech",
        ],
        aliases=["local", "hand", "loader", "deck hand", "grip"],
        years_in_role=2,
        pay=("hour", 20, 40),
    ),
    _role(
        "carpenter",
        "Stage Carpenter",
        "staging",
        "live",
        "mid",
        summary="Builds and moves the stage itself: decks, risers, scenery and masking, and "
        "runs the scenic changes during the show.",
        responsibilities=[
            "Lay the deck, risers and rolling platforms",
            "Assemble scenery and masking from drawings",
            "Run scene changes and set moves on cue",
            "Repair and maintain scenic elements",
        ],
        skills=[
            "stage-carpentry",
            "set-construction",
            "forklift-operation",
            "physical-stamina",
            "problem-solving",
        ],
        certifications=["osha-10", "forklift"],
        hired_by=["union_local", "venue", "production"],
        onet_code="27-4011.00",
        esco="set builder",
        leads_to=["fly-operator", "stage-manager"],
        aliases=["carp", "deck carpenter", "scenic carpenter"],
        years_in_role=4,
        pay=("hour", 25, 45),
    ),
    _role(
        "fly-operator",
        "Fly Operator",
        "staging",
        "live",
        "mid",
        summary="Runs a theatre's fly lines so scenery, drapes and lighting bars move in and "
        "out on cue and stay safely weighted.",
        responsibilities=[
            "Load and balance counterweight arbors",
            "Run fly cues from the rail on the stage manager's call",
            "Inspect lines, locks and pipes before each performance",
        ],
        skills=["fly-systems", "knots-and-slings", "working-at-height", "communication"],
        certifications=["etcp-rigger-theatre", "osha-10"],
        hired_by=["venue", "union_local"],
        onet_code="27-4011.00",
        esco="fly director",
        leads_to=["stage-manager"],
        aliases=["flyman", "head of flys", "flyperson", "rail operator"],
        years_in_role=4,
        pay=("hour", 30, 50),
    ),
    _role(
        "stage-manager",
        "Stage Manager",
        "staging",
        "live",
        "senior",
        summary="Keeps the stage on schedule: runs changeovers, calls cues and makes sure "
        "artists and crew are where they need to be.",
        responsibilities=[
            "Run the stage schedule and changeovers between acts",
            "Call cues and keep every department in sync on headset",
            "Brief local crew and keep the wings clear and safe",
            "Report problems to the production manager",
        ],
        skills=[
            "stage-management",
            "production-scheduling",
            "communication",
            "leadership",
            "time-management",
        ],
        certifications=["osha-30", "first-aid-cpr"],
        hired_by=["production", "promoter", "venue"],
        onet_code="27-2012.00",
        esco="stage manager",
        leads_to=["production-manager"],
        aliases=["SM", "stage boss", "deck manager"],
        years_in_role=6,
        pay=("day", 300, 600),
    ),
    _role(
        "video-tech",
        "Video Technician",
        "video",
        "live",
        "mid",
        summary="Builds and maintains LED walls, projectors, cameras and the cable between "
        "them for image magnification and show content.",
        responsibilities=[
            "Assemble and map LED panels and processors",
            "Set up cameras, fibre and projectors",
            "Check signal flow and fix faults during the show",
        ],
        skills=[
            "led-wall-setup",
            "camera-operation",
            "video-switching",
            "electrical-safety",
            "problem-solving",
        ],
        certifications=["osha-10", "mewp"],
        hired_by=["production", "venue"],
        onet_code="27-4011.00",
        esco="performance video operator",
        leads_to=["video-director"],
        aliases=["LED tech", "V2", "video engineer", "screens tech"],
        years_in_role=3,
        pay=("day", 250, 450),
    ),
    _role(
        "video-director",
        "Video Director",
        "video",
        "live",
        "senior",
        summary="Cuts the live camera feeds and content that the audience sees on the big "
        "screens, shaping them around the music.",
        responsibilities=[
            "Plan camera positions and shots with the artist's team",
            "Direct camera operators and switch the show live",
            "Coordinate playback content with lighting and audio",
        ],
        skills=[
            "video-switching",
            "camera-operation",
            "communication",
            "leadership",
            "music-theory",
        ],
        certifications=[],
        hired_by=["production", "promoter"],
        onet_code="27-2012.00",
        esco="",
        leads_to=["production-manager"],
        aliases=["IMAG director", "screens director", "V1"],
        years_in_role=6,
        pay=("day", 450, 900),
    ),
    _role(
        "backline-tech",
        "Backline Technician",
        "backline",
        "live",
        "mid",
        summary="Sets up and looks after the band's amps, drums and keyboards, and gets "
        "changeovers done fast on shared-bill shows.",
        responsibilities=[
            "Unpack, place and line up backline to the stage plot",
            "Swap kits and amps during changeovers",
            "Keep spares, strings, heads and cables stocked",
        ],
        skills=[
            "guitar-tech",
            "drum-tech",
            "keys-playback-midi",
            "stage-patching",
            "physical-stamina",
        ],
        certifications=[],
        hired_by=["production", "venue", "promoter"],
        onet_code="49-9063.00",
        esco="instrument technician",
        leads_to=["instrument-tech"],
        aliases=["backline crew", "backliner", "changeover tech"],
        years_in_role=2,
        pay=("day", 200, 400),
    ),
    _role(
        "instrument-tech",
        "Instrument Technician",
        "backline",
        "live",
        "mid",
        summary="Keeps one artist's instruments tuned, maintained and ready, and hands them "
        "over mid-show without missing a beat.",
        responsibilities=[
            "Restring, set up and tune instruments daily",
            "Maintain amplifiers, pedalboards and wireless packs",
            "Hand over instruments and fix failures during the set",
            "Pack and track the instrument inventory",
        ],
        skills=[
            "guitar-tech",
            "drum-tech",
            "keys-playback-midi",
            "music-theory",
            "problem-solving",
        ],
        certifications=[],
        hired_by=["production", "promoter"],
        onet_code="49-9063.00",
        esco="instrument technician",
        leads_to=["stage-manager", "tour-manager"],
        aliases=["guitar tech", "drum tech", "keys tech", "tech"],
        years_in_role=5,
        pay=("day", 250, 500),
    ),
]


# --- Production, touring and hospitality -------------------------------------------------

_PRODUCTION_TOURING_ROLES: list[dict] = [
    _role(
        "runner",
        "Runner",
        "touring",
        "live",
        "entry",
        summary="Does the day's errands for the touring party: shopping, pickups and lifts "
        "around town, usually answering to the tour or production manager.",
        responsibilities=[
            "Buy supplies and missing items on request",
            "Drive artists and crew between hotel, venue and airport",
            "Collect deliveries and drop off paperwork",
        ],
        skills=["driving", "time-management", "communication", "customer-service"],
        certifications=[],
        hired_by=["promoter", "venue", "production"],
        onet_code="",
        esco="",
        leads_to=["production-assistant", "hospitality-coordinator"],
        aliases=["production runner", "show runner", "gofer", "local runner"],
        years_in_role=1,
        pay=("day", 120, 250),
    ),
    _role(
        "production-assistant",
        "Production Assistant",
        "production",
        "live",
        "entry",
        summary="Backs up the production office with printing, passes, radios and whatever "
        "the day throws at it.",
        responsibilities=[
            "Set up and run the production office",
            "Issue passes, radios and day sheets",
            "Chase deliveries and help with guest lists",
        ],
        skills=["communication", "time-management", "production-scheduling", "problem-solving"],
        certifications=["first-aid-cpr"],
        hired_by=["production", "promoter", "venue"],
        onet_code="",
        esco="",
        leads_to=["production-coordinator"],
        aliases=["PA", "production office assistant", "production runner"],
        years_in_role=2,
        pay=("day", 150, 250),
    ),
    _role(
        "production-coordinator",
        "Production Coordinator",
        "production",
        "live",
        "mid",
        summary="Runs the production office's paperwork and logistics so the production "
        "manager can focus on the stage.",
        responsibilities=[
            "Advance venues and local suppliers",
            "Book crew, hotels, buses and trucking",
            "Track production costs and invoices",
            "Publish schedules and day sheets",
        ],
        skills=[
            "advancing-shows",
            "tour-logistics",
            "production-scheduling",
            "budgeting",
            "communication",
        ],
        certifications=[],
        hired_by=["production", "promoter"],
        onet_code="27-2012.00",
        esco="",
        leads_to=["production-manager", "tour-manager"],
        aliases=["production office manager", "POM", "production coordinator"],
        years_in_role=3,
        pay=("day", 250, 400),
    ),
    _role(
        "production-manager",
        "Production Manager",
        "production",
        "live",
        "lead",
        summary="Oversees every technical department, getting the show in, up and out of "
        "each venue safely, on time and on budget.",
        responsibilities=[
            "Advance technical needs and local crew with each venue",
            "Schedule load-in, show and load-out across departments",
            "Manage the production budget and suppliers",
            "Own site safety and direct department heads",
        ],
        skills=[
            "advancing-shows",
            "production-scheduling",
            "budgeting",
            "leadership",
            "problem-solving",
            "tour-logistics",
        ],
        certifications=["osha-30", "first-aid-cpr"],
        hired_by=["production", "promoter", "venue"],
        onet_code="27-2012.00",
        esco="performance production manager",
        leads_to=[],
        aliases=["PM", "prod manager", "technical production manager"],
        years_in_role=0,
        pay=("day", 500, 1000),
    ),
    _role(
        "tour-manager",
        "Tour Manager",
        "touring",
        "live",
        "lead",
        summary="Looks after the artist's road life and money: travel, hotels, settlements "
        "and being the go-between for artist, crew and promoter.",
        responsibilities=[
            "Plan travel, hotels and daily itineraries",
            "Settle shows and keep tour accounts",
            "Liaise between artist, management, promoters and venues",
            "Look after the welfare of the touring party",
        ],
        skills=[
            "tour-logistics",
            "settlements-tour-accounting",
            "budgeting",
            "leadership",
            "communication",
            "advancing-shows",
        ],
        certifications=[],
        hired_by=["promoter", "production"],
        onet_code="",
        esco="",
        leads_to=[],
        aliases=["TM", "road manager", "tour director"],
        years_in_role=0,
        pay=("day", 400, 1000),
    ),
    _role(
        "vip-coordinator",
        "VIP Coordinator",
        "touring",
        "live",
        "mid",
        summary="Runs premium ticket packages and meet-and-greets, guiding fans through "
        "their extras on show day.",
        responsibilities=[
            "Check in VIP guests and hand out packages",
            "Run meet-and-greet lines to the agreed timings",
            "Handle VIP questions before and after the event",
        ],
        skills=[
            "customer-service",
            "artist-liaison",
            "ticketing-systems",
            "time-management",
            "communication",
        ],
        certifications=[],
        hired_by=["promoter", "venue", "production"],
        onet_code="13-1121.00",
        esco="",
        leads_to=["tour-manager"],
        aliases=["VIP manager", "VIP host", "fan experience coordinator"],
        years_in_role=3,
        pay=("day", 200, 400),
    ),
    _role(
        "hospitality-coordinator",
        "Hospitality Coordinator",
        "hospitality",
        "live",
        "mid",
        summary="Makes the backstage comfortable for artists and crew, from dressing rooms "
        "to catering to the details of the rider.",
        responsibilities=[
            "Fulfil hospitality riders and stock dressing rooms",
            "Arrange crew catering and meal times",
            "Act as a backstage contact for the artist party",
        ],
        skills=[
            "rider-catering",
            "artist-liaison",
            "customer-service",
            "budgeting",
            "time-management",
        ],
        certifications=["food-hygiene"],
        hired_by=["venue", "promoter"],
        onet_code="",
        esco="",
        leads_to=["vip-coordinator", "tour-manager"],
        aliases=["hospitality manager", "backstage hospitality", "rider coordinator"],
        years_in_role=3,
        pay=("day", 200, 350),
    ),
]


# --- Venue operations --------------------------------------------------------------------

_VENUE_OPS_ROLES: list[dict] = [
    _role(
        "box-office-agent",
        "Box Office Agent",
        "box-office",
        "live",
        "entry",
        summary="Sells tickets and handles will-call at the venue window, answering patron "
        "questions along the way.",
        responsibilities=[
            "Sell and print tickets at the window",
            "Run will-call and guest-list pickups",
            "Balance the cash drawer at the end of the shift",
        ],
        skills=["ticketing-systems", "cash-reconciliation", "customer-service", "communication"],
        certifications=[],
        hired_by=["venue", "promoter"],
        onet_code="41-2011.00",
        esco="ticket issuing clerk",
        leads_to=["box-office-manager", "marketing-coordinator", "vip-coordinator"],
        aliases=["ticket seller", "box office clerk", "ticketing agent", "will-call agent"],
        years_in_role=2,
        pay=("hour", 16, 24),
    ),
    _role(
        "box-office-manager",
        "Box Office Manager",
        "box-office",
        "live",
        "senior",
        summary="Runs ticketing for the venue, from building events in the system to closing "
        "out each night's sales.",
        responsibilities=[
            "Build events, price levels and holds in the ticketing system",
            "Supervise agents and will-call",
            "Reconcile each night's sales and prepare settlement figures",
        ],
        skills=[
            "ticketing-systems",
            "cash-reconciliation",
            "settlements-tour-accounting",
            "leadership",
            "customer-service",
        ],
        certifications=[],
        hired_by=["venue", "promoter"],
        onet_code="11-9199.00",
        esco="",
        leads_to=["house-manager"],
        aliases=["box office lead", "ticketing manager", "box office supervisor"],
        years_in_role=5,
        pay=("hour", 25, 40),
    ),
    _role(
        "marketing-coordinator",
        "Marketing Coordinator",
        "marketing",
        "live",
        "mid",
        summary="Gets the word out about shows through social posts, ads, email and press, "
        "and tracks how ticket sales respond.",
        responsibilities=[
            "Schedule announcements and on-sale posts",
            "Place ads and produce listings",
            "Report on campaign results and sales pace",
        ],
        skills=[
            "social-media-marketing",
            "campaign-planning",
            "ticketing-systems",
            "communication",
        ],
        certifications=[],
        hired_by=["promoter", "venue"],
        onet_code="",
        esco="",
        leads_to=["marketing-manager"],
        aliases=["marketing assistant", "promotions coordinator", "social media coordinator"],
        years_in_role=3,
        pay=("hour", 20, 35),
    ),
    _role(
        "marketing-manager",
        "Marketing Manager",
        "marketing",
        "live",
        "senior",
        summary="Sets marketing plans and budgets for a venue's or promoter's calendar of "
        "shows and leads the people who carry them out.",
        responsibilities=[
            "Plan campaigns and budgets for each show",
            "Work with agents and artist teams on announcements",
            "Manage marketing staff and agencies",
        ],
        skills=["campaign-planning", "social-media-marketing", "budgeting", "leadership"],
        certifications=[],
        hired_by=["promoter", "venue"],
        onet_code="",
        esco="",
        leads_to=[],
        aliases=["head of marketing", "promotions manager", "marketing director"],
        years_in_role=0,
        pay=("hour", 30, 55),
    ),
    _role(
        "door-staff",
        "Door Staff",
        "security",
        "live",
        "entry",
        summary="Checks tickets, IDs and bags at the doors and keeps the queue calm and moving.",
        responsibilities=[
            "Scan tickets and check age and ID",
            "Search bags to the venue's policy",
            "Direct patrons and manage the queue",
        ],
        skills=["access-control", "customer-service", "de-escalation", "communication"],
        certifications=["security-licence"],
        hired_by=["venue", "promoter"],
        onet_code="",
        esco="",
        leads_to=["security-staff"],
        aliases=["door supervisor", "ticket taker", "doorman", "entry staff"],
        years_in_role=1,
        pay=("hour", 16, 25),
    ),
    _role(
        "security-staff",
        "Security Staff",
        "security",
        "live",
        "entry",
        summary="Keeps the audience, artists and crew safe inside the venue, from the "
        "barrier to the backstage doors.",
        responsibilities=[
            "Work the pit barrier and pull out fans in trouble",
            "Guard backstage and restricted areas",
            "Respond to incidents and help with evacuations",
        ],
        skills=["crowd-management", "de-escalation", "access-control", "physical-stamina"],
        certifications=["security-licence", "crowd-safety", "first-aid-cpr"],
        hired_by=["venue", "promoter"],
        onet_code="33-9032.00",
        esco="crowd controller",
        leads_to=["security-manager"],
        aliases=["event security", "crowd controller", "pit security", "barrier staff"],
        years_in_role=2,
        pay=("hour", 17, 28),
    ),
    _role(
        "security-manager",
        "Security Manager",
        "security",
        "live",
        "senior",
        summary="Plans and leads event security, covering crowd safety, artist protection "
        "and emergency response.",
        responsibilities=[
            "Write security and crowd management plans",
            "Brief and deploy the security team",
            "Coordinate with police, medics and venue management",
            "Lead the response to incidents",
        ],
        skills=[
            "crowd-management",
            "access-control",
            "leadership",
            "de-escalation",
            "communication",
        ],
        certifications=["security-licence", "crowd-safety", "first-aid-cpr"],
        hired_by=["venue", "promoter"],
        onet_code="",
        esco="",
        leads_to=["house-manager"],
        aliases=["head of security", "security supervisor", "security chief"],
        years_in_role=5,
        pay=("day", 300, 550),
    ),
    _role(
        "merch-seller",
        "Merch Seller",
        "merchandise",
        "live",
        "entry",
        summary="Sells the artist's shirts, records and other goods at the merch stand.",
        responsibilities=[
            "Set up and dress the stand",
            "Take cash and card payments",
            "Count stock in and out with the merch manager",
        ],
        skills=["customer-service", "cash-reconciliation", "merch-inventory"],
        certifications=[],
        hired_by=["venue", "promoter"],
        onet_code="",
        esco="",
        leads_to=["merch-manager", "marketing-coordinator"],
        aliases=["merch staff", "merch vendor", "stand seller"],
        years_in_role=1,
        pay=("hour", 15, 25),
    ),
    _role(
        "merch-manager",
        "Merch Manager",
        "merchandise",
        "live",
        "mid",
        summary="Runs merchandise for a tour or venue: stock, pricing, sellers and the "
        "nightly count and settlement.",
        responsibilities=[
            "Count stock in and out each show",
            "Manage sellers and the stand layout",
            "Settle merch sales and venue splits",
            "Reorder stock with the merch company",
        ],
        skills=[
            "merch-inventory",
            "cash-reconciliation",
            "settlements-tour-accounting",
            "leadership",
            "driving",
        ],
        certifications=[],
        hired_by=["promoter", "venue", "production"],
        onet_code="",
        esco="",
        leads_to=["tour-manager"],
        aliases=["merch person", "tour merch manager", "merch director"],
        years_in_role=3,
        pay=("day", 250, 450),
    ),
    _role(
        "usher",
        "Usher",
        "front-of-house-ops",
        "live",
        "entry",
        summary="Helps patrons find their seats and keeps aisles and exits clear during the "
        "performance.",
        responsibilities=[
            "Check tickets and show guests to their seats",
            "Keep aisles and exits clear",
            "Help with accessibility requests and evacuations",
        ],
        skills=["customer-service", "communication", "crowd-management"],
        certifications=["first-aid-cpr"],
        hired_by=["venue"],
        onet_code="",
        esco="",
        leads_to=["house-manager"],
        aliases=["usherette", "front of house staff", "seating attendant"],
        years_in_role=1,
        pay=("hour", 14, 22),
    ),
    _role(
        "house-manager",
        "House Manager",
        "front-of-house-ops",
        "live",
        "senior",
        summary="Runs the audience side of the venue on show nights, from doors opening to "
        "the last patron leaving.",
        responsibilities=[
            "Decide when doors open with production",
            "Lead ushers, door and bar teams",
            "Handle patron complaints and incidents",
        ],
        skills=["customer-service", "leadership", "crowd-management", "communication"],
        certifications=["first-aid-cpr", "crowd-safety"],
        hired_by=["venue"],
        onet_code="",
        esco="",
        leads_to=[],
        aliases=["front of house manager", "FOH manager", "duty manager"],
        years_in_role=0,
        pay=("hour", 25, 45),
    ),
]


# --- Studio ------------------------------------------------------------------------------

_STUDIO_ROLES: list[dict] = [
    _role(
        "studio-assistant",
        "Studio Assistant",
        "studio",
        "studio",
        "entry",
        summary="Sets up rooms, mics and sessions for the engineers and keeps the studio "
        "running between bookings.",
        responsibilities=[
            "Set up microphones, headphones and cables before sessions",
            "Prepare and back up session files",
            "Look after clients and keep the rooms tidy",
        ],
        skills=["microphone-technique", "pro-tools", "session-management", "customer-service"],
        certifications=[],
        hired_by=["studio"],
        onet_code="",
        esco="",
        leads_to=["recording-engineer", "sound-designer", "foley-artist"],
        aliases=["assistant engineer", "studio runner", "second engineer", "studio intern"],
        years_in_role=2,
        pay=("hour", 15, 25),
    ),
    _role(
        "recording-engineer",
        "Recording Engineer",
        "studio",
        "studio",
        "mid",
        summary="Captures performances in the studio, picking mics and signal paths and "
        "running the session so takes come out clean.",
        responsibilities=[
            "Choose and place microphones for each source",
            "Set gain, routing and headphone mixes",
            "Record and label takes and keep the session organised",
            "Comp and edit takes with the producer",
        ],
        skills=[
            "pro-tools",
            "microphone-technique",
            "critical-listening",
            "editing-comping",
            "session-management",
        ],
        certifications=[],
        hired_by=["studio"],
        onet_code=_SOUND_TECH,
        esco=_AUDIO_ESCO,
        leads_to=["mixing-engineer", "music-producer"],
        aliases=["tracking engineer", "studio engineer", "recordist"],
        years_in_role=4,
        pay=("day", 250, 700),
    ),
    _role(
        "mixing-engineer",
        "Mixing Engineer",
        "studio",
        "studio",
        "senior",
        summary="Balances, processes and shapes recorded tracks into a finished mix that "
        "serves the song.",
        responsibilities=[
            "Balance and process every track in the session",
            "Deliver mixes and stems and take revision notes",
            "Keep mixes consistent across a record",
        ],
        skills=["mixing", "critical-listening", "pro-tools", "logic-pro", "cubase-nuendo"],
        certifications=[],
        hired_by=["studio"],
        onet_code=_SOUND_TECH,
        esco=_AUDIO_ESCO,
        leads_to=["mastering-engineer", "music-producer"],
        aliases=["mix engineer", "mixer", "mixdown engineer"],
        years_in_role=6,
        pay=("flat", 300, 1500),
    ),
    _role(
        "mastering-engineer",
        "Mastering Engineer",
        "studio",
        "studio",
        "senior",
        summary="Prepares finished mixes for release, evening out tone and loudness and "
        "producing the files each format needs.",
        responsibilities=[
            "Adjust tone, dynamics and loudness for release",
            "Sequence tracks and set gaps and fades",
            "Deliver masters for streaming, CD and vinyl",
        ],
        skills=["mastering", "critical-listening", "reaper", "studio-one"],
        certifications=[],
        hired_by=["studio"],
        onet_code=_SOUND_TECH,
        esco=_AUDIO_ESCO,
        leads_to=[],
        aliases=["mastering tech", "premaster engineer"],
        years_in_role=0,
        pay=("flat", 75, 250),
    ),
    _role(
        "music-producer",
        "Music Producer",
        "studio",
        "studio",
        "lead",
        summary="Guides a recording from idea to finished track, shaping arrangements and "
        "performances and keeping the project on budget.",
        responsibilities=[
            "Develop songs and arrangements with the artist",
            "Direct performances in the studio",
            "Hire engineers and players and manage the budget",
            "Sign off final mixes and masters",
        ],
        skills=[
            "arrangement",
            "music-theory",
            "ableton-live",
            "logic-pro",
            "leadership",
            "critical-listening",
        ],
        certifications=[],
        hired_by=["studio"],
        onet_code="27-2012.05",
        esco="music producer",
        leads_to=[],
        aliases=["record producer", "producer", "beatmaker"],
        years_in_role=0,
        pay=("flat", 1000, 10000),
    ),
    _role(
        "sound-designer",
        "Sound Designer",
        "studio",
        "studio",
        "mid",
        summary="Creates the sound effects and textures for film, games, theatre or "
        "advertising, from recorded material or synthesis.",
        responsibilities=[
            "Record and build libraries of source sounds",
            "Design and layer effects to picture or gameplay",
            "Deliver stems and implement sounds for the project",
        ],
        skills=[
            "sound-effects-design",
            "synthesis",
            "cubase-nuendo",
            "pro-tools",
            "critical-listening",
        ],
        certifications=[],
        hired_by=["studio", "production"],
        onet_code=_SOUND_TECH,
        esco=_AUDIO_ESCO,
        leads_to=["composer"],
        aliases=["sound effects designer", "SFX designer", "audio designer"],
        years_in_role=5,
        pay=("day", 300, 700),
    ),
    _role(
        "foley-artist",
        "Foley Artist",
        "studio",
        "studio",
        "mid",
        summary="Performs everyday sounds such as footsteps, props and clothing in time with "
        "picture on a Foley stage.",
        responsibilities=[
            "Choose props and surfaces for each scene",
            "Perform footsteps, cloth and prop moves to picture",
            "Work with the Foley mixer on takes and sync",
        ],
        skills=[
            "foley-performance",
            "critical-listening",
            "sound-effects-design",
            "physical-stamina",
        ],
        certifications=[],
        hired_by=["studio"],
        onet_code="",
        esco="sound editor",
        leads_to=["sound-designer"],
        aliases=["Foley walker", "Foley performer", "footsteps artist"],
        years_in_role=4,
        pay=("day", 350, 800),
    ),
    _role(
        "composer",
        "Composer",
        "studio",
        "studio",
        "senior",
        summary="Writes original music for film, TV, games and advertising, delivering "
        "cues timed to picture.",
        responsibilities=[
            "Write and demo themes and cues for approval",
            "Score and time music against picture",
            "Orchestrate and prepare parts for players",
            "Deliver final stems to the mix",
        ],
        skills=[
            "scoring-to-picture",
            "orchestration",
            "music-theory",
            "arrangement",
            "cubase-nuendo",
            "synthesis",
        ],
        certifications=[],
        hired_by=["studio", "production"],
        onet_code="27-2041.00",
        esco="composer",
        leads_to=["music-producer"],
        aliases=["film composer", "media composer", "game composer", "scorer"],
        years_in_role=8,
        pay=("flat", 2000, 25000),
    ),
]

ROLES: list[dict] = [
    *_LIVE_AUDIO_LIGHTING_ROLES,
    *_STAGE_CREW_ROLES,
    *_PRODUCTION_TOURING_ROLES,
    *_VENUE_OPS_ROLES,
    *_STUDIO_ROLES,
]

ROLE_SLUGS = [r["slug"] for r in ROLES]


# --- Consistency checks ------------------------------------------------------------------

ROLE_KEYS = frozenset(
    {
        "slug",
        "name",
        "department",
        "setting",
        "level",
        "summary",
        "responsibilities",
        "skills",
        "certifications",
        "hired_by",
        "onet_code",
        "esco",
        "leads_to",
        "aliases",
        "years_in_role",
        "pay_unit",
        "pay_low",
        "pay_high",
    }
)
SKILL_KEYS = frozenset({"slug", "name", "category", "description"})
CERT_KEYS = frozenset(
    {
        "slug",
        "name",
        "issuer",
        "validity_months",
        "description",
        "min_age",
        "hours_required",
        "prerequisites",
    }
)
REQUIRED_ENTRY_ROLES = (
    "stagehand",
    "runner",
    "box-office-agent",
    "merch-seller",
    "door-staff",
    "security-staff",
    "spot-operator",
    "studio-assistant",
    "production-assistant",
)
REQUIRED_ROLES = [
    "foh-engineer",
    "monitor-engineer",
    "audio-tech",
    "lighting-director",
    "lighting-tech",
    "spot-operator",
    "rigger",
    "stagehand",
    "tour-manager",
    "production-manager",
    "instrument-tech",
    "vip-coordinator",
    "runner",
    "box-office-manager",
    "box-office-agent",
    "marketing-coordinator",
    "security-manager",
    "security-staff",
    "hospitality-coordinator",
    "merch-seller",
    "door-staff",
    "recording-engineer",
    "mixing-engineer",
    "mastering-engineer",
    "music-producer",
    "sound-designer",
    "foley-artist",
    "composer",
    "stage-manager",
    "backline-tech",
    "video-director",
    "video-tech",
    "carpenter",
    "fly-operator",
    "head-rigger",
    "lighting-programmer",
    "system-engineer",
    "production-assistant",
    "production-coordinator",
    "studio-assistant",
    "merch-manager",
]


def _duplicates(slugs: list[str]) -> list[str]:
    seen: set[str] = set()
    dupes: list[str] = []
    for slug in slugs:
        if slug in seen and slug not in dupes:
            dupes.append(slug)
        seen.add(slug)
    return dupes


def _is_optional_int(value: object) -> bool:
    return value is None or (isinstance(value, int) and not isinstance(value, bool))


def _check_skills(problems: list[str]) -> set[str]:
    slugs = [s.get("slug", "") for s in SKILLS]
    problems.extend(f"duplicate skill slug {s!r}" for s in _duplicates(slugs))
    for skill in SKILLS:
        slug = skill.get("slug", "?")
        if set(skill) != SKILL_KEYS:
            problems.append(f"skill {slug!r} has keys {sorted(skill)}")
        if skill.get("category") not in SKILL_CATEGORIES:
            problems.append(f"skill {slug!r} has unknown category {skill.get('category')!r}")
        if not skill.get("name") or not skill.get("description"):
            problems.append(f"skill {slug!r} is missing a name or description")
    return set(slugs)


def _check_certifications(problems: list[str]) -> set[str]:
    slugs = [c.get("slug", "") for c in CERTIFICATIONS]
    known = set(slugs)
    problems.extend(f"duplicate certification slug {s!r}" for s in _duplicates(slugs))
    for cert in CERTIFICATIONS:
        slug = cert.get("slug", "?")
        if set(cert) != CERT_KEYS:
            problems.append(f"certification {slug!r} has keys {sorted(cert)}")
            continue
        if not cert["name"] or not cert["description"]:
            problems.append(f"certification {slug!r} is missing a name or description")
        for field in ("validity_months", "min_age", "hours_required"):
            value = cert[field]
            if not _is_optional_int(value) or (value is not None and value <= 0):
                problems.append(f"certification {slug!r} has a bad {field}: {value!r}")
        for prereq in cert["prerequisites"]:
            if prereq == slug:
                problems.append(f"certification {slug!r} lists itself as a prerequisite")
            elif prereq not in known:
                problems.append(f"certification {slug!r} needs unknown {prereq!r}")
    return known


def _check_role(role: dict, skills: set[str], certs: set[str], roles: set[str]) -> list[str]:
    slug = role.get("slug", "?")
    if set(role) != ROLE_KEYS:
        missing = sorted(ROLE_KEYS - set(role))
        extra = sorted(set(role) - ROLE_KEYS)
        return [f"role {slug!r} has missing keys {missing} / extra keys {extra}"]
    out: list[str] = []
    enums = (
        ("department", DEPARTMENTS),
        ("setting", SETTINGS),
        ("level", LEVELS),
        ("pay_unit", PAY_UNITS),
    )
    for field, allowed in enums:
        if role[field] not in allowed:
            out.append(f"role {slug!r} has invalid {field} {role[field]!r}")
    if not role["name"] or not role["summary"]:
        out.append(f"role {slug!r} is missing a name or summary")
    if not 3 <= len(role["responsibilities"]) <= 5:
        out.append(f"role {slug!r} should list 3-5 responsibilities")
    if not 3 <= len(role["skills"]) <= 7:
        out.append(f"role {slug!r} should list 3-7 skills")
    if not 2 <= len(role["aliases"]) <= 6:
        out.append(f"role {slug!r} should list 2-6 aliases")
    out.extend(f"role {slug!r} uses unknown skill {s!r}" for s in role["skills"] if s not in skills)
    out.extend(
        f"role {slug!r} uses unknown certification {c!r}"
        for c in role["certifications"]
        if c not in certs
    )
    out.extend(
        f"role {slug!r} is hired by unknown kind {h!r}" for h in role["hired_by"] if h not in HIRERS
    )
    if not role["hired_by"]:
        out.append(f"role {slug!r} has no hirer")
    for field in ("skills", "certifications", "hired_by", "aliases", "leads_to"):
        for dupe in _duplicates(role[field]):
            out.append(f"role {slug!r} repeats {dupe!r} in {field}")
    for target in role["leads_to"]:
        if target == slug:
            out.append(f"role {slug!r} leads to itself")
        elif target not in roles:
            out.append(f"role {slug!r} leads to unknown role {target!r}")
    years = role["years_in_role"]
    if not _is_optional_int(years) or years is None or years < 0:
        out.append(f"role {slug!r} has a bad years_in_role {years!r}")
    elif not role["leads_to"] and years != 0:
        out.append(f"terminal role {slug!r} should have years_in_role 0")
    low, high = role["pay_low"], role["pay_high"]
    if not (_is_optional_int(low) and _is_optional_int(high)) or low is None or high is None:
        out.append(f"role {slug!r} has non-integer pay")
    elif not 0 < low <= high:
        out.append(f"role {slug!r} has an invalid pay range {low}-{high}")
    code = role["onet_code"]
    if code and not (len(code) == 10 and code[2] == "-" and code[7] == "."):
        out.append(f"role {slug!r} has a malformed O*NET-SOC code {code!r}")
    return out


def _check_reachability(problems: list[str], roles_by_slug: dict[str, dict]) -> None:
    frontier = [slug for slug, role in roles_by_slug.items() if role.get("level") == "entry"]
    reached = set(frontier)
    while frontier:
        current = frontier.pop()
        for target in roles_by_slug[current].get("leads_to", []):
            if target in roles_by_slug and target not in reached:
                reached.add(target)
                frontier.append(target)
    problems.extend(
        f"role {slug!r} cannot be reached from any entry-level role"
        for slug in roles_by_slug
        if slug not in reached
    )


def validate_catalog() -> list[str]:
    """Return human-readable problems with the catalog; an empty list means it is sound."""
    problems: list[str] = []
    skills = _check_skills(problems)
    certs = _check_certifications(problems)
    slugs = [r.get("slug", "") for r in ROLES]
    problems.extend(f"duplicate role slug {s!r}" for s in _duplicates(slugs))
    roles_by_slug = {r.get("slug", ""): r for r in ROLES}
    for role in ROLES:
        problems.extend(_check_role(role, skills, certs, set(roles_by_slug)))
    problems.extend(f"required role {s!r} is missing" for s in REQUIRED_ROLES if s not in slugs)
    for slug in REQUIRED_ENTRY_ROLES:
        role = roles_by_slug.get(slug)
        if role is not None and role.get("level") != "entry":
            problems.append(f"role {slug!r} must be entry level")
    if slugs != ROLE_SLUGS:
        problems.append("ROLE_SLUGS is out of step with ROLES")
    _check_reachability(problems, roles_by_slug)
    return problems
