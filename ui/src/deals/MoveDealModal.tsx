// "Move a deal" from the command palette: pick the deal (by name; the open page's deal when
// there is one), pick where it goes — another stage, won, or lost with its reason — and move it
// as the board does. Opened through `openMoveDeal`; the Shell holds the one dialog.
import { useState } from "react";
import { Button, Group, MantineThemeProvider, Modal, Select, Stack, Text, type MantineThemeOverride } from "@mantine/core";
import { commands, type Stage } from "../bindings";
import { call, notifyError } from "../lib/api";
import { useData } from "../lib/data";
import { useLoad } from "../lib/useLoad";
import { LostDialog } from "./LostDialog";
import { moveInput } from "./dealForm";
import { createStore } from "../lib/store";

/** `undefined`: closed; `null`: open, the deal still to pick; a string: that deal. */
const target = createStore<string | null | undefined>(undefined);

/** Opens the dialog on `dealId`, or with a deal picker when `null`. */
export const openMoveDeal = (dealId: string | null): void => target.set(dealId);

export function MoveDealHost() {
  const open = target.use();
  if (open === undefined) return null;
  return <MoveDealModal key={open ?? "pick"} dealId={open} onClose={() => target.set(undefined)} />;
}

const NO_FILTER = { owner: null, tag: null, close_from: null, close_to: null, attention_only: false, status: null, company_id: null, contact_id: null };

/** Where a deal can go: the other open stages, then won and lost. */
export function destinations(stages: Stage[], currentId: string): { value: string; label: string }[] {
  const label = (s: Stage) => (s.kind === "won" ? "Won" : s.kind === "lost" ? "Lost (asks why)" : s.name);
  return stages.filter((s) => s.id !== currentId).map((s) => ({ value: s.id, label: label(s) }));
}

/**
 * Each picker opens its list with the dialog (the first has the focus). They follow the ARIA
 * combobox pattern in full — role="combobox" with aria-expanded and aria-controls — and the list
 * scrolls itself rather than inside a ScrollArea, so the scrolling region is the listbox the
 * combobox controls, reached with the arrow keys (axe: scrollable-region-focusable).
 */
const PICKER_THEME: MantineThemeOverride = { components: { ComboboxTarget: { defaultProps: { withExpandedAttribute: true } } } };
const PICKER = { role: "combobox", withScrollArea: false, styles: { options: { maxHeight: 220, overflowY: "auto", scrollbarWidth: "thin" } } } as const;

export function MoveDealModal({ dealId, onClose }: { dealId: string | null; onClose: () => void }) {
  const { changed } = useData();
  const [picked, setPicked] = useState<string | null>(dealId);
  const [text, setText] = useState("");
  const [stageId, setStageId] = useState<string | null>(null);
  const [askLost, setAskLost] = useState(false);
  const [saving, setSaving] = useState(false);
  const found = useLoad(async () => dealId ? [] : (await call(commands.dealsList({
    pipeline_id: null, filter: { ...NO_FILTER, text: text.trim() || null }, sort: "updated", direction: "desc", offset: 0, limit: 20,
  }))).cards, [text, dealId]);
  const deal = useLoad(async () => (picked ? call(commands.dealGet(picked)) : null), [picked]);
  const d = deal.data;
  const pipeline = useLoad(async () => (d ? (await call(commands.pipelinesList())).find((p) => p.id === d.pipeline.id) ?? null : null), [d?.pipeline.id]);
  const stages = pipeline.data?.stages ?? [];
  const stage = stages.find((s) => s.id === stageId) ?? null;

  const move = async (lost?: { reasonId: string; note: string | null }) => {
    if (!d || !stage) return;
    setSaving(true);
    try {
      await call(commands.dealMove(moveInput(d, stage.id, lost)));
      changed();
      onClose();
    } catch (e) {
      notifyError(e);
      setSaving(false);
    }
  };

  const options = dealId ? [] : (found.data ?? []).map((c) => ({ value: c.id, label: `${c.title} · ${c.status === "open" ? c.stage_name : c.status === "won" ? "Won" : "Lost"}` }));
  return (
    <>
      <Modal opened={!askLost} onClose={onClose} title="Move a deal">
        <MantineThemeProvider theme={PICKER_THEME}>
          <Stack>
            {dealId ? (
              <Text size="sm">{d ? <>“{d.title}” is in <b>{d.status === "open" ? d.stage.name : d.status === "won" ? "Won" : "Lost"}</b>.</> : "…"}</Text>
            ) : (
              <Select label="Deal" placeholder="Type part of its name" searchable data={options} value={picked}
                searchValue={text} onSearchChange={setText} filter={({ options: o }) => o} data-autofocus
                onChange={(v) => { setPicked(v); setStageId(null); }} nothingFoundMessage={found.loading ? "Searching…" : "No deal by that name"}
                comboboxProps={{ withinPortal: true }} data-testid="move-deal-pick" {...PICKER} />
            )}
            <Select label="Move to" placeholder={d ? "Choose a stage" : "Choose the deal first"} disabled={!d} searchable data={d ? destinations(stages, d.stage.id) : []}
              value={stageId} onChange={setStageId} data-autofocus={dealId ? true : undefined} comboboxProps={{ withinPortal: true }} data-testid="move-deal-stage" {...PICKER} />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>Cancel</Button>
              <Button disabled={!stage} loading={saving} onClick={() => (stage?.kind === "lost" ? setAskLost(true) : void move())} data-testid="move-deal-save">
                Move
              </Button>
            </Group>
          </Stack>
        </MantineThemeProvider>
      </Modal>
      {askLost && d && <LostDialog card={d} onAnswer={(a) => { setAskLost(false); if (a) void move(a); }} />}
    </>
  );
}
