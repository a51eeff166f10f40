"""Crew-call templates: save a show's crew call under a name, post it again at another show
of the same organisation, and copy a show's crew call to every stop of its tour, each in
the stop's own local time. Calls are created through `gigs.services.position_create`, so
every rule a hand-made call meets applies."""
