import { Badge, Center, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import type { NavItem } from "./nav";

export function ComingSoon({ item }: { item: NavItem }) {
  const Icon = item.icon;
  return (
    <Center h="100%" p="xl">
      <Stack align="center" maw={520} gap="sm">
        <ThemeIcon size={72} radius="xl" variant="light" color="gray">
          <Icon size={40} stroke={1.4} />
        </ThemeIcon>
        <Badge variant="light">Coming in a later version</Badge>
        <Title order={2}>{item.label} is coming</Title>
        <Text c="dimmed" ta="center">
          {item.blurb}
        </Text>
        <Text c="dimmed" ta="center" size="sm">
          This part of Hearth isn't built yet, so there is nothing to show here today. Your contacts, companies and
          activities will be ready for it when it arrives.
        </Text>
      </Stack>
    </Center>
  );
}
