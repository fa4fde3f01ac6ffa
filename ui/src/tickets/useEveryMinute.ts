// Runs `fn` once a minute while the screen is shown: service-level clocks count down.
import { useEffect, useRef } from "react";

export function useEveryMinute(fn: () => void): void {
  const ref = useRef(fn);
  ref.current = fn;
  useEffect(() => {
    const timer = setInterval(() => ref.current(), 60_000);
    return () => clearInterval(timer);
  }, []);
}
