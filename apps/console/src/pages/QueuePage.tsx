import { Anchor, Badge, Checkbox, Group, Loader, MultiSelect, Pagination, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, must } from '../api/clients';
import { day } from '../components/format';
import { Problem } from '../components/Problem';

const OPEN_STAGES = ['submitted', 'returned', 'accepted', 'under_review', 'information_requested', 'visit_planned', 'visit_recorded', 'decision_proposed', 'hearing', 'appealed'];
const PAGE = 25;

/** The officers' work queue: open applications, nearest deadline first. */
export function QueuePage() {
  const { t } = useTranslation();
  const [stages, setStages] = useState<string[]>([]);
  const [page, setPage] = useState(1);
  const [sizes, setSizes] = useState<string[]>([]);
  const [assignee, setAssignee] = useState('');
  const [unassigned, setUnassigned] = useState(false);
  const [deadlineBefore, setDeadlineBefore] = useState('');
  // The API's word for "nobody" is `none`; the console offers it as a box to tick, in the user's language.
  const filters = { stages, sizes, assignee: unassigned ? 'none' : assignee.trim(), deadlineBefore };
  const queue = useQuery({
    queryKey: ['queue', filters, page],
    queryFn: async () =>
      must(
        await api.accreditation.GET('/applications', {
          params: {
            query: {
              stage: stages.length ? stages : OPEN_STAGES,
              sizeClass: sizes.length ? sizes : undefined,
              assignee: filters.assignee || undefined,
              deadlineBefore: deadlineBefore ? new Date(`${deadlineBefore}T23:59:59`).toISOString() : undefined,
              limit: PAGE,
              offset: (page - 1) * PAGE,
            },
          },
        }),
      ),
  });
  const now = Date.now();
  const urgency = (due: string | null) => {
    if (!due) return undefined;
    const left = new Date(due).getTime() - now;
    if (left < 0) return <Badge ml={4} color="red">{t('queue.overdue')}</Badge>;
    if (left < 7 * 86_400_000) return <Badge ml={4} color="orange" variant="outline">{t('queue.dueSoon')}</Badge>;
    return undefined;
  };
  return (
    <Stack>
      <Title order={2}>{t('queue.title')}</Title>
      <Group>
        <MultiSelect label={t('queue.stages')} placeholder={t('queue.allOpen')} data={OPEN_STAGES.map((s) => ({ value: s, label: t(`stage.${s}`) }))} value={stages} onChange={(v) => { setStages(v); setPage(1); }} clearable w={360} />
        <MultiSelect label={t('company.size')} data={['micro', 'small', 'medium', 'large', 'unknown'].map((s) => ({ value: s, label: t(`size.${s}`) }))} value={sizes} onChange={(v) => { setSizes(v); setPage(1); }} clearable w={220} />
        <Stack gap={4}>
          <TextInput label={t('application.assignee')} description={t('queue.assigneeHelp')} value={assignee} disabled={unassigned} onChange={(e) => { setAssignee(e.currentTarget.value); setPage(1); }} w={200} />
          <Checkbox label={t('queue.unassignedOnly')} checked={unassigned} onChange={(e) => { setUnassigned(e.currentTarget.checked); setPage(1); }} />
        </Stack>
        <TextInput type="date" label={t('queue.deadlineBefore')} value={deadlineBefore} onChange={(e) => { setDeadlineBefore(e.currentTarget.value); setPage(1); }} w={180} />
      </Group>
      {queue.isPending && <Loader role="status" aria-label={t('common.loading')} />}
      <Problem error={queue.error} />
      {queue.data && (
        <>
          <Text c="dimmed">{t('queue.count', { count: queue.data.total })}</Text>
          <Table.ScrollContainer minWidth={560}><Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('company.legalName')}</Table.Th><Table.Th>{t('application.type')}</Table.Th><Table.Th>{t('application.stage')}</Table.Th>
                <Table.Th>{t('queue.nextDeadline')}</Table.Th><Table.Th>{t('application.assignee')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {queue.data.items.map((item) => (
                <Table.Tr key={item.id}>
                  <Table.Td><Anchor component={Link} to={`/applications/${item.id}`}>{item.legalName}</Anchor> {item.msme && <Badge size="xs" variant="outline">{t('company.msme')}</Badge>}</Table.Td>
                  <Table.Td>{t(`aeoType.${item.aeoType}`)}</Table.Td>
                  <Table.Td><Badge variant="outline">{t(`stage.${item.stage}`)}</Badge>{item.paused && <Badge ml={4} color="orange" variant="outline">{t('queue.paused')}</Badge>}</Table.Td>
                  <Table.Td>{day(item.nextDeadline)}{urgency(item.nextDeadline)}</Table.Td>
                  <Table.Td>{item.assignee ?? t('application.unassigned')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table></Table.ScrollContainer>
          {queue.data.total > PAGE && <Pagination total={Math.ceil(queue.data.total / PAGE)} value={page} onChange={setPage} />}
        </>
      )}
    </Stack>
  );
}
