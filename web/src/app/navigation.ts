export type NavItem = { label: string; to: string };

/** The navigation an admin sees, in order. */
export const ADMIN_NAV: NavItem[] = [
  { label: "Planner", to: "/planner" },
  { label: "Sessions", to: "/sessions" },
  { label: "Compliance", to: "/compliance" },
  { label: "Courses", to: "/courses" },
  { label: "Personnel", to: "/personnel" },
  { label: "Trainers", to: "/trainers" },
  { label: "Venues", to: "/venues" },
  { label: "Verification", to: "/verification" },
  { label: "Import", to: "/import" },
];

/** A trainer's: their own sessions only (nothing an admin-only call would refuse). */
export const TRAINER_NAV: NavItem[] = [{ label: "My sessions", to: "/my-sessions" }];

export function navItems(admin: boolean): NavItem[] {
  return admin ? ADMIN_NAV : TRAINER_NAV;
}
