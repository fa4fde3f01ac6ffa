// Light-weight cells for the virtualised tables: plain elements with CSS classes, because
// every visible row is rendered again while scrolling (Mantine's Text, Badge and Tooltip
// cost tens of microseconds each; a screen of rows has hundreds of cells).
import type { ReactNode } from "react";
import classes from "./cells.module.css";

type Tone = "text" | "dim" | "strong" | "sub" | "danger";

/** One line of text, cut with an ellipsis; the full text is in the native tooltip. */
export function CellText({ children, tone = "text", title }: { children: ReactNode; tone?: Tone; title?: string }) {
  return (
    <span className={classes[tone]} title={title ?? (typeof children === "string" ? children : undefined)}>
      {children}
    </span>
  );
}

/** Secondary text in a cell that may be empty (shows a dimmed dash). */
export function Dim({ children }: { children: ReactNode }) {
  if (children === null || children === undefined || children === "") return <span className={classes.dim}>—</span>;
  return <CellText>{children}</CellText>;
}

/** A main line in bold with an optional second, dimmed line, and optional marks after the name. */
export function TwoLines({ main, sub, marks }: { main: string; sub?: string | null; marks?: ReactNode }) {
  return (
    <div style={{ minWidth: 0 }}>
      <div className={classes.line}>
        <CellText tone="strong">{main}</CellText>
        {marks}
      </div>
      {sub && <CellText tone="sub">{sub}</CellText>}
    </div>
  );
}

/** A small coloured pill (Mantine's "light" colours), e.g. a stage or a count. */
export function Pill({ color, children, title }: { color: string; children: ReactNode; title?: string }) {
  const style = { "--pill-bg": `var(--mantine-color-${color}-light)`, "--pill-fg": `var(--mantine-color-${color}-light-color)` };
  return (
    <span className={classes.pill} style={style as React.CSSProperties} title={title}>
      {children}
    </span>
  );
}

/** The grey bar shown in a cell whose row is still being fetched. */
export function Placeholder() {
  return <div className={classes.placeholder} />;
}
