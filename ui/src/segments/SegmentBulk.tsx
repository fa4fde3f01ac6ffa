// "Act on all N": a bulk action (tag, owner, stage, do-not-contact, trash) on every member of a
// segment, through the same undoable bulk edit as the data-quality lists; and "Enrol in
// sequence…" for the whole segment.
import { useState } from "react";
import { Button, Modal, Stack, Text } from "@mantine/core";
import { IconBolt, IconMailForward } from "@tabler/icons-react";
import { commands } from "../bindings";
import { call, notifyError } from "../lib/api";
import { useData } from "../lib/data";
import { BulkBar } from "../hygiene/BulkBar";
import { EnrolModal } from "../sequences/EnrolModal";
import { formatNumber } from "../lib/numbers";

const MAX = 10_000;

export function SegmentBulk({ segmentId, total }: { segmentId: string; total: number | null }) {
  const { changed } = useData();
  const [ids, setIds] = useState<string[] | null>(null);
  const [enrolling, setEnrolling] = useState(false);
  const open = async () => {
    try {
      setIds(await call(commands.segmentMemberIds(segmentId)));
    } catch (e) {
      notifyError(e);
    }
  };
  return (
    <>
      <Button size="xs" variant="light" leftSection={<IconBolt size={14} />} onClick={open} disabled={!total} data-testid="segment-bulk">
        Act on all {total == null ? "" : formatNumber(total)}…
      </Button>
      <Button size="xs" variant="light" leftSection={<IconMailForward size={14} />} onClick={() => setEnrolling(true)} disabled={!total}
        data-testid="segment-enrol">
        Enrol in sequence…
      </Button>
      {enrolling && (
        <EnrolModal target={{ kind: "segment", id: segmentId }} onClose={() => setEnrolling(false)}
          targetLabel={`every contact of this segment (${total == null ? "all" : formatNumber(total)})`} />
      )}
      <Modal opened={ids !== null} onClose={() => setIds(null)} title="Change every contact in this segment" size="auto">
        {ids && (
          <Stack>
            {ids.length > MAX ? (
              <Text size="sm" c="red">This segment holds more than {formatNumber(MAX)} contacts: narrow it down to act on all of them at once.</Text>
            ) : (
              <>
                <Text size="sm" c="dimmed">One undoable change for all of them (Ctrl/Cmd+Z or the History screen).</Text>
                <BulkBar kind="contact" ids={ids} onDone={() => { setIds(null); changed(); }} />
              </>
            )}
          </Stack>
        )}
      </Modal>
    </>
  );
}
