// Create or edit a company.
import { useState } from "react";
import { Autocomplete, Button, Divider, Group, Modal, Select, SimpleGrid, Stack, TagsInput, TextInput, Textarea } from "@mantine/core";
import { commands, type CompanyDetail, type CompanyInput } from "../bindings";
import { call, coreOf, notifyError } from "../lib/api";
import { fieldErrors } from "../lib/errors";
import { useLookups } from "../lib/lookups";
import { SIZE_OPTIONS, isSizeBand } from "../lib/stages";
import { companyInputFromDetail, emptyCompanyInput, prepareCompanyInput, validateCompany } from "./companyForm";
import { LikelyDuplicates } from "../duplicates/LikelyDuplicates";

interface Props {
  detail?: CompanyDetail;
  onClose: () => void;
  onSaved: (c: CompanyDetail) => void;
}

const SHOWN = /^(name|domain|industry|size_band|phone|owner|address\..+|notes|tags)$/;

export function CompanyFormModal({ detail, onClose, onSaved }: Props) {
  const [input, setInput] = useState<CompanyInput>(() => (detail ? companyInputFromDetail(detail) : emptyCompanyInput()));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const { industries, tags, owners } = useLookups();

  const set = <K extends keyof CompanyInput>(key: K, value: CompanyInput[K]) => {
    setInput((i) => ({ ...i, [key]: value }));
    if (errors[key]) setErrors(({ [key]: _d, ...rest }) => rest);
  };
  const setAddress = (key: keyof CompanyInput["address"], value: string) => {
    setInput((i) => ({ ...i, address: { ...i.address, [key]: value } }));
    if (errors[`address.${key}`]) setErrors(({ [`address.${key}`]: _d, ...rest }) => rest);
  };

  const save = async () => {
    const local = validateCompany(input);
    if (Object.keys(local).length > 0) {
      setErrors(local);
      return;
    }
    setSaving(true);
    try {
      const prepared = prepareCompanyInput(input);
      onSaved(await call(detail ? commands.companyUpdate(detail.id, prepared) : commands.companyCreate(prepared)));
    } catch (e) {
      setErrors(fieldErrors(coreOf(e)));
      notifyError(e, (f) => SHOWN.test(f));
    } finally {
      setSaving(false);
    }
  };

  const addr = (key: keyof CompanyInput["address"], label: string) => (
    <TextInput label={label} value={input.address[key] ?? ""} error={errors[`address.${key}`]}
      onChange={(e) => setAddress(key, e.currentTarget.value)} />
  );

  return (
    <Modal opened onClose={onClose} title={detail ? `Edit ${detail.name}` : "New company"} size="xl">
      <form noValidate onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}>
        <Stack>
          <SimpleGrid cols={2}>
            <TextInput label="Name" withAsterisk data-autofocus value={input.name} error={errors.name}
              onChange={(e) => set("name", e.currentTarget.value)} data-testid="company-form-name" />
            <TextInput label="Website domain" placeholder="example.com" value={input.domain ?? ""} error={errors.domain}
              onChange={(e) => set("domain", e.currentTarget.value)} data-testid="company-form-domain" />
            <Autocomplete label="Industry" data={industries} value={input.industry ?? ""} error={errors.industry}
              onChange={(v) => set("industry", v)} />
            <Select label="Size" placeholder="How many people?" data={SIZE_OPTIONS} value={input.size_band} clearable
              error={errors.size_band} onChange={(v) => set("size_band", isSizeBand(v) ? v : null)} />
            <TextInput label="Phone" placeholder="+44 20 7946 0958" value={input.phone ?? ""} error={errors.phone}
              onChange={(e) => set("phone", e.currentTarget.value)} />
            <Autocomplete label="Owner" data={owners} value={input.owner ?? ""} error={errors.owner}
              onChange={(v) => set("owner", v)} />
          </SimpleGrid>
          <TagsInput label="Tags" data={tags.map((t) => t.name)} value={input.tags} error={errors.tags}
            onChange={(v) => set("tags", v)} placeholder="Add a tag and press Enter" clearable />
          <Divider label="Address" labelPosition="left" />
          <SimpleGrid cols={3}>
            {addr("street", "Street")}
            {addr("city", "City")}
            {addr("region", "Region")}
            {addr("postal_code", "Postal code")}
            {addr("country", "Country")}
          </SimpleGrid>
          <Textarea label="Notes" autosize minRows={2} maxRows={6} value={input.notes ?? ""} error={errors.notes}
            onChange={(e) => set("notes", e.currentTarget.value)} />
          <LikelyDuplicates kind="company" input={input} excludeId={detail?.id} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" loading={saving} data-testid="company-save">
              {detail ? "Save changes" : "Create company"}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
