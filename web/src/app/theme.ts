import { createTheme, DEFAULT_THEME, NavLink, Notification, Table, type CSSVariablesResolver } from "@mantine/core";

/**
 * Mantine's theme, made to pass WCAG 2.1 AA as the end-to-end tests check it with axe-core: text at
 * 4.5:1 or more (colours one shade darker than Mantine's default, shade 8, with white text on blue,
 * red and violet and black text on the light ones: green, orange, yellow), the active navigation entry
 * filled, a table that scrolls sideways (on a phone) reachable with the keyboard, and toasts whose close
 * button has a name and whose message under a title is "dimmed" (Mantine's gray-6 there is 3.3:1).
 */
export const theme = createTheme({
  primaryShade: 8,
  autoContrast: true,
  luminanceThreshold: 0.2,
  components: {
    NavLink: NavLink.extend({ defaultProps: { variant: "filled" } }),
    Notification: Notification.extend({
      defaultProps: { closeButtonProps: { "aria-label": "Close notification" } },
      styles: { description: { color: "var(--mantine-color-dimmed)" } },
    }),
    TableScrollContainer: Table.ScrollContainer.extend({
      defaultProps: { scrollAreaProps: { viewportProps: { tabIndex: 0 } } },
    }),
  },
});

/**
 * "Dimmed" text one shade darker than Mantine's gray-6 (3.3:1 on white): gray-7 (8.2:1); and the text
 * of light and subtle buttons shade 9 (shade 8 is 4.4:1 on the light variant's tinted background).
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    "--mantine-color-dimmed": "var(--mantine-color-gray-7)",
    ...Object.fromEntries(
      Object.keys(DEFAULT_THEME.colors).map((color) => [`--mantine-color-${color}-light-color`, `var(--mantine-color-${color}-9)`]),
    ),
  },
  dark: {},
});
