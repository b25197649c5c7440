import { type Static, Type } from 'typebox';

const strict = { additionalProperties: false } as const;

/**
 * A method a polling cycle may start with: each poll calls it for what changed since the last one. The
 * cursor is the time of the newest item seen (or, without ItemTimePath, the time of the last poll) and
 * the ids of the items seen at that very time, so a provider filtering "at or after" is neither skipped
 * past nor repeated.
 */
export const TriggerSchema = Type.Object(
  {
    Since: Type.Optional(
      Type.Object(
        {
          Parameter: Type.String({ description: 'The query parameter the cursor time is sent in, e.g. updated_since' }),
          Template: Type.Optional(
            Type.String({
              description:
                'What the parameter is sent as, when not the bare time: {{since}} is the cursor time, {{field}} the value the step maps to the parameter (the timestamp field to filter on), e.g. "{{field}} >= \'{{since}}\'"',
            }),
          ),
        },
        {
          ...strict,
          description: 'Where the cursor time (ISO 8601 UTC, whole seconds) is sent; the provider keeps items changed at or after it',
        },
      ),
    ),
    Parameters: Type.Optional(
      Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean()]), {
        description:
          'Query parameters every poll sends, e.g. sort_by: update_time (oldest change first, so a capped read resumes where it stopped)',
      }),
    ),
    ItemIdPath: Type.Optional(
      Type.String({ description: "Dotted path to an item's id; with ItemTimePath, items already seen are dropped" }),
    ),
    ItemTimePath: Type.Optional(
      Type.String({ description: "Dotted path to the time an item last changed, e.g. updatedAt; {{field}} as in Since's Template" }),
    ),
    OldestFirst: Type.Optional(
      Type.Boolean({
        description:
          'The list comes oldest change first (its Parameters sort it so): a poll stopped at the page cap moves the cursor as far as ' +
          'it read. Without it, such a poll fails and keeps the cursor, rather than skip what the unread pages hold',
      }),
    ),
  },
  { ...strict, description: 'This method can start a polling cycle: how each poll asks for, and recognises, what is new' },
);

export type TriggerDefinition = Static<typeof TriggerSchema>;
