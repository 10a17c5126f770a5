import { Alert, Badge, Button, Card, Checkbox, FileButton, Group, Loader, Select, Stack, Table, Tabs, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, must, untilKnown } from '../api/clients';
import type { components } from '../api/generated/conduct-compliance';
import { useAuth } from '../auth/context';
import { ComplianceReasons } from '../components/ComplianceReasons';
import { day } from '../components/format';
import { Problem } from '../components/Problem';

type Access = components['schemas']['PersonDto']['sensitiveAccess'][number];
type Severity = components['schemas']['IncidentDto']['severity'];
const today = () => new Date().toISOString().slice(0, 10);

/** Conduct compliance of one operator: status and why, code of conduct, personnel and training, declarations, incidents. */
export function ConductPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { who } = useAuth();
  const trader = !!who?.roles.includes('trader');
  const staff = !!who?.roles.some((r) => r === 'officer' || r === 'supervisor');
  const queries = useQueryClient();
  const refresh = () => void queries.invalidateQueries({ queryKey: ['conduct', id] });
  const compliance = useQuery({ ...untilKnown, queryKey: ['conduct', id, 'status'], queryFn: async () => must(await api.compliance.GET('/operators/{operatorId}/compliance', { params: { path: { operatorId: id } } })) });
  const codes = useQuery({ ...untilKnown, queryKey: ['conduct', id, 'codes'], queryFn: async () => must(await api.compliance.GET('/operators/{operatorId}/codes-of-conduct', { params: { path: { operatorId: id } } })) });
  const personnel = useQuery({ ...untilKnown, queryKey: ['conduct', id, 'personnel'], queryFn: async () => must(await api.compliance.GET('/operators/{operatorId}/personnel', { params: { path: { operatorId: id } } })) });
  const declarations = useQuery({ ...untilKnown, queryKey: ['conduct', id, 'declarations'], queryFn: async () => must(await api.compliance.GET('/operators/{operatorId}/declarations', { params: { path: { operatorId: id } } })) });
  const incidents = useQuery({ ...untilKnown, queryKey: ['conduct', id, 'incidents'], queryFn: async () => must(await api.compliance.GET('/operators/{operatorId}/incidents', { params: { path: { operatorId: id } } })) });

  // Code of conduct
  const [codeText, setCodeText] = useState('');
  const [adoptedOn, setAdoptedOn] = useState(today());
  const [approver, setApprover] = useState({ name: '', function: '' });
  const submitCode = useMutation({
    mutationFn: async () => must(await api.compliance.POST('/operators/{operatorId}/codes-of-conduct', { params: { path: { operatorId: id } }, body: { text: codeText, adoptedOn, approvedBy: approver } })),
    onSuccess: () => { setCodeText(''); refresh(); },
  });
  const [reviewReason, setReviewReason] = useState('');
  const review = useMutation({
    mutationFn: async ({ code, decision }: { code: string; decision: 'accept' | 'return' }) =>
      must(await api.compliance.POST('/codes-of-conduct/{id}/review', { params: { path: { id: code } }, body: { decision, reason: reviewReason || undefined } })),
    onSuccess: () => { setReviewReason(''); refresh(); },
  });

  // Personnel
  const [person, setPerson] = useState({ name: '', role: '', startedOn: today(), sensitiveAccess: [] as Access[] });
  const addPerson = useMutation({
    mutationFn: async () => must(await api.compliance.POST('/operators/{operatorId}/personnel', { params: { path: { operatorId: id } }, body: person })),
    onSuccess: () => { setPerson({ name: '', role: '', startedOn: today(), sensitiveAccess: [] }); refresh(); },
  });
  // Many people at once: name, role, started on (YYYY-MM-DD), access (cargo+data+premises), one a line.
  const [csv, setCsv] = useState('');
  const [imported, setImported] = useState<string[]>([]);
  const importCsv = useMutation({
    mutationFn: async () => {
      const lines = csv.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !/^name[,;\t]/i.test(l));
      const results: string[] = [];
      const refused: string[] = [];
      for (const [i, line] of lines.entries()) {
        const [name, role, startedOn, access = ''] = line.split(/[,;\t]/).map((c) => c.trim());
        const sensitiveAccess = access.split('+').map((a) => a.trim()).filter(Boolean) as Access[];
        try {
          must(await api.compliance.POST('/operators/{operatorId}/personnel', { params: { path: { operatorId: id } }, body: { name, role, startedOn, sensitiveAccess } }));
          results.push(t('conduct.csvAdded', { line: i + 1, name }));
        } catch (e) {
          results.push(t('conduct.csvRefused', { line: i + 1, why: (e as Error).message }));
          refused.push(line);
        }
      }
      return { results, refused };
    },
    // What was added leaves the box: running it again after a correction adds no one twice.
    onSuccess: ({ results, refused }) => { setImported(results); setCsv(refused.join('\n')); refresh(); },
  });
  const train = useMutation({
    mutationFn: async (personId: string) => {
      const completed = new Date();
      const until = new Date(completed);
      until.setFullYear(until.getFullYear() + 1);
      return must(await api.compliance.POST('/personnel/{personId}/trainings', {
        params: { path: { personId } },
        body: { course: t('conduct.defaultCourse'), completedOn: completed.toISOString().slice(0, 10), validUntil: until.toISOString().slice(0, 10) },
      }));
    },
    onSuccess: refresh,
  });

  // Declarations
  const [statement, setStatement] = useState('');
  const [declarer, setDeclarer] = useState({ name: '', function: '' });
  const declare = useMutation({
    mutationFn: async () => must(await api.compliance.POST('/operators/{operatorId}/declarations', { params: { path: { operatorId: id } }, body: { statement, declaredBy: declarer } })),
    onSuccess: () => { setStatement(''); refresh(); },
  });

  // Incidents
  const [incident, setIncident] = useState({ description: '', measuresTaken: '', occurredOn: today(), severity: 'low' as Severity });
  const report = useMutation({
    mutationFn: async () => must(await api.compliance.POST('/operators/{operatorId}/incidents', { params: { path: { operatorId: id } }, body: incident })),
    onSuccess: () => { setIncident({ description: '', measuresTaken: '', occurredOn: today(), severity: 'low' }); refresh(); },
  });

  const onSubmit = (run: () => void) => (e: FormEvent) => {
    e.preventDefault();
    run();
  };
  if (compliance.isPending) return <Loader role="status" aria-label={t('common.loading')} />;
  const status = compliance.data;
  return (
    <Stack>
      <Title order={2}>{t('conduct.title')}</Title>
      <Problem error={compliance.error} />
      {status && (
        <Alert color={status.status === 'compliant' ? 'green' : status.status === 'warning' ? 'orange' : 'red'} title={t(`compliance.${status.status}`)} data-testid="compliance-status">
          <ComplianceReasons status={status} bullet />
          <Text size="sm" mt="xs">{t('conduct.facts', { trained: status.facts.trained, sensitive: status.facts.sensitivePositions, due: day(status.facts.declarationDue) })}</Text>
        </Alert>
      )}
      <Tabs defaultValue="code" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="code">{t('conduct.code')}</Tabs.Tab>
          <Tabs.Tab value="personnel">{t('conduct.personnel')}</Tabs.Tab>
          <Tabs.Tab value="declarations">{t('conduct.declarations')}</Tabs.Tab>
          <Tabs.Tab value="incidents">{t('conduct.incidents')}</Tabs.Tab>
        </Tabs.List>

        <Tabs.Panel value="code" pt="md">
          <Stack>
            <Problem error={codes.error ?? review.error} />
            {(codes.data ?? []).map((c) => (
              <Card withBorder key={c.id}>
                <Group justify="space-between">
                  <Text fw={500}>{t('conduct.version', { version: c.version, date: day(c.adoptedOn) })}</Text>
                  <Badge>{t(`conduct.codeStatus.${c.status}`)}</Badge>
                </Group>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} mt="xs">{c.text}</Text>
                {c.reviewReason && <Text size="sm" c="dimmed">{c.reviewReason}</Text>}
                {staff && c.status === 'submitted' && (
                  <Group mt="sm" align="flex-end">
                    <TextInput label={t('application.reason')} value={reviewReason} onChange={(e) => setReviewReason(e.currentTarget.value)} />
                    <Button onClick={() => review.mutate({ code: c.id, decision: 'accept' })}>{t('conduct.accept')}</Button>
                    <Button variant="outline" onClick={() => review.mutate({ code: c.id, decision: 'return' })}>{t('conduct.return')}</Button>
                  </Group>
                )}
              </Card>
            ))}
            {trader && (
              <form onSubmit={onSubmit(() => submitCode.mutate())}>
                <Stack maw={720}>
                  <Textarea label={t('conduct.codeText')} description={t('conduct.codeHelp')} value={codeText} onChange={(e) => setCodeText(e.currentTarget.value)} autosize minRows={4} required />
                  <Group grow>
                    <TextInput type="date" label={t('conduct.adoptedOn')} value={adoptedOn} onChange={(e) => setAdoptedOn(e.currentTarget.value)} required />
                    <TextInput label={t('conduct.approverName')} value={approver.name} onChange={(e) => { const name = e.currentTarget.value; setApprover((a) => ({ ...a, name })); }} required />
                    <TextInput label={t('conduct.approverFunction')} value={approver.function} onChange={(e) => { const fn = e.currentTarget.value; setApprover((a) => ({ ...a, function: fn })); }} required />
                  </Group>
                  <Problem error={submitCode.error} />
                  <Group><Button type="submit" loading={submitCode.isPending}>{t('conduct.submitCode')}</Button></Group>
                </Stack>
              </form>
            )}
          </Stack>
        </Tabs.Panel>

        <Tabs.Panel value="personnel" pt="md">
          <Stack>
            <Problem error={personnel.error ?? train.error} />
            {personnel.data && (
              <>
                <Text size="sm">{t('conduct.coverage', { trained: personnel.data.coverage.trained, sensitive: personnel.data.coverage.sensitivePositions })}</Text>
                <Table.ScrollContainer minWidth={560}><Table>
                  <Table.Thead><Table.Tr><Table.Th>{t('conduct.name')}</Table.Th><Table.Th>{t('conduct.role')}</Table.Th><Table.Th>{t('conduct.access')}</Table.Th><Table.Th>{t('conduct.trained')}</Table.Th><Table.Th /></Table.Tr></Table.Thead>
                  <Table.Tbody>
                    {personnel.data.people.map((p) => (
                      <Table.Tr key={p.id}>
                        <Table.Td>{p.name}</Table.Td>
                        <Table.Td>{p.role}</Table.Td>
                        <Table.Td>{p.sensitiveAccess.map((a) => t(`conduct.accessKind.${a}`)).join(', ') || '—'}</Table.Td>
                        <Table.Td>{p.trainedNow ? t('common.yes') : t('common.no')}</Table.Td>
                        <Table.Td>{trader && !p.trainedNow && <Button size="xs" variant="outline" onClick={() => train.mutate(p.id)}>{t('conduct.recordTraining')}</Button>}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table></Table.ScrollContainer>
              </>
            )}
            {trader && (
              <form onSubmit={onSubmit(() => addPerson.mutate())}>
                <Group align="flex-end">
                  <TextInput label={t('conduct.name')} value={person.name} onChange={(e) => { const name = e.currentTarget.value; setPerson((p) => ({ ...p, name })); }} required />
                  <TextInput label={t('conduct.role')} value={person.role} onChange={(e) => { const role = e.currentTarget.value; setPerson((p) => ({ ...p, role })); }} required />
                  <TextInput type="date" label={t('conduct.startedOn')} value={person.startedOn} onChange={(e) => { const startedOn = e.currentTarget.value; setPerson((p) => ({ ...p, startedOn })); }} required />
                  <Checkbox.Group label={t('conduct.access')} value={person.sensitiveAccess} onChange={(v) => setPerson((p) => ({ ...p, sensitiveAccess: v as Access[] }))}>
                    <Group mt={6}>{(['cargo', 'data', 'premises'] as const).map((a) => <Checkbox key={a} value={a} label={t(`conduct.accessKind.${a}`)} />)}</Group>
                  </Checkbox.Group>
                  <Button type="submit" loading={addPerson.isPending}>{t('conduct.addPerson')}</Button>
                </Group>
                <Problem error={addPerson.error} />
              </form>
            )}
            {trader && (
              <Stack maw={720}>
                <Textarea label={t('conduct.csv')} description={t('conduct.csvHelp')} value={csv} onChange={(e) => setCsv(e.currentTarget.value)} autosize minRows={2} placeholder={'name,role,started on,access\nThabo Mokoena,forklift driver,2024-03-01,cargo+premises'} />
                <Group>
                  <FileButton accept=".csv,text/csv,text/plain" onChange={(file) => file && void file.text().then(setCsv)}>
                    {(props) => <Button {...props} variant="outline">{t('batch.upload')}</Button>}
                  </FileButton>
                  <Button variant="outline" onClick={() => importCsv.mutate()} disabled={!csv.trim()} loading={importCsv.isPending}>{t('conduct.csvImport')}</Button>
                </Group>
                {imported.map((r) => <Text key={r} size="sm" c={r.includes('✗') ? 'red' : undefined}>{r}</Text>)}
              </Stack>
            )}
          </Stack>
        </Tabs.Panel>

        <Tabs.Panel value="declarations" pt="md">
          <Stack>
            <Problem error={declarations.error} />
            {declarations.data && (
              <Text size="sm" c={declarations.data.overdue ? 'red' : undefined}>{t(declarations.data.overdue ? 'conduct.declarationOverdue' : 'conduct.declarationDue', { date: day(declarations.data.nextDue) })}</Text>
            )}
            {(declarations.data?.declarations ?? []).map((d) => (
              <Card withBorder key={d.id}><Text size="sm">{day(d.declaredAt)} — {d.declaredBy.name} ({d.declaredBy.function}): {d.statement}</Text></Card>
            ))}
            {trader && (
              <form onSubmit={onSubmit(() => declare.mutate())}>
                <Stack maw={720}>
                  <Textarea label={t('conduct.statement')} value={statement} onChange={(e) => setStatement(e.currentTarget.value)} autosize minRows={2} required />
                  <Group grow>
                    <TextInput label={t('conduct.approverName')} value={declarer.name} onChange={(e) => { const name = e.currentTarget.value; setDeclarer((a) => ({ ...a, name })); }} required />
                    <TextInput label={t('conduct.approverFunction')} value={declarer.function} onChange={(e) => { const fn = e.currentTarget.value; setDeclarer((a) => ({ ...a, function: fn })); }} required />
                  </Group>
                  <Problem error={declare.error} />
                  <Group><Button type="submit" loading={declare.isPending}>{t('conduct.declare')}</Button></Group>
                </Stack>
              </form>
            )}
          </Stack>
        </Tabs.Panel>

        <Tabs.Panel value="incidents" pt="md">
          <Stack>
            <Problem error={incidents.error} />
            {(incidents.data ?? []).map((i) => (
              <Card withBorder key={i.id}>
                <Group><Badge color={i.severity === 'critical' || i.severity === 'high' ? 'red' : 'gray'}>{t(`conduct.severity.${i.severity}`)}</Badge><Text size="sm">{day(i.occurredOn)}</Text>{i.decision && <Badge variant="outline">{t(`conduct.decision.${i.decision}`)}</Badge>}</Group>
                <Text size="sm" mt="xs">{i.description}</Text>
                <Text size="sm" c="dimmed">{i.measuresTaken}</Text>
              </Card>
            ))}
            {(trader || staff) && (
              <form onSubmit={onSubmit(() => report.mutate())}>
                <Stack maw={720}>
                  <Textarea label={t('conduct.description')} value={incident.description} onChange={(e) => { const description = e.currentTarget.value; setIncident((x) => ({ ...x, description })); }} autosize minRows={2} required />
                  <Textarea label={t('conduct.measures')} value={incident.measuresTaken} onChange={(e) => { const measuresTaken = e.currentTarget.value; setIncident((x) => ({ ...x, measuresTaken })); }} autosize minRows={2} required />
                  <Group grow>
                    <TextInput type="date" label={t('conduct.occurredOn')} value={incident.occurredOn} onChange={(e) => { const occurredOn = e.currentTarget.value; setIncident((x) => ({ ...x, occurredOn })); }} required />
                    <Select label={t('conduct.severityLabel')} value={incident.severity} allowDeselect={false} onChange={(v) => setIncident((x) => ({ ...x, severity: (v as Severity) ?? 'low' }))}
                      data={(['low', 'medium', 'high', 'critical'] as const).map((s) => ({ value: s, label: t(`conduct.severity.${s}`) }))} />
                  </Group>
                  <Problem error={report.error} />
                  <Group><Button type="submit" loading={report.isPending}>{t('conduct.report')}</Button></Group>
                </Stack>
              </form>
            )}
          </Stack>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
