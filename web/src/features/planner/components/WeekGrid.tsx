import { forwardRef, useEffect, useImperativeHandle, useRef } from "react";
import FullCalendar from "@fullcalendar/react";
import timeGridPlugin from "@fullcalendar/timegrid";
import interactionPlugin from "@fullcalendar/interaction";
import enGbLocale from "@fullcalendar/core/locales/en-gb";
import { useNavigate } from "react-router-dom";
import { gridDateToInstant, gridHours, visibleRange, type PlannerEvent } from "../rules/rules";
import type { PickedTime } from "./NewDraftModal";
import "./planner.css";

export type GridControls = { previous: () => void; next: () => void; today: () => void; goTo: (day: string) => void };

/** A block on the grid: a session (a link to its page) or anything else with a time (the plan's proposals). */
export type GridEvent = Omit<PlannerEvent, "url"> & { url?: string };

type Props = {
  events: GridEvent[];
  siteTimezone: string;
  /** The site's "now" as a wall-clock string (rules.siteNow), asked for when the grid needs it. */
  now: () => string;
  /** A phone: one day at a time. */
  narrow: boolean;
  onRangeChange: (range: { from: string; to: string; title: string }) => void;
  /** A time selected on the grid; without it the grid only shows. */
  onPick?: (time: PickedTime) => void;
  /** A block clicked (its id), instead of following its link. */
  onEventClick?: (id: string) => void;
  /** The first day shown (`YYYY-MM-DD`, site calendar); default today. */
  initialDate?: string;
  /** Days not shown (0 Sunday .. 6 Saturday). */
  hiddenDays?: number[];
  /** The hours shown; default 07:00 to 19:00 widened to hold every event. */
  hours?: { slotMinTime: string; slotMaxTime: string };
  /** Blocks at the same time side by side, never over each other (each stays readable and clickable). */
  sideBySide?: boolean;
};

/**
 * FullCalendar's time grid in its "UTC" zone, fed the site's wall-clock times (see rules.ts): the
 * toolbar is the page's own, so this exposes previous/next/today.
 */
export const WeekGrid = forwardRef<GridControls, Props>(function WeekGrid(
  { events, siteTimezone, now, narrow, onRangeChange, onPick, onEventClick, initialDate, hiddenDays, hours, sideBySide },
  ref,
) {
  const calendar = useRef<FullCalendar>(null);
  const navigate = useNavigate();
  useImperativeHandle(ref, () => ({
    previous: () => calendar.current?.getApi().prev(),
    next: () => calendar.current?.getApi().next(),
    today: () => calendar.current?.getApi().today(),
    goTo: (day: string) => calendar.current?.getApi().gotoDate(day),
  }));
  useEffect(() => {
    calendar.current?.getApi().changeView(narrow ? "timeGridDay" : "timeGridWeek");
  }, [narrow]);
  return (
    <div className="planner-grid">
      <FullCalendar
        ref={calendar}
        plugins={[timeGridPlugin, interactionPlugin]}
        initialView={narrow ? "timeGridDay" : "timeGridWeek"}
        initialDate={initialDate}
        hiddenDays={hiddenDays}
        slotEventOverlap={!sideBySide}
        locale={enGbLocale}
        timeZone="UTC"
        now={now}
        firstDay={1}
        headerToolbar={false}
        allDaySlot={false}
        nowIndicator
        // The page scrolls, not the grid: FullCalendar's inner scrollers take no focus (fullcalendar#7481),
        // so the grid grows to the hours its events need instead.
        height="auto"
        {...(hours ?? gridHours(events))}
        slotLabelFormat={{ hour: "2-digit", minute: "2-digit", hour12: false }}
        eventTimeFormat={{ hour: "2-digit", minute: "2-digit", hour12: false }}
        dayHeaderFormat={narrow ? { weekday: "long", day: "numeric", month: "short" } : { weekday: "short", day: "numeric", month: "short", omitCommas: true }}
        selectable={onPick !== undefined}
        selectMirror
        selectLongPressDelay={300}
        eventInteractive={onEventClick !== undefined}
        events={events}
        datesSet={(arg) => onRangeChange({ ...visibleRange(arg.start, arg.end, siteTimezone), title: arg.view.title })}
        select={(arg) => {
          onPick?.({ startTime: gridDateToInstant(arg.start, siteTimezone), endTime: gridDateToInstant(arg.end, siteTimezone) });
          arg.view.calendar.unselect();
        }}
        eventClick={(arg) => {
          // a link for the keyboard and a new tab; a click stays in the single-page app
          arg.jsEvent.preventDefault();
          if (onEventClick) onEventClick(arg.event.id);
          else if (arg.event.url) navigate(arg.event.url);
        }}
      />
    </div>
  );
});
