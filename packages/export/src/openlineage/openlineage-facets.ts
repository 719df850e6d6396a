// The OpenLineage spec and facet versions this export writes (schemas/openlineage/ holds the same files).

/** Identifies sfmeta as the producer of the events and facets. */
export const OPENLINEAGE_PRODUCER = 'urn:sfmeta:export';

const SPEC = 'https://openlineage.io/spec/2-0-2/OpenLineage.json';

/** schemaURL of a DatasetEvent and of a JobEvent. */
export const DATASET_EVENT_SCHEMA_URL = `${SPEC}#/$defs/DatasetEvent`;
export const JOB_EVENT_SCHEMA_URL = `${SPEC}#/$defs/JobEvent`;

const FACET_SCHEMA_URLS = {
  schema: 'https://openlineage.io/spec/facets/1-2-0/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet',
  columnLineage:
    'https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet',
  documentation:
    'https://openlineage.io/spec/facets/1-1-0/DocumentationDatasetFacet.json#/$defs/DocumentationDatasetFacet',
  datasetType: 'https://openlineage.io/spec/facets/1-0-1/DatasetTypeDatasetFacet.json#/$defs/DatasetTypeDatasetFacet',
  jobType: 'https://openlineage.io/spec/facets/2-0-4/JobTypeJobFacet.json#/$defs/JobTypeJobFacet',
} as const;

/** The facets this export writes, by their key in a dataset's or a job's `facets`. */
export type FacetKey = keyof typeof FACET_SCHEMA_URLS;

/** A facet with the base properties every facet carries (`_producer`, `_schemaURL`). */
export function facet<T extends object>(key: FacetKey, body: T): T & { _producer: string; _schemaURL: string } {
  return { _producer: OPENLINEAGE_PRODUCER, _schemaURL: FACET_SCHEMA_URLS[key], ...body };
}

/** The namespace of everything of one org: `salesforce://<host>`. */
export function openLineageNamespace(host: string): string {
  return `salesforce://${host}`;
}
