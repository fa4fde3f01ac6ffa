// The inline-editable address card shared by the contact and company screens.
import { Card, SimpleGrid, Title } from "@mantine/core";
import type { Address } from "../bindings";
import { InlineField } from "./InlineField";

const PARTS: [keyof Address, string][] = [
  ["street", "Street"],
  ["city", "City"],
  ["region", "Region"],
  ["postal_code", "Postal code"],
  ["country", "Country"],
];

/** `onSave` gets one part and its new value, and answers with an error message or null. */
export function AddressCard({ address, onSave }: {
  address: Address;
  onSave: (key: keyof Address, value: string | null) => Promise<string | null>;
}) {
  return (
    <Card withBorder padding="md">
      <Title order={5} mb="xs">Address</Title>
      <SimpleGrid cols={2} spacing="sm" verticalSpacing="xs">
        {PARTS.map(([key, label]) => (
          <InlineField key={key} label={label} value={address[key]} onSave={(v) => onSave(key, v)} />
        ))}
      </SimpleGrid>
    </Card>
  );
}
