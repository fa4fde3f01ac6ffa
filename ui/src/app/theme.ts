import { createTheme, type MantineColorsTuple } from "@mantine/core";

// A warm ember orange: Hearth.
const ember: MantineColorsTuple = [
  "#fff4e6", "#ffe8cc", "#ffd09b", "#ffb664", "#ff9f38", "#ff911b", "#ff8a09", "#e37700", "#ca6800", "#b05800",
];

export const theme = createTheme({
  primaryColor: "ember",
  colors: { ember },
  primaryShade: { light: 7, dark: 6 },
  defaultRadius: "md",
  fontFamily:
    "Inter, system-ui, -apple-system, 'Segoe UI', Roboto, Ubuntu, Cantarell, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif",
  headings: { fontWeight: "650" },
  cursorType: "pointer",
  components: {
    Modal: { defaultProps: { centered: true, overlayProps: { backgroundOpacity: 0.45, blur: 2 } } },
    Tooltip: { defaultProps: { openDelay: 300 } },
  },
});
