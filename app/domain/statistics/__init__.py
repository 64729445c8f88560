"""The statistics (统计): counted per county, kept up to date, and read for the pages.

Counting is pure functions over one county's applications and allowances, a refresh writes
the summary the pages read, and the report reads it for a county or an area. A new figure is
counted here; its table and words are the web layer's (app/web/statistics_tables.py).
"""
