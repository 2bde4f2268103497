import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

/** Validates a value against the official SARIF 2.1.0 schema vendored in test/schemas/. */
export function sarifValidator(): (log: unknown) => string[] {
  const schema = JSON.parse(readFileSync(path.join(__dirname, '..', 'schemas', 'sarif-schema-2.1.0.json'), 'utf8')) as object;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return (log) => {
    if (validate(log)) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
  };
}
