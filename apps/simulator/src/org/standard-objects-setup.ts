import { address, area, check, pick, plain, ref, text } from './field-builders.ts';
import { DASHBOARD_TYPES } from './dashboards.ts';
import { READ_ONLY } from './object-flags.ts';
import { REPORT_FORMATS } from './reports.ts';
import type { StandardObjectDef } from './standard-object.ts';

const TIME_ZONES = [
  'America/Los_Angeles',
  'America/New_York',
  'Europe/London',
  'Europe/Paris',
  'Asia/Tokyo',
  'Australia/Sydney',
];
const LOCALES = ['en_US', 'en_GB', 'fr_FR', 'de_DE', 'ja_JP'];

/**
 * User and the setup objects that references point at (Profile, UserRole, Group, RecordType), the Organization,
 * plus Report and Dashboard.
 */
export function setupObjects(): StandardObjectDef[] {
  const readOnly = { ...READ_ONLY, searchable: false, mruEnabled: false };
  return [
    {
      name: 'User',
      label: 'User',
      labelPlural: 'Users',
      keyPrefix: '005',
      companions: ['Feed', 'ChangeEvent'],
      flags: { deletable: false, undeletable: false },
      fields: [
        text('Username', 'Username', 80, { nillable: false, unique: true, idLookup: true }),
        text('LastName', 'Last Name', 80, { nillable: false, compoundFieldName: 'Name' }),
        text('FirstName', 'First Name', 40, { compoundFieldName: 'Name' }),
        text('Name', 'Full Name', 121, { nameField: true, createable: false, updateable: false, nillable: false }),
        text('CompanyName', 'Company Name', 80),
        text('Division', 'Division', 80),
        text('Department', 'Department', 80),
        text('Title', 'Title', 80),
        ...address('', 'Address'),
        plain('Email', 'Email', 'email', { nillable: false }),
        plain('Phone', 'Phone', 'phone'),
        text('Alias', 'Alias', 8, { nillable: false }),
        text('CommunityNickname', 'Nickname', 40, { unique: true, idLookup: true }),
        check('IsActive', 'Active'),
        pick('TimeZoneSidKey', 'Time Zone', TIME_ZONES, {
          restrictedPicklist: true,
          nillable: false,
          length: 40,
          byteLength: 120,
        }),
        pick('LocaleSidKey', 'Locale', LOCALES, {
          restrictedPicklist: true,
          nillable: false,
          length: 40,
          byteLength: 120,
        }),
        pick('LanguageLocaleKey', 'Language', LOCALES, {
          restrictedPicklist: true,
          nillable: false,
          length: 40,
          byteLength: 120,
        }),
        ref('UserRoleId', 'Role ID', ['UserRole'], 'UserRole', 'Users'),
        ref('ProfileId', 'Profile ID', ['Profile'], 'Profile', 'Users', { nillable: false }),
        ref('ManagerId', 'Manager ID', ['User'], 'Manager', 'ManagedUsers'),
        pick('UserType', 'User Type', ['Standard', 'PowerPartner', 'CsnOnly', 'Guest'], {
          createable: false,
          updateable: false,
          restrictedPicklist: true,
        }),
        plain('LastLoginDate', 'Last Login', 'datetime', { createable: false, updateable: false }),
      ],
    },
    {
      name: 'Profile',
      label: 'Profile',
      labelPlural: 'Profiles',
      keyPrefix: '00e',
      flags: readOnly,
      isCustomizable: false,
      fields: [
        text('Name', 'Name', 255, { nameField: true, nillable: false }),
        pick('UserType', 'User Type', ['Standard', 'PowerPartner', 'CsnOnly', 'Guest'], { restrictedPicklist: true }),
        area('Description', 'Description', 255),
      ],
    },
    {
      name: 'UserRole',
      label: 'Role',
      labelPlural: 'Roles',
      keyPrefix: '00E',
      flags: readOnly,
      isCustomizable: false,
      fields: [
        text('Name', 'Name', 80, { nameField: true, nillable: false }),
        ref('ParentRoleId', 'Parent Role ID', ['UserRole'], 'ParentRole', null),
        text('DeveloperName', 'Developer Name', 80),
      ],
    },
    {
      name: 'Group',
      label: 'Group',
      labelPlural: 'Groups',
      keyPrefix: '00G',
      flags: readOnly,
      isCustomizable: false,
      fields: [
        text('Name', 'Name', 40, { nameField: true, nillable: false }),
        text('DeveloperName', 'Developer Name', 80),
        pick('Type', 'Type', ['Regular', 'Role', 'Queue', 'Organization'], {
          restrictedPicklist: true,
          nillable: false,
        }),
        plain('Email', 'Email', 'email'),
      ],
    },
    {
      name: 'RecordType',
      label: 'Record Type',
      labelPlural: 'Record Types',
      keyPrefix: '012',
      flags: readOnly,
      isCustomizable: false,
      fields: [
        text('Name', 'Name', 80, { nameField: true, nillable: false }),
        text('DeveloperName', 'Record Type Name', 80),
        text('SobjectType', 'SObject Type Name', 40),
        check('IsActive', 'Active'),
        area('Description', 'Description', 255),
      ],
    },
    {
      // The org itself: formulas read it as $Organization, hierarchy custom settings may belong to it.
      name: 'Organization',
      label: 'Organization',
      labelPlural: 'Organizations',
      keyPrefix: '00D',
      flags: readOnly,
      isCustomizable: false,
      fields: [
        text('Name', 'Name', 80, { nameField: true, nillable: false }),
        text('Division', 'Division', 80),
        ...address('', 'Address'),
        plain('Phone', 'Phone', 'phone'),
        text('PrimaryContact', 'Primary Contact', 80),
        pick('OrganizationType', 'Edition', ['Developer Edition', 'Enterprise Edition', 'Unlimited Edition'], {
          restrictedPicklist: true,
        }),
        check('IsSandbox', 'Is Sandbox'),
        text('InstanceName', 'Instance Name', 5),
      ],
    },
    {
      name: 'Report',
      label: 'Report',
      labelPlural: 'Reports',
      keyPrefix: '00O',
      owner: 'user',
      flags: readOnly,
      fields: [
        text('Name', 'Report Name', 40, { nameField: true, nillable: false }),
        area('Description', 'Description', 255),
        text('DeveloperName', 'Report Unique Name', 80, { nillable: false }),
        text('FolderName', 'Folder Name', 80),
        pick('Format', 'Format', REPORT_FORMATS, { restrictedPicklist: true }),
        plain('LastRunDate', 'Last Run', 'datetime', { createable: false, updateable: false }),
        text('NamespacePrefix', 'Namespace Prefix', 15, { createable: false, updateable: false }),
      ],
    },
    {
      name: 'Dashboard',
      label: 'Dashboard',
      labelPlural: 'Dashboards',
      keyPrefix: '01Z',
      flags: readOnly,
      fields: [
        text('Title', 'Title', 80, { nameField: true, nillable: false }),
        text('DeveloperName', 'Dashboard Unique Name', 80),
        text('FolderName', 'Folder Name', 80),
        area('Description', 'Description', 255),
        ref('RunningUserId', 'Running User ID', ['User'], 'RunningUser', null, { nillable: false }),
        pick('Type', 'Dashboard Running User', DASHBOARD_TYPES, { restrictedPicklist: true, nillable: false }),
        text('NamespacePrefix', 'Namespace Prefix', 15, { createable: false, updateable: false }),
      ],
    },
  ];
}
