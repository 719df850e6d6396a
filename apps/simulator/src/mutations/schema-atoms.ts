import { Type } from 'typebox';

/**
 * A custom API name: letters, digits and single underscores, starting with a letter, then `__c`; Salesforce's
 * 40-character limit on the part before the suffix.
 */
export const CustomName = Type.String({ maxLength: 43, pattern: '^[A-Za-z](?:_?[A-Za-z0-9])*__c$' });
/** An existing object or field, as a client spells it (Salesforce matches names case-insensitively). */
export const Target = Type.String({ minLength: 1, maxLength: 80 });
export const Label = Type.String({ minLength: 1, maxLength: 80, pattern: '\\S' });
export const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: '\\S' });
/** A description to set, or null to clear it. */
export const Description = (maxLength: number) => Type.Union([Text(maxLength), Type.Null()]);
export const closed = { additionalProperties: false } as const;
