/**
 * Verifies an AEO credential offline: its form, its signature with the issuer's keys saved
 * beforehand (the issuer's /.well-known/jwks.json), and its dates. Revocation and suspension need
 * the issuer's status lists, which are online; pass --online to read them too.
 *
 *   npm run verify-credential -- credential.vc.jwt --jwks za-jwks.json
 *   npm run verify-credential -- credential.vc.jwt --online
 */
import { readFileSync } from 'node:fs';
import { jwksUrl, keysOfJwks, StatusPurpose, verifyCredential, verifyJws } from '@aeo/accreditation';

async function main(args: string[]): Promise<number> {
  const file = args.find((a) => !a.startsWith('--') && args[args.indexOf(a) - 1] !== '--jwks');
  const jwksFile = args.includes('--jwks') ? args[args.indexOf('--jwks') + 1] : undefined;
  const online = args.includes('--online');
  if (!file || (!jwksFile && !online)) {
    console.error('usage: verify-credential <credential file> (--jwks <issuer JWKS file> | --online)');
    return 2;
  }
  const token = readFileSync(file, 'utf8').trim();
  const saved = jwksFile ? keysOfJwks(JSON.parse(readFileSync(jwksFile, 'utf8'))) : undefined;
  const keysOf = async (issuer: string) => saved ?? keysOfJwks(await (await fetch(jwksUrl(issuer))).json());
  const result = await verifyCredential(token, {
    now: new Date(),
    // The issuer is the one whose keys were saved (or, online, the one the credential names).
    key: async (issuer, kid) => ({ trusted: true, key: (await keysOf(issuer)).get(kid) }),
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
