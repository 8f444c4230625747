/** A mistake in how coop was called (exit 2), not in the user's input. */
export class UsageError extends Error {}
