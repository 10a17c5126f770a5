import { Events } from '@aeo/contracts';
import { startService } from '@aeo/messaging';
import { publishEvent, registeredOperator, startTestService, TestService } from '@aeo/messaging/testing';
import { RunningService } from '@aeo/platform';
import { call, eventually, TEST_JWT_SECRET, TEST_KAFKA_BROKERS, tokenFor } from '@aeo/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACCREDITATION, DEFAULT_QUESTIONNAIRE } from '../src';
import { AccreditationClient } from '../src/testing';

/**
 * The SAQ per administration: a file of its own replaces the SAFE FoS 2025 default for new
 * applications, an application keeps the version it was started on, texts follow Accept-Language,
 * and a bad or silently changed file stops the service at start-up with the reason.
 */
describe('the SAQ of an administration, versioned, on real PostgreSQL and Kafka', () => {
  let t: TestService;
  let restarted: RunningService | undefined;
  const trader = tokenFor('ZA', ['trader'], 'trader-saq');
  const officer = tokenFor('ZA', ['officer'], 'officer-saq');
  const dir = mkdtempSync(join(tmpdir(), 'saq-'));

  /** The default questionnaire with one more question on cargo security, as SARS might add one. */
  const sarsFile = (version: string, question = 'Do you keep a register of the seals you use and who fitted each?') => {
    const file = JSON.parse(JSON.stringify(DEFAULT_QUESTIONNAIRE.file));
    file.version = version;
    file.name = { en: 'SARS AEO questionnaire 2027', fr: 'Questionnaire OEA de la SARS 2027' };
    file.criteria.find((c: { code: string }) => c.code === 'cargo-security').questions.push({
      id: 'seals-register',
      text: { en: question, fr: 'Tenez-vous un registre des scellés utilisés et de qui a posé chacun ?' },
    });
    const path = join(dir, `${version}-${randomUUID()}.json`);
    writeFileSync(path, JSON.stringify(file, null, 2));
    return path;
  };
  const envOn = (extra: Record<string, string>) => ({
    ADMINISTRATION: 'ZA',
    DATABASE_URL: t.db.url,
    KAFKA_BROKERS: TEST_KAFKA_BROKERS,
    TOPIC_NAMESPACE: t.topics.namespace,
    FEDERATION_TOPIC_PREFIX: t.topics.namespace,
    JWT_SECRET: TEST_JWT_SECRET,
    HTTP_PORT: '0',
    LOG_LEVEL: 'silent',
    ...extra,
  });

  async function knownOperator(url: string): Promise<string> {
    const operatorId = randomUUID();
    await publishEvent(t.kafka, t.topics, Events.operatorRegistered, registeredOperator({ operatorId, legalName: 'Seals & Sons', registeredBy: 'trader-saq', sizeClass: 'small' }), { aggregateId: operatorId });
    await eventually(async () => expect((await call('GET', `${url}/operators/${operatorId}/history`, { token: trader })).status).toBe(200));
    return operatorId;
  }
  const cargoQuestions = (saq: { sections: { criterion: string; questions: { id: string }[] }[] }) =>
    saq.sections.find((s) => s.criterion === 'cargo-security')!.questions.map((q) => q.id);

  beforeAll(async () => {
    t = await startTestService(ACCREDITATION);
  });
  afterAll(async () => {
    await restarted?.close();
    await t?.close();
  });

  let first: string;

  it('starts applications on the SAFE FoS 2025 default, in English or French as Accept-Language asks', async () => {
    const api = new AccreditationClient(t.url);
    const draft = await api.expect(api.createDraft(trader, await knownOperator(t.url), 'S'), 201, 'draft');
    first = draft.id;
    expect(draft.saqVersion).toBe('safe-fos-2025.1');

    const english = await call('GET', `${t.url}/applications/${first}/saq`, { token: trader });
    expect(english.body).toMatchObject({ saqVersion: 'safe-fos-2025.1', language: 'en' });
    expect(english.body.sections.find((s: { criterion: string }) => s.criterion === 'premises-security').title).toBe('Premises security');
    const french = await call('GET', `${t.url}/applications/${first}/saq`, { token: trader, headers: { 'accept-language': 'fr-CA,fr;q=0.9,en;q=0.5' } });
    expect(french.body).toMatchObject({ saqVersion: 'safe-fos-2025.1', language: 'fr' });
    const premises = french.body.sections.find((s: { criterion: string }) => s.criterion === 'premises-security');
    expect(premises.title).toBe('Sûreté des locaux');
    expect(premises.questions[0].text).toMatch(/^Comment vos locaux sont-ils sécurisés/);
    expect(premises.evidenceExpected[0].description).toBe('Plan du site avec les mesures de sûreté');
    // A language the questionnaire lacks reads English.
    const german = await call('GET', `${t.url}/saq/criteria?aeoType=C`, { token: trader, headers: { 'accept-language': 'de' } });
    expect(german.body.map((c: { code: string }) => c.code)).toEqual(['customs-compliance', 'commercial-records', 'financial-viability', 'consultation-cooperation', 'education-training', 'code-of-conduct']);
    expect(german.body[0].title).toBe('Demonstrated compliance with customs requirements');

    const versions = await call('GET', `${t.url}/saq/versions`, { token: officer });
    expect(versions.body).toEqual([expect.objectContaining({ version: 'safe-fos-2025.1', current: true, languages: ['en', 'fr'], sha256: DEFAULT_QUESTIONNAIRE.sha256 })]);
  });

  it("takes the administration's own file for new applications; an application keeps the version it was started on", async () => {
    await t.service.close();
    restarted = await startService(ACCREDITATION, envOn({ SAQ_FILE: sarsFile('za-sars-2027.1') }));
    const url = restarted.url;
    const api = new AccreditationClient(url);

    const old = await api.expect(api.get(trader, `/applications/${first}/saq`), 200, 'old SAQ');
    expect(old.saqVersion).toBe('safe-fos-2025.1');
    expect(cargoQuestions(old)).toEqual(['cargo-integrity']);
    const refused = await api.saveSection(trader, first, 'cargo-security', { answers: { 'seals-register': 'yes' } });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('answers.seals-register: no such question in cargo-security');

    const draft = await api.expect(api.createDraft(trader, await knownOperator(url), 'S'), 201, 'draft on the new version');
    expect(draft.saqVersion).toBe('za-sars-2027.1');
    const saq = await api.expect(api.saveSection(trader, draft.id, 'cargo-security', { answers: { 'seals-register': 'A bound register at the gate' } }), 200, 'save');
    expect(cargoQuestions(saq)).toEqual(['cargo-integrity', 'seals-register']);
    expect(saq.sections.find((s: { criterion: string }) => s.criterion === 'cargo-security').complete).toBe(false);

    const versions = await api.expect(api.get(officer, '/saq/versions'), 200, 'versions');
    expect(versions.map((v: { version: string; current: boolean }) => [v.version, v.current])).toEqual([['za-sars-2027.1', true], ['safe-fos-2025.1', false]]);
    const current = await api.expect(api.get(officer, '/saq/criteria?aeoType=S'), 200, 'current criteria');
    expect(current.find((c: { code: string }) => c.code === 'cargo-security').questions).toHaveLength(2);
    const earlier = await api.expect(api.get(officer, '/saq/criteria?aeoType=S&version=safe-fos-2025.1'), 200, 'earlier criteria');
    expect(earlier.find((c: { code: string }) => c.code === 'cargo-security').questions).toHaveLength(1);
    const unknown = await api.get(officer, '/saq/criteria?version=no-such-version');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('saq.unknown_version');

    // The whole path still runs on the new version: every section (the new question included) answered, submitted.
    await api.completeSaq(trader, draft.id, 'msme');
    await api.expect(api.act(trader, draft.id, { action: 'submit' }), 201, 'submit on the new version');
  });

  it('refuses to start on a file that changes a version already used, or on a broken file, naming why', async () => {
    await restarted?.close();
    restarted = undefined;
    const changed = sarsFile('za-sars-2027.1', 'A different question under the same version?');
    await expect(startService(ACCREDITATION, envOn({ SAQ_FILE: changed }))).rejects.toThrow(
      /version za-sars-2027\.1 was first loaded on .* with other content .* a changed questionnaire needs a new version/s,
    );

    const broken = join(dir, 'broken.json');
    const file = JSON.parse(JSON.stringify(DEFAULT_QUESTIONNAIRE.file));
    file.version = 'za-broken.1';
    delete file.criteria[0].title.fr;
    file.criteria[1].code = file.criteria[0].code;
    writeFileSync(broken, JSON.stringify(file));
    const error = await startService(ACCREDITATION, envOn({ SAQ_FILE: broken })).then(() => null, (e: Error) => e);
    expect(error?.message).toContain(`the SAQ file ${broken} cannot be used (2 problems)`);
    expect(error?.message).toContain('criteria: code customs-compliance appears twice');
    expect(error?.message).toContain('criteria[0].title: no fr text');

    // The service starts again on the file it had; the applications are where they were.
    restarted = await startService(ACCREDITATION, envOn({ SAQ_FILE: sarsFile('za-sars-2027.1') }));
    const api = new AccreditationClient(restarted.url);
    expect((await api.expect(api.get(trader, `/applications/${first}`), 200, 'first')).saqVersion).toBe('safe-fos-2025.1');
  });
});
