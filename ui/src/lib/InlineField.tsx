// Click-to-edit field: shows the value; a click turns it into an input. Enter or leaving the
// field saves, Escape cancels. The save returns an error message (shown under the input) or null.
import { useEffect, useRef, useState, type ReactNode } from "react";
import { Autocomplete, Box, Text, TextInput, Textarea, UnstyledButton } from "@mantine/core";
import classes from "./InlineField.module.css";

interface Props {
  label: string;
  value: string | null;
  onSave: (value: string | null) => Promise<string | null>;
  placeholder?: string;
  multiline?: boolean;
  suggestions?: string[];
  display?: ReactNode;
  testId?: string;
}

export function InlineField({ label, value, onSave, placeholder, multiline, suggestions, display, testId }: Props) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(value ?? "");
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const done = useRef(false);

  useEffect(() => {
    if (!editing) setDraft(value ?? "");
  }, [value, editing]);

  const start = () => {
    done.current = false;
    setDraft(value ?? "");
    setError(null);
    setEditing(true);
  };
  const cancel = () => {
    done.current = true;
    setEditing(false);
    setError(null);
  };
  const save = async () => {
    if (done.current || saving) return;
    const next = draft.trim() === "" ? null : multiline ? draft : draft.trim();
    if (next === (value ?? null)) {
      cancel();
      return;
    }
    setSaving(true);
    const err = await onSave(next);
    setSaving(false);
    if (err) {
      setError(err);
    } else {
      done.current = true;
      setEditing(false);
      setError(null);
    }
  };
  const keys = (e: React.KeyboardEvent) => {
    if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      cancel();
    } else if (e.key === "Enter" && (!multiline || e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void save();
    }
  };

  if (editing) {
    const common = {
      label,
      value: draft,
      error,
      autoFocus: true,
      disabled: saving,
      onKeyDown: keys,
      onBlur: () => void save(),
      size: "sm" as const,
      "data-testid": testId ? `${testId}-input` : undefined,
    };
    if (multiline) {
      return <Textarea {...common} autosize minRows={3} description="Ctrl+Enter to save, Esc to cancel" onChange={(e) => setDraft(e.currentTarget.value)} />;
    }
    if (suggestions) {
      return <Autocomplete {...common} data={suggestions} onChange={setDraft} comboboxProps={{ withinPortal: true }} />;
    }
    return <TextInput {...common} onChange={(e) => setDraft(e.currentTarget.value)} />;
  }

  return (
    <Box>
      <Text size="xs" c="dimmed" fw={500} mb={2}>
        {label}
      </Text>
      <UnstyledButton className={classes.value} onClick={start} title="Click to edit" data-testid={testId}>
        {value ? (
          display ?? <Text size="sm" style={{ whiteSpace: multiline ? "pre-wrap" : undefined }}>{value}</Text>
        ) : (
          <Text size="sm" c="dimmed" fs="italic">
            {placeholder ?? `Add ${label.toLowerCase()}`}
          </Text>
        )}
      </UnstyledButton>
    </Box>
  );
}
