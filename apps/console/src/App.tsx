import { Alert, AppShell, Badge, Burger, Button, Center, Group, Loader, NavLink, SegmentedControl, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { lazy, ReactNode, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useLocation, useNavigate } from 'react-router';
import { AuthProvider, useAuth } from './auth/context';
import { Role } from './auth/session';
import { loadConfig } from './config';
import { Language, LANGUAGES, setLanguage } from './i18n';
import { HomePage } from './pages/HomePage';
import { useUnreadNotices } from './pages/notices';

// One bundle per area: a trader never downloads the officers' pages, nor a partner the trader's.
const ApplicationPage = lazy(() => import('./pages/ApplicationPage').then((m) => ({ default: m.ApplicationPage })));
const CompaniesPage = lazy(() => import('./pages/CompaniesPage').then((m) => ({ default: m.CompaniesPage })));
const CompanyPage = lazy(() => import('./pages/CompanyPage').then((m) => ({ default: m.CompanyPage })));
const DirectoryPage = lazy(() => import('./pages/DirectoryPage').then((m) => ({ default: m.DirectoryPage })));
const QueuePage = lazy(() => import('./pages/QueuePage').then((m) => ({ default: m.QueuePage })));
const RecognitionPage = lazy(() => import('./pages/RecognitionPage').then((m) => ({ default: m.RecognitionPage })));
const ArrangementsPage = lazy(() => import('./pages/ArrangementsPage').then((m) => ({ default: m.ArrangementsPage })));
const AuditPage = lazy(() => import('./pages/AuditPage').then((m) => ({ default: m.AuditPage })));
const AuthorisationPage = lazy(() => import('./pages/AuthorisationPage').then((m) => ({ default: m.AuthorisationPage })));
const ConductPage = lazy(() => import('./pages/ConductPage').then((m) => ({ default: m.ConductPage })));
const DashboardPage = lazy(() => import('./pages/DashboardPage').then((m) => ({ default: m.DashboardPage })));
const VerifyPage = lazy(() => import('./pages/VerifyPage').then((m) => ({ default: m.VerifyPage })));
const CredentialVerifyPage = lazy(() => import('./pages/CredentialVerifyPage').then((m) => ({ default: m.CredentialVerifyPage })));
const OperationsPage = lazy(() => import('./pages/OperationsPage').then((m) => ({ default: m.OperationsPage })));
const ImportsPage = lazy(() => import('./pages/ImportsPage').then((m) => ({ default: m.ImportsPage })));
const SuppliersPage = lazy(() => import('./pages/SuppliersPage').then((m) => ({ default: m.SuppliersPage })));
const AgencyFeedPage = lazy(() => import('./pages/AgencyFeedPage').then((m) => ({ default: m.AgencyFeedPage })));
const RegionalPage = lazy(() => import('./pages/RegionalPage').then((m) => ({ default: m.RegionalPage })));
const NoticesPage = lazy(() => import('./pages/NoticesPage').then((m) => ({ default: m.NoticesPage })));
const RegisterCompanyPage = lazy(() => import('./pages/RegisterCompanyPage').then((m) => ({ default: m.RegisterCompanyPage })));

export function App() {
  const { t } = useTranslation();
  const config = useQuery({ queryKey: ['config'], queryFn: loadConfig, staleTime: Infinity });
  if (config.isPending) return <Center h="100vh"><Loader role="status" aria-label={t('common.loading')} /></Center>;
  if (config.isError) return <Alert color="red" m="lg" title={t('common.error')}>{String(config.error.message)}</Alert>;
  return (
    <AuthProvider config={config.data}>
      <Shell />
    </AuthProvider>
  );
}

function LanguageSwitch() {
  const { i18n, t } = useTranslation();
  const narrow = useMediaQuery('(max-width: 30em)');
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('header.language')}
      value={i18n.language}
      onChange={(value) => setLanguage(value as Language)}
      data={LANGUAGES.map((l) => ({ value: l, label: narrow ? <span lang={l} title={t(`language.${l}`)}>{l.toUpperCase()}</span> : t(`language.${l}`) }))}
    />
  );
}

function Shell() {
  const { t } = useTranslation();
  const { config, who, signIn, signOut } = useAuth();
  const location = useLocation();
  const [opened, { toggle, close }] = useDisclosure();
  useEffect(close, [location.pathname, close]);
  const links: { to: string; label: string; roles?: Role[] }[] = [
    { to: '/', label: t('nav.home') },
    { to: '/companies', label: t('nav.companies'), roles: ['trader'] },
    { to: '/suppliers', label: t('nav.suppliers'), roles: ['trader', 'agency'] },
    { to: '/agency-feed', label: t('nav.agencyFeed'), roles: ['agency'] },
    { to: '/queue', label: t('nav.queue'), roles: ['officer', 'supervisor', 'auditor'] },
    { to: '/dashboard', label: t('nav.dashboard'), roles: ['officer', 'supervisor', 'auditor'] },
    { to: '/regional', label: t('nav.regional'), roles: ['officer', 'supervisor', 'auditor'] },
    { to: '/arrangements', label: t('nav.arrangements'), roles: ['supervisor', 'officer', 'auditor', 'partner', 'agency'] },
    { to: '/audit', label: t('nav.audit'), roles: ['auditor', 'supervisor'] },
    { to: '/operations', label: t('nav.operations'), roles: ['supervisor', 'auditor'] },
    { to: '/imports', label: t('nav.imports'), roles: ['supervisor', 'auditor'] },
    { to: '/recognitions', label: t('nav.recognitions'), roles: ['partner', 'agency', 'officer', 'supervisor', 'auditor'] },
    { to: '/directory', label: t('nav.directory') },
    { to: '/verify-credential', label: t('nav.verifyCredential') },
    { to: '/notices', label: t('nav.notices'), roles: ['trader', 'officer', 'supervisor', 'auditor', 'partner', 'agency'] },
  ];
  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px={{ base: 'xs', sm: 'md' }} justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.toggle')} />
            <Title order={3} fz={{ base: 'md', sm: 'xl' }} style={{ whiteSpace: 'nowrap' }}>{t('app.title')}</Title>
            <Text c="dimmed" visibleFrom="md" data-testid="administration">{t('header.administration', { name: config.name, code: config.administration })}</Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <LanguageSwitch />
            {who ? (
              <>
                <NoticesBadge />
                <Text size="sm" visibleFrom="sm" data-testid="signed-in-as">
                  {t('header.signedInAs', { name: who.name, roles: who.roles.map((r) => t(`role.${r}`)).join(', ') })}
                </Text>
                <Button variant="outline" size="compact-sm" onClick={() => void signOut()}>{t('header.signOut')}</Button>
              </>
            ) : (
              <Button size="compact-sm" onClick={() => void signIn()}>{t('header.signIn')}</Button>
            )}
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label={t('nav.label')}>
        {links
          .filter((l) => !l.roles || (who && l.roles.some((r) => who.roles.includes(r))))
          .map((l) => (
            <NavLink key={l.to} component={Link} to={l.to} label={l.label} active={location.pathname === l.to} />
          ))}
      </AppShell.Navbar>
      <AppShell.Main>
        {who && who.administration !== config.administration ? (
          <Alert color="red" title={t('auth.otherAdministration')} role="alert">
            <Text>{t('auth.otherAdministrationText', { yours: who.administration, this: config.administration })}</Text>
            <Button mt="sm" onClick={() => void signOut()}>{t('header.signOut')}</Button>
          </Alert>
        ) : (
        <Suspense fallback={<Loader role="status" aria-label={t('common.loading')} />}>
        <Routes>
          <Route path="/" element={<HomePage />} />
          <Route path="/callback" element={<Callback />} />
          <Route path="/directory" element={<DirectoryPage />} />
          <Route path="/verify/:id" element={<VerifyPage />} />
          <Route path="/verify-credential" element={<CredentialVerifyPage />} />
          <Route path="/companies" element={<Needs roles={['trader']}><CompaniesPage /></Needs>} />
          <Route path="/companies/new" element={<Needs roles={['trader']}><RegisterCompanyPage /></Needs>} />
          <Route path="/companies/:id/conduct" element={<Needs roles={['trader', 'officer', 'supervisor', 'auditor']}><ConductPage /></Needs>} />
          <Route path="/companies/:id" element={<Needs roles={['trader', 'officer', 'supervisor', 'auditor']}><CompanyPage /></Needs>} />
          <Route path="/applications/:id" element={<Needs roles={['trader', 'officer', 'supervisor', 'auditor']}><ApplicationPage /></Needs>} />
          <Route path="/authorisations/:id" element={<Needs roles={['trader', 'officer', 'supervisor', 'auditor']}><AuthorisationPage /></Needs>} />
          <Route path="/dashboard" element={<Needs roles={['officer', 'supervisor', 'auditor']}><DashboardPage /></Needs>} />
          <Route path="/arrangements" element={<Needs roles={['supervisor', 'officer', 'auditor', 'partner', 'agency']}><ArrangementsPage /></Needs>} />
          <Route path="/audit" element={<Needs roles={['auditor', 'supervisor']}><AuditPage /></Needs>} />
          <Route path="/queue" element={<Needs roles={['officer', 'supervisor', 'auditor']}><QueuePage /></Needs>} />
          <Route path="/operations" element={<Needs roles={['supervisor', 'auditor']}><OperationsPage /></Needs>} />
          <Route path="/suppliers" element={<Needs roles={['trader', 'agency', 'officer', 'supervisor', 'auditor']}><SuppliersPage /></Needs>} />
          <Route path="/agency-feed" element={<Needs roles={['agency', 'supervisor', 'auditor']}><AgencyFeedPage /></Needs>} />
          <Route path="/regional" element={<Needs roles={['officer', 'supervisor', 'auditor']}><RegionalPage /></Needs>} />
          <Route path="/imports" element={<Needs roles={['supervisor', 'auditor']}><ImportsPage /></Needs>} />
          <Route path="/notices" element={<Needs roles={['trader', 'officer', 'supervisor', 'auditor', 'partner', 'agency']}><NoticesPage /></Needs>} />
          <Route path="/recognitions" element={<Needs roles={['partner', 'agency', 'officer', 'supervisor', 'auditor']}><RecognitionPage /></Needs>} />
          <Route path="*" element={<Alert color="yellow" title={t('common.notFound')}>{t('common.notFoundText')}</Alert>} />
        </Routes>
        </Suspense>
        )}
      </AppShell.Main>
    </AppShell>
  );
}

/**
 * The way to one's notices, with how many are unread: the word beside the count on wide screens,
 * the count alone on narrow ones (the menu lists the notices too).
 */
function NoticesBadge() {
  const { t } = useTranslation();
  const unread = useUnreadNotices(true).data ?? 0;
  const narrow = useMediaQuery('(max-width: 48em)');
  if (narrow && !unread) return null;
  return (
    <Button component={Link} to="/notices" variant={unread ? 'light' : 'subtle'} size="compact-sm" px={narrow ? 6 : undefined} data-testid="notices-badge">
      {narrow ? <VisuallyHidden>{t('notices.badge')}</VisuallyHidden> : t('notices.badge')}
      {unread ? <Badge ml={narrow ? 0 : 6} size="sm" circle>{unread}</Badge> : null}
      {unread ? <VisuallyHidden>{t('notices.unreadSuffix')}</VisuallyHidden> : null}
    </Button>
  );
}

/** A page for some roles: asks to sign in first, and says so when the user's roles do not open it. */
function Needs({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const { t } = useTranslation();
  const { who, ready, signIn } = useAuth();
  if (!ready) return <Loader role="status" aria-label={t('common.loading')} />;
  if (!who) {
    return (
      <Stack align="flex-start">
        <Text>{t('auth.signInToContinue')}</Text>
        <Button onClick={() => void signIn()}>{t('header.signIn')}</Button>
      </Stack>
    );
  }
  if (!roles.some((r) => who.roles.includes(r))) {
    return <Alert color="yellow" title={t('auth.notForYou')}>{t('auth.notForYouText', { roles: roles.map((r) => t(`role.${r}`)).join(', ') })}</Alert>;
  }
  return <>{children}</>;
}

function Callback() {
  const { t } = useTranslation();
  const { complete } = useAuth();
  const navigate = useNavigate();
  const [error, setError] = useState<string>();
  useEffect(() => {
    complete().then((to) => to && navigate(to, { replace: true }), (e: Error) => setError(e.message));
  }, []);
  if (error) return <Alert color="red" title={t('auth.failed')}>{error}</Alert>;
  return <Loader role="status" aria-label={t('auth.signingIn')} />;
}

