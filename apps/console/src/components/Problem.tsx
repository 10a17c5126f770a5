import { Alert, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/clients';

/**
 * An error answer beside the action it concerns: in the user's language where the catalogue knows
 * the problem's stable code (problemCode.*), with the service's own words beneath, and the code.
 */
export function Problem({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const problem = error instanceof ApiProblem ? error : undefined;
  const said = problem ? t(`problemCode.${problem.code}`, { defaultValue: '' }) : '';
  const title = problem ? t(`problem.${problem.status === 403 ? 'forbidden' : problem.status >= 500 ? 'server' : 'refused'}`) : t('common.error');
  return (
    <Alert color="red" title={title} role="alert">
      {said && <Text size="sm" fw={500}>{said}</Text>}
      <Text size="sm">{(error as Error).message}</Text>
      {problem && <Text size="xs" c="dimmed">{problem.code}</Text>}
    </Alert>
  );
}
