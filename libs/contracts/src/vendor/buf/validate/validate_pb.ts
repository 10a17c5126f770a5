// protovalidate's schema (buf/validate/validate.proto) as @bufbuild/protovalidate ships it
// generated: the contracts import it from here (proto/buf.gen.yaml rewrites the import), so the
// rules in proto/ and the validator read the same extension.
export * from '@bufbuild/protovalidate/gen/buf/validate/validate_pb.js';
