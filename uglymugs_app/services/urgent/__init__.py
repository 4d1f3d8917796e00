"""Urgent first: a worker in danger asks to be contacted now, before any form.

``requests`` stores her minimal request as an urgent case and tells the staff
on call; ``on_call`` keeps the weekly hours admins set; ``alerts`` picks who is
told about a new or urgent case.
"""
