import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { components } from '../api/generated/conduct-compliance';
import { day } from './format';

type Reason = components['schemas']['ComplianceView']['reasons'][number];

/**
 * Why an operator's conduct is not compliant, a line per rule, in the reader's language
 * (complianceReason.*); a rule this console does not know yet in the service's English words,
 * which come one for one in `words` (grantBlockedBecause, then warnings).
 */
export function ComplianceReasons({ reasons, words, only, bullet }: { reasons: Reason[]; words: string[]; only?: Reason['effect']; bullet?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      {reasons.map((r, i) =>
        only && r.effect !== only ? null : (
          <Text key={`${r.rule}/${i}`} size="sm" c={only === 'block' ? 'red' : undefined} data-testid={`reason-${r.rule}`}>
            {bullet ? '• ' : ''}
            {t(`complianceReason.${r.rule}`, { coverage: r.coverage, threshold: r.threshold, due: day(r.due), incident: r.incident, defaultValue: words[i] ?? r.rule })}
          </Text>
        ),
      )}
    </>
  );
}
