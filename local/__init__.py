"""Local development without Docker: the template's routes served in-process over DynamoDB Local."""
