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
        "deputy head of sound",
        "sound no 2",
        "sound number 2",
        "mic technician",
        "radio mic technician",
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
        "head of sound",
        "sound no 1",
        "sound number 1",
        "house engineer",
        "sound guy",
        "sound person",
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
        "audio system technician",
        "sound system technician",
        "pa crew chief",
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
        "electrics crew",
        "chief electrician",
        "production electrician",
        "theater electrician",
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
        "stage technician",
        "show crew",
        "backstage crew",
        "load in crew",
        "load out crew",
        "site crew",
        "venue crew",
        "event crew",
        "deck crew",
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
        "flying crew",
        "fly crew",
        "fly rail operator",
    ),
    "stage-manager": ("stage manager", "deputy stage manager", "dsm", "asm", "buhnenmeister"),
    "video-tech": (
        "led technician",
        "video technician",
        "camera op",
        "camera operator",
        "av tech",
        "projection technician",
        "projectionist theater",
        "media server technician",
        "video crew",
        "led wall technician",
    ),
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
    "production-manager": (
        "production manager",
        "technical manager",
        "produktionsleiter",
        "head of production",
        "technical director",
    ),
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
        "ticket sales assistant",
        "box office clerk",
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
    "door-staff": (
        "door staff",
        "doors",
        "ticket scanner",
        "door host",
        "einlass",
        "stage door keeper",
        "stage door attendant",
        "stage door",
        "bouncer",
        "doorman",
        "door supervisor",
    ),
    "security-staff": (
        "steward",
        "stewards",
        "event steward",
        "crowd safety steward",
        "security",
        "crowd management staff",
        "event security",
    ),
    "security-manager": ("security manager", "head of security", "security coordinator"),
    "merch-seller": ("merch seller", "merchandise seller", "merch assistant", "merch"),
    "merch-manager": ("merch manager", "merchandise manager"),
    "usher": (
        "usher",
        "front of house assistant",
        "steward usher",
        "platzanweiser",
        "audience assistant",
    ),
    "house-manager": (
        "house manager",
        "venue duty manager",
        "front of house manager",
        "duty house manager",
        "front of house supervisor",
        "duty manager",
    ),
    "studio-assistant": (
        "studio assistant",
        "assistant engineer",
        "second engineer",
        "tape op",
        "assistant recording engineer",
        "assistant studio engineer",
    ),
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

# Words that mean the same in a title, read as one when matching (after parsing, so a title
# keeps its own normalised form): "Audio Engineer" is a sound engineer.
SYNONYMS: dict[str, str] = {"audio": "sound"}

# Words that say how senior, never which role.
SENIORITY: dict[str, str] = {
    "trainee": "entry",
    "intern": "entry",
    "internship": "entry",
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
    "film set",
    "tv commercials",
    "street lighting",
    "tour operator",
    "recording artist",
    "tour guide",
    "travel agent",
    "light rail",
    "hearing aid",
    "data center",
    "fast food",
    "call center",
    "real estate",
    "operating theater",
    "lecture theater",
    "post room",
    "level meter",
)

# --- Evidence beside the role labels (the calibrated in-trade decision reads these) --------
#
# A title is read as department words + a role noun + seniority words, each apart: "Box
# Office Attendant" is the box office's entry-level worker even though no label says
# "attendant". Words here are after normalisation (lower case, ASCII, shorthand expanded).

# Words and phrases that name one of the catalog's departments.
DEPARTMENT_WORDS: dict[str, str] = {
    **dict.fromkeys(
        "sound audio pa mic mics microphone rf foldback iem monitor loudspeaker speaker speakers "
        "tonmeister tontechniker".split(),
        "audio",
    ),
    "in ear": "audio",
    **dict.fromkeys(
        "lighting light lights spot followspot spotlight electrics electrician lamp lampie "
        "lampy dimmer dimmers luminaire grandma grandma2 grandma3 hog eos beleuchter".split(),
        "lighting",
    ),
    "moving light": "lighting",
    **dict.fromkeys(
        "rigging rigger rig hoist hoists motor motors truss climber".split(), "rigging"
    ),
    "chain hoist": "rigging",
    **dict.fromkeys(
        "stage staging deck scenic scenery carpentry carp fly flys flying flyman props "
        "stagehand automation backstage".split(),
        "staging",
    ),
    "load in": "staging",
    "load out": "staging",
    **dict.fromkeys(
        "video led screen screens camera projection projector projectionist imag vision "
        "disguise".split(),
        "video",
    ),
    "media server": "video",
    **dict.fromkeys(
        "backline guitar drum drums keys keyboard synth piano bass instrument instruments "
        "percussion changeover changeovers backliner".split(),
        "backline",
    ),
    "production": "production",
    "advance": "production",
    **dict.fromkeys("tour touring road".split(), "touring"),
    "vip": "touring",
    "meet and greet": "touring",
    "fan experience": "touring",
    "box office": "box-office",
    **dict.fromkeys("ticket tickets ticketing".split(), "box-office"),
    "will call": "box-office",
    "ticket sales": "box-office",
    **dict.fromkeys("marketing promotions promo publicity".split(), "marketing"),
    "social media": "marketing",
    "street team": "marketing",
    **dict.fromkeys(
        "security steward stewards stewarding crowd door doors barrier pit sia bouncer "
        "doorman".split(),
        "security",
    ),
    **dict.fromkeys("hospitality catering rider liaison".split(), "hospitality"),
    "green room": "hospitality",
    "dressing room": "hospitality",
    **dict.fromkeys("merch merchandise".split(), "merchandise"),
    "front of house": "front-of-house-ops",
    **dict.fromkeys("usher usherette auditorium audience".split(), "front-of-house-ops"),
    **dict.fromkeys(
        "studio recording session sessions mixing mastering tracking foley composer "
        "composition scoring producer sfx daw atmos beat beats".split(),
        "studio",
    ),
    "pro tools": "studio",
    "sound design": "studio",
    "sound effects": "studio",
}

# Places and kinds of show: the job is in the trade, whichever department it is.
TRADE_PLACES = frozenset(
    """
    venue venues theater theaters concert concerts festival festivals arena arenas stadium
    stadiums club clubs gig gigs music band bands orchestra orchestral opera ballet musical
    musicals panto broadway west end playhouse hall live show shows touring tour iatse local
    artist artists headline headliner album record label arts comedy jazz nightclub cabaret
    amphitheater circus
    """.split()
)

# The noun that names the kind of worker, with the career level it suggests (0 entry,
# 1 mid, 2 senior, 3 lead). The department says which team; this says which rung.
ROLE_NOUNS: dict[str, int] = {
    **dict.fromkeys(
        "attendant assistant clerk cashier staff crew hand helper seller vendor host associate "
        "representative rep advisor agent runner member casual intern keeper checker scanner "
        "person team guy".split(),
        0,
    ),
    **dict.fromkeys(
        "technician operator engineer coordinator officer artist specialist programmer "
        "editor mixer carpenter rigger performer walker recordist".split(),
        1,
    ),
    **dict.fromkeys("manager supervisor designer producer composer".split(), 2),
    **dict.fromkeys("director head chief lead leader".split(), 3),
}

# Nouns of rank, with the rung they name (as ``ROLE_NOUNS``): beside a department with no
# label of its own ("Merch Coordinator", "Ticketing Supervisor") they pick that department's
# role nearest the rung.
RANK_NOUNS: dict[str, int] = {
    "coordinator": 1,
    "supervisor": 2,
    "manager": 2,
    "lead": 3,
    "leader": 3,
    "head": 3,
}

# Places of work that decide between roles sharing a worker noun (matched form: "front of
# house" is "front house"): "FOH Mix Engineer" mixes at front of house, "Runner - Recording
# Studio" runs for the studio.
WORK_PLACES = frozenset({"front house", "house", "monitor", "studio"})

# Nouns for a member of a crew, whatever the craft; tried in this order with a craft word
# ("audio hand" -> "sound technician", "backline crew").
CREW_NOUNS = ("technician", "crew", "hand", "staff")
# The stage is where every crew works: beside a craft's word it never decides the craft.
STAGE_WORDS = frozenset({"stage", "staging", "backstage"})

# Other industries' own words, by industry: what their job titles name that ours never do
# (a workplace, a material, a client, a kind of product). A word shared with the trade
# ("electrician", "radio", "rail", "set", "site", "sales", "road", "bar") is left out: it
# says nothing on its own. Words after normalisation (lower case, ASCII, "centre" as "center").
OTHER_INDUSTRIES: dict[str, frozenset[str]] = {
    industry: frozenset(words.split())
    for industry, words in {
        "it and software": """
            software developer developers programming devops cloud data analyst analytics
            scientist it helpdesk cyber saas web frontend backend fullstack java python
            javascript sql linux network networks database sysadmin infrastructure reliability
            ux ui qa tester firmware embedded erp crm salesforce sap triage kubernetes desktop
            b2b computer computing hardware servicedesk cybersecurity blockchain crypto ai ml
            telecommunications broadband fibre fiber""",
        "healthcare": """
            nurse nursing carer care clinical clinic medical hospital patient patients dental
            dentist pharmacy pharmacist doctor surgeon surgical physiotherapist physiotherapy
            midwife paramedic healthcare veterinary nhs therapist therapy anaesthetics
            anesthesia ward radiology radiographer sonographer ultrasound audiologist audiology
            hearing optician optometrist vet ambulance pathology phlebotomist mortuary porter
            orthodontic laboratory lab dementia elderly hospice surgery gp mental psychiatric
            psychologist counsellor counselor occupational chiropractor osteopath podiatrist
            pharmacology""",
        "wellbeing and sport": """
            healer healing wellness spa massage salon hair beauty nail nails tattoo barber
            fitness gym yoga pilates leisure trainer golf tennis swimming lifeguard athletics
            referee umpire groundsman greenkeeper caddie ski bowling casino bingo arcade makeup""",
        "education": """
            teacher teaching tutor lecturer school schools nursery classroom academy university
            campus pupil pupils alumni boarding peripatetic curriculum science headteacher
            kindergarten preschool childcare creche tutoring exam exams invigilator library
            librarian senco""",
        "retail": """
            retail store stores supermarket shop shops mall merchandiser merchandising checkout
            grocery dealership showroom wholesale ecommerce shopping clothing fashion apparel
            jewellery jewelry cosmetics florist till stockroom boutique outlet convenience
            homeware furniture electricals diy""",
        "hospitality and food": """
            restaurant cafe coffee barista kitchen chef cook waiter waitress hotel housekeeping
            banqueting buffet steakhouse burger pizza sommelier housekeeper valet concierge
            dining bakery baker butcher brewery distillery food beverage bartender mixologist
            sous commis pastry dishwasher hostel motel resort guesthouse canteen cafeteria""",
        "logistics and transport": """
            warehouse logistics courier lorry hgv taxi depot parcel forklift freight haulage
            shipping fleet dispatch delivery postal mailroom ferry train railway station airport
            airline aircraft cabin ramp pilot supply procurement purchasing inventory picker
            packer pallet removals tram metro subway aviation airside baggage cargo port harbour
            harbor""",
        "manufacturing": """
            factory manufacturing packaging plant assembly assembler machinist cnc moulding
            injection bottling mill steel foundry welder welding fabrication fabricator
            processing meat pharmaceutical pharma biotech semiconductor aerospace automotive
            vehicle vehicles electronics chemical paint rubber plastics textile industrial
            calibration metrology nvh product lathe extrusion tooling toolmaker plc scada
            robotics packing glass ceramics paper timber sawmill""",
        "construction and buildings": """
            construction housebuilding residential domestic concrete cement scaffolder
            scaffolding bricklayer plasterer roofer tiler glazier joiner joinery plumber
            plumbing hvac substation civil structural highways highway surveyor estimator
            architect architecture architectural draughtsman drafter cad bim crane signaller
            slinger demolition groundworks insulation noise vibration landscape groundworker
            drywall shopfitter shopfitting flooring cladding steelwork asbestos surveying
            quantity tarmac paving drainage sewer pipeline pipefitter gasfitter elevator""",
        "energy, sea and heavy industry": """
            offshore oil petroleum gas quarry mining drilling turbine turbines wind solar boiler
            nuclear utilities utility shipyard yacht vessel vessels marina sail trawler fishing
            fisherman sailor lifeboat coastguard renewables renewable hydrogen refinery""",
        "farming and outdoors": """
            farm dairy ranch agricultural gardener landscaper grounds stable equestrian groom
            lumber forestry horticulture zoo zookeeper pest livestock poultry crops harvest
            vineyard tractor kennel kennels cattery grooming dog horse""",
        "finance, law and office": """
            accountant accounting finance financial bank banking investment insurance mortgage
            payroll tax audit auditor bookkeeper bookkeeping fraud legal solicitor lawyer
            paralegal law court courts hr recruitment recruiter estate property lettings
            secretary typist clerical compliance consultant consulting consultancy government
            council municipal police prison army military archive archives registry agency
            defence defense underwriter actuary actuarial treasury credit loans wealth trading
            trader brokerage broker conveyancing notary claims receivable payable ledger
            invoicing billing debt telesales telemarketing embassy""",
        "media, print and photography": """
            print printing publishing publisher newspaper magazine journalist reporter newsroom
            news editorial copywriter photography photographer photo wedding weddings portrait
            youtube commercials proofreader subeditor typesetter bindery signage signmaker seo
            ppc influencer blogger newsreader weather""",
        "film and television set": "gaffer boom dolly continuity cinema",
        "religion": """
            church churches parish chapel cathedral ministry pastor choir organist mosque temple
            synagogue chaplain vicar priest diocese""",
        "services and trades": """
            cleaning cleaner janitor caretaker mechanic locksmith painter decorator telecom
            telecoms alarm alarms cctv travel tourism visitor museum castle exhibition nanny
            babysitter funeral crematorium laundry valeting window gutter parking traffic warden""",
        "musicians": """
            musician musicians pianist guitarist drummer vocalist singer violinist cellist
            bassist""",
    }.items()
}

# Words of other trades and workplaces, every industry's together. A title with one of these
# is probably not ours even when it shares a word with us ("offshore rigger", "retail
# security", "software engineer"); the decision weighs it, it does not veto on its own.
OUT_OF_TRADE = frozenset().union(*OTHER_INDUSTRIES.values())

# Film, television and games: a sound role may work for the screen ("Foley Artist - Film &
# TV", "Sound Designer - Video Games"); a crew or office role there is in another industry
# ("Production Coordinator - Film", "Lighting Artist - Video Games").
SCREEN = frozenset(
    "film films tv television movie movies cinema games gaming videogame videogames".split()
)
SCREEN_ROLES = frozenset({"sound-designer", "foley-artist", "composer"})
