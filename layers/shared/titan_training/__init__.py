"""Titan Module 3.0, Training Session Management: the domain layer every Lambda shares.

Rooms, and the one direction data flows through them:
    api (resolver, errors, identity, observability) -> services (use cases) -> domain (rules) and store (DynamoDB).
"""
