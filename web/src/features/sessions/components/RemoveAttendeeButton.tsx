import { CloseButton } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { describeError } from "../../../api/errors";
import { useRemoveAttendee } from "../api/attendees";
import type { SessionDetail } from "../api/queries";
import { removeLabel } from "../rules/picker";
import { showWarnings } from "./AttendeePicker";

type Attendee = SessionDetail["attendees"][number];

/** A class-list row's "Remove": takes the person off the list (they can be added again from the picker). */
export function RemoveAttendeeButton({ sessionId, attendee }: { sessionId: string; attendee: Attendee }) {
  const remove = useRemoveAttendee(sessionId);
  const name = `${attendee.firstName} ${attendee.lastName}`;

  async function onClick() {
    try {
      const change = await remove.mutateAsync(attendee.personnelId);
      notifications.show({ color: "green", message: `Removed ${name}` });
      showWarnings(change.warnings);
    } catch (error) {
      notifications.show({ color: "red", title: `${name} was not removed`, message: describeError(error) });
    }
  }

  return (
    <CloseButton
      aria-label={removeLabel(attendee)}
      title={removeLabel(attendee)}
      onClick={onClick}
      disabled={remove.isPending}
      c="red"
    />
  );
}
