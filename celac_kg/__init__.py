"""celac-kg: the command line that wires extraction, the graph and the web service together."""
