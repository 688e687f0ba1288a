"""Pages of the schools app: school admin pages, class pages, credential slips, region drill-down.

Each view is a thin adapter: fetch through a scoped selector (404/403 decided there), call
one service for a write, render. See the app README for the page map.
"""
