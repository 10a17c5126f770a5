import { Alert, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, must } from '../api/clients';
import type { components } from '../api/generated/mra-exchange';
import { useAuth } from '../auth/context';
import { moment } from '../components/format';
import { Problem } from '../components/Problem';

type Figures = components['schemas']['RegionalFiguresView'];

/** The rows of the side-by-side view: each a figure, read from one administration's aggregates. */
const ROWS: { key: string; value: (f: Figures) => string }[] = [
  { key: 'aeos', value: (f) => String(f.aeosByType.total) },
  { key: 'aeoC', value: (f) => String(f.aeosByType.C) },
  { key: 'aeoS', value: (f) => String(f.aeosByType.S) },
  { key: 'aeoF', value: (f) => String(f.aeosByType.F) },
  { key: 'micro', value: (f) => String(f.aeosBySize.micro) },
  { key: 'small', value: (f) => String(f.aeosBySize.small) },
  { key: 'medium', value: (f) => String(f.aeosBySize.medium) },
  { key: 'large', value: (f) => String(f.aeosBySize.large) },
  { key: 'unknownSize', value: (f) => String(f.aeosBySize.unknown) },
  { key: 'msmeShare', value: (f) => (f.msmeShare === null ? '—' : `${f.msmeShare} %`) },
  { key: 'decided', value: (f) => String(f.decisions.decided) },
  { key: 'medianDays', value: (f) => (f.decisions.medianDays === null ? '—' : String(f.decisions.medianDays)) },
  { key: 'recognised', value: (f) => String(f.partnerAeosRecognised) },
];

/** The SACU members side by side: this administration's aggregates now, and the latest each MRA partner signed and shared. */
export function RegionalPage() {
  const { t } = useTranslation();
  const { who } = useAuth();
  const queries = useQueryClient();
  const regional = useQuery({ queryKey: ['regional-figures'], queryFn: async () => must(await api.mra.GET('/regional-figures')) });
  const share = useMutation({
    mutationFn: async () => must(await api.mra.POST('/regional-figures/share')),
    onSuccess: () => void queries.invalidateQueries({ queryKey: ['regional-figures'] }),
  });
  const columns = regional.data ? [{ administration: regional.data.own.administration, figures: regional.data.own, note: t('regional.now') }, ...regional.data.partners.map((p) => ({ administration: p.administration, figures: p.figures, note: t('regional.shared', { when: moment(p.figures.asOf), key: p.keyId }) }))] : [];
  return (
    <Stack>
      <Title order={2}>{t('regional.title')}</Title>
      <Text>{t('regional.intro')}</Text>
      <Problem error={regional.error ?? share.error} />
      {who?.roles.includes('supervisor') && (
        <Group>
          <Button onClick={() => share.mutate()} loading={share.isPending}>{t('regional.share')}</Button>
          {share.data && <Alert color="green" role="status" py={4}>{t('regional.sharedWith', { partners: share.data.sharedWith.join(', ') || '—' })}</Alert>}
        </Group>
      )}
      {regional.data && (
        <Card withBorder>
          {regional.data.partners.length === 0 && <Text c="dimmed" size="sm" mb="sm">{t('regional.noPartner')}</Text>}
          <Table.ScrollContainer minWidth={560}>
            <Table aria-label={t('regional.title')} striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('regional.figure')}</Table.Th>
                  {columns.map((c) => <Table.Th key={c.administration}>{c.administration}<Text size="xs" c="dimmed" fw={400}>{c.note}</Text></Table.Th>)}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {ROWS.map((r) => (
                  <Table.Tr key={r.key}>
                    <Table.Td>{t(`regional.row.${r.key}`)}</Table.Td>
                    {columns.map((c) => <Table.Td key={c.administration} data-testid={`figure-${c.administration}-${r.key}`}>{r.value(c.figures)}</Table.Td>)}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
    </Stack>
  );
}
