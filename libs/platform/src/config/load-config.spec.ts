import { ConfigError, loadConfig, maskSecrets } from './load-config';
import { ServiceConfig } from './service-config';

describe('configuration', () => {
  const good = { ADMINISTRATION: 'ZA', DATABASE_URL: 'postgres://localhost/x', JWT_SECRET: 's'.repeat(32) };

  it('reads a valid environment with defaults', () => {
    const config = loadConfig(ServiceConfig, { ...good, HTTP_PORT: '8080' });
    expect(config).toMatchObject({ ADMINISTRATION: 'ZA', HTTP_PORT: 8080, LOG_LEVEL: 'info' });
    expect(config.topicNamespace).toBe('za');
  });

  it('fails naming every bad variable', () => {
    try {
      loadConfig(ServiceConfig, { ADMINISTRATION: 'South Africa', DATABASE_URL: 'mysql://x', JWT_SECRET: 'short', HTTP_PORT: 'eighty', KAFKA_BROKERS: 'nohost' });
      throw new Error('should have failed');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const message = (e as Error).message;
      for (const variable of ['ADMINISTRATION', 'DATABASE_URL', 'JWT_SECRET', 'HTTP_PORT', 'KAFKA_BROKERS']) {
        expect(message).toContain(`${variable}:`);
      }
    }
  });

  it('masks secrets when the configuration is shown', () => {
    expect(maskSecrets(loadConfig(ServiceConfig, good))).toMatchObject({ JWT_SECRET: '***', ADMINISTRATION: 'ZA' });
  });
});
