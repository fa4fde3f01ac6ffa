// Global keyboard shortcuts and the "?" help sheet.
import { useRef } from "react";
import { Group, Kbd, Modal, Stack, Text } from "@mantine/core";
import { useHotkeys } from "@mantine/hooks";
import { spotlight } from "@mantine/spotlight";
import { useNavigate } from "react-router-dom";
import { useCreate } from "./create";
import { useData } from "../lib/data";
import { redoLast, undoAction } from "../history/undo";
import { modKey } from "./nav";
import { setHelpOpen, useHelpOpen } from "./help";
import { once, useMenuCommands } from "./menu";

const HELP: { keys: string[]; what: string }[] = [
  { keys: [modKey, "K"], what: "Search contacts and companies, go to a screen or run a command" },
  { keys: [modKey, "N"], what: "New contact" },
  { keys: [modKey, "Shift", "N"], what: "New company" },
  { keys: [modKey, "Z"], what: "Undo the last change" },
  { keys: [modKey, "Shift", "Z"], what: "Redo what you just undid" },
  { keys: [modKey, "1 … 9"], what: "Go to Today, Contacts, Companies, Pipeline, Customers, Support, Reports, Segments, Sequences (the Go menu)" },
  { keys: [modKey, ","], what: "Go to Settings" },
  { keys: [modKey, "+ / − / 0"], what: "Zoom in, zoom out, actual size (the View menu)" },
  { keys: ["g", "t"], what: "Go to Today" },
  { keys: ["g", "c"], what: "Go to Contacts" },
  { keys: ["g", "o"], what: "Go to Companies" },
  { keys: ["g", "s"], what: "Go to Settings" },
  { keys: ["?"], what: "Show this help" },
  { keys: ["Esc"], what: "Close a dialog or cancel an edit" },
];

export function Shortcuts() {
  const help = useHelpOpen();
  const navigate = useNavigate();
  const { newContact, newCompany } = useCreate();
  const { changed } = useData();
  const gAt = useRef(0);

  const go = (path: string) => () => {
    if (Date.now() - gAt.current < 1200) {
      gAt.current = 0;
      navigate(path);
    }
  };

  const undo = () => void undoAction(null, changed);
  const redo = () => void redoLast(changed);
  useMenuCommands({ navigate, newContact, newCompany, undo, redo, palette: () => spotlight.open(), shortcuts: () => setHelpOpen(true) });

  // Work even while typing in a field.
  useHotkeys(
    [
      ["mod+K", () => once("palette", () => spotlight.open())],
      ["mod+N", () => once("new_contact", newContact)],
      ["mod+shift+N", () => once("new_company", newCompany)],
    ],
    [],
  );
  // Single keys, and undo/redo, only when not typing (a text field keeps its own undo).
  useHotkeys([
    ["mod+Z", () => once("undo", undo)],
    ["mod+shift+Z", () => once("redo", redo)],
    ["g", () => (gAt.current = Date.now())],
    ["t", go("/today")],
    ["c", go("/contacts")],
    ["o", go("/companies")],
    ["s", go("/settings")],
    ["shift+?", () => setHelpOpen(true)],
    ["?", () => setHelpOpen(true)],
  ]);

  return (
    <Modal opened={help} onClose={() => setHelpOpen(false)} title="Keyboard shortcuts" size="md">
      <Stack gap="xs">
        {HELP.map((h) => (
          <Group key={h.what} justify="space-between">
            <Text size="sm">{h.what}</Text>
            <Group gap={4}>
              {h.keys.map((k, i) => (
                <Kbd key={i}>{k}</Kbd>
              ))}
            </Group>
          </Group>
        ))}
        <Text size="xs" c="dimmed" mt="sm">
          “g” shortcuts: press g, then the letter.
        </Text>
      </Stack>
    </Modal>
  );
}
