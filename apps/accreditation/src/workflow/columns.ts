import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/** The row's columns but its key, for one UPDATE (no SELECT first, as `save` would do). */
export function columnsOf<T extends { id: string }>(row: T): QueryDeepPartialEntity<T> {
  const columns: Partial<T> = { ...row };
  delete columns.id;
  return columns as QueryDeepPartialEntity<T>;
}
