// Errors about the user's input (a notebook that cannot be read, a project that cannot be
// verified, a plan that cannot be generated): expected outcomes, reported as one line that
// says what happened and what to do, never with a stack trace.
export class InputError extends Error {}
