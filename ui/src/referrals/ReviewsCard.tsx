// A contact's reviews: platform, stars, date, text and link; "Add review", and delete with a
// confirmation.
import { useState } from "react";
import { ActionIcon, Button, Card, Group, Stack, Text, Title, Tooltip } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconPlus, IconStar, IconTrash } from "@tabler/icons-react";
import { commands, type Review } from "../bindings";
import { call, notifyError } from "../lib/api";
import { confirmDanger } from "../lib/confirm";
import { useData } from "../lib/data";
import { formatDate } from "../lib/dates";
import { errorMessage } from "../lib/errors";
import { useLoad } from "../lib/useLoad";
import { Stars } from "./format";
import { ReviewLink } from "./ReviewLink";
import { ReviewModal } from "./ReviewModal";

export function ReviewsCard({ contactId }: { contactId: string }) {
  const { version, changed } = useData();
  const list = useLoad(() => call(commands.reviewsList(contactId)), [contactId, version]);
  const [adding, setAdding] = useState(false);

  const remove = (r: Review) =>
    confirmDanger({
      title: "Delete this review?",
      body: `The ${r.rating}-star review on ${r.platform} from ${formatDate(r.reviewed_at)} is removed from Hearth (not from ${r.platform}). Undo it from History.`,
      confirmLabel: "Delete review",
      onConfirm: async () => {
        try {
          await call(commands.reviewDelete(r.id));
          notifications.show({ color: "green", title: "Review deleted", message: `${r.platform}, ${r.rating} of 5` });
          changed();
        } catch (e) {
          notifyError(e);
        }
      },
    });

  const reviews = list.data ?? [];
  return (
    <Card withBorder padding="md" data-testid="reviews-card">
      <Group justify="space-between" mb="xs">
        <Group gap="xs"><IconStar size={18} aria-hidden /><Title order={5}>Reviews</Title></Group>
        <Button size="compact-sm" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setAdding(true)} data-testid="review-add">Add review</Button>
      </Group>
      {!!list.error && !list.data && <Text size="sm" c="red">{errorMessage(list.error)}</Text>}
      {list.data && reviews.length === 0 && <Text size="sm" c="dimmed">No reviews recorded. A happy customer is the best one to ask.</Text>}
      <Stack gap="sm">
        {reviews.map((r) => (
          <Stack key={r.id} gap={2} data-testid="review">
            <Group justify="space-between" wrap="nowrap">
              <Group gap="xs" wrap="nowrap">
                <Text size="sm" fw={600}>{r.platform}</Text>
                <Stars rating={r.rating} />
              </Group>
              <Group gap={4} wrap="nowrap">
                <Text size="xs" c="dimmed">{formatDate(r.reviewed_at)}</Text>
                <Tooltip label="Delete">
                  <ActionIcon variant="subtle" color="red" size="sm" aria-label={`Delete the ${r.platform} review`} onClick={() => remove(r)}
                    data-testid="review-delete">
                    <IconTrash size={14} />
                  </ActionIcon>
                </Tooltip>
              </Group>
            </Group>
            {r.body && <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>{r.body}</Text>}
            {r.link && <ReviewLink link={r.link} platform={r.platform} />}
          </Stack>
        ))}
      </Stack>
      {adding && (
        <ReviewModal contactId={contactId} onClose={() => setAdding(false)} onSaved={(r) => {
          setAdding(false);
          notifications.show({ color: "green", title: "Review added", message: `${r.platform}, ${r.rating} of 5` });
          changed();
        }} />
      )}
    </Card>
  );
}
