import { Badge, Button, Card, Code, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, must } from '../api/clients';
import { day, moment } from '../components/format';
import { Problem } from '../components/Problem';

/**
 * Other agencies (an environmental authority...): the status changes of this administration's AEOs
 * that consented to publication, oldest first, by the feed's cursor; the same as the agency topic.
 */
export function AgencyFeedPage() {
  const { t } = useTranslation();
  const feed = useInfiniteQuery({
    queryKey: ['agency-feed'],
    initialPageParam: 0,
    queryFn: async ({ pageParam }) => must(await api.mra.GET('/agency-feed/changes', { params: { query: { after: pageParam, limit: 100 } } })),
    getNextPageParam: (last) => (last.more ? Number(last.next) : undefined),
  });
  const items = feed.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack>
      <Title order={2}>{t('agencyFeed.title')}</Title>
      <Text>{t('agencyFeed.intro')}</Text>
      <Problem error={feed.error} />
      <Card withBorder>
        {feed.data && items.length === 0 && <Text c="dimmed">{t('agencyFeed.none')}</Text>}
        {items.length > 0 && (
          <Table.ScrollContainer minWidth={720}>
            <Table aria-label={t('agencyFeed.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>#</Table.Th><Table.Th>{t('directory.holder')}</Table.Th><Table.Th>{t('register.identifier')}</Table.Th><Table.Th>{t('suppliers.type')}</Table.Th>
                  <Table.Th>{t('agencyFeed.status')}</Table.Th><Table.Th>{t('authorisation.validTo')}</Table.Th><Table.Th>{t('agencyFeed.told')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((i) => (
                  <Table.Tr key={i.position}>
                    <Table.Td>{i.position}</Table.Td>
                    <Table.Td>{i.operatorName}<Text size="xs" c="dimmed">{i.certificateNumber}</Text></Table.Td>
                    <Table.Td>{i.identifiers.map((x) => <Code key={`${x.scheme}${x.value}`} mr={4}>{x.scheme} {x.value}</Code>)}</Table.Td>
                    <Table.Td>{i.aeoType}</Table.Td>
                    <Table.Td>
                      {i.published ? (
                        <Badge color={i.status === 'valid' ? 'green' : i.status === 'suspended' ? 'orange' : 'red'}>{t(`authorisationStatus.${i.status}`)}</Badge>
                      ) : (
                        <Badge color="gray">{t('agencyFeed.unpublished')}</Badge>
                      )}
                      <Text size="xs" c="dimmed">{t('agencyFeed.since', { date: day(i.statusSince) })}</Text>
                    </Table.Td>
                    <Table.Td>{day(i.validTo)}</Table.Td>
                    <Table.Td>{moment(i.changedAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <Group mt="sm">
          {feed.hasNextPage && <Button variant="outline" onClick={() => void feed.fetchNextPage()} loading={feed.isFetchingNextPage}>{t('agencyFeed.more')}</Button>}
          <Button variant="subtle" onClick={() => void feed.refetch()} loading={feed.isRefetching}>{t('agencyFeed.refresh')}</Button>
        </Group>
      </Card>
    </Stack>
  );
}
