/** The job that runs a stretch of a transaction's steps, on whichever node takes it. */
export const TRANSACTION_QUEUE = 'cycle.transaction';

export interface TransactionJob {
  transactionId: string;
}

/** A job that fails outside a step (the store unreachable) is tried again; the cursor makes that safe. */
export const TRANSACTION_JOB_OPTIONS = { retryLimit: 5, retryDelaySeconds: 5 };
