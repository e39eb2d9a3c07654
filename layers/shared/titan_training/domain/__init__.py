"""Plain-Python models and rules of the training domain. Nothing here knows about AWS."""
