import { EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Reads and updates of an entity's rows by statements whose text is built once per entity from
 * TypeORM's metadata (each column under its property name), not by the query builder on every
 * call: for the paths a request takes many times a second, where building the query and the
 * entity cost more than PostgreSQL's work (a status change's). What comes back is what TypeORM's
 * `find` gives for these column types, as plain objects; other types (dates without time,
 * numerics, enums, transformers, relations, embedded columns) are refused when the shape is built.
 */
interface Shape {
  table: string;
  select: string;
  columns: Map<string, { column: string; json: boolean }>;
}

/** The column types whose value node-postgres returns as TypeORM's find does. */
const PLAIN_TYPES = new Set(['uuid', 'text', 'char', 'character', 'varchar', 'character varying', 'int', 'integer', 'bigint', 'boolean', 'bool', 'timestamptz', 'timestamp with time zone', 'jsonb', 'json']);

const shapes = new WeakMap<EntityMetadata, Shape>();

function shapeOf(manager: EntityManager, target: EntityTarget<ObjectLiteral>): Shape {
  const metadata = manager.connection.getMetadata(target);
  let shape = shapes.get(metadata);
  if (!shape) {
    const columns = new Map<string, { column: string; json: boolean }>();
    for (const c of metadata.columns) {
      const type = typeof c.type === 'string' ? c.type : '';
      if (c.embeddedMetadata || c.relationMetadata || c.transformer || !PLAIN_TYPES.has(type)) {
        throw new Error(`entity-rows: ${metadata.name}.${c.propertyName} (${type || 'a type given as a function'}) is not a plain column`);
      }
      columns.set(c.propertyName, { column: c.databaseName, json: type === 'jsonb' || type === 'json' });
    }
    const select = [...columns].map(([property, c]) => `"${c.column}" AS "${property}"`).join(', ');
    shape = { table: metadata.tableName, select, columns };
    shapes.set(metadata, shape);
  }
  return shape;
}

/** The select list of the entity's columns (`"column" AS "property", ...`), for a statement of one's own that returns its rows. */
export function columnList(manager: EntityManager, target: EntityTarget<ObjectLiteral>): string {
  return shapeOf(manager, target).select;
}

/** The entity's rows `rest` selects (`WHERE ... ORDER BY ... FOR UPDATE`, parameters $1...), each with every column under its property name. */
export async function selectRows<T extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<T>, rest: string, parameters: unknown[]): Promise<T[]> {
  const { table, select } = shapeOf(manager, target);
  return manager.query(`SELECT ${select} FROM "${table}" ${rest}`, parameters);
}

/**
 * The same, with more columns beside the entity's (`more`: `expression AS "name", ...`, the table
 * named by its own name, a scalar subquery of another table, say): what a step reads with the row
 * it locks, in the same statement.
 */
export async function selectRowsWith<T extends ObjectLiteral, More extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  more: string,
  rest: string,
  parameters: unknown[],
): Promise<(T & More)[]> {
  const { table, select } = shapeOf(manager, target);
  return manager.query(`SELECT ${select}, ${more} FROM "${table}" ${rest}`, parameters);
}

/** Sets the properties given (each a column of the entity) on the row whose `key` property is `id`. */
export async function updateRow<T extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<T>, key: keyof T & string, id: unknown, values: Partial<T>): Promise<void> {
  const { table, columns } = shapeOf(manager, target);
  const column = (property: string) => {
    const c = columns.get(property);
    if (!c) throw new Error(`entity-rows: ${property} is not a column of ${table}`);
    return c;
  };
  const set: string[] = [];
  const parameters: unknown[] = [];
  for (const [property, value] of Object.entries(values)) {
    if (value === undefined) continue;
    const c = column(property);
    parameters.push(c.json && value !== null ? JSON.stringify(value) : value);
    set.push(`"${c.column}" = $${parameters.length}`);
  }
  if (set.length === 0) return;
  parameters.push(id);
  await manager.query(`UPDATE "${table}" SET ${set.join(', ')} WHERE "${column(key).column}" = $${parameters.length}`, parameters);
}
