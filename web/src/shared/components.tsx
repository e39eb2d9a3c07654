import { Alert, Button, Group, Loader, Text } from "@mantine/core";
import { describeError } from "../api/errors";

/** A failed call, in the API's own words. */
export function ErrorAlert({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <Alert color="red" title="Something went wrong" role="alert">
      {describeError(error)}
    </Alert>
  );
}

export function Loading() {
  return (
    <Group justify="center" p="lg">
      <Loader aria-label="Loading" />
    </Group>
  );
}

export function PagerControls({
  page,
  hasNext,
  onNext,
  onPrevious,
}: {
  page: number;
  hasNext: boolean;
  onNext: () => void;
  onPrevious: () => void;
}) {
  return (
    <Group justify="flex-end" mt="sm">
      <Button variant="default" size="xs" onClick={onPrevious} disabled={page <= 1}>
        Previous
      </Button>
      <Text size="sm">Page {page}</Text>
      <Button variant="default" size="xs" onClick={onNext} disabled={!hasNext}>
        Next
      </Button>
    </Group>
  );
}
