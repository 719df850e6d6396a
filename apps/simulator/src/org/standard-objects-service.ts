import { fieldOf } from './blueprint.ts';
import { createField, picklistValues } from './field-factory.ts';
import { area, autoNumber, check, pick, plain, ref, text } from './field-builders.ts';
import type { StandardObjectDef } from './standard-object.ts';

/** Objects that activities can relate to through WhatId; generate-org appends activity-enabled custom objects. */
export const ACTIVITY_PARENTS = ['Account', 'Campaign', 'Case', 'Contract', 'Opportunity', 'Order', 'Product2'];

const SUBJECTS = ['Call', 'Send Letter', 'Send Quote', 'Other'];

// Subject is a combobox on activities: a picklist that also accepts free text.
const subject = () =>
  fieldOf(createField('Subject', 'Subject', 'combobox', { picklistValues: picklistValues(SUBJECTS), nameField: true }));
const activityLinks = () => [
  ref('WhoId', 'Name ID', ['Contact', 'Lead'], 'Who', null),
  ref('WhatId', 'Related To ID', [...ACTIVITY_PARENTS], 'What', null),
];

/** Case, Task, Event and Attachment. */
export function serviceObjects(): StandardObjectDef[] {
  return [
    {
      name: 'Case',
      label: 'Case',
      labelPlural: 'Cases',
      keyPrefix: '500',
      owner: 'queue',
      activity: true,
      recordTypes: ['Support', 'Billing Inquiry'],
      companions: ['History', 'Share', 'Feed', 'ChangeEvent'],
      fields: [
        autoNumber('CaseNumber', 'Case Number'),
        ref('ContactId', 'Contact ID', ['Contact'], 'Contact', 'Cases'),
        ref('AccountId', 'Account ID', ['Account'], 'Account', 'Cases'),
        ref('ParentId', 'Parent Case ID', ['Case'], 'Parent', 'Cases'),
        text('SuppliedName', 'Web Name', 80),
        plain('SuppliedEmail', 'Web Email', 'email'),
        text('SuppliedPhone', 'Web Phone', 40),
        pick('Type', 'Case Type', ['Mechanical', 'Electrical', 'Electronic', 'Structural', 'Other']),
        pick('Status', 'Status', ['New', 'Working', 'Escalated', 'Closed'], {
          defaultFirst: true,
          defaultedOnCreate: true,
        }),
        pick('Reason', 'Case Reason', [
          'Installation',
          'Equipment Complexity',
          'Performance',
          'Breakdown',
          'Equipment Design',
          'Feedback',
          'Other',
        ]),
        pick('Origin', 'Case Origin', ['Phone', 'Email', 'Web']),
        text('Subject', 'Subject', 255),
        pick('Priority', 'Priority', ['High', 'Medium', 'Low'], { defaultedOnCreate: true }),
        area('Description', 'Description'),
        check('IsClosed', 'Closed', { createable: false, updateable: false }),
        plain('ClosedDate', 'Closed Date', 'datetime', { createable: false, updateable: false }),
        check('IsEscalated', 'Escalated'),
      ],
    },
    {
      name: 'Task',
      label: 'Task',
      labelPlural: 'Tasks',
      keyPrefix: '00T',
      owner: 'queue',
      flags: { mruEnabled: false },
      fields: [
        ...activityLinks(),
        subject(),
        plain('ActivityDate', 'Due Date Only', 'date'),
        pick('Status', 'Status', ['Not Started', 'In Progress', 'Completed', 'Waiting on someone else', 'Deferred'], {
          defaultFirst: true,
          nillable: false,
          defaultedOnCreate: true,
        }),
        pick('Priority', 'Priority', ['High', 'Normal', 'Low'], { nillable: false, defaultedOnCreate: true }),
        area('Description', 'Description'),
        check('IsClosed', 'Closed', { createable: false, updateable: false }),
        pick('TaskSubtype', 'Task Subtype', ['Task', 'Email', 'List Email', 'Cadence', 'Call', 'LinkedIn'], {
          restrictedPicklist: true,
        }),
        plain('CallDurationInSeconds', 'Call Duration', 'int'),
        pick('CallType', 'Call Type', ['Internal', 'Inbound', 'Outbound'], { restrictedPicklist: true }),
        plain('ReminderDateTime', 'Reminder Date/Time', 'datetime'),
        check('IsReminderSet', 'Reminder Set'),
      ],
    },
    {
      name: 'Event',
      label: 'Event',
      labelPlural: 'Events',
      keyPrefix: '00U',
      owner: 'user',
      flags: { mruEnabled: false },
      fields: [
        ...activityLinks(),
        subject(),
        text('Location', 'Location', 255),
        check('IsAllDayEvent', 'All-Day Event'),
        plain('ActivityDateTime', 'Due Date Time', 'datetime'),
        plain('ActivityDate', 'Due Date Only', 'date'),
        plain('DurationInMinutes', 'Duration', 'int'),
        plain('StartDateTime', 'Start Date Time', 'datetime'),
        plain('EndDateTime', 'End Date Time', 'datetime'),
        area('Description', 'Description'),
        pick('ShowAs', 'Show Time As', ['Busy', 'OutOfOffice', 'Free'], { restrictedPicklist: true }),
      ],
    },
    {
      name: 'Attachment',
      label: 'Attachment',
      labelPlural: 'Attachments',
      keyPrefix: '00P',
      owner: 'user',
      flags: { searchable: false, layoutable: false, feedEnabled: false, mruEnabled: false },
      fields: [
        ref(
          'ParentId',
          'Parent ID',
          ['Account', 'Case', 'Contact', 'Contract', 'Lead', 'Opportunity', 'Order', 'Product2'],
          'Parent',
          'Attachments',
          { nillable: false, updateable: false },
        ),
        text('Name', 'File Name', 255, { nameField: true, nillable: false }),
        check('IsPrivate', 'Private'),
        text('ContentType', 'Content Type', 120),
        plain('BodyLength', 'Body Length', 'int', { createable: false, updateable: false }),
        plain('Body', 'Body', 'base64', { nillable: false }),
        area('Description', 'Description', 500),
      ],
    },
  ];
}
