import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { AeoType, ApplicationStage, Events, SignedFiguresSchema, SizeClass } from '@aeo/contracts';
import { publishEvent, registeredOperator, startTestService, TestService } from '@aeo/messaging/testing';
import { call, eventually, tokenFor, uniqueNamespace } from '@aeo/testing';
import { randomUUID } from 'node:crypto';
import { generateSigningKeyPair, MRA_EXCHANGE } from '../src';
import { parsePrivateKey, signBytes } from '../src/signing/record-signature';
import { RegionalFiguresService } from '../src/regional-figures/regional-figures.service';
import { grantWithConsent, signedBilateralArrangement } from './records';

const keys = { ZA: generateSigningKeyPair(), BW: generateSigningKeyPair(), NA: generateSigningKeyPair() };
type Code = 'ZA' | 'BW';

/**
 * Regional figures: ZA computes its aggregates from what it holds (its AEOs by type and size,
 * the time from acceptance to decision), signs them and sends them to BW, its MRA partner; BW
 * shows them beside its own. Figures not signed by ZA's key are refused.
 */
describe('mra-exchange: regional figures shared among MRA partners', () => {
  const prefix = uniqueNamespace('figures');
  const services = {} as Record<Code, TestService>;

  beforeAll(async () => {
    for (const code of ['ZA', 'BW'] as const) {
      services[code] = await startTestService(MRA_EXCHANGE, {
        ADMINISTRATION: code,
        MRA_SIGNING_KEY: keys[code].privateKeyPem,
        FEDERATION_MEMBERS: 'ZA,BW,NA',
        TOPIC_NAMESPACE: `${prefix}-${code.toLowerCase()}`,
        FEDERATION_TOPIC_PREFIX: prefix,
      });
      const other = code === 'ZA' ? 'BW' : 'ZA';
      const created = await call('POST', `${services[code].url}/arrangements`, {
        token: tokenFor(code, ['supervisor']),
        body: signedBilateralArrangement({ administration: code, publicKeyPem: keys[code].publicKeyPem }, { administration: other, publicKeyPem: keys[other].publicKeyPem }, 'ZA-BW MRA'),
      });
      expect(created.status).toBe(201);
    }
  });
  afterAll(async () => {
    for (const s of Object.values(services)) await s?.close();
  });

  it("computes ZA's aggregates, sends them signed to BW, which shows them beside its own", async () => {
    const za = services.ZA;
    // Two AEOs valid (an AEO-F of a small operator, an AEO-S of one of unknown size) and one decision taken 12 days after acceptance.
    const small = randomUUID();
    await publishEvent(za.kafka, za.topics, Events.operatorRegistered, registeredOperator({ operatorId: small, legalName: 'Small Exporter', identifiers: [{ scheme: 'TIN', value: '9200000001', issuer: 'ZA' }], size: SizeClass.SMALL }), { aggregateId: small });
    await publishEvent(za.kafka, za.topics, Events.consentChanged, { operatorId: small, shareWithPartners: true, publishInDirectory: false }, { aggregateId: small, sequence: 2 });
    await publishEvent(za.kafka, za.topics, Events.authorisationStatusChanged, {
      authorisationId: randomUUID(), operatorId: small, certificateNumber: 'ZAAEOF0000901', aeoType: AeoType.F, status: 1,
      statusSince: timestampFromDate(new Date()), authorisedOn: timestampFromDate(new Date()), validTo: timestampFromDate(new Date(Date.now() + 365 * 86400_000)),
    }, { aggregateId: randomUUID() });
    await grantWithConsent(za, { tin: '9200000002', aeoType: AeoType.S });
    const application = randomUUID();
    const accepted = new Date('2026-10-01T08:00:00Z');
    for (const [to, at, sequence] of [[ApplicationStage.ACCEPTED, accepted, 1], [ApplicationStage.GRANTED, new Date(accepted.getTime() + 12 * 86400_000), 2]] as const) {
      await publishEvent(za.kafka, za.topics, Events.applicationStageChanged, { applicationId: application, operatorId: small, to, at: timestampFromDate(at), action: 'step' }, { aggregateId: application, sequence });
    }
    const own = async () => (await call('GET', `${za.url}/regional-figures`, { token: tokenFor('ZA', ['officer']) })).body.own;
    await eventually(async () => {
      expect(await own()).toMatchObject({
        administration: 'ZA',
        aeosByType: { C: 0, S: 1, F: 1, total: 2 },
        aeosBySize: { small: 1, unknown: 1 },
        msmeShare: 100,
        decisions: { decided: 1, medianDays: 12 },
      });
    }, { timeoutMs: 30_000 });

    expect((await call('POST', `${za.url}/regional-figures/share`, { token: tokenFor('ZA', ['officer']) })).status).toBe(403);
    const shared = await call('POST', `${za.url}/regional-figures/share`, { token: tokenFor('ZA', ['supervisor']) });
    expect(shared.status).toBe(200);
    expect(shared.body.sharedWith).toEqual(['BW']);

    const atBw = async () => (await call('GET', `${services.BW.url}/regional-figures`, { token: tokenFor('BW', ['auditor']) })).body;
    await eventually(async () => expect((await atBw()).partners).toEqual([expect.objectContaining({ administration: 'ZA', keyId: 'ZA-1', figures: shared.body.figures })]), { timeoutMs: 30_000 });
    // BW's own figures, beside: it has no AEO yet; it recognises ZA's two (valid, shared), once
    // their records are in (they come on the records channel, in no order with the figures').
    await eventually(async () => expect((await atBw()).own).toMatchObject({ administration: 'BW', aeosByType: { total: 0 }, msmeShare: null, partnerAeosRecognised: 2 }), { timeoutMs: 30_000 });
    // A partner or trader token reads none of it.
    expect((await call('GET', `${services.BW.url}/regional-figures`, { token: tokenFor('BW', ['partner']) })).status).toBe(403);
  });

  it('sends on schedule when a partner has had none within the interval (at start too, and to a new partner), once across replicas', async () => {
    const za = services.ZA;
    const scheduled = za.service.app.get(RegionalFiguresService);
    // The supervisor's sending above is recent: the schedule has nothing to send.
    expect(await scheduled.shareIfDue()).toBeUndefined();
    // A day later (as after a restart the day after): due; two replicas' schedules at once send once.
    await za.db.query(`UPDATE mra_exchange.outbox SET created_at = created_at - interval '25 hours' WHERE key = 'figures:ZA'`);
    const [first, second] = await Promise.all([scheduled.shareIfDue(), scheduled.shareIfDue()]);
    expect([first?.sharedWith, second?.sharedWith].filter(Boolean)).toEqual([['BW']]);
    expect(await za.db.query(`SELECT count(*)::int AS n FROM mra_exchange.outbox WHERE key = 'figures:ZA' AND created_at > now() - interval '1 hour'`)).toEqual([{ n: 1 }]);
    expect(await scheduled.shareIfDue()).toBeUndefined();
    // A new partner does not wait a day for ZA's figures: the next look sends them.
    const mra = await call('POST', `${za.url}/arrangements`, {
      token: tokenFor('ZA', ['supervisor']),
      body: signedBilateralArrangement({ administration: 'ZA', publicKeyPem: keys.ZA.publicKeyPem }, { administration: 'NA', publicKeyPem: keys.NA.publicKeyPem }, 'ZA-NA MRA'),
    });
    expect(mra.body.status).toBe('active');
    expect((await scheduled.shareIfDue())?.sharedWith).toEqual(['BW', 'NA']);
    expect(await scheduled.shareIfDue()).toBeUndefined();
  });

  it('refuses figures that ZA did not sign (dead letter), and keeps the last ones it did', async () => {
    const bw = services.BW;
    const forged = Buffer.from(JSON.stringify({ administration: 'ZA', asOf: new Date().toISOString(), aeosByType: { total: 999 } }));
    const message = create(SignedFiguresSchema, { figures: forged, signature: Buffer.alloc(64, 1), keyId: 'ZA-1' });
    await publishEvent(bw.kafka, bw.topics, Events.regionalFigures, message, { aggregateId: 'figures:ZA', administration: 'ZA', recipient: 'BW', from: 'ZA' });
    await eventually(async () => {
      const dead: { reason: string }[] = await bw.db.query(`SELECT reason FROM mra_exchange.dead_letter WHERE topic LIKE '%.figures.ZA.to.BW.v1'`);
      expect(dead.map((d) => d.reason)).toEqual([expect.stringMatching(/do not verify with its key ZA-1/)]);
    }, { timeoutMs: 30_000 });
    expect((await call('GET', `${bw.url}/regional-figures`, { token: tokenFor('BW', ['auditor']) })).body.partners[0].figures.aeosByType.total).toBe(2);
  });

  it('holds the figures of a party whose MRA is not active here yet, and takes them when it is', async () => {
    const bw = services.BW;
    const figures = Buffer.from(JSON.stringify({ administration: 'NA', asOf: new Date().toISOString(), aeosByType: { C: 0, S: 3, F: 0, total: 3 } }));
    const message = create(SignedFiguresSchema, { figures, signature: signBytes(figures, parsePrivateKey(keys.NA.privateKeyPem)), keyId: 'NA-1' });
    await publishEvent(bw.kafka, bw.topics, Events.regionalFigures, message, { aggregateId: 'figures:NA', administration: 'NA', recipient: 'BW', from: 'NA' });
    await eventually(async () => expect(await bw.db.query(`SELECT hold_key FROM mra_exchange.held_message`)).toEqual([{ hold_key: 'partner:NA' }]), { timeoutMs: 30_000 });
    expect(await bw.db.query(`SELECT reason FROM mra_exchange.dead_letter WHERE topic LIKE '%.figures.NA.to.BW.v1'`)).toEqual([]);
    const mra = await call('POST', `${bw.url}/arrangements`, {
      token: tokenFor('BW', ['supervisor']),
      body: signedBilateralArrangement({ administration: 'BW', publicKeyPem: keys.BW.publicKeyPem }, { administration: 'NA', publicKeyPem: keys.NA.publicKeyPem }, 'BW-NA MRA'),
    });
    expect(mra.body.status).toBe('active');
    const partners = async () => (await call('GET', `${bw.url}/regional-figures`, { token: tokenFor('BW', ['auditor']) })).body.partners as { administration: string; figures: { aeosByType: { total: number } } }[];
    await eventually(async () => expect((await partners()).find((p) => p.administration === 'NA')?.figures.aeosByType.total).toBe(3), { timeoutMs: 30_000 });
    expect(await bw.db.query(`SELECT hold_key FROM mra_exchange.held_message`)).toEqual([]);
  });
});
