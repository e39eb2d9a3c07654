import { useCallback, useMemo, useRef, useState } from "react";
import { Button, Group, Loader, SimpleGrid, Select, Stack, Text, Title } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useConfig } from "../../config/api/config";
import { useCourses, useTrainers, useVenues } from "../../libraries/api/queries";
import { ErrorAlert } from "../../../shared/components";
import { usePlannerSessions } from "../api/queries";
import { siteNow, toEvent } from "../rules/rules";
import { NewDraftModal, type PickedTime } from "./NewDraftModal";
import { StatusLegend } from "./StatusLegend";
import { WeekGrid, type GridControls } from "./WeekGrid";

const OPTIONS = 200; // the filters offer the first 200 of each library (the API's largest page)

/** The week grid of sessions in the site's time zone, filtered by course, trainer and venue. */
export function PlannerPage() {
  const siteTimezone = useConfig().data?.siteTimezone;
  const narrow = useMediaQuery("(max-width: 48em)") ?? false;
  const grid = useRef<GridControls>(null);
  const [range, setRange] = useState<{ from: string; to: string; title: string } | null>(null);
  const [courseId, setCourseId] = useState<string | null>(null);
  const [trainerId, setTrainerId] = useState<string | null>(null);
  const [venueId, setVenueId] = useState<string | null>(null);
  const [drafting, setDrafting] = useState<{ picked: PickedTime | null } | null>(null);

  const courses = useCourses(undefined, OPTIONS);
  const trainers = useTrainers({ limit: OPTIONS });
  const venues = useVenues(undefined, OPTIONS);
  const sessions = usePlannerSessions(
    range
      ? { from: range.from, to: range.to, courseId: courseId ?? undefined, trainerId: trainerId ?? undefined, venueId: venueId ?? undefined }
      : null,
  );

  const courseOptions = (courses.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }));
  const trainerOptions = (trainers.data?.items ?? []).map((t) => ({ value: t.id, label: `${t.firstName} ${t.lastName}` }));
  const venueOptions = (venues.data?.items ?? []).map((v) => ({ value: v.id, label: v.name }));
  const courseNames = useMemo(
    () => Object.fromEntries((courses.data?.items ?? []).map((c) => [c.id, c.name])) as Record<string, string>,
    [courses.data],
  );
  const events = useMemo(
    () =>
      siteTimezone
        ? (sessions.data ?? []).flatMap((s) => toEvent(s, courseNames[s.courseId] ?? s.courseId, siteTimezone) ?? [])
        : [],
    [sessions.data, courseNames, siteTimezone],
  );
  const unit = narrow ? "day" : "week";
  const now = useCallback(() => siteNow(new Date(), siteTimezone ?? "UTC"), [siteTimezone]);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          Planner
        </Title>
        <Button onClick={() => setDrafting({ picked: null })}>New draft</Button>
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Select label="Course" placeholder="All courses" clearable searchable data={courseOptions} value={courseId} onChange={setCourseId} />
        <Select label="Trainer" placeholder="All trainers" clearable searchable data={trainerOptions} value={trainerId} onChange={setTrainerId} />
        <Select label="Venue" placeholder="All venues" clearable searchable data={venueOptions} value={venueId} onChange={setVenueId} />
      </SimpleGrid>
      <ErrorAlert error={courses.error ?? trainers.error ?? venues.error} />
      <Group justify="space-between" gap="xs">
        <Group gap="xs">
          <Button variant="default" size="xs" onClick={() => grid.current?.previous()}>
            Previous {unit}
          </Button>
          <Button variant="default" size="xs" onClick={() => grid.current?.today()}>
            Today
          </Button>
          <Button variant="default" size="xs" onClick={() => grid.current?.next()}>
            Next {unit}
          </Button>
        </Group>
        <Group gap="xs">
          {sessions.isFetching ? <Loader size="xs" aria-label="Loading sessions" /> : null}
          <Text fw={600} aria-live="polite">
            {range?.title}
          </Text>
          {siteTimezone ? (
            <Text size="sm" c="gray.7">
              ({siteTimezone})
            </Text>
          ) : null}
        </Group>
      </Group>
      <StatusLegend />
      <ErrorAlert error={sessions.error} />
      {siteTimezone ? (
        <WeekGrid
          ref={grid}
          events={events}
          siteTimezone={siteTimezone}
          now={now}
          narrow={narrow}
          onRangeChange={setRange}
          onPick={(picked) => setDrafting({ picked })}
        />
      ) : (
        <Loader aria-label="Loading" />
      )}
      <Text size="xs" c="gray.7">
        Select a time on the grid to start a draft there; sessions without a time are listed under Sessions.
      </Text>
      <NewDraftModal
        opened={drafting !== null}
        onClose={() => setDrafting(null)}
        courses={courseOptions}
        picked={drafting?.picked ?? null}
        siteTimezone={siteTimezone ?? "UTC"}
      />
    </Stack>
  );
}
