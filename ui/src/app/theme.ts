import { createTheme, type CSSVariablesResolver, type MantineColorsTuple, type MantineTheme } from "@mantine/core";

// A warm ember orange: Hearth.
const ember: MantineColorsTuple = [
  "#fff4e6", "#ffe8cc", "#ffd09b", "#ffb664", "#ff9f38", "#ff911b", "#ff8a09", "#e37700", "#ca6800", "#b05800",
];

// ---- Contrast (WCAG 2.x) -------------------------------------------------------------------
// Mantine's stock shades put some text below AA (4.5:1): dimmed grey, light-variant badges and
// coloured text at shade 7, white on orange buttons. The resolver below keeps every colour but,
// where a shade falls short, uses the nearest darker (or, on dark backgrounds, lighter) one.

type Rgb = [number, number, number];
const AA = 4.6; // 4.5 plus a little room for rounding and anti-aliasing

function parse(hex: string): Rgb {
  const h = hex.replace("#", "");
  const full = h.length === 3 ? h.split("").map((c) => c + c).join("") : h;
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as Rgb;
}
const toHex = (c: Rgb) => `#${c.map((v) => Math.round(Math.max(0, Math.min(255, v))).toString(16).padStart(2, "0")).join("")}`;
function luminance([r, g, b]: Rgb): number {
  const f = (v: number) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
}
export function contrast(a: string, b: string): number {
  const [x, y] = [luminance(parse(a)), luminance(parse(b))];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}
/** `fg` laid over `bg` at `alpha`. */
function over(fg: string, alpha: number, bg: string): string {
  const [f, b] = [parse(fg), parse(bg)];
  return toHex([0, 1, 2].map((i) => f[i] * alpha + b[i] * (1 - alpha)) as Rgb);
}
/** The first of `candidates` readable on every one of `bgs`; failing that, the last one mixed towards `towards` until it is. */
function readable(candidates: string[], bgs: string[], towards = "#000000"): string {
  const ok = (c: string) => bgs.every((bg) => contrast(c, bg) >= AA);
  const found = candidates.find(ok);
  if (found) return found;
  let c = candidates[candidates.length - 1];
  for (let i = 0; i < 20 && !ok(c); i++) c = over(towards, 0.08, c);
  return c;
}

const LIGHT_BGS = ["#ffffff", "#f8f9fa", "#f1f3f5"]; // body, gray-0 (cards, footer), gray-1 (hover)
const DARK_BGS = ["#242424", "#2e2e2e", "#3b3b3b"]; // dark-7 (body), dark-6 (cards), dark-5 (hover)

const resolver: CSSVariablesResolver = (theme: MantineTheme) => {
  const light: Record<string, string> = {};
  const dark: Record<string, string> = {};
  for (const [name, shades] of Object.entries(theme.colors)) {
    if (!Array.isArray(shades) || name === "dark" || name === "gray") continue;
    const s = shades as readonly string[];
    // Filled (buttons, filled badges) carry white text in both schemes.
    const filled = readable([s[7], s[8], s[9]], ["#ffffff"]);
    const filledHover = over("#000000", 0.12, filled);
    // Light scheme: coloured text, and the light variant (shade 7 at 10 % over the page).
    const tints = LIGHT_BGS.map((bg) => over(s[7], 0.1, bg));
    const text = readable([s[7], s[8], s[9]], [...LIGHT_BGS, ...tints]);
    Object.assign(light, {
      [`--mantine-color-${name}-filled`]: filled,
      [`--mantine-color-${name}-filled-hover`]: filledHover,
      [`--mantine-color-${name}-text`]: text,
      [`--mantine-color-${name}-light-color`]: text,
      [`--mantine-color-${name}-outline`]: text,
    });
    // Dark scheme: text at shade 4 (lighter where needed), the light variant's text at shade 1.
    const darkTints = DARK_BGS.map((bg) => over(s[4], 0.15, bg));
    Object.assign(dark, {
      [`--mantine-color-${name}-filled`]: filled,
      [`--mantine-color-${name}-filled-hover`]: filledHover,
      [`--mantine-color-${name}-text`]: readable([s[4], s[3], s[2], s[1]], DARK_BGS, "#ffffff"),
      [`--mantine-color-${name}-light-color`]: readable([s[1], s[0]], darkTints, "#ffffff"),
      [`--mantine-color-${name}-outline`]: readable([s[3], s[2], s[1]], DARK_BGS, "#ffffff"),
    });
  }
  const primary = theme.primaryColor;
  return {
    variables: {},
    light: {
      ...light,
      "--mantine-color-dimmed": readable([theme.colors.gray[6], "#6c737a", "#5c636a"], [...LIGHT_BGS, theme.colors[primary][0]]),
      "--mantine-color-anchor": `var(--mantine-color-${primary}-text)`,
      "--mantine-color-error": `var(--mantine-color-red-text)`,
      "--mantine-color-placeholder": "var(--mantine-color-dimmed)",
    },
    dark: {
      ...dark,
      "--mantine-color-dimmed": readable([theme.colors.dark[2], "#a3a3a3", theme.colors.dark[1]], DARK_BGS, "#ffffff"),
      "--mantine-color-anchor": `var(--mantine-color-${primary}-text)`,
      "--mantine-color-error": `var(--mantine-color-red-text)`,
      "--mantine-color-placeholder": "var(--mantine-color-dimmed)",
    },
  };
};

export const cssVariablesResolver = resolver;

export const theme = createTheme({
  primaryColor: "ember",
  colors: { ember },
  primaryShade: { light: 7, dark: 6 },
  defaultRadius: "md",
  fontFamily:
    "Inter, system-ui, -apple-system, 'Segoe UI', Roboto, Ubuntu, Cantarell, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif",
  headings: { fontWeight: "650" },
  cursorType: "pointer",
  focusRing: "auto",
  components: {
    Modal: { defaultProps: { centered: true, overlayProps: { backgroundOpacity: 0.45, blur: 2 }, closeButtonProps: { "aria-label": "Close" } } },
    Drawer: { defaultProps: { closeButtonProps: { "aria-label": "Close" } } },
    Notification: { defaultProps: { closeButtonProps: { "aria-label": "Close" } } },
    // A table wider than its place scrolls sideways; keyboard users reach it with Tab, then the arrows.
    TableScrollContainer: { defaultProps: { scrollAreaProps: { viewportProps: { tabIndex: 0 } } } },
    Tooltip: { defaultProps: { openDelay: 300 } },
  },
});
