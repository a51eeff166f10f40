#!/usr/bin/env python
"""Same as the `stagedoor` console command, for habit's sake."""

from stagedoor.__main__ import main

if __name__ == "__main__":
    main()
