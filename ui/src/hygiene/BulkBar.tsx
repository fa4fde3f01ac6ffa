// One action for every selected record: tag, owner, stage, do-not-contact, trash (undoable).
import { useState } from "react";
import { Autocomplete, Button, Group, Select, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { commands, type BulkAction, type RecordKind } from "../bindings";
import { call, notifyError } from "../lib/api";
import { useLookups } from "../lib/lookups";
import { notifyDeleted } from "../lib/undo";
import { STAGE_OPTIONS, isStage } from "../lib/stages";
import { EnrolModal } from "../sequences/EnrolModal";

export function BulkBar({ kind, ids, onDone }: { kind: RecordKind; ids: string[]; onDone: () => void }) {
  const { tags, owners } = useLookups();
  const [tag, setTag] = useState("");
  const [owner, setOwner] = useState("");
  const [busy, setBusy] = useState(false);
  const [enrolling, setEnrolling] = useState(false);
  const n = ids.length;
  const what = `${n} ${kind === "contact" ? (n === 1 ? "contact" : "contacts") : n === 1 ? "company" : "companies"}`;

  const apply = async (action: BulkAction, done: string) => {
    setBusy(true);
    try {
      const changed = await call(commands.qualityBulk(kind, ids, action));
      if (action.action === "trash") {
        notifyDeleted({
          id: `bulk-trash-${ids[0]}`,
          title: "Moved to the trash",
          text: `${changed} ${kind === "contact" ? "contacts" : "companies"}`,
          undo: async () => {
            await call(commands.qualityBulk(kind, ids, { action: "restore" }));
            onDone();
          },
        });
      } else {
        notifications.show({ color: "green", title: done, message: `${changed} of ${what} changed.` });
      }
      onDone();
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };
  if (n === 0) return <Text size="sm" c="dimmed">Select records to fix many at once.</Text>;
  return (
    <Group gap="xs" data-testid="bulk-bar">
      <Text size="sm" fw={500}>{what} selected:</Text>
      <Autocomplete size="xs" placeholder="Tag" data={tags.map((t) => t.name)} value={tag} onChange={setTag} w={140} aria-label="Tag to add" />
      <Button size="xs" variant="default" disabled={!tag.trim() || busy} onClick={() => apply({ action: "add_tag", name: tag.trim() }, "Tagged")}>Add tag</Button>
      <Autocomplete size="xs" placeholder="Owner" data={owners} value={owner} onChange={setOwner} w={140} aria-label="New owner" />
      <Button size="xs" variant="default" disabled={busy} onClick={() => apply({ action: "set_owner", owner: owner.trim() || null }, "Owner set")}>Set owner</Button>
      {kind === "contact" && (
        <>
          <Select size="xs" placeholder="Set stage…" data={STAGE_OPTIONS} w={150} value={null} aria-label="Set stage"
            onChange={(v) => isStage(v) && apply({ action: "set_stage", stage: v }, "Stage set")} />
          <Button size="xs" variant="default" disabled={busy} onClick={() => apply({ action: "set_do_not_contact", value: true }, "Marked do-not-contact")}>
            Do not contact
          </Button>
          <Button size="xs" variant="default" disabled={busy} onClick={() => setEnrolling(true)} data-testid="bulk-enrol">
            Enrol in sequence…
          </Button>
          {enrolling && (
            <EnrolModal target={{ kind: "contacts", ids }} targetLabel={what} onClose={() => setEnrolling(false)} />
          )}
        </>
      )}
      <Button size="xs" color="red" variant="light" disabled={busy} onClick={() => apply({ action: "trash" }, "Moved to the trash")} data-testid="bulk-trash">
        Move to trash
      </Button>
    </Group>
  );
}
