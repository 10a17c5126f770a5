import { Alert, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/clients';

/**
 * An error answer beside the action it concerns. Where the catalogue knows the problem's stable
 * code (problemCode.*), its words in the user's language; beneath them the service's own (English),
 * with the code: folded for a problem the catalogue says whole (a workflow's refusal: the page shows
 * the rest, e.g. what each section lacks), shown for a generic one (request.*, auth.*) or an invalid
 * input (*.invalid), whose words say which field and why. Otherwise the service's words.
 */
export function Problem({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const problem = error instanceof ApiProblem ? error : undefined;
  const said = problem ? t(`problemCode.${problem.code}`, { defaultValue: '' }) : '';
  const title = problem ? t(`problem.${problem.status === 403 ? 'forbidden' : problem.status >= 500 ? 'server' : 'refused'}`) : t('common.error');
  const message = (error as Error).message;
  return (
    <Alert color="red" title={title} role="alert">
      {said && <Text size="sm" fw={500}>{said}</Text>}
      {problem && said && !/^(request|auth)\.|\.invalid$/.test(problem.code) ? (
        <details>
          <Text component="summary" size="xs" c="dimmed" style={{ cursor: 'pointer' }}>{t('problem.details')}</Text>
          <Text size="xs" data-testid="problem-said">{message}</Text>
          <Text size="xs" c="dimmed">{problem.code}</Text>
        </details>
      ) : (
        <>
          <Text size="sm">{message}</Text>
          {problem && <Text size="xs" c="dimmed">{problem.code}</Text>}
        </>
      )}
    </Alert>
  );
}
