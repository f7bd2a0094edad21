"""Consultations residents and NGOs take part in: the hub, the comment form, the import."""
