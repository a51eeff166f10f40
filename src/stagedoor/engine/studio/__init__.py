"""Studio project work: quotes priced against a budget, and their fit."""
