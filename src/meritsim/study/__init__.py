"""Studies: simulate, compare and sweep scenarios over replications (:mod:`.simulate`,
:mod:`.compare`, :mod:`.sweep`), run as :class:`~meritsim.study.options.RunOptions` say, into one
:class:`~meritsim.study.results.Results`; executors, a resumable store, statistics, provenance."""
