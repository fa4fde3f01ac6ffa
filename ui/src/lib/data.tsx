// App-wide data context: app status (counts, onboarding) and a version bumped after each change,
// so lists and pick-lists refetch.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { commands, events, type AppStatus } from "../bindings";
import { call } from "./api";

interface DataContextValue {
  status: AppStatus | null;
  statusError: unknown;
  version: number;
  /** Something changed: refetch lists and counts. */
  changed: () => void;
  setStatus: (s: AppStatus) => void;
  /** Where "/" leads: Today normally, Contacts right after onboarding. */
  landing: string;
  setLanding: (path: string) => void;
}

const DataContext = createContext<DataContextValue | null>(null);

export function DataProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<AppStatus | null>(null);
  const [statusError, setStatusError] = useState<unknown>(null);
  const [version, setVersion] = useState(0);
  const [landing, setLanding] = useState("/today");

  useEffect(() => {
    let live = true;
    call(commands.appStatus()).then(
      (s) => {
        if (!live) return;
        setStatus(s);
        setStatusError(null);
      },
      (e: unknown) => {
        if (!live) return;
        // The database cannot be used (damaged, newer, in use): the app shows why instead.
        setStatus(null);
        setStatusError(e);
      },
    );
    return () => {
      live = false;
    };
  }, [version]);

  // Damage found while the app runs (the check after start-up): ask again, which shows it.
  useEffect(() => {
    let unlisten: (() => void) | undefined;
    let live = true;
    events.databaseProblemEvent
      .listen(() => setVersion((v) => v + 1))
      .then((u) => (live ? (unlisten = u) : u()))
      .catch(() => undefined);
    return () => {
      live = false;
      unlisten?.();
    };
  }, []);

  const changed = useCallback(() => setVersion((v) => v + 1), []);
  const value = useMemo(
    () => ({ status, statusError, version, changed, setStatus, landing, setLanding }),
    [status, statusError, version, changed, landing],
  );
  return <DataContext.Provider value={value}>{children}</DataContext.Provider>;
}

export function useData(): DataContextValue {
  const v = useContext(DataContext);
  if (!v) throw new Error("useData outside DataProvider");
  return v;
}
