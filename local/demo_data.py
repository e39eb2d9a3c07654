"""A small, realistic data set for a new local table: courses, ~50 workers with mixed compliance,
trainers with their qualifications, and venues. Written through the services, so it obeys the same
rules as anything the API accepts. Deterministic: the same names and states on every machine.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from titan_training.domain.clock import iso_week, site_today, utc_now
from titan_training.domain.compliance import ComplianceItemPut, ComplianceStatus
from titan_training.domain.courses import CourseCreate
from titan_training.domain.personnel import PersonnelCreate
from titan_training.domain.sessions import CreateDraft, ScheduleSession
from titan_training.domain.trainers import TrainerCreate
from titan_training.domain.venues import VenueCreate
from titan_training.services import compliance, courses, personnel, sessions, trainers, venues
from titan_training.services.suggestions import attendee_suggestions
from titan_training.store import TrainingStore

COURSES = [
    CourseCreate(name="H2S Awareness", code="H2S-AW", validity_months=24, duration_minutes=240),
    CourseCreate(name="Fire Warden", code="FIRE-WD", validity_months=36, duration_minutes=360),
    CourseCreate(name="Working at Heights", code="WAH-01", validity_months=24, duration_minutes=480),
    CourseCreate(name="First Aid at Work", code="FAW-3D", validity_months=36, duration_minutes=1080),
    CourseCreate(
        name="Confined Space Entry", code="CSE-01", validity_months=12, requires_verification=True, duration_minutes=480
    ),
    CourseCreate(name="Site Induction", code="IND-01", validity_months=None, duration_minutes=90),
]

FIRST_NAMES = [
    "Aisha", "Ben", "Carlos", "Dana", "Elif", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kemal", "Lena",
    "Mateo", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Samir", "Tara", "Umar", "Vera", "Wei", "Yusuf", "Zara",
]  # fmt: skip
LAST_NAMES = [
    "Abbott", "Baker", "Chen", "Demir", "Evans", "Fischer", "Garcia", "Haddad", "Ivanova", "Jensen", "Khan",
    "Lopez", "Murphy", "Novak", "Okafor", "Patel", "Rossi", "Silva", "Tanaka", "Usman", "Volkov", "Walsh",
    "Yilmaz", "Zhou", "Owens",
]  # fmt: skip

# (first name, last name, login sub or None, codes of the courses they are qualified for)
TRAINERS = [
    ("Frank", "Miller", "demo-trainer-frank", ("H2S-AW", "FIRE-WD", "IND-01")),
    ("Sofia", "Reyes", None, ("WAH-01", "CSE-01", "IND-01")),
    ("Daniel", "Okoro", None, ("FAW-3D",)),
    ("Hannah", "Becker", None, ("H2S-AW", "CSE-01")),
    ("Yara", "Nasser", None, ()),
]

VENUES = [
    VenueCreate(name="Training Room A", location="Main Office, Level 2", capacity=20),
    VenueCreate(name="Training Room B", location="Main Office, Level 2", capacity=12),
    VenueCreate(name="Fire Ground", location="North Yard", capacity=30),
    VenueCreate(name="Site Cabin 3", location="Plant 4 Laydown Area", capacity=8),
]


def _standing(rng: random.Random, today: date) -> ComplianceItemPut | None:
    """A mix a dashboard would show: red, yellow, green expiring soon, green, lapsed, or no item at all."""
    roll = rng.random()
    if roll < 0.20:
        return ComplianceItemPut(status=ComplianceStatus.NON_COMPLIANT)
    if roll < 0.32:
        return ComplianceItemPut(status=ComplianceStatus.PENDING)
    if roll < 0.45:
        return ComplianceItemPut(
            status=ComplianceStatus.COMPLIANT, expiry_date=today + timedelta(days=rng.randint(3, 59))
        )
    if roll < 0.52:
        return ComplianceItemPut(
            status=ComplianceStatus.COMPLIANT, expiry_date=today - timedelta(days=rng.randint(1, 90))
        )
    if roll < 0.85:
        return ComplianceItemPut(
            status=ComplianceStatus.COMPLIANT, expiry_date=today + timedelta(days=rng.randint(90, 700))
        )
    return None


def load(store: TrainingStore, site_timezone: str = "UTC", people: int = 50, seed: int = 3) -> dict[str, int]:
    """Fill a new table; days, weeks and session hours are on the site's calendar (`SITE_TIMEZONE`)."""
    rng = random.Random(seed)
    now = utc_now()
    today = site_today(site_timezone, now)
    by_code = {new.code: courses.create_course(store, new, now) for new in COURSES}
    for first, last, user_id, codes in TRAINERS:
        email = f"{first}.{last}@titan.example".lower()
        new_trainer = TrainerCreate(first_name=first, last_name=last, email=email, user_id=user_id)
        trainer = trainers.create_trainer(store, new_trainer, now)
        for code in codes:
            trainers.qualify_trainer(store, trainer.id, by_code[code].id, now, iso_week(now, site_timezone))
    for new_venue in VENUES:
        venues.create_venue(store, new_venue, now)
    items = 0
    for number in range(people):
        first = FIRST_NAMES[number % len(FIRST_NAMES)]
        last = LAST_NAMES[(number * 7 + number // len(FIRST_NAMES)) % len(LAST_NAMES)]
        worker = personnel.create_personnel(
            store,
            PersonnelCreate(
                first_name=first,
                last_name=last,
                email=f"{first}.{last}{number}@titan.example".lower(),
                employee_no=f"EMP-{1001 + number}",
                active=number % 17 != 16,
            ),
            now,
        )
        for course in by_code.values():
            standing = _standing(rng, today)
            if standing is not None:
                compliance.put_compliance_item(store, worker.id, course.id, standing, now, today)
                items += 1
    scheduled = _sessions_this_week(store, by_code, now, site_timezone)
    return {
        "courses": len(COURSES),
        "trainers": len(TRAINERS),
        "venues": len(VENUES),
        "personnel": people,
        "complianceItems": items,
        "sessions": scheduled,
    }


# (course code, trainer last name, venue name, weekday 0=Monday, start hour, hours, attendees to invite)
SESSIONS = [
    ("H2S-AW", "Miller", "Training Room A", 1, 9, 4, 22),
    ("WAH-01", "Reyes", "Fire Ground", 2, 8, 8, 12),
    ("FAW-3D", "Okoro", "Training Room B", 3, 9, 6, 10),
    ("CSE-01", "Becker", "Site Cabin 3", 4, 13, 4, 0),
]


def _sessions_this_week(store: TrainingStore, by_code: dict, now: datetime, site_timezone: str) -> int:
    """A week of planned training: scheduled sessions (local hours on the site's calendar, this ISO
    week) with class lists chosen by the smart picker."""
    today = site_today(site_timezone, now)
    monday = today - timedelta(days=today.weekday())
    zone = ZoneInfo(site_timezone)
    trainers_by_name = {t.last_name: t for t in store.list_trainers(200, None)[0]}
    venues_by_name = {v.name: v for v in venues.list_venues(store, 200, None).items}
    for code, trainer_name, venue_name, weekday, hour, hours, invite in SESSIONS:
        draft = sessions.create_draft(store, CreateDraft(course_id=by_code[code].id), "demo-admin", now)
        day = monday + timedelta(days=weekday)
        start = datetime(day.year, day.month, day.day, hour, tzinfo=zone)
        plan = ScheduleSession(
            trainer_id=trainers_by_name[trainer_name].id,
            venue_id=venues_by_name[venue_name].id,
            start_time=start,
            end_time=start + timedelta(hours=hours),
        )
        sessions.schedule_session(store, draft.id, plan, now, site_timezone)
        if invite:
            picked = attendee_suggestions(store, draft.id, None, invite, today, 60, now)
            sessions.add_attendees(store, draft.id, [s.personnel_id for s in picked.items], now)
    return len(SESSIONS)
