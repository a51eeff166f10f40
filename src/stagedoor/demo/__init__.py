"""The demo world: a deterministic, believable slice of the live-music industry."""
