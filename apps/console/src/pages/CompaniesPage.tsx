import { Anchor, Badge, Button, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, must } from '../api/clients';
import { Problem } from '../components/Problem';

/** A trader's companies: those it registered, and those it represents (marked so). */
export function CompaniesPage() {
  const { t } = useTranslation();
  const companies = useQuery({ queryKey: ['operators', 'mine'], queryFn: async () => must(await api.operators.GET('/operators')) });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('companies.title')}</Title>
        <Button component={Link} to="/companies/new">{t('companies.register')}</Button>
      </Group>
      {companies.isPending && <Loader role="status" aria-label={t('common.loading')} />}
      <Problem error={companies.error} />
      {companies.data && companies.data.items.length === 0 && <Text>{t('companies.none')}</Text>}
      {companies.data && companies.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={560}><Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('company.legalName')}</Table.Th>
              <Table.Th>{t('company.identifiers')}</Table.Th>
              <Table.Th>{t('company.size')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {companies.data.items.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/companies/${c.id}`}>{c.legalName}</Anchor>
                  {c.representing && <Badge ml="xs" variant="light">{t('companies.representing')}</Badge>}
                </Table.Td>
                <Table.Td>{c.identifiers.map((i) => `${i.scheme} ${i.value}`).join(', ')}</Table.Td>
                <Table.Td>{c.sizeClass ? <Badge variant="outline">{t(`size.${c.sizeClass}`)}</Badge> : '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table></Table.ScrollContainer>
      )}
    </Stack>
  );
}
