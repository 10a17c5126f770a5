import { Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, must } from '../api/clients';
import { Problem } from '../components/Problem';

/** A supervisor hands an operator to the trader who acts for it (an imported operator, or one whose trader changed). */
export function HandOver({ operatorId }: { operatorId: string }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [trader, setTrader] = useState('');
  const [note, setNote] = useState('');
  const hand = useMutation({
    mutationFn: async () => must(await api.operators.PUT('/operators/{id}/holder', { params: { path: { id: operatorId } }, body: { trader: trader.trim(), note: note.trim() } })),
    onSuccess: () => {
      setTrader('');
      setNote('');
      void queries.invalidateQueries({ queryKey: ['operator', operatorId] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    hand.mutate();
  };
  return (
    <Card withBorder maw={640} data-testid="hand-over">
      <form onSubmit={submit}>
        <Stack gap="xs">
          <Title order={4}>{t('handOver.title')}</Title>
          <Text size="sm" c="dimmed">{t('handOver.intro')}</Text>
          <Group grow align="flex-start">
            <TextInput label={t('handOver.trader')} value={trader} onChange={(e) => setTrader(e.currentTarget.value)} required />
            <TextInput label={t('handOver.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} required maxLength={500} />
          </Group>
          <Group><Button type="submit" loading={hand.isPending}>{t('handOver.submit')}</Button></Group>
          {hand.data && <Text size="sm" role="status">{t('handOver.done', { company: hand.data.legalName })}</Text>}
          <Problem error={hand.error} />
        </Stack>
      </form>
    </Card>
  );
}
