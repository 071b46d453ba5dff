"""The records every stage passes (stubs, models, problems) and the catalog made of them: tables, baselines, checks."""
