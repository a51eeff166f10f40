"""The front-end packages' files the pages use, found in node_modules (settings.STAGEDOOR_VENDOR).

The npm packages ship far more than the site loads (Pico's 1,400 colour variants, Swagger
UI's other bundles): offering only the named files (and their source maps) keeps
`collectstatic` to seconds and the served set to what the pages ask for. A page that needs
another file names it in STAGEDOOR_VENDOR.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage


class VendorFinder(BaseFinder):
    def __init__(self, *args, **kwargs):
        self.entries: list[tuple[str, FileSystemStorage, list[str]]] = []
        for prefix, root, names in settings.STAGEDOOR_VENDOR:
            root = Path(root)
            if not root.is_dir():
                continue  # node_modules not installed: the pages then miss their styles
            storage = FileSystemStorage(location=root)
            storage.prefix = prefix
            files = [n for name in names for n in (name, f"{name}.map") if (root / n).is_file()]
            self.entries.append((prefix, storage, files))

    def check(self, **kwargs):
        return []

    def find(self, path, find_all=False, **kwargs):
        found = []
        for prefix, storage, files in self.entries:
            name = path.removeprefix(f"{prefix}/")
            if name != path and name in files:
                if not find_all:
                    return storage.path(name)
                found.append(storage.path(name))
        return found

    def list(self, ignore_patterns):
        for _prefix, storage, files in self.entries:
            for name in files:
                yield name, storage
