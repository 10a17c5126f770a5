import { Alert, Badge, Button, Card, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, must } from '../api/clients';
import { useAuth } from '../auth/context';
import { moment } from '../components/format';
import { Problem } from '../components/Problem';

/** Each service's client, by the name its dead letters are shown under. */
const SERVICES = {
  'operator-registry': api.operators,
  accreditation: api.accreditation,
  'conduct-compliance': api.compliance,
  'mra-exchange': api.mra,
  notifications: api.notifications,
} as const;
type Service = keyof typeof SERVICES;

/** Supervisors and auditors: what each service's consumer could not take; a supervisor re-drives or sets aside. */
export function OperationsPage() {
  const { t } = useTranslation();
  const { who } = useAuth();
  const canAct = !!who?.roles.includes('supervisor');
  return (
    <Stack>
      <Title order={2}>{t('operations.title')}</Title>
      <Text>{t('operations.intro')}</Text>
      {(Object.keys(SERVICES) as Service[]).map((s) => <ServiceDeadLetters key={s} service={s} canAct={canAct} />)}
    </Stack>
  );
}

function ServiceDeadLetters({ service, canAct }: { service: Service; canAct: boolean }) {
  const { t } = useTranslation();
  const client = SERVICES[service] as unknown as typeof api.notifications;
  const queries = useQueryClient();
  const [notes, setNotes] = useState<Record<string, string>>({});
  const list = useQuery({ queryKey: ['dead-letters', service], queryFn: async () => must(await client.GET('/dead-letters', { params: { query: { state: 'open' } } })) });
  const refresh = () => queries.invalidateQueries({ queryKey: ['dead-letters', service] });
  const redrive = useMutation({ mutationFn: async (id: string) => must(await client.POST('/dead-letters/{id}/redrive', { params: { path: { id } } })), onSuccess: refresh });
  const discard = useMutation({
    mutationFn: async (id: string) => must(await client.POST('/dead-letters/{id}/discard', { params: { path: { id } }, body: { note: notes[id] ?? '' } })),
    onSuccess: refresh,
  });
  const items = list.data?.items ?? [];
  return (
    <Card withBorder data-testid={`dead-letters-${service}`}>
      <Stack gap="xs">
        <Group gap="xs">
          <Title order={3}>{service}</Title>
          <Badge color={items.length ? 'red' : 'green'}>{t('operations.open', { count: list.data?.total ?? 0 })}</Badge>
        </Group>
        <Problem error={list.error ?? redrive.error ?? discard.error} />
        {redrive.data && (
          <Alert color={redrive.data.outcome === 'handled' ? 'green' : 'orange'} role="status">
            {redrive.data.outcome === 'handled' ? t('operations.handled') : t('operations.failedAgain', { reason: redrive.data.reason })}
          </Alert>
        )}
        {list.data && items.length === 0 && <Text c="dimmed" size="sm">{t('operations.none')}</Text>}
        {items.length > 0 && (
          <Table.ScrollContainer minWidth={720}><Table>
            <Table.Thead>
              <Table.Tr><Table.Th>{t('operations.when')}</Table.Th><Table.Th>{t('operations.kind')}</Table.Th><Table.Th>{t('operations.reason')}</Table.Th><Table.Th>{t('operations.source')}</Table.Th>{canAct && <Table.Th />}</Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>{moment(d.deadAt)}</Table.Td>
                  <Table.Td>{t(`operations.kinds.${d.kind}`)}</Table.Td>
                  <Table.Td><Text size="sm" style={{ wordBreak: 'break-word' }}>{d.reason}</Text></Table.Td>
                  <Table.Td><Text size="xs" ff="monospace">{d.topic} #{d.partition}@{d.offset}</Text></Table.Td>
                  {canAct && (
                    <Table.Td>
                      <Stack gap={4}>
                        <Button size="compact-sm" onClick={() => redrive.mutate(d.id)} loading={redrive.isPending && redrive.variables === d.id}>{t('operations.redrive')}</Button>
                        <TextInput size="xs" aria-label={t('operations.note')} placeholder={t('operations.note')} value={notes[d.id] ?? ''} onChange={(e) => setNotes({ ...notes, [d.id]: e.currentTarget.value })} />
                        <Button size="compact-sm" variant="light" color="gray" disabled={!(notes[d.id] ?? '').trim()} onClick={() => discard.mutate(d.id)}>{t('operations.discard')}</Button>
                      </Stack>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table></Table.ScrollContainer>
        )}
      </Stack>
    </Card>
  );
}
