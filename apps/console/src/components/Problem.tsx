import { Alert, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/clients';

/** The statuses of a refused input: the service's words say what to mend. */
const INPUT_REFUSED = new Set([400, 413, 415, 422]);

/** Whether the service's words go folded beneath the catalogue's: not for a generic problem, nor for a refused input other than a workflow's. */
const foldsServiceWords = (problem: ApiProblem) =>
  !/^(request|auth)\./.test(problem.code) && (problem.code.startsWith('workflow.') || !INPUT_REFUSED.has(problem.status));

/**
 * An error answer beside the action it concerns. Where the catalogue knows the problem's stable
 * code (problemCode.*), its words in the user's language; beneath them the service's own (English),
 * with the code: folded for a problem the catalogue says whole (a workflow's refusal: the page shows
 * the rest, e.g. what each section lacks), shown for a generic one (request.*, auth.*) or another
 * refused input (400, 413, 415, 422), whose words say which field and why, the size or the types
 * accepted. Otherwise the service's words.
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
      {problem && said && foldsServiceWords(problem) ? (
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
