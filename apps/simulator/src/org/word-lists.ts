// Vocabulary for generated names; order matters for determinism, so only ever append.

/** Business nouns for custom object names: [singular label, plural label]. */
export const OBJECT_NOUNS: readonly (readonly [string, string])[] = [
  ['Invoice', 'Invoices'],
  ['Shipment', 'Shipments'],
  ['Project', 'Projects'],
  ['Milestone', 'Milestones'],
  ['Warehouse', 'Warehouses'],
  ['Vendor', 'Vendors'],
  ['Expense', 'Expenses'],
  ['Timesheet', 'Timesheets'],
  ['Subscription', 'Subscriptions'],
  ['Device', 'Devices'],
  ['Inspection', 'Inspections'],
  ['Ticket', 'Tickets'],
  ['Survey', 'Surveys'],
  ['Membership', 'Memberships'],
  ['Course', 'Courses'],
  ['Enrollment', 'Enrollments'],
  ['Vehicle', 'Vehicles'],
  ['Policy', 'Policies'],
  ['Claim', 'Claims'],
  ['Property', 'Properties'],
  ['Booking', 'Bookings'],
  ['Payment', 'Payments'],
  ['Budget', 'Budgets'],
  ['Store', 'Stores'],
  ['Territory', 'Territories'],
  ['Review', 'Reviews'],
  ['Deliverable', 'Deliverables'],
  ['Feedback', 'Feedback'],
  ['Certification', 'Certifications'],
  ['Donation', 'Donations'],
  ['Grant', 'Grants'],
  ['Permit', 'Permits'],
  ['Work Order', 'Work Orders'],
  ['Service Visit', 'Service Visits'],
  ['Asset Tag', 'Asset Tags'],
  ['Price Rule', 'Price Rules'],
  ['Quote Line', 'Quote Lines'],
  ['Risk', 'Risks'],
  ['Audit', 'Audits'],
  ['Supplier', 'Suppliers'],
  ['Contract Line', 'Contract Lines'],
  ['Loyalty Card', 'Loyalty Cards'],
  ['Event Session', 'Event Sessions'],
  ['Sponsor', 'Sponsors'],
];

/** Purposes for object descriptions: "Tracks <plural> <purpose>." */
export const OBJECT_PURPOSES = [
  'across their lifecycle',
  'for the finance team',
  'raised by customers',
  'managed by operations',
  'linked to accounts and contacts',
  'imported nightly from the ERP',
  'used by the partner portal',
  'for regional reporting',
];

/** Field name stems, grouped loosely by the kind of value they hold. */
export const FIELD_STEMS = {
  text: ['Code', 'Reference', 'Region', 'Category', 'Channel', 'Segment', 'Tier', 'Label', 'Batch', 'Serial'],
  number: ['Quantity', 'Score', 'Units', 'Weight', 'Duration', 'Capacity', 'Rank', 'Count'],
  money: ['Amount', 'Cost', 'Price', 'Fee', 'Revenue', 'Discount', 'Tax', 'Balance'],
  date: ['Start', 'End', 'Due', 'Renewal', 'Approved', 'Shipped', 'Closed', 'Review'],
  flag: ['Is_Active', 'Is_Approved', 'Is_Primary', 'Needs_Review', 'Is_Billable', 'Opted_In'],
  contact: ['Support', 'Billing', 'Primary', 'Emergency', 'Escalation'],
  choice: ['Status', 'Stage', 'Priority', 'Type', 'Source', 'Rating', 'Severity', 'Outcome'],
} as const;

/** Picklist values by stem; unknown stems fall back to generic tiers. */
export const PICKLIST_VALUES: Record<string, readonly string[]> = {
  Status: ['Draft', 'Submitted', 'Approved', 'Rejected', 'Closed'],
  Stage: ['Planning', 'Execution', 'Review', 'Complete'],
  Priority: ['Low', 'Medium', 'High', 'Critical'],
  Type: ['Standard', 'Premium', 'Internal', 'Partner'],
  Source: ['Web', 'Email', 'Phone', 'Partner', 'Import'],
  Rating: ['1', '2', '3', '4', '5'],
  Severity: ['Sev 1', 'Sev 2', 'Sev 3', 'Sev 4'],
  Outcome: ['Won', 'Lost', 'Deferred', 'Cancelled'],
};

/** Apex class name stems for the ApexClass table. */
export const APEX_SUFFIXES = [
  'Service',
  'Controller',
  'TriggerHandler',
  'Selector',
  'Batch',
  'Scheduler',
  'Test',
  'Helper',
  'Queueable',
  'RestResource',
];

/** Namespaces of the managed packages an org has installed. */
export const PACKAGE_NAMESPACES = ['npsp', 'dlrs', 'et4ae5'];

/** People who work in the simulated orgs: [first name, last name]; some with accents and apostrophes. */
export const PEOPLE: readonly (readonly [string, string])[] = [
  ['Maria', 'Garcia'],
  ['Zoë', 'Müller'],
  ['Seán', "O'Brien"],
  ['Priya', 'Natarajan'],
  ['José', 'Álvarez'],
  ['Chen', 'Wei'],
  ['Ingrid', 'Løvaas'],
  ['Kwame', 'Mensah'],
  ['Amélie', 'Dubois'],
  ['Tomasz', 'Wiśniewski'],
];
