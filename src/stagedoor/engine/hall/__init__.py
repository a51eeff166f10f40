"""The union hiring hall: dispatch order and standings from the log (pure Python)."""
