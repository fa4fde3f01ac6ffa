// Settings → E-mail: the mail server Hearth sends through (the password goes to the system's
// keychain and is never shown back), who e-mails come from, the signature; a test e-mail; off.
import { useEffect, useState } from "react";
import { Alert, Badge, Button, Card, Group, NumberInput, PasswordInput, Select, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconMailCheck } from "@tabler/icons-react";
import { commands, type Security, type SmtpSettings, type SmtpView, type TestResult } from "../bindings";
import { call, coreOf, notifyError } from "../lib/api";
import { confirmDanger } from "../lib/confirm";
import { useData } from "../lib/data";
import { fieldErrors } from "../lib/errors";
import { useLoad } from "../lib/useLoad";

const SECURITY: { value: Security; label: string; port: number }[] = [
  { value: "start_tls", label: "STARTTLS (usually port 587)", port: 587 },
  { value: "tls", label: "TLS from the start (usually port 465)", port: 465 },
  { value: "none", label: "None (a server on this computer or your network only)", port: 25 },
];
const SHOWN = new Set(["host", "port", "security", "username", "password", "from_name", "from_email", "signature"]);

const EMPTY: SmtpSettings = { host: "", port: 587, security: "start_tls", username: "", from_name: "", from_email: "", signature: "" };

function TestSend({ disabled }: { disabled: boolean }) {
  const [to, setTo] = useState("");
  const [result, setResult] = useState<TestResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async () => {
    setBusy(true);
    setResult(null);
    setError(null);
    try {
      setResult(await call(commands.smtpTest(to.trim())));
    } catch (e) {
      const f = fieldErrors(coreOf(e));
      if (f.to) setError(f.to);
      else notifyError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap="xs">
      <Group align="flex-start" gap="xs">
        <TextInput placeholder="you@example.com" aria-label="Send a test e-mail to" value={to} error={error} w={280}
          onChange={(e) => { setTo(e.currentTarget.value); setError(null); }} data-testid="smtp-test-to" />
        <Button variant="default" leftSection={<IconMailCheck size={16} />} onClick={send} loading={busy} disabled={disabled || !to.trim()}
          data-testid="smtp-test">
          Send a test e-mail
        </Button>
      </Group>
      {result && (
        <Alert color={result.sent ? "green" : "red"} title={result.sent ? "It works" : "The test e-mail was not sent"} data-testid="smtp-test-result">
          {result.message}
        </Alert>
      )}
    </Stack>
  );
}

export function EmailSettings() {
  const { changed } = useData();
  const view = useLoad(() => call(commands.smtpGet()), []);
  const [form, setForm] = useState<SmtpSettings>(EMPTY);
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (view.data) setForm(view.data.settings ?? EMPTY);
  }, [view.data]);

  const set = (patch: Partial<SmtpSettings>, field: string) => {
    setForm((f) => ({ ...f, ...patch }));
    setErrors(({ [field]: _gone, ...rest }) => rest);
  };
  const apply = (v: SmtpView) => {
    view.setData(v);
    setPassword("");
    setErrors({});
  };
  const save = async () => {
    setSaving(true);
    try {
      apply(await call(commands.smtpSet({ ...form, port: Number(form.port) || 0 }, password || null)));
      notifications.show({ color: "green", title: "E-mail settings saved", message: "Sequence and broadcast e-mails go out through this server." });
      changed();
    } catch (e) {
      setErrors(fieldErrors(coreOf(e)));
      notifyError(e, (f) => SHOWN.has(f));
    } finally {
      setSaving(false);
    }
  };
  const turnOff = () =>
    confirmDanger({
      title: "Turn e-mail sending off?",
      body: "E-mail steps of sequences then wait on the Today screen with a link that opens your mail app; broadcasts can't be sent. Queued e-mails wait until sending is on again.",
      confirmLabel: "Turn off",
      onConfirm: async () => {
        try {
          apply(await call(commands.smtpClear()));
          setForm(EMPTY);
          changed();
        } catch (e) {
          notifyError(e);
        }
      },
    });

  const v = view.data;
  const on = !!v?.settings;
  return (
    <Card withBorder padding="lg" data-testid="email-settings">
      <Group justify="space-between">
        <Title order={4}>E-mail</Title>
        {v && <Badge variant="light" color={on ? "green" : "gray"}>{on ? "Sending is on" : "Sending is off"}</Badge>}
      </Group>
      <Text size="sm" c="dimmed" mb="md">
        {on
          ? "Sequence e-mails and broadcasts go out through your own mail server, so they come from your address."
          : "Without a mail server, e-mail steps of sequences wait on the Today screen with a link that opens your mail app. Add your server (from your e-mail provider's settings) to send them automatically."}
      </Text>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label="Mail server (SMTP)" withAsterisk placeholder="smtp.example.com" value={form.host} error={errors.host}
            onChange={(e) => set({ host: e.currentTarget.value }, "host")} data-testid="smtp-host" />
          <Select label="Security" data={SECURITY.map(({ value, label }) => ({ value, label }))} value={form.security} allowDeselect={false}
            error={errors.security}
            onChange={(s) => {
              const next = SECURITY.find((x) => x.value === s);
              if (!next) return;
              const usual = SECURITY.some((x) => x.port === form.port);
              set({ security: next.value, port: usual ? next.port : form.port }, "security");
            }} />
          <NumberInput label="Port" min={1} max={65535} allowDecimal={false} value={form.port} error={errors.port}
            onChange={(p) => set({ port: typeof p === "number" ? p : Number(p) || 0 }, "port")} data-testid="smtp-port" />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="User name" description="Usually your e-mail address; empty if the server needs no login" value={form.username}
            error={errors.username} autoComplete="off" onChange={(e) => set({ username: e.currentTarget.value }, "username")} />
          <PasswordInput label="Password" value={password} error={errors.password} autoComplete="new-password" data-testid="smtp-password"
            placeholder={v?.password_saved ? "Saved in your keychain" : "Your e-mail or app password"}
            description={v?.password_saved ? "Saved in your keychain. Type a new one to replace it." : "Kept in your system's keychain, never in Hearth's data."}
            onChange={(e) => { setPassword(e.currentTarget.value); setErrors(({ password: _p, ...rest }) => rest); }} />
        </SimpleGrid>
        {v?.password_note && <Alert color="yellow" data-testid="smtp-password-note">{v.password_note}</Alert>}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="From name" placeholder="e.g. Hannah at Riverside Bakery" value={form.from_name} error={errors.from_name}
            onChange={(e) => set({ from_name: e.currentTarget.value }, "from_name")} />
          <TextInput label="From e-mail address" withAsterisk placeholder="hannah@example.com" value={form.from_email} error={errors.from_email}
            onChange={(e) => set({ from_email: e.currentTarget.value }, "from_email")} data-testid="smtp-from" />
        </SimpleGrid>
        <Textarea label="Signature" description="Templates put it where they say {{signature}}" autosize minRows={3} maxRows={8}
          value={form.signature} error={errors.signature} onChange={(e) => set({ signature: e.currentTarget.value }, "signature")} />
        <Group justify="space-between">
          <Button onClick={save} loading={saving} data-testid="smtp-save">Save</Button>
          {on && <Button variant="subtle" color="red" onClick={turnOff} data-testid="smtp-clear">Turn off sending</Button>}
        </Group>
        <TestSend disabled={!on} />
      </Stack>
    </Card>
  );
}
