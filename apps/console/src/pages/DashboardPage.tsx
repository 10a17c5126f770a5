import { BarChart, DonutChart } from '@mantine/charts';
import { Alert, Card, Group, List, Loader, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, must } from '../api/clients';
import { moment } from '../components/format';
import { Problem } from '../components/Problem';

function Stat({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Card withBorder>
      <Text size="sm" c="dimmed">{label}</Text>
      <Text size="xl" fw={700} data-testid={testId}>{value}</Text>
    </Card>
  );
}

/** The administration's figures as charts: accreditation (applications, decisions, authorisations) and conduct. */
export function DashboardPage() {
  const { t } = useTranslation();
  const accreditation = useQuery({ queryKey: ['figures', 'accreditation'], queryFn: async () => must(await api.accreditation.GET('/figures')) });
  const conduct = useQuery({ queryKey: ['figures', 'conduct'], queryFn: async () => must(await api.compliance.GET('/figures')) });
  const exchange = useQuery({ queryKey: ['figures', 'exchange'], queryFn: async () => must(await api.mra.GET('/figures')) });
  if (accreditation.isPending || conduct.isPending) return <Loader role="status" aria-label={t('common.loading')} />;
  if (accreditation.isError || conduct.isError) return <Problem error={accreditation.error ?? conduct.error} />;
  const a = accreditation.data;
  const c = conduct.data;
  const percent = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${Math.round(v)} %`);
  const days = (v: number | null | undefined) => (v === null || v === undefined ? '—' : t('dashboard.days', { count: Math.round(v) }));
  const perStage = Object.entries(a.applications.perStage)
    .filter(([, n]) => n > 0)
    .map(([stage, n]) => ({ stage: t(`stage.${stage}`), [t('dashboard.applications')]: n }));
  const types = ['C', 'S', 'F'] as const;
  const statuses = [...new Set(a.authorisations.byTypeAndStatus.map((r) => r.status))];
  const byType = types.map((type) => ({
    type: t(`aeoType.${type}`),
    ...Object.fromEntries(statuses.map((s) => [t(`authorisationStatus.${s}`), a.authorisations.byTypeAndStatus.filter((r) => r.aeoType === type && r.status === s).reduce((n, r) => n + r.n, 0)])),
  }));
  const palette = ['blue.9', 'orange.9', 'red.9', 'grape.9', 'gray.7', 'teal.9'];
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('dashboard.title')}</Title>
        <Text size="sm" c="dimmed">{t('dashboard.at', { at: moment(a.at) })}</Text>
      </Group>
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <Stat label={t('dashboard.received')} value={String(a.applications.received)} testId="received" />
        <Stat label={t('dashboard.decided')} value={String(a.applications.decided)} />
        <Stat label={t('dashboard.timeToDecision')} value={days(a.acceptanceToDecisionDays.averageCounted)} />
        <Stat label={t('dashboard.backlog')} value={String(a.backlog.total)} />
        <Stat label={t('dashboard.msmeApplicants')} value={percent(a.msmeShare.applicants)} />
        <Stat label={t('dashboard.msmeHolders')} value={percent(a.msmeShare.holders)} />
        <Stat label={t('dashboard.deadlinesMissed')} value={String(a.deadlinesAtRisk.missed)} />
        <Stat label={t('dashboard.deadlinesApproaching', { days: a.deadlinesAtRisk.withinDays })} value={String(a.deadlinesAtRisk.approaching)} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Card withBorder>
          <Title order={4} mb="sm">{t('dashboard.perStage')}</Title>
          <BarChart h={260} data={perStage} dataKey="stage" series={[{ name: t('dashboard.applications'), color: 'blue.9' }]} tickLine="y" />
        </Card>
        <Card withBorder>
          <Title order={4} mb="sm">{t('dashboard.authorisations')}</Title>
          <BarChart h={260} data={byType} dataKey="type" type="stacked" withLegend
            series={statuses.map((s, i) => ({ name: t(`authorisationStatus.${s}`), color: palette[i % palette.length] }))} />
        </Card>
        <Card withBorder>
          <Title order={4} mb="sm">{t('dashboard.compliance')}</Title>
          <Group>
            <DonutChart withLabels withLabelsLine={false} size={180} thickness={28}
              data={[
                { name: t('compliance.compliant'), value: c.statuses.compliant, color: 'teal.9' },
                { name: t('compliance.warning'), value: c.statuses.warning, color: 'orange.9' },
                { name: t('compliance.blocking'), value: c.statuses.blocking, color: 'red.9' },
              ]} />
            <Stack gap={4}>
              <Text size="sm">{t('compliance.compliant')}: {c.statuses.compliant}</Text>
              <Text size="sm">{t('compliance.warning')}: {c.statuses.warning}</Text>
              <Text size="sm">{t('compliance.blocking')}: {c.statuses.blocking}</Text>
              <Text size="sm">{t('dashboard.declarationsOverdue')}: {c.declarationsOverdue}</Text>
            </Stack>
          </Group>
        </Card>
        <Card withBorder>
          <Title order={4} mb="sm">{t('dashboard.training')}</Title>
          <BarChart h={200} data={[
            { who: t('dashboard.operatorsStaff'), [t('dashboard.trained')]: c.coverage.operators.percent ?? 0 },
            { who: t('dashboard.customsStaff'), [t('dashboard.trained')]: c.coverage.customsStaff.percent ?? 0 },
          ]} dataKey="who" orientation="vertical" yAxisProps={{ width: 140 }} xAxisProps={{ domain: [0, 100] }} unit=" %"
            series={[{ name: t('dashboard.trained'), color: 'blue.9' }]} referenceLines={[{ x: c.coverage.threshold, label: t('dashboard.threshold'), color: 'red.9' }]} />
          <Text size="sm" c="dimmed" mt="xs">{t('dashboard.belowThreshold', { count: c.coverage.operatorsBelowThreshold, measured: c.coverage.operatorsMeasured })}</Text>
        </Card>
        <Card withBorder>
          <Title order={4} mb="sm">{t('dashboard.partners')}</Title>
          <Problem error={exchange.error} />
          {exchange.data && (
            <>
              <Group mb="sm">
                <Stat label={t('dashboard.partnerAeosValid')} value={String(exchange.data.partnerAeosValid)} testId="partner-aeos" />
                <Stat label={t('dashboard.sharedAeosValid')} value={String(exchange.data.sharedAeosValid)} />
              </Group>
              {exchange.data.partnerAeos.length === 0 && <Text size="sm" c="dimmed" data-testid="no-partner-aeos">{t('dashboard.noPartnerAeos')}</Text>}
              {exchange.data.partnerAeos.length > 0 && <BarChart h={200} dataKey="issuer" type="stacked" withLegend
                data={[...new Set(exchange.data.partnerAeos.map((r) => r.issuer))].map((issuer) => ({
                  issuer,
                  ...Object.fromEntries(exchange.data.partnerAeos.filter((r) => r.issuer === issuer).map((r) => [t(`authorisationStatus.${r.status}`), r.n])),
                }))}
                series={[...new Set(exchange.data.partnerAeos.map((r) => r.status))].map((s, i) => ({ name: t(`authorisationStatus.${s}`), color: palette[i % palette.length] }))} />}
              <Text size="sm" c="dimmed" mt="xs">
                {exchange.data.issuers.map((i) => t('dashboard.issuerProgress', { issuer: i.issuer, sequence: i.lastSequence, missing: i.missing, verified: i.verifiedLogSize })).join(' · ')}
              </Text>
              <Table mt="sm" fz="xs" data-testid="partner-health">
                <Table.Thead><Table.Tr>
                  <Table.Th>{t('dashboard.health.partner')}</Table.Th><Table.Th>{t('dashboard.health.sent')}</Table.Th><Table.Th>{t('dashboard.health.received')}</Table.Th>
                  <Table.Th>{t('dashboard.health.log')}</Table.Th><Table.Th>{t('dashboard.health.deadLetters')}</Table.Th>
                </Table.Tr></Table.Thead>
                <Table.Tbody>
                  {exchange.data.partners.map((h) => (
                    <Table.Tr key={h.partner}>
                      <Table.Td>{h.partner}</Table.Td>
                      <Table.Td>{t('dashboard.health.sentValue', { unsent: h.unsent, at: h.lastSentAt ? new Date(h.lastSentAt).toLocaleString() : '—' })}</Table.Td>
                      <Table.Td>{t('dashboard.health.receivedValue', { last: h.lastReceived, gaps: h.openGaps })}</Table.Td>
                      <Table.Td>{h.checkpointAgeSeconds === null ? '—' : t('dashboard.health.logValue', { size: h.verifiedLogSize, age: Math.round(h.checkpointAgeSeconds) })}</Table.Td>
                      <Table.Td>{Object.entries(h.deadLetters).map(([k, n]) => `${n} ${k.replace(/_/g, ' ')}`).join(', ') || '0'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              {exchange.data.logAlerts.length > 0 && (
                <Alert color="red" mt="sm" title={t('dashboard.logAlerts', { count: exchange.data.logAlerts.length })} data-testid="log-alerts">
                  <List size="sm">
                    {exchange.data.logAlerts.map((a) => (
                      <List.Item key={`${a.issuer}-${a.detectedAt}-${a.kind}`}>{t(`dashboard.logAlert.${a.kind}`, { issuer: a.issuer })}: {a.detail}</List.Item>
                    ))}
                  </List>
                </Alert>
              )}
            </>
          )}
        </Card>
      </SimpleGrid>
    </Stack>
  );
}
