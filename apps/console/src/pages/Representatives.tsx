import { Badge, Button, Card, Checkbox, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, must } from '../api/clients';
import { day } from '../components/format';
import { Problem } from '../components/Problem';

const ACTS = ['prepare', 'submit', 'respond'] as const;

/**
 * The holder's representatives (a customs broker, a consultant): who, for which acts, from when,
 * until when; the holder adds one and revokes one at any time. Every mandate lets its holder read.
 */
export function Representatives({ operatorId }: { operatorId: string }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [representative, setRepresentative] = useState('');
  const [acts, setActs] = useState<string[]>(['prepare']);
  const [validTo, setValidTo] = useState('');
  const list = useQuery({
    queryKey: ['representatives', operatorId],
    queryFn: async () => must(await api.operators.GET('/operators/{id}/representatives', { params: { path: { id: operatorId } } })),
  });
  const refresh = () => queries.invalidateQueries({ queryKey: ['representatives', operatorId] });
  const add = useMutation({
    mutationFn: async () =>
      must(
        await api.operators.POST('/operators/{id}/representatives', {
          params: { path: { id: operatorId } },
          body: { representative: representative.trim(), acts: (acts.length ? acts : ['read']) as ('read' | 'prepare' | 'submit' | 'respond')[], validTo: validTo || undefined },
        }),
      ),
    onSuccess: () => {
      setRepresentative('');
      void refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: async (id: string) => must(await api.operators.POST('/operators/{id}/representatives/{representationId}/revoke', { params: { path: { id: operatorId, representationId: id } } })),
    onSuccess: () => void refresh(),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  return (
    <Card withBorder data-testid="representatives">
      <Stack>
        <Title order={3}>{t('representatives.title')}</Title>
        <Text size="sm" c="dimmed">{t('representatives.intro')}</Text>
        <Problem error={list.error ?? revoke.error} />
        {list.data && list.data.length === 0 && <Text size="sm">{t('representatives.none')}</Text>}
        {list.data && list.data.length > 0 && (
          <Table.ScrollContainer minWidth={560}>
            <Table aria-label={t('representatives.title')}>
              <Table.Thead><Table.Tr><Table.Th>{t('representatives.who')}</Table.Th><Table.Th>{t('representatives.acts')}</Table.Th><Table.Th>{t('representatives.period')}</Table.Th><Table.Th /></Table.Tr></Table.Thead>
              <Table.Tbody>
                {list.data.map((m) => (
                  <Table.Tr key={m.id}>
                    <Table.Td>{m.representative}</Table.Td>
                    <Table.Td>{m.acts.map((a) => t(`representatives.act.${a}`)).join(', ')}</Table.Td>
                    <Table.Td>
                      {day(m.validFrom)} – {m.validTo ? day(m.validTo) : t('representatives.untilRevoked')}
                      <Group gap={4}>{m.inForce ? <Badge color="green">{t('representatives.inForce')}</Badge> : m.revokedAt ? <Badge color="gray">{t('representatives.revoked', { date: day(m.revokedAt) })}</Badge> : <Badge color="gray">{t('representatives.notInForce')}</Badge>}</Group>
                    </Table.Td>
                    <Table.Td>{!m.revokedAt && <Button size="compact-sm" variant="outline" color="red" onClick={() => revoke.mutate(m.id)} loading={revoke.isPending && revoke.variables === m.id}>{t('representatives.revoke')}</Button>}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <form onSubmit={submit}>
          <Stack gap="xs">
            <Group grow align="flex-start">
              <TextInput label={t('representatives.user')} description={t('representatives.userHelp')} value={representative} onChange={(e) => setRepresentative(e.currentTarget.value)} required />
              <TextInput type="date" label={t('representatives.validTo')} description={t('representatives.validToHelp')} value={validTo} onChange={(e) => setValidTo(e.currentTarget.value)} />
            </Group>
            <Checkbox.Group label={t('representatives.acts')} description={t('representatives.actsHelp')} value={acts} onChange={setActs}>
              <Group mt={4}>{ACTS.map((a) => <Checkbox key={a} value={a} label={t(`representatives.act.${a}`)} />)}</Group>
            </Checkbox.Group>
            <Group><Button type="submit" loading={add.isPending}>{t('representatives.add')}</Button></Group>
            <Problem error={add.error} />
          </Stack>
        </form>
      </Stack>
    </Card>
  );
}
