// A ticket's conversation: what they asked, replies to the customer and internal notes (each
// labelled, not only coloured), and the composer.
import { useState } from "react";
import { Anchor, Badge, Button, Card, Group, Paper, SegmentedControl, Stack, Text, Textarea, Title } from "@mantine/core";
import { IconLock, IconMail, IconMessageCircle, IconSend } from "@tabler/icons-react";
import type { Ticket, TicketNote } from "../bindings";
import { formatDateTime, relative } from "../lib/dates";

function Note({ note }: { note: TicketNote }) {
  const reply = note.public;
  return (
    <Paper withBorder p="sm" radius="md" data-testid={reply ? "ticket-reply" : "ticket-internal-note"}
      bg={reply ? undefined : "var(--mantine-color-yellow-light)"}
      style={{ borderLeft: `4px solid var(--mantine-color-${reply ? "ember-6" : "yellow-6"})` }}>
      <Group justify="space-between" mb={4} wrap="nowrap">
        <Group gap={6} wrap="nowrap">
          <Badge variant="light" color={reply ? "ember" : "yellow"} tt="none"
            leftSection={reply ? <IconMessageCircle size={12} aria-hidden /> : <IconLock size={12} aria-hidden />}>
            {reply ? "Reply to customer" : "Internal note"}
          </Badge>
          {note.author && <Text size="xs" c="dimmed">{note.author}</Text>}
        </Group>
        <Text size="xs" c="dimmed" title={formatDateTime(note.created_at)}>{relative(note.created_at)}</Text>
      </Group>
      <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>{note.body}</Text>
    </Paper>
  );
}

type Mode = "reply" | "internal";

interface Props {
  ticket: Ticket;
  notes: TicketNote[];
  /** The contact's e-mail address, for "Write it in your mail app". */
  email: string | null;
  onAdd: (body: string, reply: boolean) => Promise<boolean>;
}

/** mailto: with "Re: [#12] subject" and the reply as the body. */
export function replyMailto(email: string, ticket: Ticket, body: string): string {
  const q = new URLSearchParams({ subject: `Re: [#${ticket.number}] ${ticket.subject}`, body });
  return `mailto:${encodeURIComponent(email).replace(/%40/g, "@")}?${q.toString().replace(/\+/g, "%20")}`;
}

export function TicketConversation({ ticket, notes, email, onAdd }: Props) {
  const [mode, setMode] = useState<Mode>("reply");
  const [body, setBody] = useState("");
  const [busy, setBusy] = useState(false);
  const closed = ticket.status === "closed";
  const submit = async () => {
    if (!body.trim()) return;
    setBusy(true);
    const ok = await onAdd(body, mode === "reply");
    setBusy(false);
    if (ok) setBody("");
  };
  return (
    <Card withBorder padding="md" data-testid="ticket-conversation">
      <Title order={5} mb="sm">Conversation</Title>
      <Stack gap="sm">
        <Paper withBorder p="sm" radius="md" bg="var(--mantine-color-default-hover)">
          <Group justify="space-between" mb={4}>
            <Text size="xs" fw={600} c="dimmed" tt="uppercase">What they asked</Text>
            <Text size="xs" c="dimmed" title={formatDateTime(ticket.opened_at)}>{relative(ticket.opened_at)}</Text>
          </Group>
          <Text size="sm" style={{ whiteSpace: "pre-wrap" }} c={ticket.description ? undefined : "dimmed"}>
            {ticket.description ?? "No description."}
          </Text>
        </Paper>
        {notes.map((n) => <Note key={n.id} note={n} />)}
        {notes.length === 0 && <Text size="sm" c="dimmed">No replies or notes yet.</Text>}
        <Stack gap="xs" mt="sm">
          <SegmentedControl aria-label="Kind of note" value={mode} onChange={(v) => setMode(v as Mode)} w="fit-content" disabled={closed}
            data={[{ value: "reply", label: "Reply to customer" }, { value: "internal", label: "Internal note" }]} data-testid="composer-mode" />
          <Textarea aria-label={mode === "reply" ? "Reply to the customer" : "Internal note"} autosize minRows={3} maxRows={12} value={body}
            placeholder={closed ? "This ticket is closed: reopen it to add to it." : mode === "reply" ? "What you told them…" : "Only you see this…"}
            disabled={closed} onChange={(e) => setBody(e.currentTarget.value)} data-testid="composer-body"
            onKeyDown={(e) => { if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) void submit(); }} />
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <Text size="xs" c="dimmed" maw={460}>
              {mode === "reply"
                ? "Records your answer to the customer; the first one stops the first-response clock. Hearth does not send it: e-mail or call them as usual."
                : "Internal notes are for you and your team; they never count as an answer."}
            </Text>
            <Group gap="xs" wrap="nowrap">
              {mode === "reply" && email && body.trim() && (
                <Anchor href={replyMailto(email, ticket, body)} size="sm" data-testid="composer-mailto">
                  <Group gap={4} wrap="nowrap"><IconMail size={14} aria-hidden />Write it in your mail app</Group>
                </Anchor>
              )}
              <Button leftSection={mode === "reply" ? <IconSend size={16} /> : <IconLock size={16} />} loading={busy} disabled={closed || !body.trim()}
                onClick={() => void submit()} data-testid="composer-submit">
                {mode === "reply" ? "Add reply" : "Add internal note"}
              </Button>
            </Group>
          </Group>
        </Stack>
      </Stack>
    </Card>
  );
}
