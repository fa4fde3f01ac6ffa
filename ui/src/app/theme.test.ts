import { describe, expect, it } from "vitest";
import { DEFAULT_THEME, mergeMantineTheme } from "@mantine/core";
import { contrast, cssVariablesResolver, theme } from "./theme";

const merged = mergeMantineTheme(DEFAULT_THEME, theme);
const vars = cssVariablesResolver(merged);

describe("theme contrast", () => {
  it("keeps coloured text, the light variant's text and filled buttons at WCAG AA in both schemes", () => {
    for (const name of ["ember", "red", "orange", "yellow", "green", "teal", "cyan", "blue", "grape"]) {
      expect(contrast(vars.light[`--mantine-color-${name}-text`], "#ffffff"), `${name} text on white`).toBeGreaterThanOrEqual(4.5);
      expect(contrast(vars.light[`--mantine-color-${name}-text`], "#f1f3f5"), `${name} text on gray-1`).toBeGreaterThanOrEqual(4.5);
      expect(contrast("#ffffff", vars.light[`--mantine-color-${name}-filled`]), `white on ${name}`).toBeGreaterThanOrEqual(4.5);
      expect(contrast(vars.dark[`--mantine-color-${name}-text`], "#3b3b3b"), `${name} text on dark-5`).toBeGreaterThanOrEqual(4.5);
    }
    expect(contrast(vars.light["--mantine-color-dimmed"], "#f8f9fa")).toBeGreaterThanOrEqual(4.5);
    expect(contrast(vars.dark["--mantine-color-dimmed"], "#3b3b3b")).toBeGreaterThanOrEqual(4.5);
  });
});
