import { Alert, Badge, Button, Card, Checkbox, Group, Select, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, must } from '../api/clients';
import { useAuth } from '../auth/context';
import { day, moment } from '../components/format';
import { Problem } from '../components/Problem';
import { Language } from '../i18n';
import { NOTICES_KEY } from './notices';

/** One's notices (what happened, what to do, by when), one's preferences, and for staff the e-mails that went wrong. */
export function NoticesPage() {
  const { t, i18n } = useTranslation();
  const { who } = useAuth();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [filter, setFilter] = useState<'unread' | 'all'>('unread');
  const notices = useQuery({
    queryKey: [...NOTICES_KEY, filter, i18n.language],
    queryFn: async () => must(await api.notifications.GET('/notices', { params: { query: { unread: filter === 'unread' ? true : undefined, limit: 50, lang: i18n.language as Language } } })),
  });
  const read = useMutation({
    mutationFn: async (id: string) => must(await api.notifications.POST('/notices/{id}/read', { params: { path: { id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: NOTICES_KEY }),
  });
  const readAll = useMutation({
    mutationFn: async () => must(await api.notifications.POST('/notices/read')),
    onSuccess: () => client.invalidateQueries({ queryKey: NOTICES_KEY }),
  });
  const open = async (id: string, link: string, unread: boolean) => {
    if (unread) await read.mutateAsync(id).catch(() => undefined);
    void navigate(link);
  };
  const staff = !!who?.roles.some((r) => ['officer', 'supervisor', 'auditor'].includes(r));
  const page = notices.data;
  return (
    <Stack>
      <Title order={2}>{t('notices.title')}</Title>
      <Group justify="space-between">
        <SegmentedControl
          aria-label={t('notices.show')}
          value={filter}
          onChange={(v) => setFilter(v as 'unread' | 'all')}
          data={[{ value: 'unread', label: t('notices.unread', { count: page?.unread ?? 0 }) }, { value: 'all', label: t('notices.all') }]}
        />
        <Button variant="light" disabled={!page?.unread} loading={readAll.isPending} onClick={() => readAll.mutate()}>{t('notices.readAll')}</Button>
      </Group>
      <Problem error={notices.error ?? read.error ?? readAll.error} />
      {page && page.items.length === 0 && <Text c="dimmed" data-testid="no-notices">{filter === 'unread' ? t('notices.noneUnread') : t('notices.none')}</Text>}
      <Stack gap="sm" data-testid="notices">
        {page?.items.map((n) => (
          <Card key={n.id} withBorder padding="md" data-testid="notice" aria-label={n.title} bg={n.readAt ? undefined : 'var(--mantine-color-blue-0)'}>
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <Stack gap={4}>
                <Group gap="xs">
                  {!n.readAt && <Badge color="blue" size="sm">{t('notices.new')}</Badge>}
                  {n.supersededAt && <Badge color="gray" size="sm" data-testid="notice-superseded">{t('notices.superseded')}</Badge>}
                  <Badge variant="outline" size="sm">{t(`notices.category.${n.category}`)}</Badge>
                  <Text size="xs" c="dimmed">{moment(n.createdAt)}</Text>
                </Group>
                <Text fw={600} lang={n.language}>{n.title}</Text>
                <Text size="sm" lang={n.language}>{n.body}</Text>
                {n.action && <Text size="sm" fw={500} lang={n.language}>{n.action}</Text>}
                {n.due && <Text size="sm" c="red.9">{t('notices.due', { date: day(n.due) })}</Text>}
                <Text size="xs" c="dimmed">{t(`notices.mail.${n.mailStatus}`)}{n.mailError ? ` — ${n.mailError}` : ''}</Text>
              </Stack>
              <Stack gap="xs" align="flex-end">
                <Button size="compact-sm" onClick={() => void open(n.id, n.link, !n.readAt)}>{t('notices.open')}</Button>
                {!n.readAt && <Button size="compact-sm" variant="subtle" onClick={() => read.mutate(n.id)}>{t('notices.markRead')}</Button>}
              </Stack>
            </Group>
          </Card>
        ))}
      </Stack>
      <Preferences />
      {staff && <Deliveries canRetry={!!who?.roles.includes('supervisor')} />}
    </Stack>
  );
}

function Preferences() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const prefs = useQuery({ queryKey: ['notice-preferences'], queryFn: async () => must(await api.notifications.GET('/preferences')) });
  const [language, setLanguage] = useState<string | null>(null);
  const [emailOff, setEmailOff] = useState<string[]>([]);
  useEffect(() => {
    if (!prefs.data) return;
    setLanguage(prefs.data.language ?? null);
    setEmailOff(prefs.data.emailOff);
  }, [prefs.data]);
  const save = useMutation({
    mutationFn: async () =>
      must(await api.notifications.PUT('/preferences', { body: { language: (language as Language | null) ?? null, emailOff: emailOff as never } })),
    onSuccess: (data) => client.setQueryData(['notice-preferences'], data),
  });
  const p = prefs.data;
  return (
    <Card withBorder>
      <Stack>
        <Title order={3}>{t('notices.preferences')}</Title>
        <Problem error={prefs.error ?? save.error} />
        {p && (
          <>
            <Text size="sm" data-testid="mailed-to">{!p.emailEnabled ? t('notices.noSmtp') : p.email ? t('notices.mailedTo', { email: p.email }) : t('notices.noEmail')}</Text>
            <Select
              label={t('notices.language')}
              w={320}
              value={language ?? 'sign-in'}
              onChange={(v) => setLanguage(v === 'sign-in' ? null : v)}
              data={[{ value: 'sign-in', label: t('notices.languageOfSignIn') }, { value: 'en', label: t('language.en') }, { value: 'fr', label: t('language.fr') }]}
              allowDeselect={false}
            />
            <Checkbox.Group label={t('notices.byEmail')} description={t('notices.byEmailHelp')} value={p.categories.filter((c) => !emailOff.includes(c))} onChange={(on) => setEmailOff(p.categories.filter((c) => !on.includes(c)))}>
              <Stack gap={6} mt="xs">
                {p.categories.map((c) => <Checkbox key={c} value={c} label={t(`notices.category.${c}`)} />)}
              </Stack>
            </Checkbox.Group>
            <Group>
              <Button onClick={() => save.mutate()} loading={save.isPending}>{t('notices.save')}</Button>
              {save.isSuccess && <Text size="sm" c="green.9" role="status">{t('notices.saved')}</Text>}
            </Group>
          </>
        )}
      </Stack>
    </Card>
  );
}

function Deliveries({ canRetry }: { canRetry: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const deliveries = useQuery({ queryKey: ['deliveries'], queryFn: async () => must(await api.notifications.GET('/deliveries')) });
  const retry = useMutation({
    mutationFn: async (id: string) => must(await api.notifications.POST('/deliveries/{id}/retry', { params: { path: { id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['deliveries'] }),
  });
  return (
    <Card withBorder>
      <Stack>
        <Title order={3}>{t('notices.deliveries')}</Title>
        <Text size="sm" c="dimmed">{t('notices.deliveriesHelp')}</Text>
        <Problem error={deliveries.error ?? retry.error} />
        {deliveries.data && deliveries.data.items.length === 0 && <Alert color="green">{t('notices.noDeliveryProblems')}</Alert>}
        {deliveries.data && deliveries.data.items.length > 0 && (
          <Table.ScrollContainer minWidth={640}><Table data-testid="deliveries">
            <Table.Thead>
              <Table.Tr><Table.Th>{t('notices.when')}</Table.Th><Table.Th>{t('notices.to')}</Table.Th><Table.Th>{t('notices.outcome')}</Table.Th><Table.Th>{t('notices.why')}</Table.Th><Table.Th /></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {deliveries.data.items.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>{moment(d.createdAt)}</Table.Td>
                  <Table.Td>{d.recipient}{d.mailTo ? ` <${d.mailTo}>` : ''}</Table.Td>
                  <Table.Td>{t(`notices.mail.${d.mailStatus}`)}</Table.Td>
                  <Table.Td><Text size="sm">{d.error ?? ''}</Text> <Text size="xs"><Link to={d.link}>{d.link}</Link></Text></Table.Td>
                  <Table.Td>{canRetry && <Button size="compact-sm" variant="light" loading={retry.isPending && retry.variables === d.id} onClick={() => retry.mutate(d.id)}>{t('notices.retry')}</Button>}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table></Table.ScrollContainer>
        )}
      </Stack>
    </Card>
  );
}
