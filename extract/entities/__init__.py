"""Entities in the plans: meetings, their dates and places, actors and partners (spaCy)."""
