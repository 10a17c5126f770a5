import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, must } from '../api/clients';
import { Language } from '../i18n';

export const NOTICES_KEY = ['notices'];

/** How many of one's notices are unread: the header's badge (asked again every minute and on focus). */
export function useUnreadNotices(enabled: boolean) {
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: [...NOTICES_KEY, 'unread-count'],
    enabled,
    refetchInterval: 60_000,
    queryFn: async () => must(await api.notifications.GET('/notices', { params: { query: { unread: true, limit: 1, lang: i18n.language as Language } } })).unread,
  });
}

