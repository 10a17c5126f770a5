import { create, toBinary } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { AeoStatus, AeoType, RecognitionRecordSchema } from '@aeo/contracts';
import { startTestService, TestService } from '@aeo/messaging/testing';
import { call, eventually, tokenFor } from '@aeo/testing';
import jwt from 'jsonwebtoken';
import { createHash, createPrivateKey, createPublicKey, randomUUID, sign, verify } from 'node:crypto';
import { generateSigningKeyPair, MRA_EXCHANGE } from '../src';
import { wcoRecordOf } from '../src/partner-feed/wco-record';
import { grantWithConsent, signedBilateralArrangement } from './records';

const za = generateSigningKeyPair();
const bw = generateSigningKeyPair();
const us = generateSigningKeyPair();
const jp = generateSigningKeyPair();
const stranger = generateSigningKeyPair();

/**
 * A partner that does not run this registry and has no Kafka: the US, MRA partner of ZA for
 * AEO-F only. It speaks only HTTP and JOSE, with its key from the MRA.
 */
describe('mra-exchange: partners outside the federation read a pull feed and exchange batch files', () => {
  let t: TestService;
  const supervisor = tokenFor('ZA', ['supervisor']);
  const today = new Date().toISOString().slice(0, 10);

  /** US's assertion: a JWT signed with its MRA key (what a partner system sends instead of a password). */
  const assertion = (claims: object = {}, key = us.privateKeyPem, keyid = 'US-1', expiresIn = 300) =>
    jwt.sign({ aud: 'ZA', ...claims }, key, { algorithm: 'ES256', keyid, issuer: 'US', expiresIn });
  const asUs = (path: string, token = assertion()) => fetch(`${t.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const zaKey = createPublicKey(za.publicKeyPem);

  beforeAll(async () => {
    t = await startTestService(MRA_EXCHANGE, { ADMINISTRATION: 'ZA', MRA_SIGNING_KEY: za.privateKeyPem, FEDERATION_MEMBERS: 'ZA,BW' });
    const parties = (types: Record<string, string[]>, keys: Record<string, string>) =>
      Object.entries(types).map(([administration, recognisedAeoTypes]) => ({ administration, recognisedAeoTypes, publicKey: keys[administration], keyId: `${administration}-1` }));
    for (const body of [
      { name: 'SACU MRA', parties: parties({ ZA: ['S', 'F'], BW: ['S', 'F'] }, { ZA: za.publicKeyPem, BW: bw.publicKeyPem }), confirm: 'BW' },
      { name: 'ZA-US MRA', parties: parties({ ZA: ['F'], US: ['F'] }, { ZA: za.publicKeyPem, US: us.publicKeyPem }), confirm: 'US' },
    ]) {
      const created = await call('POST', `${t.url}/arrangements`, {
        token: supervisor,
        body: {
          name: body.name,
          parties: body.parties,
          benefits: ['priority-clearance'],
          effectiveFrom: '2023-05-31',
          confirmations: [{ administration: body.confirm, confirmedOn: '2023-05-31', reference: 'signed MRA' }],
        },
      });
      expect(created.status).toBe(201);
      expect(created.body.status).toBe('active');
    }
    // Two AEOs of ZA: an AEO-F (for BW and the US) and an AEO-S (SACU only).
    for (const [tin, name, aeoType] of [['7000000001', 'Cape Full Freight', AeoType.F], ['7000000002', 'Karoo Secure Haulage', AeoType.S]] as const) {
      const { operatorId } = await grantWithConsent(t, { tin, legalName: name, aeoType, authorisedOn: new Date('2024-03-01T00:00:00Z') });
      await eventually(async () => expect((await t.db.query(`SELECT count(*)::int AS n FROM mra_exchange.outbound_record WHERE operator_id = $1`, [operatorId]))[0].n).toBe(1));
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lets in only a partner that signs with its MRA key, for minutes, to this administration', async () => {
    const refused = async (response: Response, why: RegExp) => {
      expect(response.status).toBe(401);
      const body = (await response.json()) as Record<string, any>;
      expect(body.code).toBe('partner_feed.unauthenticated');
      expect(body.detail ?? body.message).toMatch(why);
    };
    await refused(await fetch(`${t.url}/partner-feed/records`), /partner assertion is required/);
    await refused(await asUs('/partner-feed/records', assertion({}, stranger.privateKeyPem)), /does not verify/);
    await refused(await asUs('/partner-feed/records', assertion({ aud: 'BW' })), /does not verify: jwt audience invalid/);
    await refused(await asUs('/partner-feed/records', assertion({}, us.privateKeyPem, 'US-9')), /no MRA names a key US-9 of US/);
    await refused(await asUs('/partner-feed/records', assertion({}, us.privateKeyPem, 'US-1', 3600)), /at most 600 s apart/);
    await refused(await asUs('/partner-feed/records', jwt.sign({ aud: 'ZA' }, stranger.privateKeyPem, { algorithm: 'ES256', keyid: 'CN-1', issuer: 'CN', expiresIn: 60 })), /CN is not a party/);
    // A user of the registry is not a partner system.
    await refused(await asUs('/partner-feed/records', supervisor), /issuer|not a party/);
  });

  it('serves this issuer\'s sequence after a cursor: the AEO-F signed, the SACU-only AEO-S withheld', async () => {
    const response = await asUs('/partner-feed/records?after=0');
    expect(response.status).toBe(200);
    const page = (await response.json()) as Record<string, any>;
    expect(page).toMatchObject({ issuer: 'ZA', partner: 'US', next: 2, hasMore: false });
    expect(page.entries.map((e: { sequence: number }) => e.sequence)).toEqual([1, 2]);
    expect(page.entries[1]).toEqual({ sequence: 2, withheld: { leafHash: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    expect(JSON.stringify(page)).not.toContain('Karoo');
    // US checks the record with ZA's key from the MRA, nothing of this registry's code.
    const record = jwt.verify(page.entries[0].record, zaKey, { algorithms: ['ES256'] }) as Record<string, any>;
    expect(jwt.decode(page.entries[0].record, { complete: true })!.header).toMatchObject({ typ: 'aeo-record+jwt', kid: 'ZA-1' });
    expect(record).toMatchObject({
      iss: 'ZA',
      issuer: 'ZA',
      sequence: 1,
      authorisedParty: { name: 'Cape Full Freight', identification: [{ id: '7000000001', schemeID: 'TIN', issuingCountryCode: 'ZA' }] },
      authorisation: { id: 'ZAAEO7000000001', typeCode: 'AEOF', statusCode: 'valid', effectiveDateTime: '2024-03-01T00:00:00.000Z', issuingAuthority: { countryCode: 'ZA' } },
      sharedWithConsent: true,
      audience: ['BW', 'US'],
    });

    // The page ends with ZA's signed checkpoint: the leaves of both entries make its root.
    expect(page.checkpoint).toMatchObject({ note: expect.stringMatching(/^aeo-registry\/mra-log\/ZA\n2\n/), keyId: 'ZA-1' });
    expect(verify('sha256', Buffer.from(page.checkpoint.note), { key: zaKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(page.checkpoint.signature, 'base64'))).toBe(true);
    const leaf = (bytes: Buffer) => createHash('sha256').update(Buffer.concat([Buffer.from([0]), bytes])).digest();
    const node = (l: Buffer, r: Buffer) => createHash('sha256').update(Buffer.concat([Buffer.from([1]), l, r])).digest();
    const root = node(leaf(Buffer.from(page.entries[0].protobuf, 'base64')), Buffer.from(page.entries[1].withheld.leafHash, 'hex'));
    expect(page.checkpoint.note.split('\n')[2]).toBe(root.toString('base64'));

    const next = await (await asUs('/partner-feed/records?after=1&limit=1')).json();
    expect(next).toMatchObject({ next: 2, hasMore: false, entries: [{ sequence: 2 }] });
    const first = (await (await asUs('/partner-feed/records?after=0&limit=1')).json()) as Record<string, any>;
    expect(first).toMatchObject({ next: 1, hasMore: true });
    expect((await asUs('/partner-feed/records?limit=5000')).status).toBe(400);
    expect((await asUs('/partner-feed/records?after=-1')).status).toBe(400);

    // US kept only the checkpoint at 1 (the first page's); the log at 2 extends it, and the proof shows it.
    const kept = first.checkpoint.note.split('\n')[2];
    const consistency = (await (await asUs('/partner-feed/consistency?from=1&to=2')).json()) as Record<string, any>;
    expect(consistency).toMatchObject({ issuer: 'ZA', from: 1, to: 2, checkpoint: { note: page.checkpoint.note } });
    expect(verify('sha256', Buffer.from(consistency.checkpoint.note), { key: zaKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(consistency.checkpoint.signature, 'base64'))).toBe(true);
    // RFC 9162 2.1.4.2 for a first tree of one leaf: the newer root is the node of the old root and the proof's one hash.
    expect(consistency.proof).toHaveLength(1);
    expect(node(Buffer.from(kept, 'base64'), Buffer.from(consistency.proof[0], 'base64')).toString('base64')).toBe(consistency.checkpoint.note.split('\n')[2]);
    for (const [range, why] of [['from=2&to=1', /after to/], ['from=1&to=3', /has 2 records, not 3/]] as const) {
      const refused = await asUs(`/partner-feed/consistency?${range}`);
      expect(refused.status).toBe(400);
      expect(await refused.json()).toMatchObject({ code: 'partner_feed.invalid_range', detail: expect.stringMatching(why) });
    }
    expect((await asUs('/partner-feed/consistency?from=0&to=2')).status).toBe(400);
  });

  it("signs the day's batch file for the partner, and refuses a day to come or a bad date", async () => {
    const response = await asUs(`/partner-feed/batches/${today}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/application\/jose/);
    const file = await response.text();
    const batch = jwt.verify(file, zaKey, { algorithms: ['ES256'], audience: 'US', issuer: 'ZA' }) as Record<string, any>;
    expect(batch).toMatchObject({ format: 'aeo-registry/mra-batch/v1', date: today });
    expect(batch.entries.map((e: { sequence: number; withheld?: unknown }) => [e.sequence, !!e.withheld])).toEqual([[1, false], [2, true]]);
    const tomorrow = new Date(Date.now() + 2 * 86400_000).toISOString().slice(0, 10);
    expect((await asUs(`/partner-feed/batches/${tomorrow}`)).status).toBe(400);
    expect((await asUs('/partner-feed/batches/2026-13-01')).status).toBe(400);
  });

  describe("a partner's batch file, taken in", () => {
    /** What the US would send: its own records, each a JWS, the file a JWS, all with its MRA key. */
    const usRecord = (sequence: number, tin: string, overrides: Record<string, unknown> = {}, key = us.privateKeyPem) =>
      jwt.sign(
        {
          iss: 'US',
          issuer: 'US',
          sequence,
          recordId: randomUUID(),
          authorisedParty: {
            id: `us-${tin}`,
            name: `Great Lakes Freight ${tin}`,
            postalAddress: { line: '1 Dock St', cityName: 'Detroit', postcodeID: '48201', countryCode: 'US' },
            identification: [{ id: tin, schemeID: 'EIN', issuingCountryCode: 'US' }],
          },
          authorisation: {
            id: `CTPAT-${tin}`,
            typeCode: 'AEOF',
            statusCode: 'valid',
            statusEffectiveDateTime: '2025-01-01T00:00:00.000Z',
            effectiveDateTime: '2025-01-01T00:00:00.000Z',
            expirationDateTime: '2030-01-01T00:00:00.000Z',
            issuingAuthority: { countryCode: 'US' },
          },
          sharedWithConsent: true,
          audience: ['ZA'],
          issueDateTime: '2026-11-28T10:00:00.000Z',
          ...overrides,
        },
        key,
        { algorithm: 'ES256', keyid: 'US-1', header: { alg: 'ES256', typ: 'aeo-record+jwt' } as jwt.JwtHeader, noTimestamp: true },
      );
    const usBatch = (entries: object[], key = us.privateKeyPem, aud = 'ZA') =>
      jwt.sign({ format: 'aeo-registry/mra-batch/v1', iss: 'US', aud, date: '2026-11-28', entries }, key, {
        algorithm: 'ES256',
        keyid: 'US-1',
        header: { alg: 'ES256', typ: 'aeo-batch+jwt' } as jwt.JwtHeader,
      });
    const post = (file: string, token = supervisor) =>
      fetch(`${t.url}/partner-batches`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/jose' }, body: file });
    const ask = (tin: string) => call('GET', `${t.url}/recognitions?issuer=US&scheme=EIN&identifier=${tin}`, { token: tokenFor('ZA', ['officer']) });
    const stored = async () => (await t.db.query(`SELECT count(*)::int AS n FROM mra_exchange.received_record WHERE issuer = 'US'`))[0].n;

    it('refuses, storing nothing, a file with a bad signature, a bad record, an out-of-scope AEO, or for someone else', async () => {
      const good = usBatch([{ sequence: 1, record: usRecord(1, '11-1111111') }]);
      const tampered = good.slice(0, -4) + (good.endsWith('AAAA') ? 'BBBB' : 'AAAA');
      const cases: [string, number, RegExp][] = [
        [tampered, 400, /the signature of US does not verify/],
        [usBatch([{ sequence: 1, record: usRecord(1, '11-1111111') }], stranger.privateKeyPem), 400, /the batch file: the signature of US does not verify/],
        [usBatch([{ sequence: 1, record: usRecord(1, '11-1111111') }], us.privateKeyPem, 'BW'), 400, /addressed to BW, not to ZA/],
        [usBatch([{ sequence: 1, record: usRecord(1, '11-1111111', { authorisation: { id: 'X' } }) }]), 400, /entries\[0\]\.record\.authorisation\.typeCode/],
        [usBatch([{ sequence: 1, record: usRecord(1, '11-1111111', { authorisation: { id: 'X', typeCode: 'AEOS', statusCode: 'valid', statusEffectiveDateTime: '2025-01-01T00:00:00Z', expirationDateTime: '2030-01-01T00:00:00Z' } }) }]), 400, /out of scope, no MRA with US covers its AEOS/],
        [usBatch([{ sequence: 1, record: usRecord(1, '11-1111111', {}, stranger.privateKeyPem) }]), 400, /entries\[0\]\.record: the signature of US does not verify/],
        [usBatch([{ sequence: 1, record: usRecord(2, '11-1111111') }]), 400, /record\.sequence: 2, but the entry says 1/],
        ['not a jws', 400, /not a compact JWS/],
      ];
      for (const [file, status, why] of cases) {
        const response = await post(file);
        expect(response.status).toBe(status);
        const body = (await response.json()) as Record<string, any>;
        expect(body.code).toBe('partner_feed.invalid_batch');
        expect(JSON.stringify(body)).toMatch(why);
      }
      expect((await post(good, tokenFor('ZA', ['officer']))).status).toBe(403);
      expect(await stored()).toBe(0);
    });

    it('takes a good file once: its AEO-F is recognised here with the JWS as evidence; the same file again changes nothing', async () => {
      const file = usBatch([
        { sequence: 1, record: usRecord(1, '22-2222222') },
        { sequence: 2, withheld: { leafHash: 'ab'.repeat(32) } },
        { sequence: 4, record: usRecord(4, '44-4444444') },
      ]);
      const first = await post(file);
      expect(first.status).toBe(200);
      expect(await first.json()).toEqual({ issuer: 'US', date: '2026-11-28', entries: 3, stored: 2, alreadyHeld: 0, withheld: 1, lastSequence: 4, missingSequences: [3] });
      const again = await post(file);
      expect(await again.json()).toMatchObject({ stored: 0, alreadyHeld: 2, lastSequence: 4, missingSequences: [3] });
      expect(await stored()).toBe(2);

      const answer = (await ask('22-2222222')).body;
      expect(answer).toMatchObject({ recognised: true, aeoType: 'AEO-F', operatorName: 'Great Lakes Freight 22-2222222', evidence: { format: 'jws', keyId: 'US-1' } });
      // The evidence verifies offline with the US key from the MRA: ES256 over the JWS signing input.
      const ok = verify('sha256', Buffer.from(answer.evidence.record, 'base64'), { key: createPublicKey(us.publicKeyPem), dsaEncoding: 'ieee-p1363' }, Buffer.from(answer.evidence.signature, 'base64'));
      expect(ok).toBe(true);
    });
  });
  describe("a partner's batch file with its log checkpoint", () => {
    // JP, another MRA partner outside the federation (recorded here, after ZA's own records were addressed).
    beforeAll(async () => {
      const body = signedBilateralArrangement({ administration: 'ZA', ...za }, { administration: 'JP', ...jp }, 'ZA-JP MRA', ['F']);
      expect((await call('POST', `${t.url}/arrangements`, { token: supervisor, body })).status).toBe(201);
    });

    /** JP sends, beside each record's JWS, the record as in its log (protobuf) and a checkpoint of the log. */
    const jpRecord = (sequence: number, tin: string) =>
      Buffer.from(
        toBinary(
          RecognitionRecordSchema,
          create(RecognitionRecordSchema, {
            issuer: 'JP',
            sequence: BigInt(sequence),
            recordId: randomUUID(),
            operatorId: `jp-${tin}`,
            operatorName: `Osaka Forwarding ${tin}`,
            address: { street: '1 Port Road', city: 'Osaka', postalCode: '552-0021', country: 'JP' },
            identifiers: [{ scheme: 'JCN', value: tin, issuer: 'JP' }],
            certificateNumber: `JP-AEO-${tin}`,
            aeoType: AeoType.F,
            status: AeoStatus.VALID,
            statusSince: timestampFromDate(new Date('2025-01-01T00:00:00Z')),
            authorisedOn: timestampFromDate(new Date('2025-01-01T00:00:00Z')),
            validTo: timestampFromDate(new Date('2030-01-01T00:00:00Z')),
            issuedAt: timestampFromDate(new Date('2026-11-28T10:00:00Z')),
            sharedWithConsent: true,
            audience: ['ZA'],
          }),
        ),
      );
    const jws = (record: Buffer) =>
      jwt.sign({ iss: 'JP', ...wcoRecordOf(record) }, jp.privateKeyPem, {
        algorithm: 'ES256',
        keyid: 'JP-1',
        header: { alg: 'ES256', typ: 'aeo-record+jwt' } as jwt.JwtHeader,
        noTimestamp: true,
      });
    const entry = (sequence: number, record: Buffer) => ({ sequence, record: jws(record), protobuf: record.toString('base64') });
    // RFC 9162 hashing, written here again so that the test does not trust the code it tests.
    const h = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
    const leaf = (record: Buffer) => h(Buffer.from([0]), record);
    const node = (left: Buffer, right: Buffer) => h(Buffer.from([1]), left, right);
    const checkpoint = (size: number, root: Buffer, key = jp.privateKeyPem) => {
      const note = `aeo-registry/mra-log/JP\n${size}\n${root.toString('base64')}\n`;
      return { note, signature: sign('sha256', Buffer.from(note), { key: createPrivateKey(key), dsaEncoding: 'ieee-p1363' }).toString('base64'), keyId: 'JP-1' };
    };
    const jpBatch = (entries: object[], cp: object) =>
      jwt.sign({ format: 'aeo-registry/mra-batch/v1', iss: 'JP', aud: 'ZA', date: '2026-11-28', entries, checkpoint: cp }, jp.privateKeyPem, {
        algorithm: 'ES256',
        keyid: 'JP-1',
        header: { alg: 'ES256', typ: 'aeo-batch+jwt' } as jwt.JwtHeader,
      });
    const post = (file: string) =>
      fetch(`${t.url}/partner-batches`, { method: 'POST', headers: { authorization: `Bearer ${supervisor}`, 'content-type': 'application/jose' }, body: file });
    const alerts = async () => (await t.db.query(`SELECT kind, detail FROM mra_exchange.log_alert WHERE issuer = 'JP' ORDER BY detected_at`)) as { kind: string; detail: string }[];

    const one = jpRecord(1, '1111111111111');
    const other = jpRecord(2, '2222222222222'); // addressed to another partner of JP: withheld, its leaf hash only
    const three = jpRecord(3, '3333333333333');

    it('refuses a checkpoint not signed by the issuer, or a log record that is not the record of its JWS, storing nothing', async () => {
      const entries = [entry(1, one), { sequence: 2, withheld: { leafHash: leaf(other).toString('hex') } }];
      const root = node(leaf(one), leaf(other));
      const cases: [string, RegExp][] = [
        [jpBatch(entries, checkpoint(2, root, stranger.privateKeyPem)), /checkpoint\.signature: the signature of JP's checkpoint of size 2 does not verify/],
        [jpBatch(entries, { ...checkpoint(2, root), note: 'aeo-registry/mra-log/US\n2\n' + root.toString('base64') + '\n' }), /checkpoint\.note: not a checkpoint of JP's log/],
        [jpBatch([{ ...entry(1, one), protobuf: three.toString('base64') }, entries[1]], checkpoint(2, root)), /entries\[0\]\.protobuf: not the record its JWS carries/],
      ];
      for (const [file, why] of cases) {
        const response = await post(file);
        expect(response.status).toBe(400);
        expect(JSON.stringify(await response.json())).toMatch(why);
      }
      expect((await t.db.query(`SELECT count(*)::int AS n FROM mra_exchange.received_record WHERE issuer = 'JP'`))[0].n).toBe(0);
    });

    it('verifies the checkpoint against the entries; one that their hashes do not give is a log alert; one beyond a gap waits', async () => {
      const first = await post(jpBatch([entry(1, one), { sequence: 2, withheld: { leafHash: leaf(other).toString('hex') } }], checkpoint(2, node(leaf(one), leaf(other)))));
      expect(first.status).toBe(200);
      expect(await first.json()).toMatchObject({ issuer: 'JP', stored: 1, withheld: 1, checkpoint: { size: 2, status: 'verified' } });
      expect(await alerts()).toEqual([]);

      // Size 3 signed over another third record than the one sent: the issuer's log and its entries disagree.
      const lying = checkpoint(3, node(node(leaf(one), leaf(other)), leaf(jpRecord(3, '9999999999999'))));
      const second = await post(jpBatch([entry(3, three)], lying));
      expect(second.status).toBe(200);
      expect(await second.json()).toMatchObject({ stored: 1, checkpoint: { size: 3, status: 'inconsistent' } });
      expect(await alerts()).toEqual([{ kind: 'inconsistent', detail: "JP's checkpoint of size 3 does not match the entries it sent" }]);

      // Number 4 not here: the checkpoint at 5 cannot be checked yet.
      const five = jpRecord(5, '5555555555555');
      const third = await post(jpBatch([entry(5, five)], checkpoint(5, Buffer.alloc(32, 7))));
      expect(await third.json()).toMatchObject({ stored: 1, missingSequences: [4], checkpoint: { size: 5, status: 'pending' } });
      // The JP AEO is recognised here, its evidence the JWS.
      const answer = (await call('GET', `${t.url}/recognitions?issuer=JP&scheme=JCN&identifier=1111111111111`, { token: tokenFor('ZA', ['officer']) })).body;
      expect(answer).toMatchObject({ recognised: true, aeoType: 'AEO-F', evidence: { format: 'jws', keyId: 'JP-1' } });
    });
  });
});
