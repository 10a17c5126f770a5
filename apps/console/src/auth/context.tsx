import { Button, Modal, Stack, Text } from '@mantine/core';
import { User, UserManager } from 'oidc-client-ts';
import { createContext, ReactNode, useContext, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../api/clients';
import type { ConsoleConfig } from '../config';
import i18n from '../i18n';
import { createUserManager, SignedIn, signedIn } from './session';

interface AuthState {
  config: ConsoleConfig;
  who: SignedIn | undefined;
  ready: boolean;
  signIn(returnTo?: string): Promise<void>;
  signOut(): Promise<void>;
  /** Called on /callback: finishes the code flow and says where the user was going (undefined in a sign-in popup). */
  complete(): Promise<string | undefined>;
}

const Auth = createContext<AuthState | undefined>(undefined);

/**
 * The signed-in user. Tokens are renewed before they expire (refresh token, rotated by the
 * provider); when a session ends anyway (a service answers 401, or renewal fails), the page stays
 * as it is, with what the user typed, and a dialog signs them in again in a popup.
 */
export function AuthProvider({ config, children }: { config: ConsoleConfig; children: ReactNode }) {
  const { t } = useTranslation();
  const manager: UserManager = useMemo(() => createUserManager(config), [config]);
  const [who, setWho] = useState<SignedIn | undefined>();
  const [ready, setReady] = useState(false);
  const [ended, setEnded] = useState(false);
  const [renewing, setRenewing] = useState(false);

  useEffect(() => {
    void manager.getUser().then((user) => {
      setWho(signedIn(user));
      setReady(true);
    });
    const loaded = (user: User) => {
      setWho(signedIn(user));
      setEnded(false);
    };
    const gone = () => setWho(undefined);
    const lapsed = () => setEnded(true);
    manager.events.addUserLoaded(loaded);
    manager.events.addUserSignedOut(gone);
    manager.events.addAccessTokenExpired(lapsed);
    manager.events.addSilentRenewError(lapsed);
    return () => {
      manager.events.removeUserLoaded(loaded);
      manager.events.removeUserSignedOut(gone);
      manager.events.removeAccessTokenExpired(lapsed);
      manager.events.removeSilentRenewError(lapsed);
    };
  }, [manager]);

  useSession(
    () => who?.accessToken,
    () => setEnded(true),
  );

  const signInAgain = async () => {
    setRenewing(true);
    try {
      const user = await manager.signinPopup({ extraQueryParams: { ui_locales: i18n.language } });
      setWho(signedIn(user));
      setEnded(false);
    } catch {
      // the popup was closed or blocked: the dialog stays
    } finally {
      setRenewing(false);
    }
  };

  const state: AuthState = {
    config,
    who,
    ready,
    signIn: (returnTo = window.location.pathname) => manager.signinRedirect({ state: returnTo, extraQueryParams: { ui_locales: i18n.language } }),
    signOut: async () => {
      await manager.removeUser();
      await manager.signoutRedirect().catch(() => window.location.assign('/'));
    },
    complete: async () => {
      // The stored sign-in request says whether this is the end of the redirect or of the popup.
      const user = await manager.signinCallback();
      if (!user) return undefined; // a popup: the opener takes it from here
      setWho(signedIn(user));
      return typeof user.state === 'string' && user.state.startsWith('/') && !user.state.startsWith('//') ? user.state : '/';
    },
  };
  return (
    <Auth.Provider value={state}>
      {children}
      <Modal opened={ended && !!who} onClose={() => undefined} withCloseButton={false} centered title={t('session.ended')}>
        <Stack>
          <Text>{t('session.endedText')}</Text>
          <Button onClick={() => void signInAgain()} loading={renewing}>{t('session.signInAgain')}</Button>
        </Stack>
      </Modal>
    </Auth.Provider>
  );
}

export function useAuth(): AuthState {
  const state = useContext(Auth);
  if (!state) throw new Error('useAuth outside AuthProvider');
  return state;
}
