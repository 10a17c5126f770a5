import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every string of the console comes from the message catalogues, in English and French: a key
 * missing in either language, or used in the code and in neither, fails here.
 */
const SRC = join(__dirname, '..', 'src');
const ROOT = join(__dirname, '..', '..', '..');
type Catalogue = { [key: string]: string | Catalogue };
const en = JSON.parse(readFileSync(join(SRC, 'locales', 'en.json'), 'utf8')) as Catalogue;
const fr = JSON.parse(readFileSync(join(SRC, 'locales', 'fr.json'), 'utf8')) as Catalogue;

/** Keys as i18next reads them; plural forms (_one, _other) count as their base key. */
function keys(catalogue: Catalogue, prefix = ''): string[] {
  return Object.entries(catalogue).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
}
const baseKey = (k: string) => k.replace(/_(zero|one|two|few|many|other)$/, '');
const enKeys = new Set(keys(en).map(baseKey));
const frKeys = new Set(keys(fr).map(baseKey));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'generated' || name === 'node_modules' ? [] : files(path);
    return /\.tsx?$/.test(name) && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(name) ? [path] : [];
  });
}
const sources = (dir: string) => files(dir).map((path) => readFileSync(path, 'utf8'));
const code = sources(SRC).join('\n');

/**
 * Every problem code the services and the platform answer with: each context's refusals
 * (`domainErrors('context', { what: kind })`, in a service's `*.errors.ts` or a lib), the
 * workflow's refusals, and the codes written out where a problem is made (the platform's by
 * status, an import's, a 503's, an unexpected error's `internal`).
 */
function problemCodes(): { codes: Set<string>; calls: number; read: number } {
  const codes = new Set<string>();
  const services = readdirSync(join(ROOT, 'apps')).filter((s) => s !== 'console' && s !== 'console-server');
  const read = (dirs: string[]) => dirs.filter((dir) => statSync(dir, { throwIfNoEntry: false })?.isDirectory()).flatMap(sources).join('\n');
  // Comments name no code (and their words would read as keys).
  const uncommented = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const raw = read([...services.map((s) => join(ROOT, 'apps', s, 'src')), join(ROOT, 'libs')]);
  const all = uncommented(raw);
  const snake = (what: string) => what.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  const contexts = [...all.matchAll(/domainErrors\(\s*'([a-z_]+)'\s*,\s*\{([^}]*)\}/g)];
  for (const m of contexts) {
    for (const k of m[2].matchAll(/(\w+)\s*:\s*'/g)) codes.add(`${m[1]}.${snake(k[1])}`);
  }
  const workflow = uncommented(read([join(ROOT, 'apps', 'accreditation', 'src', 'workflow')]));
  for (const m of workflow.matchAll(/\b(?:conflict|forbidden|invalid)\('([a-z_]+)'/g)) codes.add(`workflow.${m[1]}`);
  for (const m of all.matchAll(/(?:\bcode: |new DomainError\(\s*|\bproblem\([^,()]+, |^\s*\d{3}: )'([a-z_]+(?:\.[a-z_]+)?)'/gm)) codes.add(m[1]);
  return { codes, calls: raw.match(/domainErrors\(\s*'/g)?.length ?? 0, read: contexts.length };
}
/** Answered to machines, never to the console: a partner's feed, and the console server's answers to a console's own mistake. */
const NOT_FOR_PEOPLE = /^(partner_feed\.|console\.(not_found|no_such_service|not_forwarded)$)/;

/** The values of a string enum property in a generated API client, e.g. ApplicationView.stage. */
function enumOf(service: string, schema: string, property: string): string[] {
  const text = readFileSync(join(SRC, 'api', 'generated', `${service}.ts`), 'utf8');
  const block = text.slice(text.indexOf(`        ${schema}: {`));
  const line = block.split('\n').find((l) => l.trimStart().startsWith(`${property}:`) || l.trimStart().startsWith(`${property}?:`));
  if (!line) throw new Error(`${schema}.${property} not found in ${service}'s client`);
  return [...line.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
}

describe('the console’s message catalogues', () => {
  it('have the same keys in English and French', () => {
    expect([...enKeys].filter((k) => !frKeys.has(k))).toEqual([]);
    expect([...frKeys].filter((k) => !enKeys.has(k))).toEqual([]);
  });

  it('have no empty message', () => {
    for (const [name, catalogue] of [['en', en], ['fr', fr]] as const) {
      const empty = keys(catalogue).filter((k) => k.split('.').reduce<Catalogue | string>((c, part) => (c as Catalogue)[part], catalogue) === '');
      expect({ [name]: empty }).toEqual({ [name]: [] });
    }
  });

  it('hold every key the code asks for by name', () => {
    const used = [...code.matchAll(/\bt\('([a-zA-Z][\w.-]*)'/g)].map((m) => m[1]);
    expect(used.length).toBeGreaterThan(50);
    expect(used.filter((k) => !enKeys.has(k))).toEqual([]);
  });

  it('word every problem the services answer with', () => {
    const found = problemCodes();
    const codes = [...found.codes];
    // Every domainErrors call read (none lost to a "comment" that a string's /* began), none without its kinds.
    expect(found.read).toBe(found.calls);
    // The scan found each kind of source: a service's refusals, a lib's, the workflow's, the platform's, a 503's.
    expect(codes).toEqual(
      expect.arrayContaining(['evidence.too_large', 'operator.identifier_in_use', 'dead_letter.not_open', 'workflow.four_eyes_visit', 'request.method_not_allowed', 'import.invalid_rows', 'credential.issuer_unreachable', 'auth.keys_unavailable', 'internal', 'partner_feed.unauthenticated']),
    );
    expect(codes.filter((c) => !NOT_FOR_PEOPLE.test(c) && !enKeys.has(`problemCode.${c}`))).toEqual([]);
  });

  it('name every value of the closed lists the services answer with', () => {
    const lists: [string, string[]][] = [
      ['stage', enumOf('accreditation', 'ApplicationView', 'stage')],
      ['action', enumOf('accreditation', 'ApplicationView', 'actionsOpen')],
      ['aeoType', enumOf('accreditation', 'ApplicationView', 'aeoType')],
      ['authorisationStatus', enumOf('accreditation', 'AuthorisationView', 'status')],
      ['authorisationAction', enumOf('accreditation', 'AuthorisationView', 'actionsOpen')],
      ['compliance', ['compliant', 'warning', 'blocking']],
      ['size', enumOf('operator-registry', 'OperatorView', 'sizeClass')],
      ['scheme', enumOf('operator-registry', 'IdentifierDto', 'scheme')],
      ['benefit', enumOf('mra-exchange', 'RecognitionAnswerView', 'benefits')],
      ['role', ['trader', 'officer', 'supervisor', 'partner', 'agency', 'auditor']],
      ['complianceReason', enumOf('conduct-compliance', 'ComplianceReasonView', 'rule')],
      ['notices.mail', enumOf('notifications', 'NoticeView', 'mailStatus')],
    ];
    for (const [prefix, values] of lists) {
      expect(values.length).toBeGreaterThan(1);
      expect({ [prefix]: values.filter((v) => !enKeys.has(`${prefix}.${v}`)) }).toEqual({ [prefix]: [] });
    }
  });
});
