// "Export" on a list: the rows as filtered, in the format chosen.
import { useState } from "react";
import { Button, Menu } from "@mantine/core";
import { IconDownload } from "@tabler/icons-react";
import type { ExportFormat, ExportList } from "../bindings";
import { FORMAT_LABELS, exportList } from "./exportFile";

export function ExportMenu({ what, list, formats = ["csv", "xlsx"] }: { what: string; list: () => ExportList; formats?: ExportFormat[] }) {
  const [busy, setBusy] = useState(false);
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" leftSection={<IconDownload size={18} />} loading={busy} data-testid={`export-${what}`}>Export</Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>The {what} shown, as filtered</Menu.Label>
        {formats.map((f) => (
          <Menu.Item key={f} onClick={async () => {
            setBusy(true);
            await exportList(what, list(), f);
            setBusy(false);
          }}>{FORMAT_LABELS[f]}</Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
