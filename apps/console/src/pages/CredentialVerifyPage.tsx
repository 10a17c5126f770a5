import { Alert, Button, Card, Group, List, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, must } from '../api/clients';
import { day, moment } from '../components/format';
import { Problem } from '../components/Problem';

const COLORS: Record<string, string> = { valid: 'green', suspended: 'orange', revoked: 'red', expired: 'gray', not_yet_valid: 'gray', forged: 'red', unknown_issuer: 'yellow', malformed: 'yellow' };

/** Anyone (a bank, a broker, a foreign officer) pastes an AEO credential and is told what it is worth today, and why. */
export function CredentialVerifyPage() {
  const { t } = useTranslation();
  const [credential, setCredential] = useState('');
  const verify = useMutation({ mutationFn: async (value: string) => must(await api.accreditation.POST('/credentials/verify', { body: { credential: value.trim() } })) });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (credential.trim()) verify.mutate(credential);
  };
  const v = verify.data;
  return (
    <Stack maw={760}>
      <Title order={2}>{t('credential.verifyTitle')}</Title>
      <Text>{t('credential.verifyIntro')}</Text>
      <form onSubmit={submit}>
        <Stack>
          <Textarea label={t('credential.paste')} autosize minRows={4} maxRows={10} value={credential} onChange={(e) => setCredential(e.currentTarget.value)} styles={{ input: { fontFamily: 'monospace', fontSize: 12 } }} />
          <Group><Button type="submit" loading={verify.isPending} disabled={!credential.trim()}>{t('credential.verify')}</Button></Group>
        </Stack>
      </form>
      <Problem error={verify.error} />
      {v && (
        <Alert color={COLORS[v.verdict]} title={t(`credential.verdict.${v.verdict}`)} data-testid="credential-verdict" role="status">
          {v.subject && (
            <Text fw={500}>{v.subject.name} — {v.subject.certificateNumber} ({v.subject.aeoType}, {v.subject.administration})</Text>
          )}
          <List size="sm" mt="xs">{v.reasons.map((r) => <List.Item key={r}>{r}</List.Item>)}</List>
        </Alert>
      )}
      {v?.subject && (
        <Card withBorder>
          <Text size="sm">{t('credential.validUntil', { date: day(v.subject.validUntil) })}</Text>
          <Text size="sm">{t('credential.identifiers', { list: v.subject.identifiers.join(', ') })}</Text>
          <Text size="xs" c="dimmed" mt="xs">{t('credential.issuer', { issuer: v.issuer, key: v.keyId })}</Text>
          <Text size="xs" c="dimmed">{t('verify.checkedAt', { at: moment(v.checkedAt) })}</Text>
        </Card>
      )}
    </Stack>
  );
}
