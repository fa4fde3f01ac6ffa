// A review's link: https opens in the system's browser; anything else is shown to copy (the
// app only hands https links to the browser).
import { Anchor, Group, Text, Tooltip } from "@mantine/core";
import { IconExternalLink } from "@tabler/icons-react";
import { opens } from "./format";

export function ReviewLink({ link, platform }: { link: string; platform: string }) {
  if (opens(link)) {
    return (
      <Anchor href={link} target="_blank" rel="noreferrer" size="xs" data-testid="review-link-open" aria-label={`Open on ${platform} (the review, in your browser)`}>
        <Group gap={4} wrap="nowrap"><IconExternalLink size={12} aria-hidden />Open on {platform}</Group>
      </Anchor>
    );
  }
  return (
    <Tooltip label="Only https links open from Hearth: copy it into your browser." multiline w={260}>
      <Text size="xs" c="dimmed" style={{ wordBreak: "break-all" }} data-testid="review-link-text">{link}</Text>
    </Tooltip>
  );
}
