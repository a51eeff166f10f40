"""Trade vocabulary the catalog's aliases do not carry: shorthand, slang, spellings.

Engine data in our own words. Keys are titles as crew and job boards write them (after
normalisation: lower case, ASCII), values are catalog role slugs. The catalog's own names
and aliases come in through ``RoleLabel``; these only add to them, and a slug missing
from the catalog a classifier is built with is skipped.
"""

from __future__ import annotations

TRADE_ALIASES: dict[str, tuple[str, ...]] = {
    "audio-tech": (
        "sound tech",
        "sound technician",
        "audio technician",
        "audio tech",
        "stage tech audio",
        "a2 audio",
        "a2 tech",
        "second audio",
        "sound crew",
        "audio crew",
        "audio assistant",
        "patch technician",
        "tontechniker",
        "tontechnikerin",
        "av technician",
        "audio visual technician",
    ),
    "monitor-engineer": (
        "monitor tech",
        "monitors engineer",
        "monitor mix engineer",
        "monitor operator",
        "monitor engineer",
        "in ear monitor engineer",
        "monitortechniker",
        "monitor mischer",
    ),
    "foh-engineer": (
        "sound engineer",
        "live sound engineer",
        "front of house mixer",
        "foh tech",
        "house mixer",
        "live mix engineer",
        "foh sound engineer",
        "a1 audio",
        "tonmeister live",
        "foh techniker",
    ),
    "system-engineer": (
        "pa tech",
        "pa technician",
        "pa system tech",
        "pa system technician",
        "sound system engineer",
        "audio systems engineer",
        "system tech",
        "systems engineer audio",
    ),
    "spot-operator": (
        "follow spot operator",
        "followspot op",
        "spot operator",
        "truss spot operator",
        "verfolgerfahrer",
    ),
    "lighting-tech": (
        "lampy",
        "lamp op",
        "sparky",
        "sparks",
        "stage electrician",
        "lighting electrics",
        "lx crew",
        "lighting crew",
        "lighting tech",
        "lighting technician",
        "light tech",
        "beleuchter",
        "beleuchterin",
        "lichttechniker",
    ),
    "lighting-programmer": (
        "lighting programmer",
        "lx programmer",
        "grandma programmer",
        "lighting board operator",
        "lighting console operator",
        "lichtprogrammierer",
    ),
    "lighting-director": (
        "lighting designer",
        "lx designer",
        "lighting director",
        "lighting operator",
        "lichtdesigner",
    ),
    "rigger": (
        "rigging technician",
        "rigging tech",
        "climber",
        "arena rigger",
        "truss climber",
    ),
    "head-rigger": ("head rigger", "rigging supervisor", "rigging lead"),
    "stagehand": (
        "stage hand",
        "stage crew",
        "local crew",
        "local hand",
        "crew hand",
        "loader",
        "truck loader",
        "loaders",
        "humper",
        "roadie",
        "pusher",
        "general crew",
        "casual crew",
        "buhnenarbeiter",
        "buehnenarbeiter",
        "buhnenhelfer",
        "deckhand",
        "crew member",
    ),
    "carpenter": (
        "chippie",
        "chippy",
        "stage carpenter",
        "head carpenter",
        "set carpenter",
        "carpenter",
        "buhnentischler",
    ),
    "fly-operator": (
        "flys",
        "flies",
        "flyman",
        "fly man",
        "fly operator",
        "fly person",
        "fly floor",
        "fly floor operator",
        "counterweight operator",
        "schnurbodenmeister",
    ),
    "stage-manager": ("stage manager", "deputy stage manager", "dsm", "asm", "buhnenmeister"),
    "video-tech": ("led technician", "video technician", "camera op", "camera operator", "av tech"),
    "video-director": ("vision mixer", "video director", "imag", "screens director"),
    "backline-tech": ("backline", "backline technician", "stage tech backline"),
    "instrument-tech": (
        "guitar technician",
        "drum technician",
        "keyboard tech",
        "bass tech",
        "guitar tech",
        "drum tech",
        "piano tech",
        "piano technician",
    ),
    "runner": ("driver runner", "runner driver", "festival runner"),
    "production-assistant": ("production assistant", "production office assistant"),
    "production-coordinator": ("production coordinator", "advance coordinator"),
    "production-manager": ("production manager", "technical manager", "produktionsleiter"),
    "tour-manager": ("tour manager", "tourmanager", "road manager", "tour management"),
    "vip-coordinator": ("vip coordinator", "vip host", "vip experience"),
    "hospitality-coordinator": ("catering coordinator", "artist liaison", "artist hospitality"),
    "box-office-agent": (
        "box office assistant",
        "box office staff",
        "ticket office assistant",
        "ticketing assistant",
        "will call",
        "kassierer",
        "kassenpersonal",
    ),
    "box-office-manager": (
        "box office manager",
        "ticketing manager",
        "head of ticketing",
        "box office supervisor",
        "ticket office manager",
    ),
    "marketing-coordinator": ("marketing coordinator", "marketing executive", "promo assistant"),
    "marketing-manager": ("marketing manager", "head of marketing"),
    "door-staff": ("door staff", "doors", "ticket scanner", "door host", "einlass"),
    "security-staff": ("steward", "stewards", "event steward", "crowd safety steward", "security"),
    "security-manager": ("security manager", "head of security", "security coordinator"),
    "merch-seller": ("merch seller", "merchandise seller", "merch assistant", "merch"),
    "merch-manager": ("merch manager", "merchandise manager"),
    "usher": ("usher", "front of house assistant", "steward usher", "platzanweiser"),
    "house-manager": ("house manager", "venue duty manager", "front of house manager"),
    "studio-assistant": ("studio assistant", "assistant engineer", "second engineer", "tape op"),
    "recording-engineer": (
        "recording engineer",
        "studio engineer",
        "tracking engineer",
        "studio sound engineer",
        "tonmeister",
    ),
    "mixing-engineer": ("mix engineer", "mixing engineer", "mix and master engineer"),
    "mastering-engineer": ("mastering engineer",),
    "music-producer": ("music producer", "record producer", "beat maker"),
    "sound-designer": ("sound designer", "sound effects editor"),
    "foley-artist": ("foley artist", "foley"),
    "composer": ("composer", "songwriter composer", "music composer"),
}

# Shorthand expanded inside a title before matching, token by token.
ABBREVIATIONS: dict[str, str] = {
    "foh": "front of house",
    "lx": "lighting",
    "lxs": "lighting",
    "tech": "technician",
    "techs": "technician",
    "eng": "engineer",
    "engr": "engineer",
    "mgr": "manager",
    "mngr": "manager",
    "asst": "assistant",
    "assist": "assistant",
    "coord": "coordinator",
    "co-ordinator": "coordinator",
    "prod": "production",
    "op": "operator",
    "ops": "operator",
    "mon": "monitor",
    "mons": "monitor",
    "monitors": "monitor",
    "sys": "system",
    "systems": "system",
    "vid": "video",
    "merchandise": "merch",
    "mix": "mixing",
    "2nd": "second",
    "1st": "first",
    "technicians": "technician",
    "engineers": "engineer",
    "hands": "hand",
    "riggers": "rigger",
    "stagehands": "stagehand",
    "ushers": "usher",
    "runners": "runner",
    "flies": "flys",
    "lampies": "lampie",
    "centre": "center",
    "theatre": "theater",
    "organiser": "organizer",
}

# Words that say how senior, never which role.
SENIORITY: dict[str, str] = {
    "trainee": "entry",
    "apprentice": "entry",
    "graduate": "entry",
    "junior": "entry",
    "jr": "entry",
    "entry": "entry",
    "intermediate": "mid",
    "experienced": "mid",
    "senior": "senior",
    "sr": "senior",
    "principal": "senior",
    "lead": "lead",
    "chief": "lead",
    "head": "lead",
}
# Of those, the ones that never change the role and are dropped before matching
# ("head rigger" and "box office lead" are roles of their own; "senior rigger" is a rigger).
LEVEL_ONLY = frozenset(SENIORITY) - {"lead", "chief", "head", "entry"}

# Words and phrases that describe the job, not the role: dropped before matching.
NOISE_WORDS = frozenset(
    """
    freelance freelancer freelancers casual part full time part-time full-time temp temporary
    contract contractor zero hours urgent urgently immediate start needed wanted required
    required hiring now job jobs vacancy vacancies position positions opportunity opportunities
    role roles seasonal summer winter weekend weekends evening evenings nights night day days
    daily weekly per hour hourly rate pay paid doe competitive salary negotiable ono tbc
    m w d f x mwd mfd fmd wmd all genders gender diverse remote onsite on-site hybrid immediately
    asap available availability apply today wanted needed and or the a an of
    with plus new
    """.split()
)
# "of" and "and" are noise only for segmentation purposes; labels keep them.

# Words that hint at live music and studio work; a title with none of them and no
# label word is refused without asking the embedding model.
DOMAIN_HINTS = frozenset(
    """
    sound audio light lights lighting stage gig gigs tour touring concert concerts festival
    festivals venue venues studio music band arena show shows crew rig rigging truss pa mix
    mixing monitor backline desk console fly flys loader hand box office ticket tickets
    ticketing merch usher door security steward production producer engineer technician
    operator spot video led screens av live recording mastering foley composer runner
    """.split()
)

# Words that say what kind of job, not which: a label made only of these ("tech",
# "mixer") counts only when it is the whole title, and then not as an exact match.
GENERIC = frozenset(
    """
    technician engineer manager operator assistant crew staff coordinator director designer
    supervisor mixer producer hand local lead head chief person member worker officer agent
    """.split()
)

# Crafts of other industries that share a word with ours ("grip", "producer", "hand"):
# a title naming one of these is not ours, whatever else it says.
FOREIGN = (
    "key grip",
    "dolly grip",
    "best boy",
    "gaffer",
    "film producer",
    "tv producer",
    "conference producer",
    "farm hand",
    "ranch hand",
)
