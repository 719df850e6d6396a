import { address, area, autoNumber, check, money, pick, plain, ref, text } from './field-builders.ts';
import type { StandardObjectDef } from './standard-object.ts';

const INDUSTRIES = ['Agriculture', 'Apparel', 'Banking', 'Biotechnology', 'Chemicals', 'Communications', 'Construction', 'Consulting', 'Education', 'Electronics', 'Energy', 'Engineering', 'Entertainment', 'Environmental', 'Finance', 'Food & Beverage', 'Government', 'Healthcare', 'Hospitality', 'Insurance', 'Machinery', 'Manufacturing', 'Media', 'Not For Profit', 'Recreation', 'Retail', 'Shipping', 'Technology', 'Telecommunications', 'Transportation', 'Utilities', 'Other'];
const LEAD_SOURCES = ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'];
const RATINGS = ['Hot', 'Warm', 'Cold'];
const SALUTATIONS = ['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.'];
const STAGES = ['Prospecting', 'Qualification', 'Needs Analysis', 'Value Proposition', 'Id. Decision Makers', 'Perception Analysis', 'Proposal/Price Quote', 'Negotiation/Review', 'Closed Won', 'Closed Lost'];

const name = (label: string, length = 255) => text('Name', label, length, { nameField: true, nillable: false, permissionable: false });
const personName = () => [
  text('LastName', 'Last Name', 80, { nillable: false, compoundFieldName: 'Name', permissionable: false }),
  text('FirstName', 'First Name', 40, { compoundFieldName: 'Name' }),
  pick('Salutation', 'Salutation', SALUTATIONS, { compoundFieldName: 'Name' }),
  text('Name', 'Full Name', 121, { nameField: true, createable: false, updateable: false, nillable: false, permissionable: false }),
];
const description = (label = 'Description') => area('Description', label);

/** Account, Contact, Opportunity, Lead, Campaign, Product2, Pricebook2, Contract and Order. */
export function salesObjects(): StandardObjectDef[] {
  return [
    {
      name: 'Account', label: 'Account', labelPlural: 'Accounts', keyPrefix: '001', owner: 'user', activity: true,
      recordTypes: ['Customer', 'Partner'], companions: ['History', 'Share', 'Feed', 'ChangeEvent'], flags: { mergeable: true },
      fields: [
        ref('MasterRecordId', 'Master Record ID', ['Account'], 'MasterRecord', null, { createable: false, updateable: false }),
        name('Account Name'),
        pick('Type', 'Account Type', ['Prospect', 'Customer - Direct', 'Customer - Channel', 'Channel Partner / Reseller', 'Installation Partner', 'Technology Partner', 'Other']),
        ref('ParentId', 'Parent Account ID', ['Account'], 'Parent', 'ChildAccounts'),
        ...address('Billing', 'Billing'), ...address('Shipping', 'Shipping'),
        plain('Phone', 'Account Phone', 'phone'), plain('Fax', 'Account Fax', 'phone'),
        text('AccountNumber', 'Account Number', 40), plain('Website', 'Website', 'url'),
        text('Sic', 'SIC Code', 20), pick('Industry', 'Industry', INDUSTRIES),
        money('AnnualRevenue', 'Annual Revenue', { precision: 18, scale: 0 }),
        plain('NumberOfEmployees', 'Employees', 'int', { precision: 8, digits: 8 }),
        pick('Ownership', 'Ownership', ['Public', 'Private', 'Subsidiary', 'Other']),
        text('TickerSymbol', 'Ticker Symbol', 20), description('Account Description'),
        pick('Rating', 'Account Rating', RATINGS), text('Site', 'Account Site', 80),
        pick('AccountSource', 'Account Source', LEAD_SOURCES), text('SicDesc', 'SIC Description', 80),
      ],
    },
    {
      name: 'Contact', label: 'Contact', labelPlural: 'Contacts', keyPrefix: '003', owner: 'user', activity: true,
      companions: ['History', 'Share', 'Feed', 'ChangeEvent'], flags: { mergeable: true },
      fields: [
        ref('MasterRecordId', 'Master Record ID', ['Contact'], 'MasterRecord', null, { createable: false, updateable: false }),
        ref('AccountId', 'Account ID', ['Account'], 'Account', 'Contacts'),
        ...personName(), ...address('Mailing', 'Mailing'),
        plain('Phone', 'Business Phone', 'phone'), plain('MobilePhone', 'Mobile Phone', 'phone'),
        plain('Email', 'Email', 'email', { idLookup: true }), text('Title', 'Title', 128),
        text('Department', 'Department', 80), pick('LeadSource', 'Lead Source', LEAD_SOURCES),
        plain('Birthdate', 'Birthdate', 'date'), description('Contact Description'),
        ref('ReportsToId', 'Reports To ID', ['Contact'], 'ReportsTo', null),
        check('HasOptedOutOfEmail', 'Email Opt Out'), check('DoNotCall', 'Do Not Call'),
      ],
    },
    {
      name: 'Opportunity', label: 'Opportunity', labelPlural: 'Opportunities', keyPrefix: '006', owner: 'user', activity: true,
      recordTypes: ['New Business', 'Renewal', 'Upsell'], companions: ['History', 'Share', 'Feed', 'ChangeEvent'],
      fields: [
        ref('AccountId', 'Account ID', ['Account'], 'Account', 'Opportunities', { cascadeDelete: false }),
        name('Name', 120), description(),
        pick('StageName', 'Stage', STAGES, { nillable: false }),
        money('Amount', 'Amount'),
        plain('Probability', 'Probability (%)', 'percent', { precision: 3, scale: 0 }),
        money('ExpectedRevenue', 'Expected Amount', { calculated: true, createable: false, updateable: false }),
        plain('CloseDate', 'Close Date', 'date', { nillable: false }),
        pick('Type', 'Opportunity Type', ['Existing Customer - Upgrade', 'Existing Customer - Replacement', 'Existing Customer - Downgrade', 'New Customer']),
        text('NextStep', 'Next Step', 255), pick('LeadSource', 'Lead Source', LEAD_SOURCES),
        check('IsClosed', 'Closed', { createable: false, updateable: false }),
        check('IsWon', 'Won', { createable: false, updateable: false }),
        pick('ForecastCategoryName', 'Forecast Category', ['Omitted', 'Pipeline', 'Best Case', 'Commit', 'Closed']),
        ref('CampaignId', 'Campaign ID', ['Campaign'], 'Campaign', 'Opportunities'),
        check('HasOpportunityLineItem', 'Has Line Item', { createable: false, updateable: false }),
        ref('Pricebook2Id', 'Price Book ID', ['Pricebook2'], 'Pricebook2', 'Opportunities'),
        ref('ContractId', 'Contract ID', ['Contract'], 'Contract', null),
        plain('FiscalYear', 'Fiscal Year', 'int', { createable: false, updateable: false, digits: 4, precision: 4 }),
        plain('FiscalQuarter', 'Fiscal Quarter', 'int', { createable: false, updateable: false, digits: 1, precision: 1 }),
      ],
    },
    {
      name: 'Lead', label: 'Lead', labelPlural: 'Leads', keyPrefix: '00Q', owner: 'queue', activity: true,
      companions: ['History', 'Share', 'Feed', 'ChangeEvent'], flags: { mergeable: true },
      fields: [
        ...personName(), text('Title', 'Title', 128), text('Company', 'Company', 255, { nillable: false }),
        ...address('', 'Address').map((f) => f.describe.name === 'Address' ? f : { ...f, describe: { ...f.describe, label: f.describe.label.replace('Address ', '') } }),
        plain('Phone', 'Phone', 'phone'), plain('MobilePhone', 'Mobile Phone', 'phone'), plain('Email', 'Email', 'email'),
        plain('Website', 'Website', 'url'), description(), pick('LeadSource', 'Lead Source', LEAD_SOURCES),
        pick('Status', 'Status', ['Open - Not Contacted', 'Working - Contacted', 'Closed - Converted', 'Closed - Not Converted'], { defaultFirst: true, nillable: false, defaultedOnCreate: true }),
        pick('Industry', 'Industry', INDUSTRIES), pick('Rating', 'Rating', RATINGS),
        money('AnnualRevenue', 'Annual Revenue', { precision: 18, scale: 0 }),
        plain('NumberOfEmployees', 'Employees', 'int', { precision: 8, digits: 8 }),
        check('IsConverted', 'Converted', { createable: false, updateable: false }),
        plain('ConvertedDate', 'Converted Date', 'date', { createable: false, updateable: false }),
        ref('ConvertedAccountId', 'Converted Account ID', ['Account'], 'ConvertedAccount', null, { createable: false, updateable: false }),
        ref('ConvertedContactId', 'Converted Contact ID', ['Contact'], 'ConvertedContact', null, { createable: false, updateable: false }),
        ref('ConvertedOpportunityId', 'Converted Opportunity ID', ['Opportunity'], 'ConvertedOpportunity', null, { createable: false, updateable: false }),
        check('IsUnreadByOwner', 'Unread By Owner'),
      ],
    },
    {
      name: 'Campaign', label: 'Campaign', labelPlural: 'Campaigns', keyPrefix: '701', owner: 'user', activity: true,
      companions: ['History', 'Share', 'Feed'],
      fields: [
        name('Name', 80), ref('ParentId', 'Parent Campaign ID', ['Campaign'], 'Parent', 'ChildCampaigns'),
        pick('Type', 'Type', ['Conference', 'Webinar', 'Trade Show', 'Public Relations', 'Partners', 'Referral Program', 'Advertisement', 'Banner Ads', 'Direct Mail', 'Email', 'Telemarketing', 'Other']),
        pick('Status', 'Status', ['Planned', 'In Progress', 'Completed', 'Aborted']),
        plain('StartDate', 'Start Date', 'date'), plain('EndDate', 'End Date', 'date'),
        money('ExpectedRevenue', 'Expected Revenue in Campaign', { precision: 18, scale: 0 }),
        money('BudgetedCost', 'Budgeted Cost in Campaign', { precision: 18, scale: 0 }),
        money('ActualCost', 'Actual Cost in Campaign', { precision: 18, scale: 0 }),
        plain('ExpectedResponse', 'Expected Response (%)', 'percent', { precision: 10, scale: 2 }),
        plain('NumberSent', 'Num Sent in Campaign', 'double', { precision: 18, scale: 0 }),
        check('IsActive', 'Active'), description(),
        plain('NumberOfLeads', 'Leads in Campaign', 'int', { createable: false, updateable: false }),
      ],
    },
    {
      name: 'Product2', label: 'Product', labelPlural: 'Products', keyPrefix: '01t', companions: ['History', 'Feed', 'ChangeEvent'],
      fields: [
        name('Product Name'), text('ProductCode', 'Product Code', 255), description('Product Description'),
        check('IsActive', 'Active'),
        pick('Family', 'Product Family', ['None', 'Hardware', 'Software', 'Services']),
        pick('QuantityUnitOfMeasure', 'Quantity Unit Of Measure', ['Each', 'Box', 'Hour', 'License']),
        text('StockKeepingUnit', 'Product SKU', 180, { externalId: true, idLookup: true }),
        text('ExternalId', 'External ID', 255, { externalId: true, idLookup: true }),
      ],
    },
    {
      name: 'Pricebook2', label: 'Price Book', labelPlural: 'Price Books', keyPrefix: '01s', companions: ['History'],
      fields: [
        name('Price Book Name'), check('IsActive', 'Active'), area('Description', 'Description', 255),
        check('IsStandard', 'Is Standard Price Book', { createable: false, updateable: false }),
      ],
    },
    {
      name: 'Contract', label: 'Contract', labelPlural: 'Contracts', keyPrefix: '800', owner: 'user', activity: true,
      companions: ['History', 'Feed', 'ChangeEvent'],
      fields: [
        ref('AccountId', 'Account ID', ['Account'], 'Account', 'Contracts', { nillable: false }),
        ref('Pricebook2Id', 'Price Book ID', ['Pricebook2'], 'Pricebook2', null),
        pick('OwnerExpirationNotice', 'Owner Expiration Notice', ['15', '30', '45', '60', '90', '120']),
        plain('StartDate', 'Contract Start Date', 'date'),
        plain('EndDate', 'Contract End Date', 'date', { createable: false, updateable: false, calculated: true }),
        ...address('Billing', 'Billing'),
        plain('ContractTerm', 'Contract Term', 'int', { digits: 4, precision: 4 }),
        pick('Status', 'Status', ['Draft', 'In Approval Process', 'Activated'], { restrictedPicklist: true, defaultFirst: true, nillable: false }),
        autoNumber('ContractNumber', 'Contract Number'), description(), area('SpecialTerms', 'Special Terms', 4000),
        plain('ActivatedDate', 'Activated Date', 'datetime', { createable: false, updateable: false }),
        ref('CompanySignedId', 'Company Signed By ID', ['User'], 'CompanySigned', null),
        ref('CustomerSignedId', 'Customer Signed By ID', ['Contact'], 'CustomerSigned', 'ContractsSigned'),
      ],
    },
    {
      name: 'Order', label: 'Order', labelPlural: 'Orders', keyPrefix: '801', owner: 'queue', activity: true,
      companions: ['History', 'Share', 'Feed', 'ChangeEvent'],
      fields: [
        ref('AccountId', 'Account ID', ['Account'], 'Account', 'Orders'),
        ref('ContractId', 'Contract ID', ['Contract'], 'Contract', 'Orders'),
        ref('Pricebook2Id', 'Price Book ID', ['Pricebook2'], 'Pricebook2', 'Orders'),
        ref('OriginalOrderId', 'Original Order ID', ['Order'], 'OriginalOrder', 'Orders'),
        plain('EffectiveDate', 'Order Start Date', 'date', { nillable: false }), plain('EndDate', 'Order End Date', 'date'),
        pick('Status', 'Status', ['Draft', 'Activated'], { defaultFirst: true, restrictedPicklist: true, nillable: false }),
        description(), autoNumber('OrderNumber', 'Order Number'),
        money('TotalAmount', 'Order Amount', { calculated: true, createable: false, updateable: false }),
        ...address('Billing', 'Billing'), ...address('Shipping', 'Shipping'),
        pick('Type', 'Order Type', ['New', 'Renewal', 'Change']),
        plain('ActivatedDate', 'Activated Date', 'datetime'), text('OrderReferenceNumber', 'Order Reference Number', 80),
      ],
    },
  ];
}
