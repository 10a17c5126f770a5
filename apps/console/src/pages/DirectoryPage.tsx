import { Button, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, must } from '../api/clients';
import { day } from '../components/format';
import { Problem } from '../components/Problem';

/** The public directory: AEOs that consented to appear in it. Open to anyone, signed in or not. */
export function DirectoryPage() {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [type, setType] = useState<string | null>(null);
  const [asked, setAsked] = useState<{ name?: string; type?: 'C' | 'S' | 'F' }>({});
  const results = useQuery({
    queryKey: ['directory', asked],
    queryFn: async () => must(await api.mra.GET('/directory', { params: { query: { name: asked.name, type: asked.type } } })),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAsked({ name: name || undefined, type: (type as 'C' | 'S' | 'F' | null) ?? undefined });
  };
  return (
    <Stack>
      <Title order={2}>{t('directory.title')}</Title>
      <Text c="dimmed">{t('directory.intro')}</Text>
      <form onSubmit={submit}>
        <Group align="flex-end">
          <TextInput label={t('directory.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} />
          <Select label={t('application.type')} clearable value={type} onChange={setType} data={(['C', 'S', 'F'] as const).map((k) => ({ value: k, label: t(`aeoType.${k}`) }))} />
          <Button type="submit">{t('directory.search')}</Button>
        </Group>
      </form>
      <Problem error={results.error} />
      {results.data && results.data.length === 0 && <Text>{t('directory.none')}</Text>}
      {results.data && results.data.length > 0 && (
        <Table.ScrollContainer minWidth={560}><Table striped>
          <Table.Thead>
            <Table.Tr><Table.Th>{t('directory.holder')}</Table.Th><Table.Th>{t('authorisation.certificate')}</Table.Th><Table.Th>{t('application.type')}</Table.Th><Table.Th>{t('directory.since')}</Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {results.data.map((r) => (
              <Table.Tr key={r.certificateNumber}><Table.Td>{r.holder}</Table.Td><Table.Td>{r.certificateNumber}</Table.Td><Table.Td>{r.aeoType}</Table.Td><Table.Td>{day(r.authorisedOn)}</Table.Td></Table.Tr>
            ))}
          </Table.Tbody>
        </Table></Table.ScrollContainer>
      )}
    </Stack>
  );
}
