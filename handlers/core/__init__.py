"""The shared vocabulary of handlers: Incoming and Reply, the context, argument parsing, access and help."""
