import { useState } from "react";
import { Anchor, Badge } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { Link } from "react-router-dom";
import { isAdmin } from "../../../api/identity";
import { useActingAs } from "../../../app/providers";
import { usePager } from "../../../shared/paging";
import { formatHours } from "../../sessions/rules/rules";
import {
  libraryKeys,
  saveCourse,
  savePersonnel,
  saveTrainer,
  saveVenue,
  useCourses,
  usePersonnel,
  useSave,
  useTrainers,
  useVenues,
  type Course,
  type Personnel,
  type Trainer,
  type Venue,
} from "../api/queries";
import type { FieldSpec } from "./form";
import { LibraryPage, matchesSearch } from "./LibraryPage";

const COURSE_FIELDS: FieldSpec[] = [
  { name: "code", label: "Code", kind: "text", required: true },
  { name: "name", label: "Name", kind: "text", required: true },
  { name: "validityMonths", label: "Validity (months)", kind: "number" },
  { name: "durationMinutes", label: "Duration (minutes)", kind: "number" },
  {
    name: "expiryAlertDays",
    label: "Expiry alerts (days before expiry)",
    kind: "numbers",
    description: "e.g. 60, 30, 7; empty: the site's default",
  },
  { name: "requiresVerification", label: "Requires verification", kind: "checkbox" },
];

export function CoursesPage() {
  const { identity } = useActingAs();
  const pager = usePager();
  const [search, setSearch] = useState("");
  const query = useCourses(pager.token);
  const save = useSave(libraryKeys.courses, (args: { id: string | null; body: unknown }) =>
    saveCourse(args.id)(args.body as Parameters<ReturnType<typeof saveCourse>>[0]),
  );
  return (
    <LibraryPage<Course>
      title="Courses"
      noun="course"
      searchLabel="Search courses"
      search={search}
      onSearch={setSearch}
      rows={query.data?.items.filter((c) => matchesSearch(`${c.code} ${c.name}`, search))}
      nextToken={query.data?.nextToken}
      loading={query.isLoading}
      error={query.error}
      pager={pager}
      canEdit={isAdmin(identity)}
      fields={COURSE_FIELDS}
      onSave={(id, body) => save.mutateAsync({ id, body })}
      columns={[
        { header: "Code", cell: (c) => c.code },
        { header: "Name", cell: (c) => c.name },
        { header: "Valid for", cell: (c) => (c.validityMonths ? `${c.validityMonths} months` : "No expiry") },
        { header: "Duration", cell: (c) => (c.durationMinutes ? `${c.durationMinutes} min` : "—") },
        {
          header: "Verification",
          cell: (c) => (c.requiresVerification ? <Badge color="violet">Required</Badge> : "—"),
        },
      ]}
    />
  );
}

const VENUE_FIELDS: FieldSpec[] = [
  { name: "name", label: "Name", kind: "text", required: true },
  { name: "capacity", label: "Capacity", kind: "number", required: true },
  { name: "location", label: "Location", kind: "text" },
];

export function VenuesPage() {
  const { identity } = useActingAs();
  const pager = usePager();
  const [search, setSearch] = useState("");
  const query = useVenues(pager.token);
  const save = useSave(libraryKeys.venues, (args: { id: string | null; body: unknown }) =>
    saveVenue(args.id)(args.body as Parameters<ReturnType<typeof saveVenue>>[0]),
  );
  return (
    <LibraryPage<Venue>
      title="Venues"
      noun="venue"
      searchLabel="Search venues"
      search={search}
      onSearch={setSearch}
      rows={query.data?.items.filter((v) => matchesSearch(`${v.name} ${v.location ?? ""}`, search))}
      nextToken={query.data?.nextToken}
      loading={query.isLoading}
      error={query.error}
      pager={pager}
      canEdit={isAdmin(identity)}
      fields={VENUE_FIELDS}
      onSave={(id, body) => save.mutateAsync({ id, body })}
      columns={[
        { header: "Name", cell: (v) => v.name },
        { header: "Capacity", cell: (v) => v.capacity },
        { header: "Location", cell: (v) => v.location ?? "—" },
      ]}
    />
  );
}

const TRAINER_FIELDS: FieldSpec[] = [
  { name: "firstName", label: "First name", kind: "text", required: true },
  { name: "lastName", label: "Last name", kind: "text", required: true },
  { name: "email", label: "Email", kind: "text" },
  { name: "userId", label: "Login (userId)", kind: "text" },
];

export function TrainersPage() {
  const { identity } = useActingAs();
  const pager = usePager();
  const [search, setSearch] = useState("");
  const query = useTrainers({ nextToken: pager.token });
  const save = useSave(libraryKeys.trainers, (args: { id: string | null; body: unknown }) =>
    saveTrainer(args.id)(args.body as Parameters<ReturnType<typeof saveTrainer>>[0]),
  );
  return (
    <LibraryPage<Trainer>
      title="Trainers"
      noun="trainer"
      searchLabel="Search trainers"
      search={search}
      onSearch={setSearch}
      rows={query.data?.items.filter((t) => matchesSearch(`${t.firstName} ${t.lastName} ${t.email ?? ""}`, search))}
      nextToken={query.data?.nextToken}
      loading={query.isLoading}
      error={query.error}
      pager={pager}
      canEdit={isAdmin(identity)}
      fields={TRAINER_FIELDS}
      onSave={(id, body) => save.mutateAsync({ id, body })}
      columns={[
        {
          header: "Name",
          cell: (t) => (
            <Anchor component={Link} to={`/trainers/${t.id}`}>
              {t.firstName} {t.lastName}
            </Anchor>
          ),
        },
        { header: "Email", cell: (t) => (t.email ? <Anchor href={`mailto:${t.email}`}>{t.email}</Anchor> : "—") },
        { header: "Qualified courses", cell: (t) => t.qualifiedCourseIds.length },
        { header: `Booked (${query.data?.items[0]?.loadWeek ?? "this week"})`, cell: (t) => formatHours(t.hoursBookedThisWeek) },
      ]}
    />
  );
}

const PERSONNEL_FIELDS: FieldSpec[] = [
  { name: "employeeNo", label: "Employee number", kind: "text", required: true },
  { name: "firstName", label: "First name", kind: "text", required: true },
  { name: "lastName", label: "Last name", kind: "text", required: true },
  { name: "email", label: "Email", kind: "text" },
  { name: "active", label: "Active", kind: "checkbox" },
];

export function PersonnelPage() {
  const pager = usePager();
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 300);
  const query = usePersonnel(debounced, pager.token);
  const save = useSave(libraryKeys.personnel, (args: { id: string | null; body: unknown }) =>
    savePersonnel(args.id)(args.body as Parameters<ReturnType<typeof savePersonnel>>[0]),
  );
  return (
    <LibraryPage<Personnel>
      title="Personnel"
      noun="worker"
      searchLabel="Search personnel"
      search={search}
      onSearch={(text) => {
        setSearch(text);
        pager.reset(); // a token belongs to its query
      }}
      rows={query.data?.items}
      nextToken={query.data?.nextToken}
      loading={query.isLoading}
      error={query.error}
      pager={pager}
      canEdit
      fields={PERSONNEL_FIELDS}
      onSave={(id, body) => save.mutateAsync({ id, body })}
      columns={[
        { header: "Employee no.", cell: (p) => p.employeeNo },
        {
          header: "Name",
          cell: (p) => (
            <Anchor component={Link} to={`/personnel/${p.id}`}>
              {p.firstName} {p.lastName}
            </Anchor>
          ),
        },
        { header: "Email", cell: (p) => p.email ?? "—" },
        { header: "Status", cell: (p) => (p.active ? "Active" : <Badge color="gray">Inactive</Badge>) },
      ]}
    />
  );
}
