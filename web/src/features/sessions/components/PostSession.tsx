import { Text } from "@mantine/core";
import { isAdmin } from "../../../api/identity";
import { useActingAs } from "../../../app/providers";
import type { SessionDetail } from "../api/queries";
import { attendanceOpensLater, canFinalize, canRecordAttendance, showsEvidence } from "../rules/post-session";
import { AttendanceSection } from "./AttendanceSection";
import { EvidenceSection } from "./EvidenceSection";
import { FinalizeSection, SessionRecordsSection } from "./FinalizeSection";

/** After the session has started: attendance, the signed sheet, Finalize, and then its records. */
export function PostSession({ session, now = new Date() }: { session: SessionDetail; now?: Date }) {
  const { identity } = useActingAs();
  const marking = canRecordAttendance(session, identity, now);
  return (
    <>
      {attendanceOpensLater(session, now) ? (
        <Text c="dimmed">Attendance and the signed sheet open when the session starts.</Text>
      ) : null}
      {marking ? <AttendanceSection session={session} /> : null}
      {showsEvidence(session, now) ? <EvidenceSection session={session} canUpload={marking} /> : null}
      {canFinalize(session, identity, now) ? <FinalizeSection session={session} /> : null}
      {session.status === "COMPLETED" ? <SessionRecordsSection session={session} showCompliance={isAdmin(identity)} /> : null}
    </>
  );
}
