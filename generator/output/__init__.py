"""The site's folder: writing files, the lock, staging and the swap."""
