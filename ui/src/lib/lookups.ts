// Pick-list data shared by forms and filters (reloaded whenever data changes).
import { commands, type LeadSource, type TagCount } from "../bindings";
import { call } from "./api";
import { useData } from "./data";
import { useLoad } from "./useLoad";

export interface Lookups {
  leadSources: LeadSource[];
  tags: TagCount[];
  owners: string[];
  industries: string[];
}

const EMPTY: Lookups = { leadSources: [], tags: [], owners: [], industries: [] };

export function useLookups(): Lookups {
  const { version } = useData();
  const { data } = useLoad(async () => {
    const [leadSources, tags, owners, industries] = await Promise.all([
      call(commands.leadSourcesList()),
      call(commands.tagsList()),
      call(commands.ownersList()),
      call(commands.industriesList()),
    ]);
    return { leadSources, tags, owners, industries };
  }, [version]);
  return data ?? EMPTY;
}

let zones: string[] | null = null;

/** IANA time zones the engine knows (a short fallback list on older engines). */
export function timeZones(): string[] {
  if (zones) return zones;
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  zones = intl.supportedValuesOf?.("timeZone") ?? [
    "UTC", "Europe/London", "Europe/Dublin", "Europe/Paris", "Europe/Berlin", "Europe/Madrid", "Europe/Rome",
    "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "America/Toronto",
    "Asia/Tokyo", "Asia/Singapore", "Australia/Sydney",
  ];
  return zones;
}
