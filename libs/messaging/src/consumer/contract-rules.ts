import { DescMessage, MessageShape } from '@bufbuild/protobuf';
import { pathToString } from '@bufbuild/protobuf/reflect';
import { createValidator, Violation } from '@bufbuild/protovalidate';
import { PermanentMessageError } from '../permanent-message-error';

/**
 * The rules a message must meet are written in the contract (`proto/`, protovalidate's
 * `buf.validate` options), once for every consumer; this checks a decoded message against them.
 * One validator per process: it compiles each message's rules on first use and keeps them.
 */
const validator = createValidator();

/** `operator_id: must be a valid UUID` — the field path in the contract's own names. */
export function describeViolation(v: Violation): string {
  const path = pathToString(v.field);
  return path ? `${path}: ${v.message}` : v.message;
}

/** Throws a PermanentMessageError naming every rule the message breaks (so it goes to the dead letter). */
export function assertContractRules<S extends DescMessage>(schema: S, message: MessageShape<S>): void {
  const result = validator.validate(schema, message);
  if (result.kind === 'valid') return;
  if (result.kind === 'invalid') {
    throw new PermanentMessageError(`invalid ${schema.typeName}: ${result.violations.map(describeViolation).join('; ')}`);
  }
  // A rule that cannot be compiled or evaluated is a fault in the contract: no retry will mend it.
  throw new PermanentMessageError(`the rules of ${schema.typeName} could not be checked: ${result.error.message}`);
}
