"""From the catalog to the site's files in memory: views for templates, Markdown, pages, data files, search, feed."""
