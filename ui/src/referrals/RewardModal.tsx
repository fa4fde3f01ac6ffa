// "Add reward": a thank-you owed to someone who referred a customer ("A free month", "€20
// voucher"), optionally for one of the people they referred.
import { useState } from "react";
import { Button, Group, Modal, Select, Stack, TextInput } from "@mantine/core";
import { commands, type Referrer } from "../bindings";
import { call, notifyError } from "../lib/api";
import { formErrors } from "../tickets/formErrors";

export function RewardModal({ referrer, onClose, onSaved }: { referrer: Referrer; onClose: () => void; onSaved: () => void }) {
  const [reward, setReward] = useState("");
  const [referredId, setReferredId] = useState<string | null>(referrer.referred.find((r) => r.customer)?.contact.id ?? null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);

  const save = async () => {
    if (!reward.trim()) {
      setErrors({ reward: "Say what the reward is, e.g. “A free month”." });
      return;
    }
    setSaving(true);
    try {
      await call(commands.rewardAdd({ referrer_id: referrer.contact.id, referred_id: referredId, reward: reward.trim() }));
      onSaved();
    } catch (e) {
      setErrors(formErrors(e));
      notifyError(e, (f) => f === "reward" || f === "referred_id");
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={`A reward for ${referrer.contact.name}`} size="md">
      <form noValidate onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <Stack>
          <TextInput label="Reward" withAsterisk data-autofocus placeholder="e.g. A free month, €20 voucher" value={reward} error={errors.reward}
            onChange={(e) => { setReward(e.currentTarget.value); setErrors({}); }} data-testid="reward-text" />
          <Select label="For referring" placeholder="No one in particular" clearable value={referredId} error={errors.referred_id}
            data={referrer.referred.map((r) => ({ value: r.contact.id, label: `${r.contact.name}${r.customer ? " (customer)" : ""}` }))}
            onChange={setReferredId} data-testid="reward-referred" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" loading={saving} data-testid="reward-save">Add reward</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
