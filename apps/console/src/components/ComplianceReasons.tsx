import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { components } from '../api/generated/conduct-compliance';
import { day } from './format';

type Status = Pick<components['schemas']['ComplianceView'], 'reasons' | 'grantBlockedBecause' | 'warnings'>;

/**
 * Why an operator's conduct is not compliant, a line per rule, in the reader's language
 * (complianceReason.*); a rule this console does not know yet in the service's English words,
 * which come one for one with the reasons (grantBlockedBecause, then warnings).
 */
export function ComplianceReasons({ status, only, bullet }: { status: Status; only?: Status['reasons'][number]['effect']; bullet?: boolean }) {
  const { t } = useTranslation();
  const words = [...status.grantBlockedBecause, ...status.warnings];
  return (
    <>
      {status.reasons.map((r, i) =>
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
