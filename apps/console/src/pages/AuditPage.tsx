import { Alert, Button, Card, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, must } from '../api/clients';
import { moment } from '../components/format';
import { Problem } from '../components/Problem';

/** The auditor's view: the history's hash chains checked end to end, and one operator's history. */
export function AuditPage() {
  const { t } = useTranslation();
  const [operator, setOperator] = useState('');
  const [asked, setAsked] = useState('');
  const verification = useQuery({ queryKey: ['history-verification'], queryFn: async () => must(await api.accreditation.GET('/history/verification')) });
  const history = useQuery({
    queryKey: ['operator-history', asked],
    enabled: !!asked,
    queryFn: async () => must(await api.accreditation.GET('/operators/{operatorId}/history', { params: { path: { operatorId: asked } } })),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAsked(operator.trim());
  };
  const v = verification.data;
  return (
    <Stack>
      <Title order={2}>{t('audit.title')}</Title>
      <Problem error={verification.error} />
      {v && (
        <Alert color={v.intact ? 'green' : 'red'} title={v.intact ? t('audit.intact') : t('audit.broken')} data-testid="chain">
          <Text size="sm">{t('audit.verified', { rows: v.verified, operators: v.operators })}</Text>
          {v.brokenAt && <Text size="sm">{t('audit.brokenAt', { position: v.brokenAt.position, operator: v.brokenAt.operatorId, reason: v.brokenAt.reason })}</Text>}
        </Alert>
      )}
      <Card withBorder>
        <form onSubmit={submit}>
          <Group align="flex-end">
            <TextInput label={t('audit.operator')} description={t('audit.operatorHelp')} value={operator} onChange={(e) => setOperator(e.currentTarget.value)} w={420} />
            <Button type="submit">{t('audit.show')}</Button>
          </Group>
        </form>
      </Card>
      <Problem error={history.error} />
      {history.data && (
        <Table.ScrollContainer minWidth={560}><Table>
          <Table.Thead>
            <Table.Tr><Table.Th>{t('history.at')}</Table.Th><Table.Th>{t('history.action')}</Table.Th><Table.Th>{t('audit.state')}</Table.Th><Table.Th>{t('history.actor')}</Table.Th><Table.Th>{t('history.reason')}</Table.Th><Table.Th>{t('audit.hash')}</Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {history.data.map((h) => (
              <Table.Tr key={h.id}>
                <Table.Td>{moment(h.at)}</Table.Td>
                <Table.Td>{t(`action.${h.action}`, { defaultValue: h.action })}</Table.Td>
                <Table.Td>{h.fromState ?? '—'} → {h.toState}</Table.Td>
                <Table.Td>{h.actor} ({h.roles.join(', ')})</Table.Td>
                <Table.Td>{h.reason ?? ''}</Table.Td>
                <Table.Td><Text size="xs" ff="monospace">{h.hash?.slice(0, 12) ?? '—'}</Text></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table></Table.ScrollContainer>
      )}
    </Stack>
  );
}
