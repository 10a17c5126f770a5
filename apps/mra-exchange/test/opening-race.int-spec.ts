import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { AeoStatus, AeoType, AuthorisationStatusChangedSchema, Events } from '@aeo/contracts';
import { InboxContext, sealEnvelope } from '@aeo/messaging';
import { publishEvent, startTestService, TestService, registeredOperator as operatorRegistration } from '@aeo/messaging/testing';
import { call, eventually, tokenFor } from '@aeo/testing';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { generateSigningKeyPair, MRA_EXCHANGE } from '../src';
import { HolderEventsHandler } from '../src/outbound/holder-events.handler';

const za = generateSigningKeyPair();
const bw = generateSigningKeyPair();

/**
 * An AEO granted while an MRA opens must reach the partner whichever transaction commits first.
 * Under READ COMMITTED, without a lock both take, the grant saw no MRA in effect and the opening
 * did not see the grant's holder row: the AEO was never sent (the SACU e2e failed so, half the
 * time). Each test forces one interleaving with the database's own locks, then checks the outcome.
 */
describe('mra-exchange: an AEO granted while an MRA opens reaches the partner', () => {
  let t: TestService;
  let dataSource: DataSource;
  let handler: HolderEventsHandler;
  const supervisor = tokenFor('ZA', ['supervisor']);

  beforeAll(async () => {
    t = await startTestService(MRA_EXCHANGE, { ADMINISTRATION: 'ZA', MRA_SIGNING_KEY: za.privateKeyPem, FEDERATION_MEMBERS: 'ZA,BW' });
    dataSource = t.service.app.get(DataSource);
    handler = t.service.app.get(HolderEventsHandler);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** An operator with consent, registered and committed; its grant is the test's to time. */
  async function registeredOperator(tin: string): Promise<string> {
    const operatorId = randomUUID();
    await publishEvent(t.kafka, t.topics, Events.operatorRegistered, operatorRegistration({
      operatorId,
      legalName: `Operator ${tin}`,
      address: { street: '1 Harbour Road', city: 'Durban', postalCode: '4001', country: 'ZA' },
      identifiers: [{ scheme: 'TIN', value: tin, issuer: 'ZA' }],
      registeredBy: 'trader',
    }), { aggregateId: operatorId });
    await publishEvent(t.kafka, t.topics, Events.consentChanged, { operatorId, shareWithPartners: true, publishInDirectory: false }, { aggregateId: operatorId, sequence: 2 });
    await eventually(async () =>
      expect(await t.db.query(`SELECT 1 FROM mra_exchange.holder_operator WHERE operator_id = $1 AND legal_name <> '' AND share_with_partners`, [operatorId])).toHaveLength(1),
    );
    return operatorId;
  }

  /** The grant as accreditation's event delivers it, handled in a transaction the test commits when `gate` opens. */
  function grantIn(operatorId: string, gate: Promise<void>): Promise<void> {
    const authorisationId = randomUUID();
    const message = create(AuthorisationStatusChangedSchema, {
      authorisationId,
      operatorId,
      certificateNumber: `ZAAEOF${operatorId.slice(0, 7)}`,
      aeoType: AeoType.F,
      status: AeoStatus.VALID,
      statusSince: timestampFromDate(new Date()),
      authorisedOn: timestampFromDate(new Date()),
      validTo: timestampFromDate(new Date(Date.now() + 5 * 365 * 86400_000)),
    });
    const envelope = sealEnvelope(AuthorisationStatusChangedSchema, message, {
      administration: 'ZA',
      aggregateId: authorisationId,
      sequence: 1n,
      occurredAt: new Date(),
    });
    return dataSource.transaction(async (manager) => {
      await handler.onAuthorisationStatusChanged([{ envelope, message, topic: 'test' }], new InboxContext(manager));
      await gate;
    });
  }

  /** An MRA with BW recorded here, awaiting BW's confirmation: the confirmation opens it. */
  async function arrangementAwaitingBw(): Promise<string> {
    const created = await call('POST', `${t.url}/arrangements`, {
      token: supervisor,
      body: {
        name: `ZA-BW MRA ${randomUUID().slice(0, 8)}`,
        parties: [
          { administration: 'ZA', recognisedAeoTypes: ['S', 'F'], publicKey: za.publicKeyPem, keyId: 'ZA-1' },
          { administration: 'BW', recognisedAeoTypes: ['S', 'F'], publicKey: bw.publicKeyPem, keyId: 'BW-1' },
        ],
        benefits: ['priority-clearance'],
        effectiveFrom: '2023-05-31',
      },
    });
    expect(created.body.status).toBe('awaiting-confirmation');
    return created.body.id;
  }
  const confirmByBw = (id: string) =>
    call('POST', `${t.url}/arrangements/${id}/confirmations`, {
      token: supervisor,
      body: { administration: 'BW', confirmedOn: '2026-01-01', reference: 'note BW/MRA/1' },
    });

  /** What the backends of this database waiting for a lock of that type are running. */
  const waitingOn = async (locktype: 'advisory' | 'relation') =>
    (
      await t.db.query<{ query: string }>(
        `SELECT a.query FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = $1 AND NOT l.granted`,
        [locktype],
      )
    ).map((r) => r.query);

  const sentFor = async (operatorId: string) =>
    t.db.query(`SELECT sequence FROM mra_exchange.outbound_record WHERE operator_id = $1`, [operatorId]);

  it('the grant first: the opening waits for it to commit, then sends it', async () => {
    const operatorId = await registeredOperator('8000000001');
    const id = await arrangementAwaitingBw();
    let commit!: () => void;
    const grant = grantIn(operatorId, new Promise<void>((r) => (commit = r)));
    // The grant is written and found no MRA in effect; its transaction is still open.
    await eventually(async () => expect(await t.db.query(`SELECT 1 FROM pg_stat_activity WHERE state = 'idle in transaction' AND datname = current_database()`)).toHaveLength(1));
    const confirmation = confirmByBw(id);
    await eventually(async () => expect(await waitingOn('advisory')).toEqual([expect.stringMatching(/pg_advisory_xact_lock\(/)])); // the opening waits
    expect(await sentFor(operatorId)).toEqual([]);
    commit();
    await grant;
    expect((await confirmation).body.status).toBe('active');
    expect(await sentFor(operatorId)).toHaveLength(1); // sent by the opening
  });

  it('the opening first: the grant waits for it to commit, then sends itself', async () => {
    const operatorId = await registeredOperator('8000000002');
    const id = await arrangementAwaitingBw();
    // Hold the opening half-way, after it has sent every AEO it could see: its outbox write waits.
    const blocker = new Client({ connectionString: t.db.url });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE mra_exchange.outbox IN SHARE ROW EXCLUSIVE MODE');
      const confirmation = confirmByBw(id);
      await eventually(async () => expect(await waitingOn('relation')).toContainEqual(expect.stringMatching(/^INSERT INTO outbox /)));
      const grant = grantIn(operatorId, Promise.resolve());
      await eventually(async () => expect(await waitingOn('advisory')).toEqual([expect.stringMatching(/pg_advisory_xact_lock_shared/)])); // the grant waits
      await blocker.query('COMMIT');
      expect((await confirmation).body.status).toBe('active');
      await grant;
    } finally {
      await blocker.end();
    }
    expect(await sentFor(operatorId)).toHaveLength(1); // sent by the grant, which saw the MRA in effect
  });
});
