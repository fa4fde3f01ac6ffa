// Ctrl/Cmd+K: a Spotlight over contacts and companies.
import { useState } from "react";
import { Group, Loader, Text, ThemeIcon } from "@mantine/core";
import { Spotlight } from "@mantine/spotlight";
import { IconBuilding, IconSearch, IconUser } from "@tabler/icons-react";
import { useNavigate } from "react-router-dom";
import { useSearch } from "./useSearch";

export function SearchSpotlight() {
  const [query, setQuery] = useState("");
  const { hits, loading } = useSearch(query);
  const navigate = useNavigate();

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
        placeholder="Search contacts and companies…"
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
              <ThemeIcon variant="light" color={hit.kind === "contact" ? "orange" : "indigo"} radius="xl" size="lg">
                {hit.kind === "contact" ? <IconUser size={18} /> : <IconBuilding size={18} />}
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
        {hits.length === 0 && (
          <Spotlight.Empty>
            {query.trim() === "" ? "Type a name, e-mail, phone, company or tag." : loading ? "Searching…" : "Nothing found."}
          </Spotlight.Empty>
        )}
      </Spotlight.ActionsList>
    </Spotlight.Root>
  );
}
