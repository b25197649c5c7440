/** Current time as the ISO 8601 UTC string the store keeps. */
export const nowIso = (): string => new Date().toISOString();
