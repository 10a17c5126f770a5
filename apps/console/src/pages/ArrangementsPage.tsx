import { Badge, Button, Card, Checkbox, FileInput, Group, List, Loader, MultiSelect, Select, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, must } from '../api/clients';
import type { components } from '../api/generated/mra-exchange';
import { useAuth } from '../auth/context';
import { day } from '../components/format';
import { Problem } from '../components/Problem';

type Arrangement = components['schemas']['ArrangementView'];
type Benefit = components['schemas']['CreateArrangementDto']['benefits'][number];
type Amendment = components['schemas']['ArrangementAmendmentView'];
type AeoType = 'C' | 'S' | 'F';
const BENEFITS: Benefit[] = ['lower-risk-score', 'fewer-examinations', 'priority-clearance', 'business-continuity'];
const today = () => new Date().toISOString().slice(0, 10);

/** Mutual Recognition Arrangements: what is in force, each party's key and confirmation, and the supervisor's steps. */
export function ArrangementsPage() {
  const { t } = useTranslation();
  const { who } = useAuth();
  const supervisor = !!who?.roles.includes('supervisor');
  const arrangements = useQuery({ queryKey: ['arrangements'], queryFn: async () => must(await api.mra.GET('/arrangements')) });
  return (
    <Stack>
      <Title order={2}>{t('mra.title')}</Title>
      <Problem error={arrangements.error} />
      {arrangements.isPending && <Loader role="status" aria-label={t('common.loading')} />}
      {arrangements.data?.length === 0 && <Text>{t('mra.none')}</Text>}
      {arrangements.data?.map((a) => <ArrangementCard key={a.id} arrangement={a} supervisor={supervisor} />)}
      {supervisor && <NewArrangement />}
      {supervisor && <SnapshotRequest />}
      {supervisor && <PartnerBatchImport />}
    </Stack>
  );
}

function ArrangementCard({ arrangement: a, supervisor }: { arrangement: Arrangement; supervisor: boolean }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const done = () => void queries.invalidateQueries({ queryKey: ['arrangements'] });
  const [confirmation, setConfirmation] = useState({ administration: a.awaiting[0] ?? '', confirmedOn: today(), reference: '' });
  const [effectiveTo, setEffectiveTo] = useState('');
  const [rotation, setRotation] = useState({ administration: a.parties[0]?.administration ?? '', keyId: '', publicKey: '' });
  const confirm = useMutation({ mutationFn: async () => must(await api.mra.POST('/arrangements/{id}/confirmations', { params: { path: { id: a.id } }, body: confirmation })), onSuccess: done });
  const amend = useMutation({ mutationFn: async () => must(await api.mra.PATCH('/arrangements/{id}', { params: { path: { id: a.id } }, body: { effectiveTo } })), onSuccess: done });
  const rotate = useMutation({ mutationFn: async () => must(await api.mra.POST('/arrangements/{id}/keys', { params: { path: { id: a.id } }, body: rotation })), onSuccess: done });
  return (
    <Card withBorder>
      <Group justify="space-between">
        <Title order={4}>{a.name}</Title>
        <Group gap="xs">
          {a.suspended && <Badge color="orange">{t('mra.suspended')}</Badge>}
          <Badge>{t(`mra.status.${a.status}`)}</Badge>
        </Group>
      </Group>
      <Text size="sm">{t('mra.effective', { from: day(a.effectiveFrom), to: a.effectiveTo ? day(a.effectiveTo) : t('mra.openEnded') })}</Text>
      <Text size="sm">{t('recognition.benefits')}: {a.benefits.map((b) => t(`benefit.${b}`)).join(', ')}</Text>
      <Table.ScrollContainer minWidth={560}><Table mt="sm">
        <Table.Thead><Table.Tr><Table.Th>{t('mra.party')}</Table.Th><Table.Th>{t('mra.types')}</Table.Th><Table.Th>{t('mra.key')}</Table.Th><Table.Th>{t('mra.confirmation')}</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {a.parties.map((p) => (
            <Table.Tr key={p.administration}>
              <Table.Td>{p.administration}</Table.Td>
              <Table.Td>{p.recognisedAeoTypes.map((x) => `AEO-${x}`).join(', ')}</Table.Td>
              <Table.Td>{p.keyId}{p.previousKeys.length > 0 && <Text span size="xs" c="dimmed"> ({t('mra.previousKeys', { keys: p.previousKeys.map((k) => k.keyId).join(', ') })})</Text>}</Table.Td>
              <Table.Td>{p.confirmation ? `${day(p.confirmation.confirmedOn)} — ${p.confirmation.reference}` : t('mra.awaiting')}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table></Table.ScrollContainer>
      {a.amendments.length > 0 && (
        <List size="sm" mt="sm" aria-label={t('mra.amendments')}>
          {a.amendments.map((m) => (
            <List.Item key={m.id}>{t(`mra.amendment.${m.kind}`, { on: day(m.on), party: m.administration, type: m.aeoType ? `AEO-${m.aeoType}` : '' })} — {m.reason}</List.Item>
          ))}
        </List>
      )}
      {supervisor && (
        <Stack mt="sm" gap="sm">
          {a.awaiting.length > 0 && (
            <Group align="flex-end">
              <Select label={t('mra.confirmingParty')} value={confirmation.administration} data={a.awaiting} allowDeselect={false} onChange={(v) => setConfirmation((c) => ({ ...c, administration: v ?? '' }))} w={140} />
              <TextInput type="date" label={t('mra.confirmedOn')} value={confirmation.confirmedOn} onChange={(e) => { const confirmedOn = e.currentTarget.value; setConfirmation((c) => ({ ...c, confirmedOn })); }} />
              <TextInput label={t('mra.reference')} value={confirmation.reference} onChange={(e) => { const reference = e.currentTarget.value; setConfirmation((c) => ({ ...c, reference })); }} />
              <Button onClick={() => confirm.mutate()} loading={confirm.isPending}>{t('mra.recordConfirmation')}</Button>
            </Group>
          )}
          <Problem error={confirm.error} />
          <Group align="flex-end">
            <TextInput type="date" label={t('mra.endOn')} value={effectiveTo} onChange={(e) => setEffectiveTo(e.currentTarget.value)} />
            <Button variant="outline" onClick={() => amend.mutate()} disabled={!effectiveTo} loading={amend.isPending}>{t('mra.end')}</Button>
          </Group>
          <Problem error={amend.error} />
          {a.status !== 'awaiting-confirmation' && <AmendmentForm arrangement={a} onDone={done} />}
          <Group align="flex-end">
            <Select label={t('mra.party')} value={rotation.administration} data={a.parties.map((p) => p.administration)} allowDeselect={false} onChange={(v) => setRotation((r) => ({ ...r, administration: v ?? '' }))} w={120} />
            <TextInput label={t('mra.newKeyId')} value={rotation.keyId} onChange={(e) => { const keyId = e.currentTarget.value; setRotation((r) => ({ ...r, keyId })); }} />
            <Textarea label={t('mra.newPublicKey')} value={rotation.publicKey} onChange={(e) => { const publicKey = e.currentTarget.value; setRotation((r) => ({ ...r, publicKey })); }} autosize minRows={1} w={360} />
            <Button variant="outline" onClick={() => rotate.mutate()} disabled={!rotation.keyId || !rotation.publicKey} loading={rotate.isPending}>{t('mra.rotate')}</Button>
          </Group>
          <Problem error={rotate.error} />
        </Stack>
      )}
    </Card>
  );
}

function NewArrangement() {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const own = useQuery({ queryKey: ['signing-key'], queryFn: async () => must(await api.mra.GET('/signing-key')) });
  const [name, setName] = useState('');
  const [effectiveFrom, setEffectiveFrom] = useState(today());
  const [benefits, setBenefits] = useState<Benefit[]>(['lower-risk-score', 'fewer-examinations']);
  const [ownTypes, setOwnTypes] = useState<AeoType[]>(['S', 'F']);
  const [partner, setPartner] = useState({ administration: '', keyId: '', publicKey: '', recognisedAeoTypes: ['S', 'F'] as AeoType[] });
  const create = useMutation({
    mutationFn: async () => {
      const key = own.data;
      if (!key) throw new Error(t('mra.noOwnKey'));
      return must(
        await api.mra.POST('/arrangements', {
          body: {
            name,
            effectiveFrom,
            benefits,
            parties: [
              { administration: key.administration, keyId: key.keyId, publicKey: key.publicKey, recognisedAeoTypes: ownTypes },
              { ...partner, administration: partner.administration.toUpperCase() },
            ],
          },
        }),
      );
    },
    onSuccess: () => void queries.invalidateQueries({ queryKey: ['arrangements'] }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <Card withBorder>
      <form onSubmit={submit}>
        <Stack>
          <Title order={4}>{t('mra.record')}</Title>
          <Text size="sm" c="dimmed">{t('mra.recordHelp', { own: own.data ? `${own.data.administration} (${own.data.keyId})` : '…' })}</Text>
          <Group grow>
            <TextInput label={t('mra.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required />
            <TextInput type="date" label={t('mra.effectiveFrom')} value={effectiveFrom} onChange={(e) => setEffectiveFrom(e.currentTarget.value)} required />
          </Group>
          <MultiSelect label={t('recognition.benefits')} value={benefits} onChange={(v) => setBenefits(v as Benefit[])} data={BENEFITS.map((b) => ({ value: b, label: t(`benefit.${b}`) }))} />
          <Checkbox.Group label={t('mra.ownTypes')} value={ownTypes} onChange={(v) => setOwnTypes(v as AeoType[])}>
            <Group mt={6}>{(['C', 'S', 'F'] as const).map((x) => <Checkbox key={x} value={x} label={`AEO-${x}`} />)}</Group>
          </Checkbox.Group>
          <Group grow>
            <TextInput label={t('mra.partner')} value={partner.administration} maxLength={2} onChange={(e) => { const administration = e.currentTarget.value; setPartner((p) => ({ ...p, administration })); }} required />
            <TextInput label={t('mra.partnerKeyId')} value={partner.keyId} onChange={(e) => { const keyId = e.currentTarget.value; setPartner((p) => ({ ...p, keyId })); }} required />
          </Group>
          <Textarea label={t('mra.partnerPublicKey')} value={partner.publicKey} onChange={(e) => { const publicKey = e.currentTarget.value; setPartner((p) => ({ ...p, publicKey })); }} autosize minRows={3} required />
          <Checkbox.Group label={t('mra.partnerTypes')} value={partner.recognisedAeoTypes} onChange={(v) => setPartner((p) => ({ ...p, recognisedAeoTypes: v as AeoType[] }))}>
            <Group mt={6}>{(['C', 'S', 'F'] as const).map((x) => <Checkbox key={x} value={x} label={`AEO-${x}`} />)}</Group>
          </Checkbox.Group>
          <Problem error={create.error ?? own.error} />
          <Group><Button type="submit" loading={create.isPending} disabled={!own.data}>{t('mra.recordSubmit')}</Button></Group>
        </Stack>
      </form>
    </Card>
  );
}

function SnapshotRequest() {
  const { t } = useTranslation();
  const [issuer, setIssuer] = useState('');
  const ask = useMutation({ mutationFn: async () => must(await api.mra.POST('/snapshot-requests', { body: { issuer: issuer.toUpperCase() } })) });
  return (
    <Card withBorder>
      <Title order={4}>{t('mra.snapshot')}</Title>
      <Text size="sm" c="dimmed">{t('mra.snapshotHelp')}</Text>
      <Group align="flex-end" mt="sm">
        <TextInput label={t('recognition.issuer')} value={issuer} maxLength={2} onChange={(e) => setIssuer(e.currentTarget.value)} />
        <Button variant="outline" onClick={() => ask.mutate()} disabled={issuer.length !== 2} loading={ask.isPending}>{t('mra.snapshotAsk')}</Button>
      </Group>
      {ask.data && <Text size="sm" mt="xs">{t('mra.snapshotSent', { id: ask.data.requestId })}</Text>}
      <Problem error={ask.error} />
    </Card>
  );
}

/** A batch file from a partner outside the federation (it sent it by its own means), taken in after every check. */
function PartnerBatchImport() {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const take = useMutation({
    mutationFn: async () => {
      if (!file) throw new Error(t('mra.batch.choose'));
      return must(
        await api.mra.POST('/partner-batches', {
          body: (await file.text()) as never,
          bodySerializer: (body: unknown) => String(body),
          headers: { 'content-type': 'application/jose' },
        }),
      );
    },
    onSuccess: () => void queries.invalidateQueries({ queryKey: ['exchange-figures'] }),
  });
  return (
    <Card withBorder>
      <Title order={4}>{t('mra.batch.title')}</Title>
      <Text size="sm" c="dimmed">{t('mra.batch.help')}</Text>
      <Group align="flex-end" mt="sm">
        <FileInput label={t('mra.batch.file')} placeholder={t('mra.batch.choose')} value={file} onChange={(f) => { setFile(f); take.reset(); }} clearable clearButtonProps={{ 'aria-label': t('mra.batch.clear') }} />
        <Button onClick={() => take.mutate()} disabled={!file} loading={take.isPending}>{t('mra.batch.submit')}</Button>
      </Group>
      {take.data && (
        <List size="sm" mt="xs" aria-label={t('mra.batch.result')}>
          <List.Item>{t('mra.batch.stored', { count: take.data.stored, issuer: take.data.issuer, date: day(take.data.date) })}</List.Item>
          {take.data.alreadyHeld > 0 && <List.Item>{t('mra.batch.alreadyHeld', { count: take.data.alreadyHeld })}</List.Item>}
          <List.Item>{t('mra.batch.withheld', { count: take.data.withheld })}</List.Item>
          <List.Item>{take.data.missingSequences.length ? t('mra.batch.missing', { last: take.data.lastSequence, missing: take.data.missingSequences.slice(0, 20).join(', ') }) : t('mra.batch.complete', { last: take.data.lastSequence })}</List.Item>
          {take.data.checkpoint && <List.Item>{t(`mra.batch.checkpoint_${take.data.checkpoint.status}`, { size: take.data.checkpoint.size })}</List.Item>}
        </List>
      )}
      <Problem error={take.error} />
    </Card>
  );
}

/** An amendment from a day on: a type or a party dropped, the arrangement suspended or resumed. */
function AmendmentForm({ arrangement: a, onDone }: { arrangement: Arrangement; onDone: () => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<Amendment['kind']>('drop-type');
  const [party, setParty] = useState(a.parties[0]?.administration ?? '');
  const [aeoType, setAeoType] = useState<AeoType>('S');
  const [on, setOn] = useState(today());
  const [reason, setReason] = useState('');
  const record = useMutation({
    mutationFn: async () =>
      must(
        await api.mra.POST('/arrangements/{id}/amendments', {
          params: { path: { id: a.id } },
          body: { kind, on, reason, ...(kind === 'drop-type' || kind === 'drop-party' ? { administration: party } : {}), ...(kind === 'drop-type' ? { aeoType } : {}) },
        }),
      ),
    onSuccess: () => {
      setReason('');
      onDone();
    },
  });
  return (
    <>
      <Group align="flex-end">
        <Select label={t('mra.amendKind')} value={kind} allowDeselect={false} w={200} onChange={(v) => setKind((v ?? 'drop-type') as Amendment['kind'])}
          data={(['drop-type', 'drop-party', 'suspend', 'resume'] as const).map((k) => ({ value: k, label: t(`mra.amendKinds.${k}`) }))} />
        {(kind === 'drop-type' || kind === 'drop-party') && (
          <Select label={t('mra.amendParty')} value={party} allowDeselect={false} w={110} data={a.parties.map((p) => p.administration)} onChange={(v) => setParty(v ?? '')} />
        )}
        {kind === 'drop-type' && (
          <Select label={t('mra.amendType')} value={aeoType} allowDeselect={false} w={110} data={(['C', 'S', 'F'] as const).map((x) => ({ value: x, label: `AEO-${x}` }))} onChange={(v) => setAeoType((v ?? 'S') as AeoType)} />
        )}
        <TextInput type="date" label={t('mra.amendOn')} value={on} onChange={(e) => setOn(e.currentTarget.value)} />
        <TextInput label={t('mra.amendReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} w={220} />
        <Button variant="outline" onClick={() => record.mutate()} disabled={reason.length < 3 || !on} loading={record.isPending}>{t('mra.amendSubmit')}</Button>
      </Group>
      <Problem error={record.error} />
    </>
  );
}
