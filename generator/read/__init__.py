"""From the catalog's folders to records: model folders, stubs' paths, card formats, YAML with lines, side files."""
