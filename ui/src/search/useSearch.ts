// Debounced search that ignores answers to queries the person has already typed past.
import { useEffect, useRef, useState } from "react";
import { commands, type SearchHit } from "../bindings";
import { call } from "../lib/api";

export function useSearch(text: string, limit = 20, delay = 80): { hits: SearchHit[]; loading: boolean } {
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [loading, setLoading] = useState(false);
  const latest = useRef(0);

  useEffect(() => {
    const q = text.trim();
    const id = ++latest.current;
    if (q === "") {
      setHits([]);
      setLoading(false);
      return;
    }
    setLoading(true);
    const timer = setTimeout(() => {
      call(commands.search(q, limit)).then(
        (h) => {
          if (id !== latest.current) return; // stale: a newer query is on its way
          setHits(h);
          setLoading(false);
        },
        () => {
          if (id !== latest.current) return;
          setHits([]);
          setLoading(false);
        },
      );
    }, delay);
    return () => clearTimeout(timer);
  }, [text, limit, delay]);

  return { hits, loading };
}
