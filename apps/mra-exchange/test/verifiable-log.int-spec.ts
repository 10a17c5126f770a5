import { create, fromBinary } from '@bufbuild/protobuf';
import { CosignatureSchema, Events, RecognitionRecordSchema, SignedCheckpointSchema } from '@aeo/contracts';
import { publishEvent, startTestService, TestService } from '@aeo/messaging/testing';
import { call, eventually, tokenFor, uniqueNamespace } from '@aeo/testing';
import { createPrivateKey, sign } from 'node:crypto';
import { generateSigningKeyPair, MRA_EXCHANGE, parsePublicKey, verifyBytes } from '../src';
import { checkpointNote } from '../src/log/checkpoint';
import { Frontier, leafHash, verifyInclusion } from '../src/log/merkle';
import { signedRecord } from './records';

const keys = { ZA: generateSigningKeyPair(), BW: generateSigningKeyPair(), NA: generateSigningKeyPair() };
type Code = keyof typeof keys;

/**
 * The test plays ZA, an issuer with its real key, and BW and NA are real registries. ZA's log is
 * checked by each partner against its checkpoints, cosigned, and the cosignatures exchanged: when
 * ZA shows BW and NA two different logs, both find out; when it signs a checkpoint that does not
 * match what it sent, the partner finds out.
 */
describe('mra-exchange: a verifiable log per issuer, witnessed by the partners', () => {
  const prefix = uniqueNamespace('log');
  const services = {} as Record<'BW' | 'NA', TestService>;
  /** What ZA has sent each partner: its view of its own log, per partner (an honest issuer keeps one). */
  const sent: Record<'BW' | 'NA', Frontier> = { BW: new Frontier(), NA: new Frontier() };

  beforeAll(async () => {
    for (const code of ['BW', 'NA'] as const) {
      services[code] = await startTestService(MRA_EXCHANGE, {
        ADMINISTRATION: code,
        MRA_SIGNING_KEY: keys[code].privateKeyPem,
        FEDERATION_MEMBERS: 'ZA,BW,NA',
        TOPIC_NAMESPACE: `${prefix}-${code.toLowerCase()}`,
        FEDERATION_TOPIC_PREFIX: prefix,
      });
      const created = await call('POST', `${services[code].url}/arrangements`, {
        token: tokenFor(code, ['supervisor']),
        body: {
          name: 'SACU MRA',
          parties: (['ZA', 'BW', 'NA'] as Code[]).map((p) => ({ administration: p, recognisedAeoTypes: ['S', 'F'], publicKey: keys[p].publicKeyPem, keyId: `${p}-1` })),
          benefits: ['priority-clearance'],
          effectiveFrom: '2023-05-31',
          confirmations: (['ZA', 'BW', 'NA'] as Code[]).filter((p) => p !== code).map((p) => ({ administration: p, confirmedOn: '2023-05-31', reference: 'treaty' })),
        },
      });
      expect(created.status).toBe(201);
    }
  });
  afterAll(async () => {
    for (const s of Object.values(services)) await s?.close();
  });

  /** ZA's record numbered `sequence` (a new one each call: two calls for one number make two versions). */
  const entry = (sequence: number, tin: string) => signedRecord({ sequence, tin, audience: ['BW', 'NA'] }, keys.ZA.privateKeyPem);
  /** ZA sends `to` an entry, with the checkpoint of the log it shows `to` (or a root of its choosing). */
  const send = async (to: 'BW' | 'NA', sequence: number, record: ReturnType<typeof entry>, root?: Buffer) => {
    sent[to] = sent[to].append(leafHash(record.record));
    const note = checkpointNote('ZA', sequence, root ?? sent[to].root());
    const checkpoint = create(SignedCheckpointSchema, { note, signature: sign('sha256', note, { key: createPrivateKey(keys.ZA.privateKeyPem), dsaEncoding: 'ieee-p1363' }), keyId: 'ZA-1' });
    // Through the partner's own test client: the channel is ZA→`to`.
    await publishEvent(services[to].kafka, services[to].topics, Events.recognitionRecords, { entries: [{ entry: { case: 'record', value: record } }], checkpoint }, {
      aggregateId: fromBinary(RecognitionRecordSchema, record.record).operatorId,
      administration: 'ZA',
      recipient: to,
    });
  };
  const figures = async (code: 'BW' | 'NA') => (await call('GET', `${services[code].url}/figures`, { token: tokenFor(code, ['supervisor']) })).body;
  const za = (f: { issuers: { issuer: string }[] }) => f.issuers.find((i) => i.issuer === 'ZA');

  it('checks an honest log against each checkpoint, and the partners cosign it for each other', async () => {
    const [first, second] = [entry(1, '8000000001'), entry(2, '8000000002')];
    for (const to of ['BW', 'NA'] as const) {
      await send(to, 1, first);
      await send(to, 2, second);
    }
    for (const code of ['BW', 'NA'] as const) {
      await eventually(async () => expect(za(await figures(code))).toMatchObject({ lastSequence: 2, verifiedLogSize: 2, verifiedAt: expect.any(String) }));
    }
    // Each received the other's cosignature of ZA's checkpoint of size 2, and it agrees.
    await eventually(async () => {
      for (const [code, other] of [['BW', 'NA'], ['NA', 'BW']] as const) {
        expect(await services[code].db.query(`SELECT issuer, size, cosigner FROM mra_exchange.received_cosignature WHERE size = 2`)).toEqual([{ issuer: 'ZA', size: '2', cosigner: other }]);
      }
    });
    expect((await figures('BW')).logAlerts).toEqual([]);
    expect((await figures('NA')).logAlerts).toEqual([]);

    // The partner question's evidence, on request: the record, its signature, and its inclusion in
    // ZA's log against the checkpoint NA cosigned; checkable offline with ZA's and NA's keys alone.
    const answer = (await call('GET', `${services.BW.url}/recognitions?issuer=ZA&scheme=TIN&identifier=8000000001&proof=true`, { token: tokenFor('BW', ['partner']) })).body;
    const { logProof } = answer.evidence;
    expect(logProof).toMatchObject({ leafIndex: 0, checkpoint: { note: `aeo-registry/mra-log/ZA\n2\n${sent.BW.root().toString('base64')}\n`, keyId: 'ZA-1' } });
    expect(verifyBytes(Buffer.from(logProof.checkpoint.note), Buffer.from(logProof.checkpoint.signature, 'base64'), parsePublicKey(keys.ZA.publicKeyPem))).toBe(true);
    const leaf = leafHash(Buffer.from(answer.evidence.record, 'base64'));
    expect(verifyInclusion(0, 2, leaf, logProof.proof.map((p: string) => Buffer.from(p, 'base64')), sent.BW.root())).toBe(true);
    expect(logProof.cosignatures.map((c: { cosigner: string }) => c.cosigner)).toEqual(['NA']);
    const cosignature = fromBinary(CosignatureSchema, Buffer.from(logProof.cosignatures[0].message, 'base64'));
    expect(verifyBytes(cosignature.checkpoint!.note, cosignature.signature, parsePublicKey(keys.NA.publicKeyPem))).toBe(true);
    expect(Buffer.from(cosignature.checkpoint!.note).toString()).toBe(logProof.checkpoint.note);
    expect((await call('GET', `${services.BW.url}/recognitions?issuer=ZA&scheme=TIN&identifier=8000000001&proof=maybe`, { token: tokenFor('BW', ['partner']) })).status).toBe(400);
  });

  it('finds out, at both partners, an issuer that shows them two different logs', async () => {
    // Entry 3: one record to BW, another to NA, each with a checkpoint that matches what that partner got.
    await send('BW', 3, entry(3, '8000000003'));
    await send('NA', 3, entry(3, '8000000033'));
    for (const [code, other] of [['BW', 'NA'], ['NA', 'BW']] as const) {
      await eventually(async () =>
        expect((await figures(code)).logAlerts).toEqual([
          { issuer: 'ZA', kind: 'equivocation', detail: `ZA showed ${other} another log of size 3 than the one it showed here`, detectedAt: expect.any(String) },
        ]),
      );
      // Each checked its own view: nothing inconsistent in what ZA sent it.
      expect(za(await figures(code))).toMatchObject({ verifiedLogSize: 3 });
    }
    // The evidence: ZA's two signed notes of size 3, one here and one in the other's cosignature.
    const [evidence] = await services.BW.db.query(`SELECT evidence FROM mra_exchange.log_alert WHERE kind = 'equivocation'`);
    expect(evidence.evidence).toMatchObject({ size: 3, cosigner: 'NA', here: { note: expect.stringMatching(/^aeo-registry\/mra-log\/ZA\n3\n/) } });
    const metrics = await (await fetch(`${services.BW.url}/metrics`)).text();
    expect(metrics).toMatch(/aeo_exchange_log_alerts_total\{issuer="ZA",kind="equivocation"[^}]*\} 1/);
  });

  it('finds out a checkpoint that does not match the entries the issuer sent', async () => {
    await send('BW', 4, entry(4, '8000000004'), leafHash(Buffer.from('a root of another history')));
    await eventually(async () =>
      expect((await figures('BW')).logAlerts.map((a: { kind: string; detail: string }) => [a.kind, a.detail])).toContainEqual([
        'inconsistent',
        "ZA's checkpoint of size 4 does not match the entries it sent",
      ]),
    );
    expect(za(await figures('BW'))).toMatchObject({ lastSequence: 4, verifiedLogSize: 3 });
  });

  it('cosigns at most once a second (COSIGN_INTERVAL_MS), and the latest checkpoint once the second has passed', async () => {
    // 20 entries to BW over about 2 s, each taken alone (one a batch): 20 checkpoints found right, a
    // handful of cosignatures to NA. (A batch of entries was always cosigned once, for its last checkpoint.)
    const since = new Date();
    for (let sequence = 5; sequence <= 24; sequence++) {
      await send('BW', sequence, entry(sequence, `80000000${sequence}`));
      await new Promise((r) => setTimeout(r, 100));
    }
    const cosigned = async () =>
      (await services.NA.db.query(`SELECT size FROM mra_exchange.received_cosignature WHERE issuer = 'ZA' AND cosigner = 'BW' AND size > 4 ORDER BY size`)).map((r) => Number(r.size));
    await eventually(async () => expect((await cosigned()).at(-1)).toBe(24));
    expect(za(await figures('BW'))).toMatchObject({ verifiedLogSize: 24 });
    const sizes = await cosigned();
    expect(sizes.length).toBeLessThan(10);
    // BW wrote them at least a second apart (each cosignature's outbox row, to NA).
    const written: { created_at: Date }[] = await services.BW.db.query(
      `SELECT created_at FROM mra_exchange.outbox WHERE topic LIKE '%cosignatures%' AND created_at >= $1 ORDER BY position`,
      [since],
    );
    expect(written).toHaveLength(sizes.length);
    for (let i = 1; i < written.length; i++) expect(written[i].created_at.getTime() - written[i - 1].created_at.getTime()).toBeGreaterThanOrEqual(950);
    // And none after: the latest is cosigned, nothing is left to do.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await cosigned()).toEqual(sizes);
  });

  it('finds out two checkpoints of one size with different roots, the first kept', async () => {
    const record = entry(25, '8000000025');
    await send('BW', 25, record);
    await eventually(async () => expect(za(await figures('BW'))).toMatchObject({ verifiedLogSize: 25 }));
    // The same entry again, under a checkpoint of size 25 with another root.
    await send('BW', 25, record, leafHash(Buffer.from('a root of another history')));
    await eventually(async () =>
      expect((await figures('BW')).logAlerts.map((a: { kind: string; detail: string }) => [a.kind, a.detail])).toContainEqual([
        'conflict',
        'ZA signed two checkpoints of size 25 with different roots',
      ]),
    );
    const [held]: { note: Buffer }[] = await services.BW.db.query(`SELECT note FROM mra_exchange.partner_checkpoint WHERE issuer = 'ZA' AND size = 25`);
    const [alert]: { evidence: { first: { note: string }; second: { note: string } } }[] = await services.BW.db.query(`SELECT evidence FROM mra_exchange.log_alert WHERE kind = 'conflict'`);
    expect(alert.evidence.first.note).toBe(held.note.toString('utf8'));
    expect(alert.evidence.second.note).not.toBe(alert.evidence.first.note);
  });
});
