"""Pure computation: arrays and dataclasses in, results out. Never imports Django."""
