import { ValidationError } from 'class-validator';

/** One failed class-validator constraint: the property path from the object validated, and the message. */
export interface ValidationFailure {
  path: string[];
  message: string;
}

/**
 * class-validator's nested errors as one flat list, every constraint with its path. The one walk
 * of that tree: configuration, imported rows and questionnaire files each say where in their own words.
 */
export function validationFailures(errors: ValidationError[], path: string[] = []): ValidationFailure[] {
  return errors.flatMap((e) => {
    const at = [...path, e.property];
    return [...Object.values(e.constraints ?? {}).map((message) => ({ path: at, message })), ...validationFailures(e.children ?? [], at)];
  });
}
