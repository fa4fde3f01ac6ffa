// "Add review": where they reviewed you, the stars, the link and what they wrote.
import { useState } from "react";
import { Autocomplete, Button, Group, Input, Modal, Rating, SimpleGrid, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { DateInput } from "@mantine/dates";
import { commands, type Review, type ReviewInput } from "../bindings";
import { call, notifyError } from "../lib/api";
import { answeredAt } from "../surveys/RecordScoreModal";
import { formErrors } from "../tickets/formErrors";
import { PLATFORMS } from "./format";
import { pickerFormat } from "../lib/dates";

const SHOWN = new Set(["platform", "rating", "link", "body", "reviewed_at"]);

export function ReviewModal({ contactId, onClose, onSaved }: { contactId: string; onClose: () => void; onSaved: (r: Review) => void }) {
  const [platform, setPlatform] = useState("");
  const [rating, setRating] = useState(0);
  const [link, setLink] = useState("");
  const [body, setBody] = useState("");
  const [day, setDay] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const clear = (f: string) => setErrors(({ [f]: _gone, ...rest }) => rest);

  const save = async () => {
    const local: Record<string, string> = {};
    if (!platform.trim()) local.platform = "Where did they review you? e.g. Google.";
    if (rating < 1) local.rating = "Choose 1 to 5 stars.";
    if (Object.keys(local).length) {
      setErrors(local);
      return;
    }
    const input: ReviewInput = {
      contact_id: contactId, platform: platform.trim(), rating, link: link.trim() || null, body: body.trim() || null, reviewed_at: answeredAt(day),
    };
    setSaving(true);
    try {
      onSaved(await call(commands.reviewAdd(input)));
    } catch (e) {
      setErrors(formErrors(e));
      notifyError(e, (f) => SHOWN.has(f));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title="Add a review" size="md">
      <form noValidate onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <Stack>
          <SimpleGrid cols={2}>
            <Autocomplete label="Platform" withAsterisk data-autofocus placeholder="e.g. Google" data={PLATFORMS} value={platform} error={errors.platform}
              onChange={(v) => { setPlatform(v); clear("platform"); }} data-testid="review-platform" />
            <DateInput label="Date" placeholder="Today" clearable valueFormat={pickerFormat()} value={day} maxDate={new Date()} error={errors.reviewed_at}
              onChange={setDay} data-testid="review-date" />
          </SimpleGrid>
          <Input.Wrapper label="Stars" withAsterisk error={errors.rating} data-testid="review-rating">
            <Group gap="sm" mt={4}>
              <Rating value={rating} onChange={(v) => { setRating(v); clear("rating"); }} size="lg"
                getSymbolLabel={(v) => `${v} ${v === 1 ? "star" : "stars"}`} />
              <Text size="sm" c="dimmed">{rating ? `${rating} of 5` : "Not chosen"}</Text>
            </Group>
          </Input.Wrapper>
          <TextInput label="Link" placeholder="https://…" value={link} error={errors.link} description="Opens in your browser (https links)."
            onChange={(e) => { setLink(e.currentTarget.value); clear("link"); }} data-testid="review-link" />
          <Textarea label="What they wrote" autosize minRows={2} maxRows={8} value={body} error={errors.body}
            onChange={(e) => { setBody(e.currentTarget.value); clear("body"); }} data-testid="review-body" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" loading={saving} data-testid="review-save">Add review</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
