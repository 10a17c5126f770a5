import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { components } from '../api/generated/conduct-compliance';
import { day } from './format';

type Reason = components['schemas']['ComplianceView']['reasons'][number];

/** Why an operator's conduct is not compliant, a line per rule, in the reader's language (complianceReason.*). */
export function ComplianceReasons({ reasons, only, bullet }: { reasons: Reason[]; only?: Reason['effect']; bullet?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      {reasons
        .filter((r) => !only || r.effect === only)
        .map((r) => (
          <Text key={`${r.rule}/${r.incident ?? ''}`} size="sm" c={only === 'block' ? 'red' : undefined} data-testid={`reason-${r.rule}`}>
            {bullet ? '• ' : ''}
            {t(`complianceReason.${r.rule}`, { coverage: r.coverage, threshold: r.threshold, due: day(r.due), incident: r.incident })}
          </Text>
        ))}
    </>
  );
}
