/** Gives back a slot taken with `RequestSlots.acquire`; never rejects. */
export type ReleaseSlot = () => Promise<void>;

/**
 * Admits requests to one org: `acquire` resolves once a request may be sent, with the function that frees its
 * slot. The Salesforce client takes one per HTTP request and frees it as soon as the answer is in.
 */
export interface RequestSlots {
  acquire(): Promise<ReleaseSlot>;
}
