import { Alert, Badge, Button, Card, Code, FileButton, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, must, saveBlob } from '../api/clients';
import type { components } from '../api/generated/operator-registry';
import { useAuth } from '../auth/context';
import { moment } from '../components/format';
import { Problem } from '../components/Problem';

type Report = components['schemas']['ImportReportView'];
type Run = components['schemas']['ImportRunView'];
type Column = components['schemas']['ImportColumnView'];

/** The three kinds of file, each taken in by the service that owns what it holds, in the order to import them. */
const KINDS = {
  operators: {
    columns: async () => must(await api.operators.GET('/imports/operators/columns')) as Column[],
    runs: async () => must(await api.operators.GET('/imports/operators')) as Run[],
    send: async (text: string, fileName: string, dryRun: boolean) =>
      must(await api.operators.POST('/imports/operators', { params: { query: { fileName, dryRun } }, body: text as never, bodySerializer: (b: unknown) => String(b), headers: { 'content-type': 'text/csv' } })) as Report,
  },
  authorisations: {
    columns: async () => must(await api.accreditation.GET('/imports/authorisations/columns')) as Column[],
    runs: async () => must(await api.accreditation.GET('/imports/authorisations')) as Run[],
    send: async (text: string, fileName: string, dryRun: boolean) =>
      must(await api.accreditation.POST('/imports/authorisations', { params: { query: { fileName, dryRun } }, body: text as never, bodySerializer: (b: unknown) => String(b), headers: { 'content-type': 'text/csv' } })) as Report,
  },
  personnel: {
    columns: async () => must(await api.compliance.GET('/imports/personnel/columns')) as Column[],
    runs: async () => must(await api.compliance.GET('/imports/personnel')) as Run[],
    send: async (text: string, fileName: string, dryRun: boolean) =>
      must(await api.compliance.POST('/imports/personnel', { params: { query: { fileName, dryRun } }, body: text as never, bodySerializer: (b: unknown) => String(b), headers: { 'content-type': 'text/csv' } })) as Report,
  },
} as const;
type Kind = keyof typeof KINDS;

/**
 * Supervisors bring an existing register in (operators, then their authorisations, then personnel):
 * a file is checked first (every problem by line and column), then imported whole; auditors read
 * what was imported, from which file (SHA-256), by whom and when.
 */
export function ImportsPage() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<Kind>('operators');
  return (
    <Stack>
      <Title order={2}>{t('imports.title')}</Title>
      <Text>{t('imports.intro')}</Text>
      <SegmentedControl
        aria-label={t('imports.kind')}
        value={kind}
        onChange={(v) => setKind(v as Kind)}
        data={(Object.keys(KINDS) as Kind[]).map((k, i) => ({ value: k, label: `${i + 1}. ${t(`imports.kinds.${k}`)}` }))}
      />
      <ImportKind key={kind} kind={kind} />
    </Stack>
  );
}

function ImportKind({ kind }: { kind: Kind }) {
  const { t } = useTranslation();
  const { who } = useAuth();
  const queries = useQueryClient();
  const canImport = !!who?.roles.includes('supervisor');
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  // Cleared after each choice, so that the same file chosen again (fixed, or to import twice) is read again.
  const resetFile = useRef<() => void>(null);
  const columns = useQuery({ queryKey: ['import-columns', kind], queryFn: KINDS[kind].columns, staleTime: Infinity, enabled: canImport });
  const runs = useQuery({ queryKey: ['import-runs', kind], queryFn: KINDS[kind].runs });
  const check = useMutation({ mutationFn: (f: { name: string; text: string }) => KINDS[kind].send(f.text, f.name, true) });
  const run = useMutation({
    mutationFn: (f: { name: string; text: string }) => KINDS[kind].send(f.text, f.name, false),
    onSuccess: () => void queries.invalidateQueries({ queryKey: ['import-runs', kind] }),
  });
  const choose = async (chosen: File | null) => {
    if (!chosen) return;
    const next = { name: chosen.name, text: await chosen.text() };
    resetFile.current?.();
    setFile(next);
    run.reset();
    check.mutate(next);
  };
  const report = run.data ?? check.data;
  const clean = check.data && check.data.problems.length === 0 && check.data.created + check.data.unchanged === check.data.rows;
  return (
    <Stack>
      {canImport && (
        <Card withBorder>
          <Stack>
            <Title order={3}>{t(`imports.kinds.${kind}`)}</Title>
            <Text size="sm">{t(`imports.about.${kind}`)}</Text>
            {columns.data && (
              <Table.ScrollContainer minWidth={560}>
                <Table aria-label={t('imports.columns')}>
                  <Table.Thead><Table.Tr><Table.Th>{t('imports.column')}</Table.Th><Table.Th>{t('imports.holds')}</Table.Th><Table.Th>{t('imports.example')}</Table.Th></Table.Tr></Table.Thead>
                  <Table.Tbody>
                    {columns.data.map((c) => (
                      <Table.Tr key={c.name}>
                        <Table.Td><Code>{c.name}</Code>{c.required && <Badge ml="xs" size="xs">{t('imports.required')}</Badge>}</Table.Td>
                        <Table.Td>{c.description}</Table.Td>
                        <Table.Td><Text size="xs" ff="monospace">{c.example}</Text></Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
            <Group>
              <FileButton resetRef={resetFile} accept=".csv,text/csv,text/plain" onChange={(f) => void choose(f)}>
                {(props) => <Button {...props} variant="outline" loading={check.isPending}>{t('imports.choose')}</Button>}
              </FileButton>
              {columns.data && (
                <Button variant="subtle" onClick={() => saveBlob(new Blob([templateOf(columns.data)], { type: 'text/csv' }), `${kind}-template.csv`)}>
                  {t('imports.template')}
                </Button>
              )}
              {file && <Text size="sm" data-testid="import-file">{file.name}</Text>}
              <Button onClick={() => file && run.mutate(file)} disabled={!clean || !!run.data} loading={run.isPending}>
                {t('imports.import', { count: check.data?.created ?? 0 })}
              </Button>
            </Group>
            <Problem error={check.error ?? run.error} />
            {report && <ReportView report={report} />}
          </Stack>
        </Card>
      )}
      <Card withBorder>
        <Stack gap="xs">
          <Title order={3}>{t('imports.history')}</Title>
          <Problem error={runs.error} />
          {runs.data && runs.data.length === 0 && <Text c="dimmed" size="sm">{t('imports.none')}</Text>}
          {runs.data && runs.data.length > 0 && (
            <Table.ScrollContainer minWidth={640}>
              <Table aria-label={t('imports.history')}>
                <Table.Thead><Table.Tr><Table.Th>{t('imports.file')}</Table.Th><Table.Th>SHA-256</Table.Th><Table.Th>{t('imports.rows')}</Table.Th><Table.Th>{t('imports.created')}</Table.Th><Table.Th>{t('imports.unchanged')}</Table.Th><Table.Th>{t('imports.by')}</Table.Th></Table.Tr></Table.Thead>
                <Table.Tbody>
                  {runs.data.map((r) => (
                    <Table.Tr key={r.id}>
                      <Table.Td>{r.fileName}</Table.Td>
                      <Table.Td><Text size="xs" ff="monospace" title={r.sha256}>{r.sha256.slice(0, 16)}…</Text></Table.Td>
                      <Table.Td>{r.rows}</Table.Td>
                      <Table.Td>{r.created}</Table.Td>
                      <Table.Td>{r.unchanged}</Table.Td>
                      <Table.Td>{r.importedBy}, {moment(r.importedAt)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      </Card>
    </Stack>
  );
}

/** A file to fill in: the header and one example row. */
function templateOf(columns: Column[]): string {
  const cell = (v: string) => (/[",;\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return `${columns.map((c) => c.name).join(',')}\n${columns.map((c) => cell(c.example)).join(',')}\n`;
}

function ReportView({ report }: { report: Report }) {
  const { t } = useTranslation();
  const done = !report.dryRun && report.run;
  return (
    <Stack gap="xs" data-testid="import-report">
      <Alert color={report.problems.length ? 'red' : done ? 'green' : 'blue'} role="status" title={done ? t('imports.done') : report.problems.length ? t('imports.problems', { count: report.problems.length }) : t('imports.ready')}>
        <Text size="sm">{t(done ? 'imports.summaryDone' : 'imports.summary', { rows: report.rows, created: report.created, unchanged: report.unchanged })}</Text>
        {report.earlierRuns.length > 0 && (
          <Text size="sm">{t('imports.earlier', { when: moment(report.earlierRuns[report.earlierRuns.length - 1].importedAt), by: report.earlierRuns[report.earlierRuns.length - 1].importedBy })}</Text>
        )}
        <Text size="xs" c="dimmed" ff="monospace">SHA-256 {report.sha256}</Text>
      </Alert>
      {report.problems.length > 0 && (
        <Table.ScrollContainer minWidth={560}>
          <Table aria-label={t('imports.problemsTable')}>
            <Table.Thead><Table.Tr><Table.Th>{t('imports.line')}</Table.Th><Table.Th>{t('imports.column')}</Table.Th><Table.Th>{t('imports.why')}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {report.problems.slice(0, 200).map((p, i) => (
                <Table.Tr key={i}>
                  <Table.Td>{p.line}</Table.Td>
                  <Table.Td>{p.column ? <Code>{p.column}</Code> : '—'}</Table.Td>
                  <Table.Td>{p.message}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
