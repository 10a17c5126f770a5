import { createTestDatabase, TestDatabase } from '@aeo/testing';
import { selectRows, selectRowsWith, updateRow } from '@aeo/platform';
import { randomUUID } from 'node:crypto';
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';

/** Every column type entity-rows takes, nullable ones among them. */
@Entity({ name: 'sample' })
class Sample {
  @PrimaryColumn('uuid') id: string;
  @Column({ type: 'bigint', generated: 'increment' }) position: string;
  @Column('text', { name: 'full_name' }) fullName: string;
  @Column('char', { length: 1 }) kind: string;
  @Column('int') count: number;
  @Column('boolean', { default: false }) flag: boolean;
  @Column('timestamptz', { name: 'happened_at' }) happenedAt: Date;
  @Column('timestamptz', { name: 'ends_at', nullable: true }) endsAt: Date | null;
  @Column('jsonb', { nullable: true }) origin: { file: string; line: number } | null;
  @Column('jsonb', { default: () => "'[]'" }) identifiers: { scheme: string; value: string }[];
  @Column('text', { array: true, default: '{}' }) roles: string[];
  @Column('text', { nullable: true }) note: string | null;
}

@Entity({ name: 'dated' })
class Dated {
  @PrimaryColumn('uuid') id: string;
  @Column('date') day: string;
}

/** platform's entity-rows (tested here: platform's own tests cannot use @aeo/testing): the same rows as TypeORM's find, on a real PostgreSQL. */
describe('entity-rows', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('aeo_entity_rows');
    dataSource = new DataSource({ type: 'postgres', url: db.url, entities: [Sample, Dated], synchronize: true });
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  const plain = <T extends object>(rows: T[]) => rows.map((r) => ({ ...r }));

  it('reads rows as TypeORM finds them, and updates the columns given, JSON ones included', async () => {
    const ids = [randomUUID(), randomUUID()];
    await dataSource.manager.insert(Sample, [
      { id: ids[0], fullName: 'Ubuntu Freight', kind: 'F', count: 3, flag: true, happenedAt: new Date('2026-11-30T10:00:00.123Z'), endsAt: null, origin: { file: 'a.csv', line: 2 }, identifiers: [{ scheme: 'TIN', value: '1' }], roles: ['trader'], note: null },
      { id: ids[1], fullName: 'Kalahari Couriers', kind: 'S', count: 0, flag: false, happenedAt: new Date('2026-11-29T08:00:00Z'), endsAt: new Date('2031-11-29T00:00:00Z'), origin: null, identifiers: [], roles: [], note: 'x' },
    ]);
    const ours = await selectRows(dataSource.manager, Sample, 'WHERE id = ANY($1::uuid[]) ORDER BY position', [ids]);
    const typeorms = await dataSource.manager.find(Sample, { where: ids.map((id) => ({ id })), order: { position: 'ASC' } });
    expect(ours).toEqual(plain(typeorms));
    expect(ours[0]).toMatchObject({ fullName: 'Ubuntu Freight', position: expect.any(String), happenedAt: new Date('2026-11-30T10:00:00.123Z'), origin: { file: 'a.csv', line: 2 } });

    await updateRow(dataSource.manager, Sample, 'id', ids[1], { count: 7, endsAt: null, origin: { file: 'b.csv', line: 9 }, identifiers: [{ scheme: 'EORI', value: 'ZA1' }], roles: ['officer', 'supervisor'], note: undefined });
    const [after] = await dataSource.manager.find(Sample, { where: { id: ids[1] } });
    expect(after).toMatchObject({ count: 7, endsAt: null, origin: { file: 'b.csv', line: 9 }, identifiers: [{ scheme: 'EORI', value: 'ZA1' }], roles: ['officer', 'supervisor'], note: 'x', fullName: 'Kalahari Couriers' });
    expect(await selectRows(dataSource.manager, Sample, 'WHERE id = $1', [ids[1]])).toEqual(plain([after]));
    // Under a lock, in a transaction, as a step reads its case; with a column of another row beside it.
    await dataSource.transaction(async (manager) => {
      const [locked] = await selectRows(manager, Sample, 'WHERE id = $1 FOR UPDATE', [ids[0]]);
      expect(locked.count).toBe(3);
      const [withMore] = await selectRowsWith<Sample, { other: string | null }>(
        manager, Sample, `(SELECT full_name FROM sample s WHERE s.id = $2) AS "other"`, 'WHERE id = $1 FOR UPDATE', [ids[0], ids[1]],
      );
      const { other, ...row } = withMore;
      expect(other).toBe('Kalahari Couriers');
      expect(row).toEqual(locked);
    });
  });

  it('refuses a property that is not a column, and a column type whose value would come back otherwise than from TypeORM', async () => {
    await expect(updateRow(dataSource.manager, Sample, 'id', randomUUID(), { nothing: 1 } as Partial<Sample>)).rejects.toThrow(/nothing is not a column of sample/);
    await expect(selectRows(dataSource.manager, Dated, '', [])).rejects.toThrow(/Dated.day \(date\) is not a plain column/);
  });
});
