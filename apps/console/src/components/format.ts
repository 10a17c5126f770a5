import i18n from '../i18n';

/** A date as the user's language writes it (the registry's days are calendar days). */
export function day(value: string | null | undefined): string {
  if (!value) return '—';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : d.toLocaleDateString(i18n.language, { year: 'numeric', month: 'short', day: 'numeric' });
}

export function moment(value: string | null | undefined): string {
  if (!value) return '—';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : d.toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
}
