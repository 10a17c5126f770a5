import { Alert, Badge, Button, Card, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, must } from '../api/clients';
import { verifyEvidence } from '../components/evidence';
import { BatchRecognition } from './BatchRecognition';
import { day } from '../components/format';
import { Problem } from '../components/Problem';

/** "Is this trader a recognised AEO, today or on that date?" — the partner question, for a person. */
export function RecognitionPage() {
  const { t } = useTranslation();
  const [issuer, setIssuer] = useState('');
  const [scheme, setScheme] = useState('AEO');
  const [identifier, setIdentifier] = useState('');
  const [asOf, setAsOf] = useState('');
  const ask = useMutation({
    mutationFn: async () =>
      must(await api.mra.GET('/recognitions', { params: { query: { issuer: issuer.toUpperCase(), scheme, identifier, asOf: asOf || undefined } } })),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    ask.mutate();
  };
  const answer = ask.data;
  const verification = useQuery({
    queryKey: ['verification', answer?.issuer, answer?.evidence?.sequence, answer?.evidence?.signature],
    queryFn: () => (answer?.evidence ? verifyEvidence(answer.evidence, answer.issuer) : Promise.reject(new Error('no evidence'))),
    enabled: !!answer?.evidence,
    retry: false,
  });
  return (
    <Stack maw={720}>
      <Title order={2}>{t('recognition.title')}</Title>
      <Text c="dimmed">{t('recognition.intro')}</Text>
      <form onSubmit={submit}>
        <Stack>
          <Group grow>
            <TextInput label={t('recognition.issuer')} description={t('recognition.issuerHelp')} value={issuer} onChange={(e) => setIssuer(e.currentTarget.value)} required maxLength={2} />
            <Select label={t('register.scheme')} value={scheme} onChange={(v) => setScheme(v ?? 'AEO')} allowDeselect={false}
              data={['AEO', 'TIN', 'EORI'].map((s) => ({ value: s, label: t(`scheme.${s}`) }))} />
          </Group>
          <Group grow>
            <TextInput label={t('register.identifier')} value={identifier} onChange={(e) => setIdentifier(e.currentTarget.value)} required />
            <TextInput type="date" label={t('recognition.asOf')} description={t('recognition.asOfHelp')} value={asOf} onChange={(e) => setAsOf(e.currentTarget.value)} />
          </Group>
          <Group><Button type="submit" loading={ask.isPending}>{t('recognition.ask')}</Button></Group>
        </Stack>
      </form>
      <Problem error={ask.error} />
      {answer && (
        <Card withBorder data-testid="recognition-answer">
          {answer.recognised ? (
            <Alert color="green" title={t('recognition.recognised')}>
              <Text>{answer.operatorName} — {answer.certificateNumber}</Text>
              <Group gap="xs" my="xs">
                {answer.aeoType && <Badge>{answer.aeoType}</Badge>}
                {answer.status && <Badge variant="outline">{t(`authorisationStatus.${answer.status}`)}</Badge>}
              </Group>
              <Text size="sm">{t('recognition.validTo', { date: day(answer.validTo) })}</Text>
              {answer.benefits.length > 0 && <Text size="sm">{t('recognition.benefits')}: {answer.benefits.map((b) => t(`benefit.${b}`)).join(', ')}</Text>}
            </Alert>
          ) : (
            <Alert color="yellow" title={t('recognition.notRecognised')}>{answer.reason ?? ''}</Alert>
          )}
          {answer.evidence && (
            <Group gap="xs" mt="xs" data-testid="signature">
              {verification.isPending && <Text size="sm">{t('recognition.verifying')}</Text>}
              {verification.data?.valid && <Badge color="green">{t('recognition.signatureValid', { key: verification.data.keyId })}</Badge>}
              {verification.data && !verification.data.valid && (
                <Badge color="red">{t(`recognition.signature.${verification.data.why}`, { key: verification.data.keyId })}</Badge>
              )}
              {verification.isError && <Badge color="red">{t('recognition.signature.unsupported')}</Badge>}
            </Group>
          )}
          <Text size="xs" c="dimmed" mt="xs">{t('recognition.asked', { date: day(answer.asOf), issuer: answer.issuer })}</Text>
        </Card>
      )}
      <BatchRecognition />
    </Stack>
  );
}
