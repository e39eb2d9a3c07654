import { MantineProvider, Notification } from "@mantine/core";
import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { cssVariablesResolver, theme } from "./theme";

describe("the theme's toasts", () => {
  it("give the close button a name and the message under a title the dimmed colour", () => {
    render(
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
        <Notification title="Attendance saved" onClose={() => {}}>
          18 attended
        </Notification>
      </MantineProvider>,
    );
    expect(screen.getByRole("button", { name: "Close notification" })).toBeInTheDocument();
    expect(screen.getByText("18 attended")).toHaveStyle({ color: "var(--mantine-color-dimmed)" });
  });
});
