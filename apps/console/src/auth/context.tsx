import { UserManager } from 'oidc-client-ts';
import { createContext, ReactNode, useContext, useEffect, useMemo, useState } from 'react';
import { useSession } from '../api/clients';
import type { ConsoleConfig } from '../config';
import { createUserManager, SignedIn, signedIn } from './session';

interface AuthState {
  config: ConsoleConfig;
  who: SignedIn | undefined;
  ready: boolean;
  signIn(returnTo?: string): Promise<void>;
  signOut(): Promise<void>;
  /** Called on /callback: finishes the code flow and says where the user was going. */
  complete(): Promise<string>;
}

const Auth = createContext<AuthState | undefined>(undefined);

export function AuthProvider({ config, children }: { config: ConsoleConfig; children: ReactNode }) {
  const manager: UserManager = useMemo(() => createUserManager(config), [config]);
  const [who, setWho] = useState<SignedIn | undefined>();
  const [ready, setReady] = useState(false);

  useEffect(() => {
    void manager.getUser().then((user) => {
      setWho(signedIn(user));
      setReady(true);
    });
    const loaded = (user: Parameters<Parameters<typeof manager.events.addUserLoaded>[0]>[0]) => setWho(signedIn(user));
    const gone = () => setWho(undefined);
    manager.events.addUserLoaded(loaded);
    manager.events.addUserUnloaded(gone);
    manager.events.addAccessTokenExpired(gone);
    return () => {
      manager.events.removeUserLoaded(loaded);
      manager.events.removeUserUnloaded(gone);
      manager.events.removeAccessTokenExpired(gone);
    };
  }, [manager]);

  useSession(
    () => who?.accessToken,
    () => {
      void manager.removeUser();
    },
  );

  const state: AuthState = {
    config,
    who,
    ready,
    signIn: (returnTo = window.location.pathname) => manager.signinRedirect({ state: returnTo }),
    signOut: async () => {
      await manager.removeUser();
      await manager.signoutRedirect().catch(() => window.location.assign('/'));
    },
    complete: async () => {
      const user = await manager.signinRedirectCallback();
      setWho(signedIn(user));
      return typeof user.state === 'string' && user.state.startsWith('/') && !user.state.startsWith('//') ? user.state : '/';
    },
  };
  return <Auth.Provider value={state}>{children}</Auth.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(Auth);
  if (!state) throw new Error('useAuth outside AuthProvider');
  return state;
}
