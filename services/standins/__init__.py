"""Stand-in manager listeners, so a demo install has real ports to probe."""
