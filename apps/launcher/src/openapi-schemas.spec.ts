import 'reflect-metadata';
import { ServiceDefinition } from '@aeo/messaging';
import { generateSigningKeyPair } from '@aeo/mra-exchange';
import { loadConfig, ServiceConfig } from '@aeo/platform';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { generateSchema } from '@nestjs/swagger';
import pino from 'pino';
import { controllersOf } from './module-graph';
import { SERVICE_DEFINITIONS } from './services';

/** Where @ApiResponse and its kin keep what a route answers (@nestjs/swagger's API_RESPONSE). */
const API_RESPONSE = 'swagger/apiResponse';
/** Where @ApiExtraModels on a controller or route keeps the models it adds to the document (API_EXTRA_MODELS). */
const API_EXTRA_MODELS = 'swagger/apiExtraModels';

/**
 * Properties that are free-form JSON on purpose, documented as such: `type: object` without properties is what they are.
 * Keep this short; anything else documented as a bare object is a property whose type swc could not emit
 * (a union such as `string | null` has no design:type) and needs an explicit `type:` in its @ApiProperty.
 */
const FREE_FORM_JSON = new Set([
  // operator-registry: an amendment's old and new value of a field, whatever that field holds (any JSON).
  'FieldChangeView.before',
  'FieldChangeView.after',
]);

const env = {
  ADMINISTRATION: 'ZA',
  DATABASE_URL: 'postgres://unused/unused',
  JWT_SECRET: 'x'.repeat(32),
  MRA_SIGNING_KEY: generateSigningKeyPair().privateKeyPem,
};

type Schema = Record<string, unknown>;

/**
 * Every class any HTTP route of the service declares as a response, on the handler or on its controller, and the
 * models they add with @ApiExtraModels (referred to by `$ref`, e.g. FieldChangeView).
 */
function responseTypes(definition: ServiceDefinition<ServiceConfig>): Function[] {
  const module = definition.module(loadConfig(definition.configClass, env), pino({ level: 'silent' }));
  return controllersOf(module).flatMap((controller) => {
    const prototype = (controller as Function).prototype;
    const handlers = Object.getOwnPropertyNames(prototype)
      .filter((name) => name !== 'constructor' && Reflect.getMetadata(METHOD_METADATA, prototype[name]) !== undefined)
      .filter((name) => Reflect.getMetadata(PATH_METADATA, prototype[name]) !== undefined)
      .map((name) => prototype[name]);
    return [controller, ...handlers].flatMap((target) => {
      const responses = (Reflect.getMetadata(API_RESPONSE, target) ?? {}) as Record<string, { type?: unknown }>;
      const extraModels = (Reflect.getMetadata(API_EXTRA_MODELS, target) ?? []) as unknown[];
      return [...Object.values(responses).map((response) => response.type), ...extraModels].flatMap((declared) => {
        const type = Array.isArray(declared) ? declared[0] : declared;
        return typeof type === 'function' && type.prototype !== undefined ? [type as Function] : [];
      });
    });
  });
}

/** `View.property` (with `[]` for array items) for every bare `type: object` in a property's schema. */
function bareObjects(schema: Schema | undefined, path: string): string[] {
  if (!schema || typeof schema !== 'object') return [];
  const described = ['properties', 'additionalProperties', '$ref', 'allOf', 'oneOf', 'anyOf'].some((key) => key in schema);
  const here = schema.type === 'object' && !described ? [path] : [];
  return [...here, ...bareObjects(schema.items as Schema | undefined, `${path}[]`)];
}

describe('OpenAPI component schemas of the response views', () => {
  const types = [...new Set(SERVICE_DEFINITIONS.flatMap((d) =>
    responseTypes(d as unknown as ServiceDefinition<ServiceConfig>),
  ))];
  // What SwaggerModule does for a response type: explore the class, collecting it and every type it reaches.
  const schemas = types.reduce<Record<string, Schema>>(
    (all, type) => generateSchema(type as new () => unknown, all as never).schemas as Record<string, Schema>,
    {},
  );

  it('finds the views, and the types they nest', () => {
    expect(types.length).toBeGreaterThan(15);
    expect(Object.keys(schemas)).toEqual(expect.arrayContaining(['ApplicationView', 'AuthorisationView', 'HistoryEntryView', 'IncidentView']));
    expect(Object.keys(schemas).length).toBeGreaterThan(types.length);
  });

  it('documents no property as a bare object (swc emits no design:type for unions such as `string | null`)', () => {
    const bare = Object.entries(schemas)
      .flatMap(([view, schema]) =>
        Object.entries((schema.properties ?? {}) as Record<string, Schema>).flatMap(([property, propertySchema]) =>
          bareObjects(propertySchema, `${view}.${property}`),
        ),
      )
      .filter((path) => !FREE_FORM_JSON.has(path))
      .sort();
    expect(bare).toEqual([]);
  });

  it('allows only properties that are still there and still free-form (so the allow-list does not go stale)', () => {
    const stale = [...FREE_FORM_JSON].filter((path) => {
      const [view, property] = path.split('.');
      const propertySchema = ((schemas[view]?.properties ?? {}) as Record<string, Schema>)[property];
      return !bareObjects(propertySchema, path).includes(path);
    });
    expect(stale).toEqual([]);
  });
});
