"""Shared pieces of the `stagedoor` commands: argument parsing and error reporting."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import CommandError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from .validation import Errors, messages_of


class FieldParser:
    """Turns command-line strings into typed values, collecting errors per field."""

    def __init__(self) -> None:
        self.errors = Errors()

    def datetime(self, field: str, text: str | None) -> dt.datetime | None:
        if text is None:
            return None
        try:
            return dt.datetime.fromisoformat(text)
        except ValueError:
            self.errors.add(field, f"'{text}' is not an ISO 8601 date and time.")
            return None

    def date(self, field: str, text: str | None) -> dt.date | None:
        if text is None:
            return None
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            self.errors.add(field, f"'{text}' is not a date (YYYY-MM-DD).")
            return None

    def levels(self, field: str, items: list[str]) -> dict[str, int]:
        out: dict[str, int] = {}
        for item in items:
            slug, _, level = item.partition(":")
            try:
                out[slug] = int(level or "1")
            except ValueError:
                self.errors.add(field, f"'{item}' should read SKILL:LEVEL, e.g. digico-sd:3.")
        return out

    def lookup(self, field: str, model, slug: str | None):
        if slug is None:
            return None
        found = model.objects.filter(slug=slug).first()
        if found is None:
            self.errors.add(field, f"'{slug}' does not exist.")
        return found


def user_named(username: str, flag: str = "--as"):
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"{flag}: no user called '{username}'.")
    return user


def report_errors(errors: dict[str, list[str]]) -> CommandError:
    lines = [f"  {field}: {message}" for field, msgs in errors.items() for message in msgs]
    return CommandError("Nothing was saved.\n" + "\n".join(lines))


def call_service(parser: FieldParser, fn: Callable[..., Any], **kwargs: Any) -> Any:
    """Run a service after parsing; turn its refusals into a clear CommandError."""
    if parser.errors:
        raise report_errors(parser.errors.by_field)
    try:
        return fn(**kwargs)
    except ValidationError as exc:
        raise report_errors(messages_of(exc)) from exc
    except PermissionDenied as exc:
        raise CommandError(f"Permission denied: {exc}") from exc


class RichProgress:
    """Adapts a rich progress bar to the start/advance interface long work reports through
    (the same one `core.tasks.Progress` offers a page)."""

    def __init__(self, bar: Progress, label: str) -> None:
        self.bar, self.label = bar, label
        self.task = bar.add_task(label, total=None)

    def start(self, total: int, message: str = "") -> None:
        self.bar.update(self.task, total=total, completed=0, description=message or self.label)

    def advance(self, steps: int = 1, message: str | None = None) -> None:
        self.bar.update(self.task, advance=steps, description=message or None)

    def extend(self, more: int = 0, message: str | None = None) -> None:
        total = next(t.total for t in self.bar.tasks if t.id == self.task) or 0
        self.bar.update(self.task, total=total + more, description=message or None)


@contextmanager
def progress_bar(label: str, stream: TextIO | None = None) -> Iterator[RichProgress]:
    """A progress bar on `stream` (default: the terminal) for one piece of long work."""
    columns = [
        TextColumn("[bold]{task.description:<48.48}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    ]
    console = Console(file=stream) if stream is not None else None
    with Progress(*columns, console=console) as bar:
        yield RichProgress(bar, label)
