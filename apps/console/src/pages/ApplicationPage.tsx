import { Accordion, Anchor, Badge, Button, Card, FileButton, Group, Loader, NativeSelect, Progress, SegmentedControl, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Dropzone } from '@mantine/dropzone';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, must, uploadEvidence } from '../api/clients';
import type { components } from '../api/generated/accreditation';
import { useAuth } from '../auth/context';
import { ComplianceReasons } from '../components/ComplianceReasons';
import { day, moment } from '../components/format';
import { EvidenceViewer } from '../components/EvidenceViewer';
import { Problem } from '../components/Problem';

type Action = components['schemas']['ApplicationTransitionDto']['action'];
type Section = components['schemas']['SaqSectionView'];
type Finding = components['schemas']['VisitFindingDto'];
/** What accreditation accepts as evidence (EVIDENCE_CONTENT_TYPES, EVIDENCE_MAX_BYTES): refused at once, on the file. */
const EVIDENCE_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'text/plain', 'text/csv'];
const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

/** Steps a person takes with a reason in words (the law asks for one, or the other party must read it). */
const NEEDS_REASON: Action[] = ['return_incomplete', 'request_information', 'propose_rejection', 'reject', 'appeal', 'withdraw', 'answer_hearing', 'answer_information', 'extend_decision', 'extend_for_information', 'dismiss_appeal', 'uphold_appeal'];

export function ApplicationPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const { who } = useAuth();
  const queries = useQueryClient();
  const [reason, setReason] = useState('');
  const [plannedFor, setPlannedFor] = useState('');
  const [findings, setFindings] = useState<Record<string, { result: Finding['result']; note: string }>>({});
  const [assignee, setAssignee] = useState('');
  const application = useQuery({ queryKey: ['application', id], queryFn: async () => must(await api.accreditation.GET('/applications/{id}', { params: { path: { id } } })) });
  const saq = useQuery({ queryKey: ['saq', id, i18n.language], queryFn: async () => must(await api.accreditation.GET('/applications/{id}/saq', { params: { path: { id } } })) });
  const conduct = useQuery({
    queryKey: ['conduct', application.data?.operatorId, 'status'],
    enabled: !!application.data,
    retry: false,
    queryFn: async () => must(await api.compliance.GET('/operators/{operatorId}/compliance', { params: { path: { operatorId: application.data?.operatorId ?? '' } } })),
  });
  const evidence = useQuery({ queryKey: ['evidence', id], queryFn: async () => must(await api.accreditation.GET('/applications/{id}/evidence', { params: { path: { id } } })) });
  const history = useQuery({ queryKey: ['history', id], queryFn: async () => must(await api.accreditation.GET('/applications/{id}/history', { params: { path: { id } } })) });
  const step = useMutation({
    mutationFn: async (action: Action) =>
      must(
        await api.accreditation.POST('/applications/{id}/transitions', {
          params: { path: { id } },
          body: {
            action,
            reason: reason || undefined,
            plannedFor: action === 'plan_visit' && plannedFor ? new Date(`${plannedFor}T09:00:00`).toISOString() : undefined,
            findings:
              action === 'record_visit'
                ? (saq.data?.sections ?? []).map((sec) => ({
                    criterion: sec.criterion,
                    result: findings[sec.criterion]?.result ?? 'met',
                    note: findings[sec.criterion]?.note || '—',
                  }))
                : undefined,
          },
        }),
      ),
    onSuccess: () => {
      setReason('');
      void queries.invalidateQueries({ queryKey: ['application', id] });
      void queries.invalidateQueries({ queryKey: ['history', id] });
      void queries.invalidateQueries({ queryKey: ['saq', id] });
    },
  });

  const assign = useMutation({
    mutationFn: async () => must(await api.accreditation.POST('/applications/{id}/assign', { params: { path: { id } }, body: { assignee } })),
    onSuccess: () => {
      setAssignee('');
      void queries.invalidateQueries({ queryKey: ['application', id] });
    },
  });

  if (application.isPending) return <Loader role="status" aria-label={t('common.loading')} />;
  if (application.isError) return <Problem error={application.error} />;
  const a = application.data;
  const editable = !!who?.roles.includes('trader') && (a.stage === 'draft' || a.stage === 'returned');
  const deadlines = [
    ['completenessDue', a.completenessDue],
    ['decisionDue', a.decisionDue],
    ['hearingDue', a.hearingDue],
    ['appealDue', a.appealDue],
  ].filter(([, v]) => v);
  return (
    <Stack>
      <Group>
        <Title order={2}>{t('application.title', { type: t(`aeoType.${a.aeoType}`), name: a.legalName ?? '' })}</Title>
        <Badge size="lg" data-testid="stage">{t(`stage.${a.stage}`)}</Badge>
        {a.msme && <Badge variant="outline">{t('company.msme')}</Badge>}
      </Group>
      <SimpleGrid cols={{ base: 1, md: 3 }}>{/* opened, deadlines, conduct and certificate */}
        <Card withBorder>
          <Text size="sm" c="dimmed">{t('application.created')}</Text>
          <Text>{day(a.createdAt)}</Text>
          <Text size="sm" c="dimmed" mt="xs">{t('application.assignee')}</Text>
          <Text>{a.assignee ?? t('application.unassigned')}</Text>
          <Text size="sm" c="dimmed" mt="xs">{t('application.questionnaire')}</Text>
          <Text data-testid="saq-version">{a.saqVersion}</Text>
        </Card>
        <Card withBorder>
          <Text size="sm" c="dimmed">{t('application.deadlines')}</Text>
          {deadlines.length === 0 && <Text>—</Text>}
          {deadlines.map(([k, v]) => <Text key={k}>{t(`deadline.${k}`)}: {day(v)}</Text>)}
          {a.pausedSince && <Text c="orange">{t('application.paused', { since: day(a.pausedSince) })}</Text>}
        </Card>
        <Card withBorder>
          <Text size="sm" c="dimmed">{t('company.conduct')}</Text>
          {conduct.data ? (
            <Anchor component={Link} to={`/companies/${a.operatorId}/conduct`} data-testid="conduct-status">{t(`compliance.${conduct.data.status}`)}</Anchor>
          ) : (
            <Text>—</Text>
          )}
          {conduct.data && <ComplianceReasons status={conduct.data} only="block" />}
          <Text size="sm" c="dimmed" mt="xs">{t('application.outcome')}</Text>
          {a.authorisationId ? <Anchor component={Link} to={`/authorisations/${a.authorisationId}`}>{a.certificateNumber}</Anchor> : <Text>—</Text>}
        </Card>
      </SimpleGrid>

      {a.actionsOpen.length > 0 && (
        <Card withBorder>
          <Title order={4}>{t('application.nextSteps')}</Title>
          <Textarea label={t('application.reason')} description={t('application.reasonHelp')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} my="sm" />
          {a.actionsOpen.includes('plan_visit') && <TextInput type="date" label={t('application.plannedFor')} value={plannedFor} onChange={(e) => setPlannedFor(e.currentTarget.value)} maw={240} mb="sm" />}
          {a.actionsOpen.includes('record_visit') && saq.data && (
            <Table.ScrollContainer minWidth={560}><Table mb="sm" aria-label={t('visit.findings')}>
              <Table.Thead>
                <Table.Tr><Table.Th>{t('visit.criterion')}</Table.Th><Table.Th>{t('visit.result')}</Table.Th><Table.Th>{t('visit.note')}</Table.Th></Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {saq.data.sections.map((sec) => (
                  <Table.Tr key={sec.criterion}>
                    <Table.Td>{sec.title}</Table.Td>
                    <Table.Td>
                      <NativeSelect aria-label={t('visit.resultFor', { criterion: sec.title })} value={findings[sec.criterion]?.result ?? 'met'}
                        onChange={(e) => { const result = e.currentTarget.value as Finding['result']; setFindings((f) => ({ ...f, [sec.criterion]: { note: f[sec.criterion]?.note ?? '', result } })); }}
                        data={(['met', 'met-with-actions', 'not-met'] as const).map((r) => ({ value: r, label: t(`visit.${r}`) }))} />
                    </Table.Td>
                    <Table.Td>
                      <TextInput aria-label={t('visit.noteFor', { criterion: sec.title })} value={findings[sec.criterion]?.note ?? ''}
                        onChange={(e) => { const note = e.currentTarget.value; setFindings((f) => ({ ...f, [sec.criterion]: { result: f[sec.criterion]?.result ?? 'met', note } })); }} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table></Table.ScrollContainer>
          )}
          <Group>
            {a.actionsOpen.map((action) => (
              <Button key={action} variant={NEEDS_REASON.includes(action) ? 'outline' : 'filled'} loading={step.isPending && step.variables === action} onClick={() => step.mutate(action)}>
                {t(`action.${action}`)}
              </Button>
            ))}
          </Group>
          <Problem error={step.error} />
        </Card>
      )}

      {who?.roles.includes('supervisor') && !['granted', 'rejected', 'withdrawn'].includes(a.stage) && (
        <Card withBorder>
          <Title order={4}>{t('assign.title')}</Title>
          <Group align="flex-end">
            <TextInput label={t('assign.officer')} description={t('assign.help')} value={assignee} onChange={(e) => setAssignee(e.currentTarget.value)} />
            <Button onClick={() => assign.mutate()} loading={assign.isPending} disabled={!assignee.trim()}>{t('assign.submit')}</Button>
          </Group>
          <Problem error={assign.error} />
        </Card>
      )}

      <Title order={3}>{t('saq.title')}</Title>
      {saq.data && (
        <Text c={saq.data.complete ? 'green' : 'dimmed'}>{saq.data.complete ? t('saq.complete') : t('saq.incomplete')}</Text>
      )}
      <Problem error={saq.error} />
      {saq.data && (
        <Accordion variant="separated">
          {saq.data.sections.map((section) => (
            <SaqSection key={section.criterion} applicationId={id} section={section} editable={editable} saqMsme={saq.data.msme}
              attached={(evidence.data?.byCriterion[section.criterion] ?? []).filter((e) => !e.removedAt)} />
          ))}
        </Accordion>
      )}

      <Title order={3}>{t('history.title')}</Title>
      <Problem error={history.error} />
      {history.data && (
        <Table.ScrollContainer minWidth={560}><Table>
          <Table.Thead>
            <Table.Tr><Table.Th>{t('history.at')}</Table.Th><Table.Th>{t('history.action')}</Table.Th><Table.Th>{t('history.actor')}</Table.Th><Table.Th>{t('history.reason')}</Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {history.data.map((h) => (
              <Table.Tr key={h.id}>
                <Table.Td>{moment(h.at)}</Table.Td>
                <Table.Td>{t(`action.${h.action}`, { defaultValue: h.action })}</Table.Td>
                <Table.Td>{h.actor}</Table.Td>
                <Table.Td>{h.reason ?? ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table></Table.ScrollContainer>
      )}
    </Stack>
  );
}

function SaqSection({ applicationId, section, editable, saqMsme, attached }: { applicationId: string; section: Section; editable: boolean; saqMsme: boolean; attached: components['schemas']['EvidenceView'][] }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [route, setRoute] = useState<'standard' | 'msme'>(section.evidenceRoute);
  const [progress, setProgress] = useState(0);
  const upload = useMutation({
    mutationFn: ({ item, file }: { item: string; file: File }) => {
      setProgress(0);
      return uploadEvidence(applicationId, { criterion: section.criterion, evidenceItem: item }, file, setProgress);
    },
    onSuccess: () => {
      void queries.invalidateQueries({ queryKey: ['saq', applicationId] });
      void queries.invalidateQueries({ queryKey: ['evidence', applicationId] });
    },
  });
  const [answers, setAnswers] = useState<Record<string, string>>(() => Object.fromEntries(section.questions.map((q) => [q.id, q.answer ?? ''])));
  const [edited, setEdited] = useState(0);
  const latest = useRef({ answers, route, dirty: false });
  latest.current = { answers, route, dirty: latest.current.dirty };
  const [rejected, setRejected] = useState<string[]>([]);
  const save = useMutation({
    mutationFn: async () =>
      must(
        await api.accreditation.PUT('/applications/{id}/saq/{criterion}', {
          params: { path: { id: applicationId, criterion: section.criterion } },
          // Every answer, a cleared one as '' (the registry counts it as unanswered; left out, the old text would stay).
          body: { answers: latest.current.answers as never, evidenceRoute: saqMsme ? latest.current.route : undefined },
        }),
      ),
    onMutate: () => {
      latest.current.dirty = false;
    },
    onSuccess: () => void queries.invalidateQueries({ queryKey: ['saq', applicationId] }),
  });
  // Saved as the trader types: a moment after the last keystroke (or change of route).
  useEffect(() => {
    if (!edited) return;
    latest.current.dirty = true;
    const timer = setTimeout(() => save.mutate(), 800);
    return () => clearTimeout(timer);
  }, [edited]);
  // Leaving the page (or closing the section) within the pause still saves what was typed.
  useEffect(() => {
    const flush = () => {
      if (latest.current.dirty) save.mutate();
    };
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, []);
  const onReject = (files: readonly { file: { name: string }; errors: readonly { code: string; message: string }[] }[]) =>
    setRejected(files.map((f) => `${f.file.name}: ${f.errors.map((e) => t(`saq.rejected.${e.code}`, { defaultValue: e.message, max: '10 MB' })).join('; ')}`));
  return (
    <Accordion.Item value={section.criterion}>
      <Accordion.Control>
        <Group>
          <Text>{section.title}</Text>
          <Badge color={section.complete ? 'green' : 'gray'} variant="outline">{section.complete ? t('saq.sectionComplete') : t('saq.sectionMissing', { count: section.missing.length })}</Badge>
        </Group>
      </Accordion.Control>
      <Accordion.Panel>
        <Stack>
          {section.questions.map((q) => (
            <Textarea key={q.id} label={q.text} value={answers[q.id] ?? ''} readOnly={!editable} autosize minRows={2}
              onChange={(e) => { const v = e.currentTarget.value; setAnswers((s) => ({ ...s, [q.id]: v })); setEdited((n) => n + 1); }} />
          ))}
          {!section.complete && section.missing.length > 0 && (
            <Stack gap={2} data-testid={`missing-${section.criterion}`}>
              <Text size="sm" fw={500}>{t('saq.stillMissing')}</Text>
              {/* Said from the section's own questions and evidence, in the console's language. */}
              {section.questions.filter((q) => !q.answer).map((q) => <Text key={`q-${q.id}`} size="sm">• {t('saq.missingAnswer', { question: q.text })}</Text>)}
              {section.evidenceExpected.filter((e) => !e.attached).map((e) => <Text key={`e-${e.key}`} size="sm">• {t('saq.missingEvidence', { item: e.description })}</Text>)}
            </Stack>
          )}
          {editable && saqMsme && (
            <Stack gap={4}>
              <SegmentedControl size="xs" value={route} onChange={(v) => { setRoute(v as 'standard' | 'msme'); setEdited((n) => n + 1); }} aria-label={t('saq.route')}
                data={[{ value: 'msme', label: t('saq.routeMsme') }, { value: 'standard', label: t('saq.routeStandard') }]} />
              <Text size="xs" c="dimmed">{t('saq.routeHelp')}</Text>
            </Stack>
          )}
          {section.evidenceExpected.length > 0 && (
            <Stack gap="xs">
              <Text size="sm" fw={500}>{t('saq.evidence')}</Text>
              {section.evidenceExpected.map((e) => (
                <Group key={e.key} gap="sm">
                  <Badge color={e.attached ? 'green' : 'gray'} variant="outline">{e.attached ? t('saq.attached') : t('saq.notAttached')}</Badge>
                  <Text size="sm">{e.description}</Text>
                  {editable && (
                    <FileButton accept={EVIDENCE_TYPES.join(',')} onChange={(file) => {
                      if (!file) return;
                      if (!EVIDENCE_TYPES.includes(file.type)) return onReject([{ file, errors: [{ code: 'file-invalid-type', message: 'type not accepted' }] }]);
                      if (file.size > EVIDENCE_MAX_BYTES) return onReject([{ file, errors: [{ code: 'file-too-large', message: 'too large' }] }]);
                      setRejected([]);
                      upload.mutate({ item: e.key, file });
                    }}>
                      {(props) => <Button {...props} size="xs" variant="outline" loading={upload.isPending && upload.variables?.item === e.key} data-evidence={e.key}>{t('saq.attach')}</Button>}
                    </FileButton>
                  )}
                  {editable && (
                    <Dropzone activateOnClick={false} accept={EVIDENCE_TYPES} maxSize={EVIDENCE_MAX_BYTES} multiple={false} px="sm" py={2}
                      onDrop={(files) => { setRejected([]); if (files[0]) upload.mutate({ item: e.key, file: files[0] }); }} onReject={onReject}>
                      <Text size="xs" c="dimmed">{t('saq.orDrop')}</Text>
                    </Dropzone>
                  )}
                </Group>
              ))}
              {upload.isPending && <Progress value={progress} aria-label={t('saq.uploading', { percent: progress })} />}
              {rejected.map((r) => <Text key={r} size="sm" c="red" role="alert">{r}</Text>)}
              <Problem error={upload.error} />
              {attached.length > 0 && <Group gap="xs">{attached.map((e) => <EvidenceViewer key={e.id} evidence={e} />)}</Group>}
            </Stack>
          )}
          {editable && <Group><Button onClick={() => save.mutate()} loading={save.isPending}>{t('saq.save')}</Button>{save.isSuccess && !save.isPending && <Text c="green" size="sm">{t('saq.saved')}</Text>}</Group>}
          <Problem error={save.error} />
        </Stack>
      </Accordion.Panel>
    </Accordion.Item>
  );
}
