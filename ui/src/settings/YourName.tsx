// "Your name": recorded as who moved a deal (and, later, who changed anything).
import { useState } from "react";
import { Card, Text, TextInput, Title } from "@mantine/core";
import { commands } from "../bindings";
import { call, notifyError } from "../lib/api";
import { useLoad } from "../lib/useLoad";

export function YourName() {
  const { data, setData, loading } = useLoad(() => call(commands.userNameGet()), []);
  const [saved, setSaved] = useState(false);
  return (
    <Card withBorder padding="lg">
      <Title order={4}>Your name</Title>
      <Text size="sm" c="dimmed" mb="sm">Shown in histories as who moved a deal.</Text>
      {!loading && (
        <TextInput maw={320} defaultValue={data ?? ""} placeholder="e.g. Hannah" aria-label="Your name" data-testid="user-name"
          description={saved ? "Saved" : undefined}
          onBlur={(e) => {
            const v = e.currentTarget.value.trim();
            if (v === (data ?? "")) return;
            call(commands.userNameSet(v)).then(() => { setData(v || null); setSaved(true); }, notifyError);
          }} />
      )}
    </Card>
  );
}
