// Ctrl/Cmd+K: a command palette. Contacts and companies come first (as before), then the screens,
// reports and actions whose names fuzzy-match the query (the screens alone when nothing is typed).
import { useMemo, useState } from "react";
import { Group, Loader, Text, ThemeIcon } from "@mantine/core";
import { Spotlight } from "@mantine/spotlight";
import { IconBuilding, IconSearch, IconUser } from "@tabler/icons-react";
import { useNavigate } from "react-router-dom";
import { fuzzyFilter } from "./fuzzy";
import { usePaletteCommands } from "./paletteCommands";
import { useSearch } from "./useSearch";

const MAX_COMMANDS = 8;

export function SearchSpotlight() {
  const [query, setQuery] = useState("");
  const { hits, loading } = useSearch(query);
  const navigate = useNavigate();
  const all = usePaletteCommands();
  const typed = query.trim();
  const commands = useMemo(
    () => (typed === "" ? all.filter((c) => c.group === "Go to") : fuzzyFilter(typed, all, (c) => c.label).slice(0, MAX_COMMANDS)),
    [all, typed],
  );

  return (
    <Spotlight.Root
      query={query}
      onQueryChange={setQuery}
      shortcut={null}
      onSpotlightClose={() => setQuery("")}
      scrollable
      maxHeight={420}
    >
      <Spotlight.Search
        placeholder="Search contacts and companies, or type a command…"
        leftSection={loading ? <Loader size={16} /> : <IconSearch size={18} stroke={1.5} />}
        data-testid="search-input"
      />
      <Spotlight.ActionsList>
        {hits.map((hit) => (
          <Spotlight.Action
            key={`${hit.kind}-${hit.id}`}
            data-testid="search-result"
            onClick={() => navigate(hit.kind === "contact" ? `/contacts/${hit.id}` : `/companies/${hit.id}`)}
          >
            <Group wrap="nowrap" w="100%" gap="sm">
              <ThemeIcon variant="light" color={hit.kind === "contact" ? "orange" : "indigo"} radius="xl" size="lg" aria-hidden>
                {hit.kind === "contact" ? <IconUser size={18} aria-hidden /> : <IconBuilding size={18} aria-hidden />}
              </ThemeIcon>
              <div style={{ flex: 1, minWidth: 0 }}>
                <Text size="sm" fw={500} truncate="end">
                  {hit.title}
                </Text>
                {hit.subtitle && (
                  <Text size="xs" c="dimmed" truncate="end">
                    {hit.subtitle}
                  </Text>
                )}
              </div>
              <Text size="xs" c="dimmed">
                {hit.kind === "contact" ? "Contact" : "Company"}
              </Text>
            </Group>
          </Spotlight.Action>
        ))}
        {commands.length > 0 && (
          <Spotlight.ActionsGroup label={typed === "" ? "Go to" : "Commands"}>
            {commands.map((c) => (
              <Spotlight.Action key={c.id} data-testid="palette-command" aria-label={c.label} onClick={c.run}>
                <Group wrap="nowrap" w="100%" gap="sm">
                  <ThemeIcon variant="light" color="gray" radius="xl" size="lg" aria-hidden>
                    <c.icon size={18} aria-hidden />
                  </ThemeIcon>
                  <Text size="sm" style={{ flex: 1, minWidth: 0 }} truncate="end">
                    {c.label}
                  </Text>
                </Group>
              </Spotlight.Action>
            ))}
          </Spotlight.ActionsGroup>
        )}
        {hits.length === 0 && commands.length === 0 && (
          <Spotlight.Empty>{loading ? "Searching…" : "Nothing found."}</Spotlight.Empty>
        )}
      </Spotlight.ActionsList>
    </Spotlight.Root>
  );
}
