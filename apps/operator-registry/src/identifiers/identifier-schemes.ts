/**
 * Trader identifier schemes and their formats (DOMAIN.md, "Trader identifiers"). Partners share
 * no identifier, so an operator carries several, each with its issuer.
 */
export const IDENTIFIER_SCHEMES = {
  /** A national taxpayer identification number: 5 to 20 letters and digits. */
  TIN: /^[A-Z0-9]{5,20}$/,
  /** EU style EORI: the issuer's ISO country code, then up to 15 letters and digits. */
  EORI: /^[A-Z]{2}[A-Z0-9]{1,15}$/,
  /** A partner programme's AEO code (ASEAN, China: "CN" + 10 digits): country code + 6 to 20 letters and digits. */
  AEO: /^[A-Z]{2}[A-Z0-9]{6,20}$/,
} as const;

export type IdentifierScheme = keyof typeof IDENTIFIER_SCHEMES;
export const IDENTIFIER_SCHEME_NAMES = Object.keys(IDENTIFIER_SCHEMES) as IdentifierScheme[];

/** Says what is wrong with an identifier, or nothing when it is well formed for its scheme. */
export function identifierProblem(scheme: IdentifierScheme, value: string, issuer: string): string | undefined {
  if (!IDENTIFIER_SCHEMES[scheme].test(value)) return `${scheme} identifier ${value} is not well formed`;
  if ((scheme === 'EORI' || scheme === 'AEO') && !value.startsWith(issuer)) {
    return `${scheme} identifier ${value} must start with its issuer's country code ${issuer}`;
  }
  return undefined;
}
