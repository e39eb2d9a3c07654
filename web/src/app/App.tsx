import { lazy, Suspense } from "react";
import { BrowserRouter, Navigate, Route, Routes } from "react-router-dom";
import { isAdmin } from "../api/identity";
import type { Session } from "../auth/claims";
import { Loading } from "../shared/components";
import { AppProviders, useActingAs } from "./providers";
import { Shell } from "./Shell";

// Each screen area is its own chunk: the first load carries only the shell.
const libraries = () => import("../features/libraries/components/pages");
const CoursesPage = lazy(() => libraries().then((m) => ({ default: m.CoursesPage })));
const VenuesPage = lazy(() => libraries().then((m) => ({ default: m.VenuesPage })));
const TrainersPage = lazy(() => libraries().then((m) => ({ default: m.TrainersPage })));
const PersonnelPage = lazy(() => libraries().then((m) => ({ default: m.PersonnelPage })));
const PersonnelDetailPage = lazy(() =>
  import("../features/libraries/components/PersonnelDetailPage").then((m) => ({ default: m.PersonnelDetailPage })),
);
const TrainerDetailPage = lazy(() =>
  import("../features/libraries/components/TrainerDetailPage").then((m) => ({ default: m.TrainerDetailPage })),
);
const SessionsPage = lazy(() =>
  import("../features/sessions/components/SessionsPage").then((m) => ({ default: m.SessionsPage })),
);
const MySessionsPage = lazy(() =>
  import("../features/sessions/components/MySessionsPage").then((m) => ({ default: m.MySessionsPage })),
);
const SessionPage = lazy(() =>
  import("../features/sessions/components/SessionPage").then((m) => ({ default: m.SessionPage })),
);
const CompliancePage = lazy(() =>
  import("../features/compliance/components/CompliancePage").then((m) => ({ default: m.CompliancePage })),
);
const PlanPage = lazy(() => import("../features/plans/components/PlanPage").then((m) => ({ default: m.PlanPage })));
const PlannerPage = lazy(() =>
  import("../features/planner/components/PlannerPage").then((m) => ({ default: m.PlannerPage })),
);
const VerificationPage = lazy(() =>
  import("../features/verification/components/VerificationPage").then((m) => ({ default: m.VerificationPage })),
);
const ImportPage = lazy(() =>
  import("../features/imports/components/ImportPage").then((m) => ({ default: m.ImportPage })),
);

export function AppRoutes() {
  const { identity } = useActingAs();
  const admin = isAdmin(identity);
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route element={<Shell />}>
          <Route index element={<Navigate to={admin ? "/sessions" : "/my-sessions"} replace />} />
          <Route path="sessions/:sessionId" element={<SessionPage />} />
          <Route path="my-sessions" element={<MySessionsPage />} />
          {admin ? (
            <>
              <Route path="planner" element={<PlannerPage />} />
              <Route path="sessions" element={<SessionsPage />} />
              <Route path="compliance" element={<CompliancePage />} />
              <Route path="compliance/plan" element={<PlanPage />} />
              <Route path="courses" element={<CoursesPage />} />
              <Route path="personnel" element={<PersonnelPage />} />
              <Route path="personnel/:personnelId" element={<PersonnelDetailPage />} />
              <Route path="trainers" element={<TrainersPage />} />
              <Route path="trainers/:trainerId" element={<TrainerDetailPage />} />
              <Route path="venues" element={<VenuesPage />} />
              <Route path="verification" element={<VerificationPage />} />
              <Route path="import" element={<ImportPage />} />
            </>
          ) : null}
          <Route path="*" element={<Navigate to="/" replace />} />
        </Route>
      </Routes>
    </Suspense>
  );
}

export function App({ session }: { session?: Session }) {
  return (
    <AppProviders session={session}>
      <BrowserRouter>
        <AppRoutes />
      </BrowserRouter>
    </AppProviders>
  );
}
