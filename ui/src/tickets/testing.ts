// Mocked commands for tickets and service levels, merged into the app's mocked bindings by
// `withCommands`; the data builders live in ../test/data/tickets.ts.
import { vi } from "vitest";
import type { CoreError, Ticket } from "../bindings";
import { detail, serviceLevels, ticket } from "../test/data/tickets";

type Res<T> = Promise<{ status: "ok"; data: T } | { status: "error"; error: CoreError }>;
export const cmd = <T,>(data: () => T) => vi.fn((..._args: unknown[]): Res<T> => Promise.resolve({ status: "ok" as const, data: data() }));

/** The app's mocked bindings with more commands: `vi.mock("../bindings", () => withCommands(extra))`. */
export async function withCommands(...extra: Record<string, unknown>[]) {
  const { bindings } = await import("../test/fixtures");
  return { ...bindings, commands: Object.assign({}, bindings.commands, ...extra) };
}

export * from "../test/data/tickets";

export const ticketCommands = {
  ticketsList: cmd((): Ticket[] => [ticket()]),
  ticketGet: cmd(() => detail()),
  ticketCreate: cmd(() => detail({ id: "tk-9", number: 13 })),
  ticketUpdate: cmd(() => detail()),
  ticketSetStatus: cmd(() => detail()),
  ticketAddNote: cmd(() => detail()),
  serviceLevels: cmd(serviceLevels),
  serviceLevelSet: cmd(serviceLevels),
  tiersList: cmd(() => []),
};
