import { ValidateBy, ValidationOptions } from 'class-validator';

/** A bytes field of exactly (or at least) this many bytes; class-validator's Length is for strings. */
export function HasBytes(min: number, max = Number.MAX_SAFE_INTEGER, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'hasBytes',
      validator: {
        validate: (value: unknown) => value instanceof Uint8Array && value.length >= min && value.length <= max,
        defaultMessage: (args) =>
          min === max ? `${args?.property} must be ${min} bytes` : `${args?.property} must be ${min} to ${max} bytes`,
      },
    },
    options,
  );
}
