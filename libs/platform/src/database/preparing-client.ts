import { Client } from 'pg';

/** Named statements a connection keeps at most; past them its statements go unnamed, as before. */
export const STATEMENTS_PER_CONNECTION = 200;
/** Distinct statement texts remembered; when full, those seen once are forgotten (all of them if that frees nothing). */
const TEXTS_REMEMBERED = 2000;

/**
 * The statement texts this process sends, and the name each one gets once it has been seen twice:
 * one name per text, whichever connection sends it (node-postgres refuses one name for two texts).
 */
class StatementNames {
  private readonly seen = new Map<string, string | number>();
  private count = 0;

  nameOf(text: string): string | undefined {
    const known = this.seen.get(text);
    if (typeof known === 'string') return known;
    if (known === undefined) {
      if (this.seen.size >= TEXTS_REMEMBERED) this.forgetOneOffs();
      this.seen.set(text, 1);
      return undefined;
    }
    const name = `aeo_${(this.count += 1).toString(36)}`;
    this.seen.set(text, name);
    return name;
  }

  /** Texts seen once go; named ones stay (their connections hold them already). */
  private forgetOneOffs(): void {
    for (const [text, known] of this.seen) if (typeof known === 'number') this.seen.delete(text);
    if (this.seen.size >= TEXTS_REMEMBERED) this.seen.clear();
  }
}

const names = new StatementNames();

interface Connection {
  parsedStatements: Record<string, string>;
  submittedNamedStatements: Record<string, string>;
}

/**
 * A pg Client that sends a statement with parameters it has seen before as a **named prepared
 * statement**, so PostgreSQL parses and plans it once per connection instead of on every call
 * (TypeORM sends every query unnamed; a status change's transactions repeat the same few dozen
 * statements). One-off texts (a multi-row insert of an unusual size) stay unnamed: a text is named
 * on its second sighting, and a connection holds at most STATEMENTS_PER_CONNECTION of them.
 * Statements without parameters (BEGIN, COMMIT) keep the simple protocol. Given to the pool as
 * `extra.Client` (serviceDataSourceOptions).
 */
export class PreparingClient extends Client {
  // pg's own overloads (a config, a Submittable, callbacks) are passed through untouched.
  override query(first: any, values?: any, callback?: any): any {
    if (typeof first === 'string' && Array.isArray(values) && values.length > 0) {
      const name = names.nameOf(first);
      // pg-pool's own query() passes a callback; TypeORM's runner awaits the promise.
      if (name !== undefined && this.mayHold(name)) return super.query({ name, text: first, values }, callback);
    }
    return super.query(first, values, callback);
  }

  private mayHold(name: string): boolean {
    const connection = (this as unknown as { connection: Connection }).connection;
    if (connection.parsedStatements[name] !== undefined || connection.submittedNamedStatements[name] !== undefined) return true;
    return Object.keys(connection.parsedStatements).length < STATEMENTS_PER_CONNECTION;
  }
}
