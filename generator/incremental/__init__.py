"""Speed machinery: the build cache and its stamp, forked workers. Nothing but the build depends on it."""
