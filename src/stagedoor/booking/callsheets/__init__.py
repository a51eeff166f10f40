"""The call sheet of a show: where, when, who, and how to reach them.

`selectors.callsheet_get` is the one read every entry point uses (page, PDF, API, CLI); it
asks `rules.callsheet_access` who may see the sheet and whether they may see phone
numbers. `render` writes its times and its PDF; `services.callsheet_changed` tells the
booked crew that their sheet changed.
"""
