import { isDeepStrictEqual } from 'node:util';

export type FieldChanges = Record<string, { before: unknown; after: unknown }>;

/** A value as JSON holds it: class instances become plain objects, undefined members go. */
const plain = (value: unknown): unknown => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

/**
 * The fields whose proposed value differs from the current one, each with before and after.
 * Compared by value, whatever the order of an object's keys (PostgreSQL's jsonb gives them back
 * in its own order); a field not proposed (undefined) is not a change.
 */
export function changedFields(current: Record<string, unknown>, proposed: Record<string, unknown>): FieldChanges {
  const changes: FieldChanges = {};
  for (const [field, value] of Object.entries(proposed)) {
    if (value === undefined) continue;
    const before = plain(current[field]) ?? null;
    const after = plain(value);
    if (!isDeepStrictEqual(before, after)) changes[field] = { before, after };
  }
  return changes;
}
