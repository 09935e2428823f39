"""Carry-over tracing: which mandate continues which, how sure we are, and why."""
