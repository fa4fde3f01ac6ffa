import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ModalsProvider } from "@mantine/modals";
import { Notifications } from "@mantine/notifications";
import { commands, events, fail, ok, snapshot, status } from "../test/fixtures";
import { renderApp } from "../test/render";
import { Gate } from "../app/App";
import { BackupsPage } from "./BackupsPage";
import { describeCounts, formatSize } from "./format";

vi.mock("../bindings", async () => (await import("../test/fixtures")).bindings);

const withModals = (ui: React.ReactNode) => (
  <ModalsProvider>
    <Notifications />
    {ui}
  </ModalsProvider>
);

describe("backups screen", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    commands.backupsList.mockImplementation(() =>
      ok([
        snapshot({ file_name: "b.db", reason: "manual", taken_at: "2026-11-23T10:00:00Z" }),
        snapshot({ file_name: "a.db", problem: "a.db failed its check", contacts: null, companies: null, deals: null }),
      ]),
    );
  });

  it("lists snapshots with why, what they hold and their size, and backs up on request", async () => {
    renderApp(withModals(<BackupsPage />));
    const rows = await screen.findAllByTestId("backup-row");
    expect(rows).toHaveLength(2);
    expect(within(rows[0]).getByText("Backed up by you")).toBeInTheDocument();
    expect(within(rows[0]).getByText("320 contacts · 60 companies · 54 deals")).toBeInTheDocument();
    expect(within(rows[0]).getByText("3.1 MB")).toBeInTheDocument();
    expect(within(rows[1]).getByText("Cannot be read")).toBeInTheDocument();
    expect(within(rows[1]).getByTestId("backup-restore")).toBeDisabled();
    expect(screen.getByTestId("backup-folder")).toHaveTextContent("/home/sam/.local/share/hearth/backups");

    await userEvent.click(screen.getByTestId("backup-now"));
    expect(commands.backupNow).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(commands.backupsList).toHaveBeenCalledTimes(2));
  });

  it("asks before restoring, then restores that snapshot and says how to go back", async () => {
    renderApp(withModals(<BackupsPage />));
    const rows = await screen.findAllByTestId("backup-row");
    await userEvent.click(within(rows[0]).getByTestId("backup-restore"));
    expect(commands.backupRestore).not.toHaveBeenCalled();
    expect(await screen.findByText(/Hearth first saves a snapshot of your data as it is now/)).toBeInTheDocument();
    await userEvent.click(screen.getByTestId("confirm-restore"));
    await waitFor(() => expect(commands.backupRestore).toHaveBeenCalledWith("b.db"));
    expect(await screen.findByText(/Your data from before is in the snapshot/)).toBeInTheDocument();
  });

  it("shows why a chosen folder was refused and keeps the old one", async () => {
    commands.backupFolderPick.mockImplementation(() => ok("/media/usb/hearth"));
    commands.backupFolderSet.mockImplementation(() =>
      fail({ kind: "validation", errors: [{ field: "folder", code: "not_writable", message: "Hearth cannot write to /media/usb/hearth" }] }),
    );
    renderApp(withModals(<BackupsPage />));
    await userEvent.click(await screen.findByTestId("backup-folder-pick"));
    await waitFor(() => expect(commands.backupFolderSet).toHaveBeenCalledWith("/media/usb/hearth"));
    expect(await screen.findByText(/cannot write to/)).toBeInTheDocument();
    expect(screen.getByTestId("backup-folder")).toHaveTextContent("/home/sam/.local/share/hearth/backups");
  });

  it("formats sizes and counts", () => {
    expect(formatSize(812)).toBe("812 B");
    expect(formatSize(959_623_168)).toBe("960 MB");
    expect(formatSize(1_200_000_000)).toBe("1.2 GB");
    expect(describeCounts(snapshot({ deals: null }))).toBe("320 contacts · 60 companies");
  });
});

describe("a database that cannot be used", () => {
  beforeEach(() => vi.clearAllMocks());

  it("when damaged, offers the newest good snapshot and opens the app after restoring it", async () => {
    let damaged = true;
    commands.appStatus.mockImplementation(() =>
      damaged ? fail({ kind: "database", problem: "damaged", message: "The database is damaged (malformed)." }) : ok(status()),
    );
    commands.backupNewestGood.mockImplementation(() => ok(snapshot()));
    commands.backupRestore.mockImplementation(() => {
      damaged = false;
      return ok({ restored: "x", restored_taken_at: "2026-11-23T09:30:00Z", previous: null, damaged_file_kept_at: "/data/hearth.db.damaged-1" });
    });
    renderApp(withModals(<Gate />));
    expect(await screen.findByText("Your database is damaged")).toBeInTheDocument();
    expect(await screen.findByTestId("newest-good-snapshot")).toHaveTextContent("320 contacts");
    await userEvent.click(screen.getByTestId("restore-newest"));
    await userEvent.click(await screen.findByTestId("confirm-restore"));
    await waitFor(() => expect(commands.backupRestore).toHaveBeenCalledWith("hearth-2026-11-23T093000Z-scheduled.db"));
    await waitFor(() => expect(screen.queryByText("Your database is damaged")).not.toBeInTheDocument());
    expect(await screen.findByText(/damaged file was kept at \/data\/hearth.db.damaged-1/)).toBeInTheDocument();
  });

  it("from a newer Hearth, says so and offers no restore", async () => {
    commands.appStatus.mockImplementation(() =>
      fail({ kind: "database", problem: "newer", message: "This database was written by Hearth 9.1.0." }),
    );
    renderApp(withModals(<Gate />));
    expect(await screen.findByText("This data belongs to a newer Hearth")).toBeInTheDocument();
    expect(screen.getByText("This database was written by Hearth 9.1.0.")).toBeInTheDocument();
    expect(screen.queryByTestId("restore-newest")).not.toBeInTheDocument();
    expect(commands.backupNewestGood).not.toHaveBeenCalled();
  });

  it("switches to the damaged screen when damage is found while the app runs", async () => {
    let damaged = false;
    commands.appStatus.mockImplementation(() =>
      damaged ? fail({ kind: "database", problem: "damaged", message: "Hearth found damage." }) : ok(status({ needs_onboarding: true })),
    );
    renderApp(withModals(<Gate />));
    expect(await screen.findByTestId("load-demo")).toBeInTheDocument();
    damaged = true;
    await waitFor(() => expect(events.databaseProblemEvent.listen).toHaveBeenCalled());
    events.databaseProblemEvent.emit({ message: "Hearth found damage." });
    expect(await screen.findByText("Your database is damaged")).toBeInTheDocument();
  });
});
