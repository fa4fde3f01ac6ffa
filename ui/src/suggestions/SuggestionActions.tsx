// What can be done with a suggestion: turn it into a deal, or offer it by e-mail; and the badges
// that say what kind it is and the rule behind it.
import { useState } from "react";
import { Anchor, Badge, Button, Group, Text, Tooltip } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconArrowsShuffle, IconExternalLink, IconMail, IconPlus, IconTrendingUp } from "@tabler/icons-react";
import { Link } from "react-router-dom";
import { commands, type ProductRule, type Suggestion, type SuggestionKind } from "../bindings";
import { call, notifyError } from "../lib/api";
import { useData } from "../lib/data";
import { KIND_COLORS, KIND_LABELS, MEASURES, liftText, pct } from "./format";

export function KindBadge({ kind }: { kind: SuggestionKind }) {
  const Icon = kind === "upsell" ? IconTrendingUp : IconArrowsShuffle;
  return (
    <Badge variant="light" color={KIND_COLORS[kind]} tt="none" leftSection={<Icon size={12} aria-hidden />} data-testid="suggestion-kind"
      style={{ flexShrink: 0, overflow: "visible" }}>
      {KIND_LABELS[kind]}
    </Badge>
  );
}

/** "Support 12% · Confidence 60% · Lift 1.85", each measure explained on hover. */
export function RuleFigures({ rule }: { rule: ProductRule }) {
  const item = (label: string, value: string, tip: string) => (
    <Tooltip label={tip} multiline w={280} withinPortal>
      <Text size="xs" c="dimmed" span>{label} <Text span fw={600} inherit>{value}</Text></Text>
    </Tooltip>
  );
  return (
    <Group gap="sm" data-testid="rule-figures">
      {item("Support", pct(rule.support), MEASURES.support)}
      {item("Confidence", pct(rule.confidence), MEASURES.confidence)}
      {item("Lift", liftText(rule.lift), MEASURES.lift)}
      <Text size="xs" c="dimmed">({rule.both} of {rule.from_count} who own {rule.from.name})</Text>
    </Group>
  );
}

interface Props {
  suggestion: Suggestion;
  /** A ready mailto: link; or `onEmail` to make one when clicked (lists across contacts). */
  mailto?: string | null;
  onEmail?: () => void;
  /** Why e-mail is not offered ("They asked not to be contacted"). */
  noEmail?: string | null;
  size?: "xs" | "compact-sm";
}

export function SuggestionActions({ suggestion: s, mailto, onEmail, noEmail, size = "compact-sm" }: Props) {
  const { changed } = useData();
  const [busy, setBusy] = useState(false);
  const [deal, setDeal] = useState<{ id: string; title: string } | null>(null);

  const createDeal = async () => {
    setBusy(true);
    try {
      const d = await call(commands.suggestionToDeal(s.contact.id, s.product.id, s.kind));
      setDeal({ id: d.id, title: d.title });
      notifications.show({ color: "green", title: "Deal created", message: `“${d.title}” is in ${d.pipeline.name}, ${d.stage.name}.` });
      changed();
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };

  const label = `${s.product.name} for ${s.contact.name}`;
  return (
    <Group gap={6} wrap="nowrap">
      {deal ? (
        <Anchor component={Link} to={`/deals/${deal.id}`} size="sm" data-testid="suggestion-deal-link">
          <Group gap={4} wrap="nowrap"><IconExternalLink size={14} aria-hidden />Open the deal</Group>
        </Anchor>
      ) : (
        <Button size={size} variant="light" leftSection={<IconPlus size={14} />} loading={busy} onClick={() => void createDeal()}
          aria-label={`Create deal: ${label}`} data-testid="suggestion-to-deal">
          Create deal
        </Button>
      )}
      {noEmail ? (
        <Tooltip label={noEmail}>
          <Button size={size} variant="subtle" leftSection={<IconMail size={14} />} disabled data-testid="suggestion-email">E-mail</Button>
        </Tooltip>
      ) : mailto ? (
        <Button component="a" href={mailto} size={size} variant="subtle" leftSection={<IconMail size={14} />}
          aria-label={`E-mail about ${label}`} data-testid="suggestion-email">
          E-mail
        </Button>
      ) : onEmail ? (
        <Button size={size} variant="subtle" leftSection={<IconMail size={14} />} onClick={onEmail} aria-label={`E-mail about ${label}`}
          data-testid="suggestion-email">
          E-mail
        </Button>
      ) : null}
    </Group>
  );
}
