"""The only code that knows the table's keys, indexes and pynamodb. See docs/data-model.md."""

from titan_training.store.repository import TrainingStore

__all__ = ["TrainingStore"]
