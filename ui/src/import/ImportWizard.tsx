// The import, step by step: choose a file, map its columns, check every row, import.
import { useEffect, useRef, useState } from "react";
import { Alert, Button, Card, Group, SegmentedControl, Select, Stack, Stepper, Text } from "@mantine/core";
import { IconFileImport } from "@tabler/icons-react";
import {
  commands, events, type FileInfo, type ImportKind, type ImportOptions, type ImportProgress, type ImportSummary, type Preview,
} from "../bindings";
import { call, coreOf, notifyError } from "../lib/api";
import { errorMessage } from "../lib/errors";
import { useData } from "../lib/data";
import { MappingStep } from "./MappingStep";
import { PreviewStep } from "./PreviewStep";
import { Running, Summary } from "./ImportResult";
import { pickImportFile } from "./files";
import { KIND_LABELS, defaultMatchBy, importable, missingRequired } from "./mapping";
import { formatNumber } from "../lib/numbers";

type Step = "file" | "map" | "check" | "running" | "done";
const STEP_INDEX: Record<Step, number> = { file: 0, map: 1, check: 2, running: 3, done: 3 };

function optionsFor(kind: ImportKind, file: FileInfo): ImportOptions {
  return { kind, path: file.path, sheet: file.sheet, mapping: file.suggested, on_match: "update", match_by: defaultMatchBy(kind), tags: [] };
}

export function ImportWizard({ onImported }: { onImported: () => void }) {
  const { changed } = useData();
  const [step, setStep] = useState<Step>("file");
  const [kind, setKind] = useState<ImportKind>("contacts");
  const [file, setFile] = useState<FileInfo | null>(null);
  const [options, setOptions] = useState<ImportOptions | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const unlisten = useRef<(() => void) | null>(null);
  useEffect(() => () => unlisten.current?.(), []);

  const open = async (path: string, sheet: string | null, k: ImportKind = kind) => {
    setBusy(true);
    setFileError(null);
    try {
      const info = await call(commands.importOpen(k, path, sheet));
      setFile(info);
      setOptions(optionsFor(k, info));
      setPreview(null);
      setStep("map");
    } catch (e) {
      setFileError(errorMessage(coreOf(e)));
    } finally {
      setBusy(false);
    }
  };
  const choose = async () => {
    try {
      const path = await pickImportFile();
      if (path) await open(path, null);
    } catch (e) {
      notifyError(e);
    }
  };
  const check = async () => {
    if (!options) return;
    setBusy(true);
    try {
      setPreview(await call(commands.importPreview(options)));
      setStep("check");
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };
  const run = async () => {
    if (!options) return;
    setStep("running");
    setProgress(null);
    setCancelling(false);
    unlisten.current = await events.importProgressEvent.listen((e) => setProgress(e.payload));
    try {
      const s = await call(commands.importRun(options));
      setSummary(s);
      setStep("done");
      changed();
      onImported();
    } catch (e) {
      // Cancelled or failed: nothing was written; back to the check step.
      setStep("check");
      notifyError(e);
    } finally {
      unlisten.current?.();
      unlisten.current = null;
    }
  };
  const cancel = async () => {
    setCancelling(true);
    try {
      await call(commands.importCancel());
    } catch (e) {
      notifyError(e);
    }
  };
  const reset = () => {
    setStep("file");
    setFile(null);
    setOptions(null);
    setPreview(null);
    setSummary(null);
  };

  const missing = file && options ? missingRequired(options.mapping, file.fields) : [];
  return (
    <Card withBorder padding="lg">
      <Stepper active={STEP_INDEX[step]} size="sm" mb="lg" allowNextStepsSelect={false}
        onStepClick={(i) => {
          if (i === 0 && step !== "running") reset();
          if (i === 1 && file && (step === "check")) setStep("map");
        }}>
        <Stepper.Step label="File" description={file ? file.file_name : "CSV, Excel or vCard"} />
        <Stepper.Step label="Columns" description="Where each goes" />
        <Stepper.Step label="Check" description="Every row, before writing" />
        <Stepper.Step label="Import" description="All or nothing" />
      </Stepper>

      {step === "file" && (
        <Stack gap="md" maw={640}>
          <Text fw={500}>What does the file hold?</Text>
          <SegmentedControl value={kind} onChange={(v) => setKind(v as ImportKind)} data-testid="import-kind"
            data={(Object.keys(KIND_LABELS) as ImportKind[]).map((k) => ({ value: k, label: KIND_LABELS[k] }))} />
          <Text size="sm" c="dimmed">
            CSV or TSV in any common encoding, an Excel workbook (.xlsx) or vCards (.vcf). Exports from HubSpot, Pipedrive,
            Salesforce, Google Contacts, Outlook, Shopify, WooCommerce and Stripe are recognised. No row limit.
          </Text>
          {kind === "orders" && (
            <Text size="sm" c="dimmed" data-testid="import-orders-hint">
              One row per order line: rows with the same order number make one order. Buyers are found by e-mail (import
              contacts first), products by SKU or name. Past orders update purchase figures and lifecycle stages but start no
              onboarding.
            </Text>
          )}
          {kind === "survey_responses" && (
            <Text size="sm" c="dimmed" data-testid="import-surveys-hint">
              One row per answer (CSAT 1–5 or NPS 0–10), the contact found by e-mail. Answers older than 30 days open no
              ticket or task.
            </Text>
          )}
          {fileError && <Alert color="red" title="This file cannot be imported" data-testid="import-file-error">{fileError}</Alert>}
          <Group>
            <Button leftSection={<IconFileImport size={18} />} onClick={choose} loading={busy} data-testid="import-choose">Choose file…</Button>
          </Group>
        </Stack>
      )}

      {step === "map" && file && options && (
        <Stack gap="md">
          <Text size="sm" c="dimmed" data-testid="import-file-facts">
            {file.file_name} · {file.format.toUpperCase()}
            {file.encoding ? ` · ${file.encoding}` : ""}
            {file.delimiter ? ` · separated by ${file.delimiter === "\t" ? "tabs" : `“${file.delimiter}”`}` : ""}
            {file.looks_like ? ` · looks like a ${file.looks_like} export` : ""}
          </Text>
          {file.sheets.length > 1 && (
            <Select label="Sheet" w={260} data={file.sheets} value={file.sheet} allowDeselect={false}
              onChange={(s) => s && void open(file.path, s)} />
          )}
          <MappingStep file={file} options={options} onChange={setOptions}
            onSavedMapping={(m) => setFile({ ...file, saved_mappings: [...file.saved_mappings.filter((s) => s.id !== m.id), m] })} />
          <Group justify="space-between">
            <Button variant="default" onClick={reset}>Choose another file</Button>
            <Button onClick={check} loading={busy} disabled={missing.length > 0} data-testid="import-check">Check rows</Button>
          </Group>
        </Stack>
      )}

      {step === "check" && preview && file && (
        <Stack gap="md">
          <PreviewStep preview={preview} headers={file.headers} />
          <Group justify="space-between">
            <Button variant="default" onClick={() => setStep("map")}>Back to columns</Button>
            <Button onClick={run} disabled={preview.missing_required.length > 0 || importable(preview.counts) === 0} data-testid="import-run">
              Import {formatNumber(importable(preview.counts))} rows
            </Button>
          </Group>
        </Stack>
      )}

      {step === "running" && <Running progress={progress} onCancel={cancel} cancelling={cancelling} />}
      {step === "done" && summary && <Summary summary={summary} onUndone={() => { changed(); onImported(); }} onAgain={reset} />}
    </Card>
  );
}
