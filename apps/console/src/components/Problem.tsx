import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/clients';

/** An error answer, shown as the service said it (its detail), with its stable code for support. */
export function Problem({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const problem = error instanceof ApiProblem ? error : undefined;
  return (
    <Alert color="red" title={problem ? t(`problem.${problem.status === 403 ? 'forbidden' : problem.status >= 500 ? 'server' : 'refused'}`) : t('common.error')} role="alert">
      {(error as Error).message}
      {problem && <div style={{ opacity: 0.6, fontSize: 12 }}>{problem.code}</div>}
    </Alert>
  );
}
