"""The demo data `make run` loads into a new local table: the seeds' story of Module 3.0 (MOD-3.0,
SPEC-3.2), from plan to proof, on the site's calendar (`SITE_TIMEZONE`):

- the libraries: 6 courses, 50 workers (red, yellow/pending, expiring, lapsed and green for each
  course, or no item at all), 5 trainers with their qualifications, 4 venues;
- 2 drafts ("need Confined Space soon"; First Aid with a trainer and room but no date yet);
- a week of SCHEDULED sessions in this ISO week, their class lists chosen by the smart picker (one
  outgrows its room, one has nobody yet);
- one session that has ended (H2S Awareness, the last weekday before today, trainer Frank Miller):
  20 invited from the picker, attendance not marked, so a newcomer marks it, uploads the signed PDF
  and finalizes it (README.md walks through it);
- one COMPLETED session (Working at Heights, last week): attendance marked, the signed sheet uploaded
  through the presigned POST to the local bucket, and `finalize_session` run, so its records, their
  evidence link and the workers it turned green are real.

Everything is written through the services, so it obeys the rules the API enforces. Deterministic:
names, compliance states, class lists and marks come from a seeded generator (ids and dates follow
today). Logins: `demo-admin` (hse-admin) and `demo-trainer-frank` (trainer Frank Miller).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import requests

from titan_training.domain.callers import Caller
from titan_training.domain.clock import iso_week, site_today, utc_now
from titan_training.domain.compliance import ComplianceItemPut, ComplianceStatus
from titan_training.domain.courses import Course, CourseCreate
from titan_training.domain.personnel import PersonnelCreate
from titan_training.domain.records import AttendanceEntry, AttendanceSheet, Finalized, Result
from titan_training.domain.sessions import AttendanceStatus, CreateDraft, ScheduleSession
from titan_training.domain.trainers import Trainer, TrainerCreate
from titan_training.domain.venues import Venue, VenueCreate
from titan_training.services import compliance, courses, evidence, personnel, records, sessions, trainers, venues
from titan_training.services.suggestions import attendee_suggestions
from titan_training.store.evidence import EvidenceBucket
from titan_training.store.table import TrainingTable

DEMO_ADMIN = "demo-admin"  # X-Dev-User-Id of the demo's hse-admin
DEMO_TRAINER = "demo-trainer-frank"  # X-Dev-User-Id of trainer Frank Miller
ADMIN = Caller(DEMO_ADMIN, frozenset({"hse-admin"}))
ATTENDANCE_SHEET = Path(__file__).with_name("attendance-sheet.pdf")  # a signed sheet, as the trainer scans it
WARNING_DAYS = 60

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
    ("Frank", "Miller", DEMO_TRAINER, ("H2S-AW", "FIRE-WD", "IND-01")),
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


@dataclass(frozen=True)
class Slot:
    """A session of the demo: what, who, where, when (site-local hours) and how many the picker invites."""

    code: str
    trainer: str  # last name
    venue: str
    day: date
    start: time
    hours: float
    invite: int

    def plan(self, trainer: Trainer, venue: Venue, zone: ZoneInfo) -> ScheduleSession:
        start = datetime.combine(self.day, self.start, tzinfo=zone)
        return ScheduleSession(
            trainer_id=trainer.id, venue_id=venue.id, start_time=start, end_time=start + timedelta(hours=self.hours)
        )


# This ISO week: (course, trainer, venue, weekday 0=Monday, start, hours, invited by the picker).
# Frank Miller and Training Room A only in the afternoon: the ended session (a morning) may fall this week.
THIS_WEEK = [
    ("IND-01", "Reyes", "Training Room A", 0, time(13, 30), 1.5, 8),
    ("FIRE-WD", "Miller", "Fire Ground", 1, time(13), 6, 16),
    ("WAH-01", "Reyes", "Fire Ground", 2, time(8), 8, 12),
    ("FAW-3D", "Okoro", "Training Room B", 3, time(9), 6, 14),  # 14 in a room for 12: a capacity warning
    ("CSE-01", "Becker", "Site Cabin 3", 4, time(13), 4, 0),  # planned, nobody invited yet
]


def load(
    store: TrainingTable, site_timezone: str, evidence: EvidenceBucket, people: int = 50, seed: int = 3
) -> dict[str, int]:
    """Fill a new table with the story above; days, weeks and hours are on the site's calendar."""
    rng = random.Random(seed)
    now = utc_now()
    today = site_today(site_timezone, now)
    by_code = {new.code: courses.create_course(store, new, now) for new in COURSES}
    by_trainer: dict[str, Trainer] = {}
    for first, last, user_id, codes in TRAINERS:
        email = f"{first}.{last}@titan.example".lower()
        new_trainer = TrainerCreate(first_name=first, last_name=last, email=email, user_id=user_id)
        by_trainer[last] = trainers.create_trainer(store, new_trainer, now)
        for code in codes:
            trainers.qualify_trainer(store, by_trainer[last].id, by_code[code].id, now, iso_week(now, site_timezone))
    by_venue = {new.name: venues.create_venue(store, new, now) for new in VENUES}
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
    demo = DemoSessions(store, evidence, by_code, by_trainer, by_venue, site_timezone, now)
    drafts = demo.drafts()
    monday = today - timedelta(days=today.weekday())
    # Last week's Wednesday, all the way: 12 picked, marked, the signed sheet uploaded, finalized.
    done = demo.schedule(Slot("WAH-01", "Reyes", "Fire Ground", monday - timedelta(days=5), time(8), 8, 12))
    finalized = demo.finalize(done)
    # The seed's data flow up to "Execute": H2S Awareness, 20 workers picked; it ended, nothing marked yet.
    last_weekday = today - timedelta(days={0: 3, 6: 2}.get(today.weekday(), 1))
    demo.schedule(Slot("H2S-AW", "Miller", "Training Room A", last_weekday, time(8), 4, 20))
    # This week's plan: the picker ranks those last week's session turned green with the green ones.
    week = [demo.schedule(Slot(c, t, v, monday + timedelta(days=d), s, h, n)) for c, t, v, d, s, h, n in THIS_WEEK]
    return {
        "courses": len(COURSES),
        "trainers": len(TRAINERS),
        "venues": len(VENUES),
        "personnel": people,
        "complianceItems": items,
        "drafts": len(drafts),
        "sessions this week": len(week),
        "ended session to finalize": 1,
        "completed session": 1,
        "training records": finalized.training_records,
    }


class DemoSessions:
    """Sessions of the demo, made the way an admin and a trainer make them through the API."""

    def __init__(
        self,
        store: TrainingTable,
        evidence: EvidenceBucket,
        by_code: dict[str, Course],
        by_trainer: dict[str, Trainer],
        by_venue: dict[str, Venue],
        site_timezone: str,
        now: datetime,
    ) -> None:
        self.store, self.evidence, self.now, self.site_timezone = store, evidence, now, site_timezone
        self.by_code, self.by_trainer, self.by_venue = by_code, by_trainer, by_venue
        self.zone = ZoneInfo(site_timezone)

    def drafts(self) -> list[str]:
        """Plans not yet pinned down: a course alone, and a course with trainer and room but no date."""
        loose = CreateDraft(course_id=self.by_code["CSE-01"].id)
        first_aid = CreateDraft(
            course_id=self.by_code["FAW-3D"].id,
            trainer_id=self.by_trainer["Okoro"].id,
            venue_id=self.by_venue["Training Room B"].id,
        )
        return [sessions.create_draft(self.store, draft, ADMIN, self.now).id for draft in (loose, first_aid)]

    def schedule(self, slot: Slot) -> str:
        """Draft, schedule, then invite the picker's top `slot.invite` (reds first, then yellows, ...)."""
        draft = sessions.create_draft(self.store, CreateDraft(course_id=self.by_code[slot.code].id), ADMIN, self.now)
        plan = slot.plan(self.by_trainer[slot.trainer], self.by_venue[slot.venue], self.zone)
        sessions.schedule_session(self.store, draft.id, plan, ADMIN, self.now, self.site_timezone)
        if slot.invite:
            today = site_today(self.site_timezone, self.now)
            picked = attendee_suggestions(self.store, draft.id, None, slot.invite, today, WARNING_DAYS, self.now)
            sessions.add_attendees(self.store, draft.id, [s.personnel_id for s in picked.items], ADMIN, self.now)
        return draft.id

    def finalize(self, session_id: str) -> Finalized:
        """Mark the class list (the last two did not come, the one before them failed, everyone else
        passed), upload the signed sheet through the presigned POST as a browser would, finalize."""
        attendees = sessions.live_session(self.store, session_id).attendees
        entries = [
            AttendanceEntry(personnel_id=a.personnel_id, status=AttendanceStatus.ATTENDED, result=Result.PASSED)
            for a in attendees[:-3]
        ]
        entries.append(
            AttendanceEntry(
                personnel_id=attendees[-3].personnel_id, status=AttendanceStatus.ATTENDED, result=Result.FAILED
            )
        )
        entries += [
            AttendanceEntry(personnel_id=a.personnel_id, status=AttendanceStatus.NO_SHOW, remarks="Did not attend")
            for a in attendees[-2:]
        ]
        records.record_attendance(self.store, session_id, AttendanceSheet(entries=entries), ADMIN, self.now)
        form = evidence.request_evidence_upload(self.store, self.evidence, session_id, ADMIN, self.now)
        sheet = {"file": ("attendance-sheet.pdf", ATTENDANCE_SHEET.read_bytes(), "application/pdf")}
        sent = requests.post(form.url, data=form.fields, files=sheet, timeout=30)
        sent.raise_for_status()
        return records.finalize_session(self.store, self.evidence, session_id, ADMIN, self.now, self.site_timezone)
