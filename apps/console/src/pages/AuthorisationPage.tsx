import { Badge, Button, Card, Group, Loader, Select, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, downloadCertificate, must, saveBlob } from '../api/clients';
import type { components } from '../api/generated/accreditation';
import { useAuth } from '../auth/context';
import { day, moment } from '../components/format';
import { Problem } from '../components/Problem';

type Action = components['schemas']['AuthorisationTransitionDto']['action'];

/** An authorisation: certificate, validity, hearing and cure clocks, and the steps open to the viewer. */
export function AuthorisationPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const queries = useQueryClient();
  const [reason, setReason] = useState('');
  const [keepType, setKeepType] = useState<'C' | 'S'>('C');
  const { who } = useAuth();
  // Staff (officers, supervisors, auditors) see the holder's credential, not their own.
  const holderView = !!who?.roles.includes('trader');
  const authorisation = useQuery({ queryKey: ['authorisation', id], queryFn: async () => must(await api.accreditation.GET('/authorisations/{id}', { params: { path: { id } } })) });
  const step = useMutation({
    mutationFn: async (action: Action) =>
      must(
        await api.accreditation.POST('/authorisations/{id}/transitions', {
          params: { path: { id } },
          body: { action, reason: reason || undefined, keepType: action === 'propose_partial_revocation' || action === 'revoke_partially' ? keepType : undefined },
        }),
      ),
    onSuccess: () => {
      setReason('');
      void queries.invalidateQueries({ queryKey: ['authorisation', id] });
    },
  });
  const credential = useMutation({
    mutationFn: async () => must(await api.accreditation.GET('/authorisations/{id}/credential', { params: { path: { id } } })),
  });
  const certificate = useMutation({
    mutationFn: () => downloadCertificate(id, i18n.language === 'fr' ? 'fr' : 'en', `${authorisation.data?.certificateNumber ?? 'certificate'}.pdf`),
  });
  if (authorisation.isPending) return <Loader role="status" aria-label={t('common.loading')} />;
  if (authorisation.isError) return <Problem error={authorisation.error} />;
  const a = authorisation.data;
  const actions = a.actionsOpen.filter((x): x is Action => x !== 'expire');
  const dates = [
    ['hearingDue', a.hearingDue],
    ['cureDue', a.cureDue],
    ['appealDue', a.appealDue],
  ].filter(([, v]) => v);
  return (
    <Stack>
      <Group>
        <Title order={2}>{a.certificateNumber}</Title>
        <Badge size="lg" data-testid="authorisation-status">{t(`authorisationStatus.${a.status}`)}</Badge>
        <Badge variant="outline">{t(`aeoType.${a.aeoType}`)}</Badge>
      </Group>
      {a.partnerStatus === 'valid' && (
        <Group>
          <Button variant="outline" onClick={() => certificate.mutate()} loading={certificate.isPending}>{t('authorisation.download')}</Button>
          <Problem error={certificate.error} />
        </Group>
      )}
      {(a.partnerStatus === 'valid' || a.partnerStatus === 'suspended') && (
        <Card withBorder>
          <Stack gap="xs">
            <Title order={3}>{t('credential.title')}</Title>
            <Text size="sm">{t(holderView ? 'credential.intro' : 'credential.introStaff')}</Text>
            {!credential.data && <Group><Button variant="light" onClick={() => credential.mutate()} loading={credential.isPending}>{t(holderView ? 'credential.show' : 'credential.showStaff')}</Button></Group>}
            <Problem error={credential.error} />
            {credential.data && (
              <>
                <Textarea label={t(holderView ? 'credential.yours' : 'credential.yoursStaff')} readOnly autosize minRows={3} maxRows={8} value={credential.data.credential} styles={{ input: { fontFamily: 'monospace', fontSize: 12 } }} data-testid="credential" />
                <Group>
                  <Button variant="outline" onClick={() => void navigator.clipboard?.writeText(credential.data.credential)}>{t('credential.copy')}</Button>
                  <Button variant="outline" onClick={() => saveBlob(new Blob([credential.data.credential], { type: 'application/vc+jwt' }), `${a.certificateNumber}.vc.jwt`)}>{t('credential.download')}</Button>
                  <Text size="xs" c="dimmed">{t('credential.until', { date: day(credential.data.validUntil) })}</Text>
                </Group>
              </>
            )}
          </Stack>
        </Card>
      )}
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <Card withBorder>
          <Text size="sm" c="dimmed">{t('authorisation.validity')}</Text>
          <Text>{day(a.authorisedOn)} – {day(a.validTo)}</Text>
          <Text size="sm" c="dimmed" mt="xs">{t('authorisation.partners')}</Text>
          <Text>{t(`authorisationStatus.${a.partnerStatus}`)}</Text>
          {a.importedFrom && (
            <Text size="sm" mt="xs" data-testid="imported-from" title={`SHA-256 ${a.importedFrom.sha256}`}>
              {t('authorisation.importedFrom', { file: a.importedFrom.fileName, line: a.importedFrom.line, by: a.importedFrom.importedBy, when: day(a.importedFrom.importedAt) })}
            </Text>
          )}
        </Card>
        <Card withBorder>
          <Text size="sm" c="dimmed">{t('application.deadlines')}</Text>
          {dates.length === 0 && <Text>—</Text>}
          {dates.map(([k, v]) => <Text key={k}>{t(`deadline.${k}`)}: {day(v)}</Text>)}
        </Card>
        <Card withBorder>
          <Text size="sm" c="dimmed">{t('authorisation.reassessment')}</Text>
          <Text>{a.reassessmentFlaggedAt ? `${day(a.reassessmentFlaggedAt)}: ${a.reassessmentReason ?? ''}` : '—'}</Text>
        </Card>
      </SimpleGrid>
      {actions.length > 0 && (
        <Card withBorder>
          <Title order={4}>{t('application.nextSteps')}</Title>
          <Textarea label={t('application.reason')} description={t('application.reasonHelp')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} my="sm" />
          {(actions.includes('propose_partial_revocation') || actions.includes('revoke_partially')) && (
            <Select label={t('authorisation.keepType')} value={keepType} onChange={(v) => setKeepType((v as 'C' | 'S') ?? 'C')} allowDeselect={false} maw={320} mb="sm"
              data={(['C', 'S'] as const).map((k) => ({ value: k, label: t(`aeoType.${k}`) }))} />
          )}
          <Group>
            {actions.map((action) => (
              <Button key={action} variant="outline" loading={step.isPending && step.variables === action} onClick={() => step.mutate(action)}>
                {t(`authorisationAction.${action}`)}
              </Button>
            ))}
          </Group>
          <Problem error={step.error} />
        </Card>
      )}
      <Title order={3}>{t('history.title')}</Title>
      <Table.ScrollContainer minWidth={560}><Table>
        <Table.Thead>
          <Table.Tr><Table.Th>{t('history.at')}</Table.Th><Table.Th>{t('history.action')}</Table.Th><Table.Th>{t('history.actor')}</Table.Th><Table.Th>{t('history.reason')}</Table.Th></Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(a.history ?? []).map((h) => (
            <Table.Tr key={h.id}>
              <Table.Td>{moment(h.at)}</Table.Td>
              <Table.Td>{t(`authorisationAction.${h.action}`, { defaultValue: t(`action.${h.action}`, { defaultValue: h.action }) })}</Table.Td>
              <Table.Td>{h.actor}</Table.Td>
              <Table.Td>{h.reason ?? ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table></Table.ScrollContainer>
    </Stack>
  );
}
