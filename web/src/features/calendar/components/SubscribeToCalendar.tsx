import { useState } from "react";
import { Alert, Button, CopyButton, Group, List, Modal, Stack, Text, TextInput } from "@mantine/core";
import { ErrorAlert } from "../../../shared/components";
import { useIssueSubscription } from "../api/subscription";
import { CALENDAR_APPS, feedAddress, issueLabel, REVOKE_WARNING, subscriptionTitle, type FeedOwner } from "../rules/subscription";

/** "Subscribe to calendar": issues the feed's link (revoking the old one, as the dialog warns first) and
 * shows it with a Copy button, for Google, Outlook or Apple Calendar to subscribe to. */
export function SubscribeToCalendar({ owner, ownerId, name }: { owner: FeedOwner; ownerId: string; name: string }) {
  const [opened, setOpened] = useState(false);
  const issue = useIssueSubscription(owner, ownerId);
  const url = issue.data?.url;
  const close = () => {
    setOpened(false);
    issue.reset(); // the link is shown once; the next visit issues a new one
  };
  return (
    <>
      <Button variant="light" onClick={() => setOpened(true)}>
        Subscribe to calendar
      </Button>
      <Modal opened={opened} onClose={close} title={subscriptionTitle(owner, name)} size="lg">
        <Stack>
          <Alert color="yellow" title="One link at a time">
            {REVOKE_WARNING}
          </Alert>
          <ErrorAlert error={issue.error} />
          {url ? (
            <>
              <Group align="flex-end" wrap="nowrap">
                <TextInput label="Subscription link" value={url} readOnly style={{ flex: 1 }} onFocus={(e) => e.currentTarget.select()} />
                <CopyButton value={url}>
                  {({ copied, copy }) => (
                    <Button color={copied ? "teal" : "blue"} onClick={copy}>
                      {copied ? "Copied" : "Copy link"}
                    </Button>
                  )}
                </CopyButton>
              </Group>
              <Text size="sm" c="gray.7">
                The feed {feedAddress(url)} lists the sessions from 30 days back onward. Keep the link private:
                anyone with it can read the calendar. Add it to your calendar app:
              </Text>
              <List size="sm">
                {CALENDAR_APPS.map(({ app, where }) => (
                  <List.Item key={app}>
                    <b>{app}</b>: {where}
                  </List.Item>
                ))}
              </List>
            </>
          ) : (
            <Text size="sm">Create a link to subscribe to from Google Calendar, Outlook or Apple Calendar.</Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Close
            </Button>
            <Button loading={issue.isPending} onClick={() => issue.mutate()}>
              {issueLabel(Boolean(url))}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
