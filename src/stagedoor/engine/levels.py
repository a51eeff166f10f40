"""Career levels, lowest first: the one list the engine, the catalog and the demo share.
`industry.enums.Level` gives them their names on screen."""

LEVELS = ("entry", "mid", "senior", "lead")
