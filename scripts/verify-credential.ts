/**
 * Verifies an AEO credential offline: its form, its signature with the issuer's keys saved
 * beforehand (the issuer's /.well-known/jwks.json), and its dates. Revocation and suspension need
 * the issuer's status lists, which are online; pass --online to read them too.
 *
 *   npm run verify-credential -- credential.vc.jwt --jwks za-jwks.json
 *   npm run verify-credential -- credential.vc.jwt --online --issuer https://aeo.sars.gov.za/api/accreditation
 *
 * With --online, only the issuers named with --issuer are trusted (anyone can publish keys of
 * their own and sign a credential in their own name).
 */
import { readFileSync } from 'node:fs';
import { jwksUrl, keysOfJwks, StatusPurpose, verifyCredential, verifyJws } from '@aeo/accreditation';

async function main(args: string[]): Promise<number> {
  const file = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--jwks' && args[i - 1] !== '--issuer');
  const jwksFile = args.includes('--jwks') ? args[args.indexOf('--jwks') + 1] : undefined;
  const online = args.includes('--online');
  const trusted = args.flatMap((a, i) => (args[i - 1] === '--issuer' ? [a.replace(/\/+$/, '')] : []));
  if (!file || (!jwksFile && !online) || (online && !jwksFile && trusted.length === 0)) {
    console.error('usage: verify-credential <credential file> (--jwks <issuer JWKS file> | --online --issuer <trusted issuer URL>...)');
    return 2;
  }
  const token = readFileSync(file, 'utf8').trim();
  const saved = jwksFile ? keysOfJwks(JSON.parse(readFileSync(jwksFile, 'utf8'))) : undefined;
  const keysOf = async (issuer: string) => saved ?? keysOfJwks(await (await fetch(jwksUrl(issuer))).json());
  const result = await verifyCredential(token, {
    now: new Date(),
    // The issuer is the one whose keys were saved (or, online, the one the credential names).
    key: async (issuer, kid) => {
      if (!saved && !trusted.includes(issuer)) return { trusted: false };
      return { trusted: true, key: (await keysOf(issuer)).get(kid) };
    },
    statusList: online
      ? async (url: string, purpose: StatusPurpose, issuer: string) => {
          const list = (await (await fetch(url)).text()).trim();
          const kid = JSON.parse(Buffer.from(list.split('.')[0], 'base64url').toString()).kid;
          const key = (await keysOf(issuer)).get(kid);
          if (!key) throw new Error(`the ${purpose} list is not signed with a key of the issuer`);
          const claims = (await verifyJws(list, key)) as { credentialSubject: { statusPurpose: string; encodedList: string } };
          if (claims.credentialSubject.statusPurpose !== purpose) throw new Error(`not a ${purpose} list`);
          return claims.credentialSubject.encodedList;
        }
      : undefined,
  });
  const subject = result.credential?.credentialSubject;
  console.log(`${result.verdict}${subject ? `: ${subject.name}, ${subject.authorisation.id} (${subject.authorisation.typeCode}), issued by ${result.issuer}` : ''}`);
  for (const reason of result.reasons) console.log(`  ${reason}`);
  return result.verdict === 'valid' ? 0 : 1;
}

main(process.argv.slice(2)).then((code) => process.exit(code), (e) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(2);
});
