import { Badge, Button, Card, FileButton, Group, Select, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, must, saveBlob } from '../api/clients';
import type { components } from '../api/generated/mra-exchange';
import { useAuth } from '../auth/context';
import { day } from '../components/format';
import { Problem } from '../components/Problem';
import { parseRows } from './BatchRecognition';

type Answer = components['schemas']['SupplierAnswerView'];
type Supplier = components['schemas']['OperatorReferenceDto'];
/** As many suppliers as one request takes (the API's limit). */
const MAX = 200;

/**
 * A trader checks its business partners (the SAQ's trading-partner security asks it to): is each an
 * AEO here, or a partner's AEO recognised here? Only holders that consented to publication are
 * found; the answer shows what the public directory shows.
 */
export function SuppliersPage() {
  const { t } = useTranslation();
  const { config } = useAuth();
  const [issuer, setIssuer] = useState(config.administration);
  const [scheme, setScheme] = useState('TIN');
  const [identifier, setIdentifier] = useState('');
  const [text, setText] = useState('');
  const parsed = parseRows(text);
  const check = useMutation({
    mutationFn: async (suppliers: Supplier[]) => must(await api.mra.POST('/supplier-checks', { body: { suppliers } })) as Answer[],
  });
  const one = (e: FormEvent) => {
    e.preventDefault();
    check.mutate([{ issuer: issuer.toUpperCase(), scheme, identifier: identifier.trim() }]);
  };
  const download = () => {
    const lines = [
      'issuer,scheme,identifier,aeo,holder,country,aeo_type,certificate,valid_to,recognised_here',
      ...(check.data ?? []).map((a) =>
        [a.asked.issuer, a.asked.scheme, a.asked.identifier, a.aeo, a.holder ?? '', a.country ?? '', a.aeoType ?? '', a.certificateNumber ?? '', a.validTo ?? '', a.recognisedHere ?? '']
          .map((v) => `"${String(v).replace(/"/g, '""')}"`)
          .join(','),
      ),
    ];
    saveBlob(new Blob([lines.join('\n')], { type: 'text/csv' }), 'supplier-checks.csv');
  };
  return (
    <Stack maw={960}>
      <Title order={2}>{t('suppliers.title')}</Title>
      <Text>{t('suppliers.intro')}</Text>
      <Card withBorder>
        <form onSubmit={one}>
          <Stack>
            <Title order={3}>{t('suppliers.one')}</Title>
            <Group grow align="flex-start">
              <TextInput label={t('recognition.issuer')} description={t('suppliers.issuerHelp')} value={issuer} onChange={(e) => setIssuer(e.currentTarget.value)} required maxLength={2} />
              <Select label={t('register.scheme')} value={scheme} onChange={(v) => setScheme(v ?? 'TIN')} allowDeselect={false}
                data={['TIN', 'EORI', 'AEO'].map((s) => ({ value: s, label: t(`scheme.${s}`) }))} />
              <TextInput label={t('register.identifier')} value={identifier} onChange={(e) => setIdentifier(e.currentTarget.value)} required />
            </Group>
            <Group><Button type="submit" loading={check.isPending && check.variables?.length === 1}>{t('suppliers.check')}</Button></Group>
          </Stack>
        </form>
      </Card>
      <Card withBorder>
        <Stack>
          <Title order={3}>{t('suppliers.many')}</Title>
          <Text size="sm" c="dimmed">{t('suppliers.manyIntro', { max: MAX })}</Text>
          <Textarea label={t('batch.rows')} value={text} onChange={(e) => setText(e.currentTarget.value)} autosize minRows={3} maxRows={10} placeholder={`issuer,scheme,identifier\n${config.administration},TIN,9012345678`} />
          <Group>
            <FileButton accept=".csv,text/csv,text/plain" onChange={(file) => file && void file.text().then(setText)}>
              {(props) => <Button {...props} variant="outline">{t('batch.upload')}</Button>}
            </FileButton>
            <Button onClick={() => check.mutate(parsed.rows)} disabled={parsed.rows.length === 0 || parsed.rows.length > MAX || parsed.errors.length > 0} loading={check.isPending && (check.variables?.length ?? 0) > 1}>
              {t('suppliers.checkMany', { count: parsed.rows.length })}
            </Button>
          </Group>
          {parsed.errors.length > 0 && <Text c="red" size="sm" role="alert">{t('batch.badLines', { lines: parsed.errors.slice(0, 10).join(', ') })}</Text>}
          {parsed.rows.length > MAX && <Text c="red" size="sm" role="alert">{t('batch.tooMany', { max: MAX })}</Text>}
        </Stack>
      </Card>
      <Problem error={check.error} />
      {check.data && (
        <Card withBorder data-testid="supplier-answers">
          <Stack gap="xs">
            <Group justify="space-between">
              <Title order={3}>{t('suppliers.answers')}</Title>
              <Button variant="outline" size="compact-sm" onClick={download}>{t('batch.download')}</Button>
            </Group>
            <Table.ScrollContainer minWidth={640}>
              <Table aria-label={t('suppliers.answers')}>
                <Table.Thead><Table.Tr><Table.Th>{t('suppliers.supplier')}</Table.Th><Table.Th>{t('batch.answer')}</Table.Th><Table.Th>{t('directory.holder')}</Table.Th><Table.Th>{t('suppliers.type')}</Table.Th><Table.Th>{t('suppliers.certificate')}</Table.Th><Table.Th>{t('authorisation.validTo')}</Table.Th></Table.Tr></Table.Thead>
                <Table.Tbody>
                  {check.data.map((a, i) => (
                    <Table.Tr key={i}>
                      <Table.Td>{a.asked.issuer} {a.asked.scheme} {a.asked.identifier}</Table.Td>
                      <Table.Td>
                        {a.aeo ? <Badge color="green">{t('suppliers.isAeo', { country: a.country })}</Badge> : <Badge color="gray">{t('suppliers.notFound')}</Badge>}
                        {a.aeo && a.country !== config.administration && (
                          <Text size="xs" c="dimmed">{a.recognisedHere ? t('suppliers.recognisedHere') : t('suppliers.notRecognisedHere')}</Text>
                        )}
                      </Table.Td>
                      <Table.Td>{a.holder ?? ''}</Table.Td>
                      <Table.Td>{a.aeoType ?? ''}</Table.Td>
                      <Table.Td>{a.certificateNumber ?? ''}</Table.Td>
                      <Table.Td>{a.validTo ? day(a.validTo) : '—'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Text size="xs" c="dimmed">{t('suppliers.consentNote')}</Text>
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
