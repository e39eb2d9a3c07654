"""Who may read what: the one rule of a trainer's own sessions, and what a trainer sees of shared data.

The route decides the group (api/identity.py: `hse-admin` only, or `hse-admin` and `trainer`); these
rules decide, within a route both groups may call, what a trainer sees:
- a session (with its class list, attendance, evidence and records) only if it is assigned to them:
  its trainer is the trainer whose `userId` is the caller's login (`sub`);
- of a class list, names and attendance, not employee numbers (directory data);
- of another trainer, name, qualifications and booked hours, not their email, login or sessions.
An hse-admin sees everything.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from titan_training.domain.callers import Caller

if TYPE_CHECKING:  # a session's checks never load the trainer models; a trainer's view does, where used
    from titan_training.domain.sessions import Attendee
    from titan_training.domain.trainers import Trainer

T = TypeVar("T", bound="Trainer")


def is_own_trainer(caller: Caller, trainer: Trainer | None) -> bool:
    """The trainer is the caller: their `userId` is the caller's login."""
    return trainer is not None and trainer.user_id is not None and trainer.user_id == caller.user_id


def may_access_session(caller: Caller, session_trainer: Trainer | None) -> bool:
    """hse-admin, or the session's assigned trainer (the trainer passed is the session's): who may read it,
    mark its attendance and handle its evidence."""
    return caller.is_admin or is_own_trainer(caller, session_trainer)


def trainer_as_seen_by(trainer: T, caller: Caller) -> T:
    """Another trainer, as a trainer sees them: no email, no login, none of their sessions."""
    from titan_training.domain.trainers import TrainerDetail

    if caller.is_admin or is_own_trainer(caller, trainer):
        return trainer
    hidden: dict[str, object] = {"email": None, "user_id": None}
    if isinstance(trainer, TrainerDetail):
        hidden["sessions_this_week"] = []
    return trainer.model_copy(update=hidden)


def class_list_as_seen_by(attendees: list[Attendee], caller: Caller) -> list[Attendee]:
    """A class list as its trainer sees it: names and attendance, no employee numbers."""
    if caller.is_admin:
        return attendees
    return [attendee.model_copy(update={"employee_no": None}) for attendee in attendees]
