import type { ReactElement } from "react";
import { MantineProvider } from "@mantine/core";
import { render } from "@testing-library/react";
import { MemoryRouter, Route, Routes, useLocation } from "react-router-dom";
import { DataProvider } from "../lib/data";
import { theme } from "../app/theme";

export let currentPath = "/";

function PathSpy() {
  currentPath = useLocation().pathname;
  return null;
}

/** Renders a screen inside the app's providers, with a router at `path`. */
export function renderApp(ui: ReactElement, path = "/") {
  return render(
    <MantineProvider theme={theme}>
      <MemoryRouter initialEntries={[path]}>
        <DataProvider>
          <Routes>
            <Route path="*" element={<>{ui}<PathSpy /></>} />
          </Routes>
        </DataProvider>
      </MemoryRouter>
    </MantineProvider>,
  );
}
