import { jsonRequest } from '@aeo/platform';

/**
 * A register an administration kept before this registry, as the three files it would export:
 * operators, their authorisations in force (granted between 2010 and 2024, numbered in the
 * administration's format from serial 900001 on), and their personnel with training. The demo
 * seeds its base population from it, the bench imports 10,000 of it.
 */
export interface RegisterFiles {
  operators: string;
  authorisations: string;
  personnel: string;
  /** The TIN of the first operator, recognised by partners once imported. */
  firstTin: string;
  /** Each authorisation: its certificate, type, and whether the holder consented to sharing with partners. */
  holders: { tin: string; certificateNumber: string; aeoType: 'C' | 'S' | 'F'; shared: boolean }[];
}

const PLACES = ['Atlantic', 'Baobab', 'Cape', 'Delta', 'Escarpment', 'Fynbos', 'Granite', 'Highveld', 'Indigo', 'Jacaranda', 'Kudu', 'Lowveld', 'Marula', 'Namib', 'Okavango', 'Protea', 'Quartz', 'Rooibos', 'Savanna', 'Tugela'];
const TRADES = ['Freight', 'Logistics', 'Exporters', 'Importers', 'Warehousing', 'Forwarding', 'Trading', 'Foods', 'Minerals', 'Textiles'];
const TYPES = ['F', 'S', 'C', 'F'] as const;

const csv = (cells: (string | number)[]) => cells.map((c) => (/[",;\n]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : String(c))).join(',');

/** The TIN of the n-th operator (from 1) of an administration's register: 10 digits, unlike the demo's walked-through operators. */
export const registerTin = (administration: string, n: number) => `${administration.charCodeAt(0)}${administration.charCodeAt(1)}7${String(n).padStart(5, '0')}`;

export function registerFiles(administration: string, count: number, today = new Date()): RegisterFiles {
  const operators = ['legal_name,identifiers,street,city,postal_code,country,roles,employees,annual_turnover,contact_name,contact_email,share_with_partners,publish_in_directory'];
  const authorisations = ['operator,aeo_type,certificate_number,authorised_on,valid_to'];
  const personnel = ['operator,name,role,sensitive_access,started_on,training_course,training_completed_on,training_valid_until'];
  const holders: RegisterFiles['holders'] = [];
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const trained = day(new Date(today.getTime() - 60 * 86_400_000));
  const until = day(new Date(today.getTime() + 300 * 86_400_000));
  for (let n = 1; n <= count; n++) {
    const tin = registerTin(administration, n);
    const name = `${PLACES[n % PLACES.length]} ${TRADES[Math.floor(n / PLACES.length) % TRADES.length]}${n > PLACES.length * TRADES.length ? ` ${Math.floor(n / (PLACES.length * TRADES.length)) + 1}` : ''} ${administration} (Pty) Ltd`;
    const employees = [8, 35, 120, 600][n % 4];
    const share = n % 5 !== 0 ? 'yes' : 'no';
    operators.push(csv([name, `TIN:${administration}:${tin}`, `${n} Harbour Road`, 'Capital', String(1000 + (n % 9000)), administration, n % 2 ? 'exporter; importer' : 'freight-forwarder', employees, employees * 250_000, `Compliance officer ${n}`, `compliance${n}@register-${administration.toLowerCase()}.example`, share, share]));
    const type = TYPES[n % TYPES.length];
    const granted = new Date(Date.UTC(2010 + (n % 15), n % 12, 1 + (n % 28)));
    const validTo = new Date(Date.UTC(today.getUTCFullYear() + 1 + (n % 4), n % 12, 1 + (n % 28)));
    const certificateNumber = `${administration}AEO${type}${String(900_000 + n).padStart(7, '0')}`;
    authorisations.push(csv([`TIN:${administration}:${tin}`, type, certificateNumber, day(granted), day(validTo)]));
    holders.push({ tin, certificateNumber, aeoType: type, shared: share === 'yes' });
    if (n % 2 === 1) {
      personnel.push(csv([`TIN:${administration}:${tin}`, `Security manager ${n}`, 'security manager', 'cargo; premises', '2019-03-01', 'Insider threats and internal conspiracies', trained, until]));
      personnel.push(csv([`TIN:${administration}:${tin}`, `Customs clerk ${n}`, 'customs clerk', 'data', '2022-08-01', 'Insider threats and internal conspiracies', trained, until]));
    }
  }
  return { operators: `${operators.join('\n')}\n`, authorisations: `${authorisations.join('\n')}\n`, personnel: `${personnel.join('\n')}\n`, firstTin: registerTin(administration, 1), holders };
}

export interface RegisterUrls {
  operatorRegistry: string;
  accreditation: string;
  conductCompliance: string;
}

/**
 * Imports the three files through the public APIs, as a supervisor would: the operators, then
 * (once accreditation and conduct-compliance have heard of them; a dry run says so) the
 * authorisations and the personnel. Each file imported is checked clean first; a file already
 * imported imports again without change.
 */
export async function importRegister(urls: RegisterUrls, files: RegisterFiles, token: string, name: string, waitMs = 120_000): Promise<void> {
  const send = (url: string, text: string, file: string, dryRun: boolean) =>
    jsonRequest('POST', `${url}?fileName=${encodeURIComponent(file)}&dryRun=${dryRun}`, { token, file: { text, type: 'text/csv' } });
  const steps: [string, string, string][] = [
    [`${urls.operatorRegistry}/imports/operators`, files.operators, `${name}-operators.csv`],
    [`${urls.accreditation}/imports/authorisations`, files.authorisations, `${name}-authorisations.csv`],
    [`${urls.conductCompliance}/imports/personnel`, files.personnel, `${name}-personnel.csv`],
  ];
  for (const [url, text, file] of steps) {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const dry = await send(url, text, file, true);
      if (dry.status !== 200) throw new Error(`${url} (dry run): ${dry.status} ${JSON.stringify(dry.body)}`);
      if (dry.body.problems.length === 0) break;
      if (Date.now() > deadline) throw new Error(`${file} still has problems: ${JSON.stringify(dry.body.problems.slice(0, 3))}`);
      await new Promise((r) => setTimeout(r, 300)); // the operators' events are on their way
    }
    const run = await send(url, text, file, false);
    if (run.status !== 200) throw new Error(`${url}: ${run.status} ${JSON.stringify(run.body)}`);
  }
}
