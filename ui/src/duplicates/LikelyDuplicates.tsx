// "This may already exist" under a contact or company form, while the user types.
import { useEffect, useState } from "react";
import { Alert, Anchor, Stack, Text } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { Link } from "react-router-dom";
import { commands, type CompanyInput, type ContactInput, type LikelyDuplicate } from "../bindings";
import { call } from "../lib/api";
import { REASON_LABELS } from "./merge";

type Props =
  | { kind: "contact"; input: ContactInput; excludeId?: string }
  | { kind: "company"; input: CompanyInput; excludeId?: string };

export function LikelyDuplicates(props: Props) {
  const [found, setFound] = useState<LikelyDuplicate[]>([]);
  const [debounced] = useDebouncedValue(JSON.stringify(props.input), 400);
  useEffect(() => {
    let live = true;
    const p = props.kind === "contact"
      ? call(commands.duplicatesOfContact(props.input, props.excludeId ?? null))
      : call(commands.duplicatesOfCompany(props.input, props.excludeId ?? null));
    // A warning only: a failed check never blocks saving.
    p.then((d) => live && setFound(d), () => live && setFound([]));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced, props.kind, props.excludeId]);
  if (found.length === 0) return null;
  const base = props.kind === "contact" ? "/contacts" : "/companies";
  return (
    <Alert color="orange" title="This may already be in Hearth" data-testid="likely-duplicates">
      <Stack gap={2}>
        {found.map((d) => (
          <Text key={d.id} size="sm">
            <Anchor component={Link} to={`${base}/${d.id}`} target="_self">{d.name}</Anchor> — {REASON_LABELS[d.reason].toLowerCase()} ({d.detail}), {d.confidence}% likely
          </Text>
        ))}
        <Text size="xs" c="dimmed">You can still save; duplicates can be merged later.</Text>
      </Stack>
    </Alert>
  );
}
