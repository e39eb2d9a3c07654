"""Domain exceptions. Services raise these; the API glue maps each class to one HTTP status."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class FieldProblem:
    """One bad input field: where it was (`body`, `query`, `path`), which field, and why."""

    location: str
    field: str
    message: str
    type: str = "value_error"


class DomainError(Exception):
    """Base of every error a client can cause. `details` is extra JSON-able context for the body."""

    def __init__(self, message: str, details: list | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or []


class NotFound(DomainError):
    """A well-formed id that names nothing."""

    def __init__(self, kind: str, entity_id: str) -> None:
        super().__init__(f"{kind} {entity_id} not found")
        self.kind = kind
        self.entity_id = entity_id


class Conflict(DomainError):
    """The request clashes with the current state (a duplicate code, a booked trainer, a closed session)."""


class ConcurrentChange(Conflict):
    """What was read changed before the write committed; the use case may re-read and try again."""


class NotQualified(DomainError):
    """The trainer is not linked to the course: the hard qualification block of Module 3.1."""


class InvalidInput(DomainError):
    """Input that passed the schema but breaks a rule; names each offending field."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        text = "; ".join(f"{p.location}.{p.field}: {p.message}" for p in problems)
        super().__init__(f"Invalid request: {text}", details=[p.__dict__ for p in problems])
        self.problems = problems


class UnreadableBody(DomainError):
    """A request body that cannot be read at all: the wrong media type, or bytes that are not text."""


class TooLarge(DomainError):
    """A request bigger than the API takes (an import over its row or byte limit); the message says the limit."""


class Unavailable(DomainError):
    """Work the request needs could not be started elsewhere (the planner's function): nothing the caller
    sent is wrong, and the same request may succeed later; the message says what failed."""


class Unauthenticated(DomainError):
    """No caller identity on the request."""

    def __init__(self) -> None:
        super().__init__("Authentication required")


class Forbidden(DomainError):
    """The caller is known but lacks the group or ownership the action needs."""


@dataclass
class ValidationFailure:
    """Collects field problems so a rule can report all of them at once."""

    problems: list[FieldProblem] = field(default_factory=list)

    def add(self, location: str, name: str, message: str) -> None:
        self.problems.append(FieldProblem(location, name, message))

    def raise_if_any(self) -> None:
        if self.problems:
            raise InvalidInput(self.problems)
