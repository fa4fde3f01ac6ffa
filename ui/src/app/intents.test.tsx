import { describe, expect, it, vi } from "vitest";
import { act, render } from "@testing-library/react";
import { useState } from "react";
import { requestIntent, useIntent } from "./intents";

function Screen({ run, ready }: { run: () => void; ready: boolean }) {
  useIntent("new-deal", ready, run);
  return null;
}

describe("palette requests to a screen's form", () => {
  it("waits until the screen is ready, then runs once", () => {
    const run = vi.fn();
    let setReady: (v: boolean) => void = () => undefined;
    function Host() {
      const [ready, set] = useState(false);
      setReady = set;
      return <Screen run={run} ready={ready} />;
    }
    render(<Host />);
    act(() => requestIntent("new-deal"));
    expect(run).not.toHaveBeenCalled();
    act(() => setReady(true));
    expect(run).toHaveBeenCalledTimes(1);
    act(() => setReady(false));
    act(() => setReady(true));
    expect(run).toHaveBeenCalledTimes(1);
  });

  it("another screen's request is left alone", () => {
    const run = vi.fn();
    render(<Screen run={run} ready />);
    act(() => requestIntent("log-call"));
    expect(run).not.toHaveBeenCalled();
  });
});
