// The formats an export can be written in, and how each is served.

export const EXPORT_FORMATS = ['ndjson', 'datahub', 'openlineage'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** How a format is served: its HTTP content type and the extension of a downloaded file (without the dot). */
export interface ExportFormatInfo {
  contentType: string;
  extension: string;
}

/** Content type and file extension of each format. */
export const EXPORT_FORMAT_INFO: Readonly<Record<ExportFormat, ExportFormatInfo>> = {
  ndjson: { contentType: 'application/x-ndjson', extension: 'ndjson' },
  datahub: { contentType: 'application/json', extension: 'json' },
  openlineage: { contentType: 'application/x-ndjson', extension: 'ndjson' },
};

/** Whether a string names an export format (e.g. a query parameter). */
export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && (EXPORT_FORMATS as readonly string[]).includes(value);
}
