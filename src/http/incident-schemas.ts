import { Type } from 'typebox';
import { Nullable, PageQuery } from './schemas.js';

/** The schemas of cycle incidents: what a person should look at, across an account's cycles. */

export const INCIDENT_LEVELS = ['Error', 'Warning'];

export const IncidentQuery = Type.Object({
  ...PageQuery.properties,
  after: Type.Optional(Type.String({ format: 'date-time', description: 'Raised at or after this instant' })),
  before: Type.Optional(Type.String({ format: 'date-time', description: 'Raised before this instant' })),
});

export const IncidentReply = Type.Object({
  Id: Type.Integer(),
  CycleId: Type.Integer(),
  CycleName: Type.String(),
  IncidentLevel: Type.Enum(INCIDENT_LEVELS, {
    description: 'Error: a transaction stopped (errored or uncertain) or the cycle was stopped; Warning: the cycle was paused',
  }),
  ShortMessage: Type.String(),
  FullMessage: Type.String(),
  StepId: Nullable(Type.Integer()),
  StepName: Nullable(Type.String()),
  TransactionId: Nullable(Type.String({ format: 'uuid' })),
  CreatedOnUtc: Type.String({ format: 'date-time' }),
});
