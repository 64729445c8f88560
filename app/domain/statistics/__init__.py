"""The statistics (统计): counted per county, kept up to date, and read for the pages."""
