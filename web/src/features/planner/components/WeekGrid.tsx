import { forwardRef, useEffect, useImperativeHandle, useRef } from "react";
import FullCalendar from "@fullcalendar/react";
import timeGridPlugin from "@fullcalendar/timegrid";
import interactionPlugin from "@fullcalendar/interaction";
import enGbLocale from "@fullcalendar/core/locales/en-gb";
import { useNavigate } from "react-router-dom";
import { gridDateToInstant, gridHours, visibleRange, type PlannerEvent } from "../rules/rules";
import type { PickedTime } from "./NewDraftModal";
import "./planner.css";

export type GridControls = { previous: () => void; next: () => void; today: () => void };

type Props = {
  events: PlannerEvent[];
  siteTimezone: string;
  /** The site's "now" as a wall-clock string (rules.siteNow), asked for when the grid needs it. */
  now: () => string;
  /** A phone: one day at a time. */
  narrow: boolean;
  onRangeChange: (range: { from: string; to: string; title: string }) => void;
  onPick: (time: PickedTime) => void;
};

/**
 * FullCalendar's time grid in its "UTC" zone, fed the site's wall-clock times (see rules.ts): the
 * toolbar is the page's own, so this exposes previous/next/today.
 */
export const WeekGrid = forwardRef<GridControls, Props>(function WeekGrid(
  { events, siteTimezone, now, narrow, onRangeChange, onPick },
  ref,
) {
  const calendar = useRef<FullCalendar>(null);
  const navigate = useNavigate();
  useImperativeHandle(ref, () => ({
    previous: () => calendar.current?.getApi().prev(),
    next: () => calendar.current?.getApi().next(),
    today: () => calendar.current?.getApi().today(),
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
        {...gridHours(events)}
        slotLabelFormat={{ hour: "2-digit", minute: "2-digit", hour12: false }}
        eventTimeFormat={{ hour: "2-digit", minute: "2-digit", hour12: false }}
        dayHeaderFormat={narrow ? { weekday: "long", day: "numeric", month: "short" } : { weekday: "short", day: "numeric", month: "short", omitCommas: true }}
        selectable
        selectMirror
        selectLongPressDelay={300}
        events={events}
        datesSet={(arg) => onRangeChange({ ...visibleRange(arg.start, arg.end, siteTimezone), title: arg.view.title })}
        select={(arg) => {
          onPick({ startTime: gridDateToInstant(arg.start, siteTimezone), endTime: gridDateToInstant(arg.end, siteTimezone) });
          arg.view.calendar.unselect();
        }}
        eventClick={(arg) => {
          // a link for the keyboard and a new tab; a click stays in the single-page app
          arg.jsEvent.preventDefault();
          if (arg.event.url) navigate(arg.event.url);
        }}
      />
    </div>
  );
});
