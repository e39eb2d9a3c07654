"""Who may read what, as use cases apply it: the caller's own trainer and the sessions assigned to them.

The rules themselves are in domain/access.py; this room only reads what they need from the store.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from titan_training.domain.access import is_own_trainer, may_access_session
from titan_training.domain.callers import Caller
from titan_training.domain.errors import Forbidden

if TYPE_CHECKING:
    from titan_training.domain.sessions import Session
    from titan_training.domain.trainers import Trainer
    from titan_training.store.table import TrainingTable


def own_trainer(store: TrainingTable, caller: Caller) -> Trainer | None:
    """The trainer whose `userId` is the caller's login, if there is one."""
    trainer = store.trainers.trainer_by_login(caller.user_id)
    return trainer if is_own_trainer(caller, trainer) else None


def require_assigned(store: TrainingTable, session: Session, caller: Caller, action: str) -> None:
    """hse-admin, or the session's assigned trainer; anyone else is refused (403)."""
    if caller.is_admin:
        return
    trainer = store.trainers.get_trainer(session.trainer_id) if session.trainer_id else None
    if not may_access_session(caller, trainer):
        raise Forbidden(f"Only an hse-admin or the session's own trainer may {action}")
