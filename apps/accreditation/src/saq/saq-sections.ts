import { EntityManager } from 'typeorm';
import { SectionState } from './saq';
import { SaqSection } from './saq-section.entity';

/** The SAQ of an application as drafted: each section's answers and route, and the evidence items attached to it. */
export async function sectionsOf(manager: EntityManager, applicationId: string): Promise<Map<string, SectionState>> {
  const sections = await manager.findBy(SaqSection, { applicationId });
  const attached: { criterion: string; evidence_item: string }[] = await manager.query(
    `SELECT DISTINCT criterion, evidence_item FROM evidence WHERE application_id = $1 AND removed_at IS NULL`,
    [applicationId],
  );
  const map = new Map<string, SectionState>();
  for (const s of sections) map.set(s.criterion, { answers: s.answers, evidenceRoute: s.evidenceRoute, attachedItems: [] });
  for (const a of attached) {
    const s = map.get(a.criterion) ?? { answers: {}, evidenceRoute: 'standard', attachedItems: [] };
    s.attachedItems.push(a.evidence_item);
    map.set(a.criterion, s);
  }
  return map;
}
