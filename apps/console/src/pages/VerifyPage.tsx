import { Alert, Badge, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, must } from '../api/clients';
import { day, moment } from '../components/format';
import { Problem } from '../components/Problem';

/** Where a certificate's QR code leads: its status today, for anyone, without signing in. */
export function VerifyPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const answer = useQuery({ queryKey: ['verify', id], retry: false, queryFn: async () => must(await api.accreditation.GET('/verify/{id}', { params: { path: { id } } })) });
  if (answer.isPending) return <Loader role="status" aria-label={t('common.loading')} />;
  if (answer.isError) return <Problem error={answer.error} />;
  const c = answer.data;
  const valid = c.status === 'valid';
  return (
    <Stack maw={640}>
      <Title order={2}>{t('verify.title')}</Title>
      <Alert color={valid ? 'green' : 'red'} title={valid ? t('verify.valid') : t('verify.notValid', { status: t(`authorisationStatus.${c.status}`) })} data-testid="verify-answer">
        <Text>{c.holder} — {c.certificateNumber}</Text>
      </Alert>
      <Card withBorder>
        <Group gap="xs"><Badge>{c.aeoType}</Badge><Badge variant="outline">{t(`authorisationStatus.${c.status}`)}</Badge></Group>
        <Text size="sm" mt="xs">{t('verify.validity', { from: day(c.validFrom), to: day(c.validTo), administration: c.administration })}</Text>
        <Text size="xs" c="dimmed" mt="xs">{t('verify.checkedAt', { at: moment(c.checkedAt) })}</Text>
      </Card>
    </Stack>
  );
}
