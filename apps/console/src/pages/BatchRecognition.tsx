import { Badge, Button, Card, FileButton, Group, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, must, saveBlob } from '../api/clients';
import type { components } from '../api/generated/mra-exchange';
import { day } from '../components/format';
import { Problem } from '../components/Problem';

type Reference = components['schemas']['OperatorReferenceDto'];
const MAX_ROWS = 1000;

/** `issuer,scheme,identifier` per line (a header line is skipped); the line number of each row that is not. */
export function parseRows(text: string): { rows: Reference[]; errors: number[] } {
  const rows: Reference[] = [];
  const errors: number[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const cells = line.split(/[,;\t]/).map((c) => c.trim().replace(/^"|"$/g, ''));
    if (cells.every((c) => c === '')) return;
    if (i === 0 && /issuer/i.test(cells[0] ?? '')) return;
    const [issuer, scheme, identifier] = cells;
    if (!/^[A-Za-z]{2}$/.test(issuer ?? '') || !scheme || !identifier) errors.push(i + 1);
    else rows.push({ issuer: issuer.toUpperCase(), scheme: scheme.toUpperCase(), identifier });
  });
  return { rows, errors };
}

/** Many traders at once: a CSV pasted or uploaded (up to 1,000 rows), the answers in the same order, to download. */
export function BatchRecognition() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const parsed = parseRows(text);
  const ask = useMutation({
    mutationFn: async () => must(await api.mra.POST('/recognitions/batch', { body: { operators: parsed.rows } })),
  });
  const download = () => {
    const answers = ask.data ?? [];
    const lines = [
      'issuer,scheme,identifier,recognised,operator,certificate,aeo_type,status,valid_to,reason',
      ...answers.map((a) =>
        [a.issuer, a.asked.scheme, a.asked.identifier, a.recognised, a.operatorName ?? '', a.certificateNumber ?? '', a.aeoType ?? '', a.status ?? '', a.validTo ?? '', a.reason ?? '']
          .map((v) => `"${String(v).replace(/"/g, '""')}"`)
          .join(','),
      ),
    ];
    saveBlob(new Blob([lines.join('\n')], { type: 'text/csv' }), 'recognitions.csv');
  };
  return (
    <Card withBorder>
      <Stack>
        <Title order={4}>{t('batch.title')}</Title>
        <Text size="sm" c="dimmed">{t('batch.intro', { max: MAX_ROWS })}</Text>
        <Textarea label={t('batch.rows')} value={text} onChange={(e) => setText(e.currentTarget.value)} autosize minRows={3} maxRows={10} placeholder={'issuer,scheme,identifier\nZA,TIN,9012345678'} />
        <Group>
          <FileButton accept=".csv,text/csv,text/plain" onChange={(file) => file && void file.text().then(setText)}>
            {(props) => <Button {...props} variant="outline">{t('batch.upload')}</Button>}
          </FileButton>
          <Button onClick={() => ask.mutate()} disabled={parsed.rows.length === 0 || parsed.rows.length > MAX_ROWS || parsed.errors.length > 0} loading={ask.isPending}>
            {t('batch.ask', { count: parsed.rows.length })}
          </Button>
          {ask.data && <Button variant="outline" onClick={download}>{t('batch.download')}</Button>}
        </Group>
        {parsed.errors.length > 0 && <Text c="red" size="sm" role="alert">{t('batch.badLines', { lines: parsed.errors.slice(0, 10).join(', ') })}</Text>}
        {parsed.rows.length > MAX_ROWS && <Text c="red" size="sm" role="alert">{t('batch.tooMany', { max: MAX_ROWS })}</Text>}
        <Problem error={ask.error} />
        {ask.data && (
          <Table.ScrollContainer minWidth={560}><Table>
            <Table.Thead><Table.Tr><Table.Th>{t('recognition.issuer')}</Table.Th><Table.Th>{t('register.identifier')}</Table.Th><Table.Th>{t('batch.answer')}</Table.Th><Table.Th>{t('directory.holder')}</Table.Th><Table.Th>{t('authorisation.validTo')}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {ask.data.map((a, i) => (
                <Table.Tr key={i}>
                  <Table.Td>{a.issuer}</Table.Td>
                  <Table.Td>{a.asked.scheme} {a.asked.identifier}</Table.Td>
                  <Table.Td>{a.recognised ? <Badge color="green">{t('recognition.recognised')}</Badge> : <Badge color="gray">{t('recognition.notRecognised')}</Badge>}</Table.Td>
                  <Table.Td>{a.operatorName ?? a.reason ?? ''}</Table.Td>
                  <Table.Td>{a.validTo ? day(a.validTo) : '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table></Table.ScrollContainer>
        )}
      </Stack>
    </Card>
  );
}
