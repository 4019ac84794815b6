import { createRequire as __ktstrCreateRequire } from 'node:module';
const require = __ktstrCreateRequire(import.meta.url);

// src/core/errors.ts
var UsageError = class extends Error {
  hint;
  constructor(message, hint) {
    super(hint ? `${message} \u2014 ${hint}` : message);
    this.name = "UsageError";
    this.hint = hint;
  }
};
function isUsageError(err) {
  return err instanceof UsageError;
}

export {
  UsageError,
  isUsageError
};
