"""Demo: a realistic, deterministic county to try Zuoye on (``zuoye demo``)."""
