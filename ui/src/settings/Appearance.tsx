// "Appearance": light, dark, or whatever the system uses. Mantine keeps the choice in
// localStorage (its default colour-scheme manager), so it holds from the next start on.
import { Card, SegmentedControl, Text, Title, useMantineColorScheme, type MantineColorScheme } from "@mantine/core";

const CHOICES: { value: MantineColorScheme; label: string }[] = [
  { value: "light", label: "Light" },
  { value: "dark", label: "Dark" },
  { value: "auto", label: "Same as the system" },
];

export function Appearance() {
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  return (
    <Card withBorder padding="lg">
      <Title order={4} id="appearance-title">Appearance</Title>
      <Text size="sm" c="dimmed" mb="sm">Light or dark colours, or follow the system's setting.</Text>
      <SegmentedControl
        aria-labelledby="appearance-title"
        data-testid="theme-choice"
        value={colorScheme}
        onChange={(v) => setColorScheme(v as MantineColorScheme)}
        data={CHOICES}
      />
    </Card>
  );
}
