import { Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../auth/context';
import { Role } from '../auth/session';

const TILES: { role: Role[]; to: string; key: string }[] = [
  { role: ['trader'], to: '/companies', key: 'companies' },
  { role: ['trader'], to: '/companies/new', key: 'register' },
  { role: ['officer', 'supervisor', 'auditor'], to: '/queue', key: 'queue' },
  { role: ['partner', 'agency', 'officer', 'supervisor', 'auditor'], to: '/recognitions', key: 'recognitions' },
  { role: ['officer', 'supervisor', 'auditor'], to: '/dashboard', key: 'figures' },
  { role: ['supervisor'], to: '/arrangements', key: 'arrangements' },
  { role: ['auditor'], to: '/audit', key: 'audit' },
];

export function HomePage() {
  const { t } = useTranslation();
  const { who, config, signIn } = useAuth();
  if (!who) {
    return (
      <Stack maw={720}>
        <Title order={2}>{t('home.welcome', { name: config.name })}</Title>
        <Text>{t('home.intro')}</Text>
        <Group>
          <Button onClick={() => void signIn('/')}>{t('header.signIn')}</Button>
          <Button component={Link} to="/directory" variant="outline">{t('home.searchDirectory')}</Button>
        </Group>
      </Stack>
    );
  }
  return (
    <Stack>
      <Title order={2}>{t('home.hello', { name: who.name })}</Title>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {TILES.filter((tile) => tile.role.some((r) => who.roles.includes(r))).map((tile) => (
          <Card key={tile.key} withBorder padding="lg">
            <Title order={4}>{t(`home.tile.${tile.key}.title`)}</Title>
            <Text size="sm" c="dimmed" my="sm">{t(`home.tile.${tile.key}.text`)}</Text>
            <Button component={Link} to={tile.to} variant="outline">{t(`home.tile.${tile.key}.action`)}</Button>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
