import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import 'reflect-metadata';
import { validationFailures } from '../errors/validation-failures';

const SECRET_KEYS = Symbol('secret-config-keys');

/** Marks a configuration variable as secret: it is masked wherever the configuration is shown. */
export function Secret(): PropertyDecorator {
  return (target, key) => {
    const keys: Set<string | symbol> = Reflect.getMetadata(SECRET_KEYS, target) ?? new Set();
    keys.add(key);
    Reflect.defineMetadata(SECRET_KEYS, keys, target);
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}


/**
 * Reads a configuration class from the environment and fails fast, naming every bad variable.
 * Property names are the environment variable names.
 */
export function loadConfig<T extends object>(cls: new () => T, env: Record<string, string | undefined>): T {
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const config = plainToInstance(cls, defined, { enableImplicitConversion: true, exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: true, forbidUnknownValues: false });
  if (errors.length > 0) throw new ConfigError(validationFailures(errors).map((f) => `${f.path.at(-1)}: ${f.message}`));
  return config;
}

/** The configuration as it can be logged: secrets replaced by "***". */
export function maskSecrets<T extends object>(config: T): Record<string, unknown> {
  const keys: Set<string | symbol> = Reflect.getMetadata(SECRET_KEYS, config) ?? new Set();
  return Object.fromEntries(Object.entries(config).map(([k, v]) => [k, keys.has(k) && v ? '***' : v]));
}
