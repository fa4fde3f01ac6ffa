// Unwraps the generated commands' results: data on success, a thrown ApiError otherwise.
import { notifications } from "@mantine/notifications";
import type { CoreError } from "../bindings";
import { errorMessage, errorTitle, isCoreError, unplacedErrors } from "./errors";

export type Result<T> = { status: "ok"; data: T } | { status: "error"; error: CoreError };

export class ApiError extends Error {
  readonly core: CoreError;
  constructor(core: CoreError) {
    super(errorMessage(core));
    this.core = core;
  }
}

export async function call<T>(p: Promise<Result<T>>): Promise<T> {
  const r = await p;
  if (r.status === "error") throw new ApiError(r.error);
  return r.data;
}

/** The CoreError inside whatever was thrown (or the thrown value itself). */
export function coreOf(err: unknown): unknown {
  return err instanceof ApiError ? err.core : err;
}

/** Shows a red notification for an error (or for its parts not shown next to a field). */
export function notifyError(err: unknown, shownFields?: (field: string) => boolean): void {
  const core = coreOf(err);
  const messages = shownFields ? unplacedErrors(core, shownFields) : [errorMessage(core)];
  if (messages.length === 0) return;
  notifications.show({
    color: "red",
    title: isCoreError(core) ? errorTitle(core) : "Unexpected error",
    message: messages.join(" "),
    autoClose: 8000,
  });
}
