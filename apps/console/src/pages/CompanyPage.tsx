import { Anchor, Badge, Button, Card, Group, Loader, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, must, untilKnown } from '../api/clients';
import { useAuth } from '../auth/context';
import { day } from '../components/format';
import { Problem } from '../components/Problem';
import { Representatives } from './Representatives';
import { HandOver } from './HandOver';

export function CompanyPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { who } = useAuth();
  const navigate = useNavigate();
  const [aeoType, setAeoType] = useState<'C' | 'S' | 'F'>('F');
  const company = useQuery({ queryKey: ['operator', id], queryFn: async () => must(await api.operators.GET('/operators/{id}', { params: { path: { id } } })) });
  const authorisations = useQuery({
    ...untilKnown,
    queryKey: ['authorisations', id],
    queryFn: async () => must(await api.accreditation.GET('/operators/{operatorId}/authorisations', { params: { path: { operatorId: id } } })),
  });
  const applications = useQuery({
    ...untilKnown,
    queryKey: ['applications', id],
    queryFn: async () => must(await api.accreditation.GET('/operators/{operatorId}/applications', { params: { path: { operatorId: id } } })),
  });
  const apply = useMutation({
    mutationFn: async () => must(await api.accreditation.POST('/applications', { body: { operatorId: id, aeoType } })),
    onSuccess: (application) => navigate(`/applications/${application.id}`),
  });

  if (company.isPending) return <Loader role="status" aria-label={t('common.loading')} />;
  if (company.isError) return <Problem error={company.error} />;
  const c = company.data;
  return (
    <Stack>
      <Title order={2}>{c.legalName}</Title>
      <Card withBorder>
        <Text><b>{t('company.identifiers')}:</b> {c.identifiers.map((i) => `${t(`scheme.${i.scheme}`)} ${i.value} (${i.issuer})`).join(', ')}</Text>
        <Text><b>{t('company.address')}:</b> {[c.address.street, c.address.city, c.address.postalCode, c.address.country].join(', ')}</Text>
        <Text><b>{t('company.size')}:</b> {c.sizeClass ? t(`size.${c.sizeClass}`) : '—'} {c.msme && <Badge ml="xs" variant="outline">{t('company.msme')}</Badge>}</Text>
        <Text><b>{t('company.consent')}:</b> {c.consent?.shareWithPartners ? t('consent.shared') : t('consent.notShared')}; {c.consent?.publishInDirectory ? t('consent.listed') : t('consent.notListed')}</Text>
        {c.representing && (
          <Text data-testid="representing"><b>{t('company.representing')}:</b> {c.representing.map((a) => t(`representatives.act.${a}`)).join(', ')}</Text>
        )}
      </Card>

      {applications.isPending && <Text c="dimmed">{t('company.settingUp')}</Text>}
      <Group><Button component={Link} to={`/companies/${id}/conduct`} variant="outline">{t('company.conduct')}</Button></Group>
      <Title order={3}>{t('company.authorisations')}</Title>
      <Problem error={authorisations.error} />
      {authorisations.data && authorisations.data.length === 0 && <Text c="dimmed">{t('company.noAuthorisations')}</Text>}
      {authorisations.data && authorisations.data.length > 0 && (
        <Table.ScrollContainer minWidth={560}><Table>
          <Table.Thead>
            <Table.Tr><Table.Th>{t('authorisation.certificate')}</Table.Th><Table.Th>{t('authorisation.type')}</Table.Th><Table.Th>{t('authorisation.status')}</Table.Th><Table.Th>{t('authorisation.validTo')}</Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {authorisations.data.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td><Anchor component={Link} to={`/authorisations/${a.id}`}>{a.certificateNumber}</Anchor></Table.Td>
                <Table.Td>{t(`aeoType.${a.aeoType}`)}</Table.Td>
                <Table.Td><Badge>{t(`authorisationStatus.${a.status}`)}</Badge></Table.Td>
                <Table.Td>{day(a.validTo)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table></Table.ScrollContainer>
      )}

      <Title order={3}>{t('company.applications')}</Title>
      <Problem error={applications.error} />
      {applications.data && applications.data.length === 0 && <Text c="dimmed">{t('company.noApplications')}</Text>}
      {applications.data && applications.data.length > 0 && (
        <Table.ScrollContainer minWidth={560}><Table>
          <Table.Thead>
            <Table.Tr><Table.Th>{t('application.type')}</Table.Th><Table.Th>{t('application.stage')}</Table.Th><Table.Th>{t('application.created')}</Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {applications.data.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td><Anchor component={Link} to={`/applications/${a.id}`}>{t(`aeoType.${a.aeoType}`)}</Anchor></Table.Td>
                <Table.Td><Badge variant="outline">{t(`stage.${a.stage}`)}</Badge></Table.Td>
                <Table.Td>{day(a.createdAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table></Table.ScrollContainer>
      )}
      {who?.roles.includes('trader') && (
        <Card withBorder maw={520}>
          <Title order={4}>{t('apply.title')}</Title>
          <Text size="sm" c="dimmed" mb="sm">{t('apply.intro')}</Text>
          <Group align="flex-end">
            <Select label={t('application.type')} value={aeoType} onChange={(v) => setAeoType((v as 'C' | 'S' | 'F') ?? 'F')} allowDeselect={false}
              data={(['C', 'S', 'F'] as const).map((k) => ({ value: k, label: t(`aeoType.${k}`) }))} />
            <Button onClick={() => apply.mutate()} loading={apply.isPending || applications.isPending} disabled={!applications.isSuccess}>{t('apply.start')}</Button>
          </Group>
          <Problem error={apply.error} />
        </Card>
      )}
      {who?.roles.includes('trader') && !c.representing && <Representatives operatorId={id} />}
      {who?.roles.includes('supervisor') && <HandOver operatorId={id} />}
    </Stack>
  );
}
