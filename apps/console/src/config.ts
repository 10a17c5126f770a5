/** What the console's server tells the page about the administration it serves (GET /config.json). */
export interface ConsoleConfig {
  /** ISO 3166 alpha-2 code of the administration, e.g. ZA. */
  administration: string;
  /** The administration's name, e.g. South Africa (SARS). */
  name: string;
  /** The OpenID provider's issuer URL and this console's client id there. */
  authority: string;
  clientId: string;
}

export async function loadConfig(): Promise<ConsoleConfig> {
  const response = await fetch('/config.json');
  if (!response.ok) throw new Error(`the console's configuration could not be read (${response.status})`);
  return (await response.json()) as ConsoleConfig;
}
