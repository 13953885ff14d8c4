// Generators shared by the fuzz tests.
import fc from 'fast-check';

/** A well-formed object with a few fields replaced by `wrong` values or dropped (often none), so checks further in are reached. */
export function corrupt(valid: fc.Arbitrary<Record<string, unknown>>, fields: string[], wrong: fc.Arbitrary<unknown>): fc.Arbitrary<Record<string, unknown>> {
  const edit = fc.tuple(fc.constantFrom(...fields), fc.option(wrong, { nil: undefined }));
  const edits = fc.oneof({ arbitrary: fc.constant([]), weight: 2 }, { arbitrary: fc.array(edit, { minLength: 1, maxLength: 2 }), weight: 1 });
  return fc.tuple(valid, edits).map(([value, changes]) => {
    const out = { ...value };
    for (const [field, replacement] of changes) {
      if (replacement === undefined) delete out[field];
      else out[field] = replacement;
    }
    return out;
  });
}
