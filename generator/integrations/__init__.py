"""zoocat inside other tools: the MkDocs plugin, documentation pages, the dev server."""
