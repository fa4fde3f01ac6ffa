// Picks a contact or company by searching as you type.
import { useMemo, useState } from "react";
import { Select } from "@mantine/core";
import type { EntityRef, HitKind } from "../bindings";
import { useSearch } from "./useSearch";

interface Props {
  kind: HitKind;
  label: string;
  value: EntityRef | null;
  onChange: (v: EntityRef | null) => void;
  error?: string;
  placeholder?: string;
  excludeId?: string;
  testId?: string;
}

export function EntityPicker({ kind, label, value, onChange, error, placeholder, excludeId, testId }: Props) {
  const [text, setText] = useState(value?.name ?? "");
  const searching = text !== (value?.name ?? "") ? text : "";
  const { hits } = useSearch(searching, 15);
  const options = useMemo(() => {
    const list = hits.filter((h) => h.kind === kind && h.id !== excludeId).map((h) => ({ value: h.id, label: h.title }));
    if (value && !list.some((o) => o.value === value.id)) list.unshift({ value: value.id, label: value.name });
    return list;
  }, [hits, kind, value, excludeId]);

  return (
    <Select
      label={label}
      placeholder={placeholder ?? "Type to search…"}
      searchable
      clearable
      data={options}
      value={value?.id ?? null}
      searchValue={text}
      onSearchChange={setText}
      filter={({ options: o }) => o}
      onChange={(id, option) => onChange(id ? { id, name: option.label } : null)}
      nothingFoundMessage={searching.trim() ? "No match" : "Type to search"}
      error={error}
      data-testid={testId}
    />
  );
}
