import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MantineProvider } from "@mantine/core";
import { describe, expect, it, vi } from "vitest";
import { toApiError } from "../../../api/errors";
import { EntityForm } from "./EntityForm";

describe("EntityForm", () => {
  it("shows the API's 422 field errors next to their fields", async () => {
    // Given a save that the API refuses with a 422 naming capacity
    const onSave = vi.fn(async () => {
      throw toApiError(422, {
        statusCode: 422,
        error: "Unprocessable Entity",
        message: "Invalid request: capacity",
        details: [{ location: "body", field: "capacity", message: "Input should be greater than 0", type: "x" }],
      });
    });
    render(
      <MantineProvider>
        <EntityForm
          opened
          title="New venue"
          entity={null}
          onClose={() => {}}
          onSave={onSave}
          fields={[
            { name: "name", label: "Name", kind: "text", required: true },
            { name: "capacity", label: "Capacity", kind: "number", required: true },
          ]}
        />
      </MantineProvider>,
    );
    // When the admin fills it in and saves
    await userEvent.type(screen.getByLabelText(/Name/), "Room C");
    await userEvent.type(screen.getByLabelText(/Capacity/), "0");
    await userEvent.click(screen.getByRole("button", { name: "Save" }));
    // Then the body sent is typed, and the message sits on the capacity field
    expect(onSave).toHaveBeenCalledWith({ name: "Room C", capacity: 0 });
    const capacity = screen.getByLabelText(/Capacity/);
    expect(capacity).toHaveAttribute("aria-invalid", "true");
    expect(await screen.findByText("Input should be greater than 0")).toBeInTheDocument();
  });
});
