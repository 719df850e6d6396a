// What the generator records when it plants lineage: the formulas' references, the roll-ups, what Apex and flows
// use. Planted lineage (planted-lineage.ts), Tooling's MetadataComponentDependency and the mutations read it.

/** Where a formula lives on its field. */
export type FormulaOrigin = 'calculatedFormula' | 'defaultValueFormula';

/** A formula the generator wrote, with the references it chose, as written in the formula. */
export interface PlantedFormula {
  object: string;
  field: string;
  origin: FormulaOrigin;
  /**
   * Each distinct reference that reads a field, as written: `Account.Owner.Email`, `Owner:User.Email`, `$User.Email`,
   * `$Setup.Org_Settings__c.Rate__c`. Globals that read no field ($Label) are left out.
   */
  paths: string[];
}

/** Roll-up summary operations. */
export type RollupOperation = 'COUNT' | 'SUM' | 'MIN' | 'MAX';

/** A roll-up summary field on the master of a master-detail relationship. */
export interface PlantedRollup {
  /** The master object and its roll-up field. */
  master: string;
  field: string;
  /** The detail object and its master-detail field pointing at `master`. */
  detail: string;
  relationshipField: string;
  operation: RollupOperation;
  /** The summarized field of `detail`; null for COUNT. */
  summarized: string | null;
}

/** An object, or a field of it, that Apex or a flow uses. */
export interface ComponentReference {
  object: string;
  /** Null when the object itself is meant. */
  field: string | null;
}

/** A flow (Tooling's Flow, '301...'): only what MetadataComponentDependency says of it. */
export interface OrgFlow {
  /** 18-character id ('301...'). */
  id: string;
  /** The flow's API name, e.g. Update_Invoice_Status. */
  name: string;
  references: ComponentReference[];
}
