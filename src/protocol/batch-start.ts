// Batch-start precedence, written once for the extension, the CLI and the server: what the caller asked for wins
// over the chosen template, which wins over the user's standing settings; then the defaults (no fields, eng).
import type { BatchOptions } from './batch';
import type { StartBatchParams } from './engine-ipc';
import type { FieldSpec, PageSegmentation, PreprocessOptions } from './fields';

/** What a run takes from a template (a field file gives fields only). */
export interface StartTemplate {
  id?: string;
  fields: FieldSpec[];
  language?: string;
  preprocess?: PreprocessOptions;
  pageSegmentation?: PageSegmentation;
}

export interface StartSources {
  dir: string;
  name?: string;
  restart?: boolean;
  template?: StartTemplate;
  /** Asked for explicitly (a CLI flag, a request body, a picked language): wins over the template. */
  request?: { fields?: FieldSpec[]; templateId?: string; language?: string; options?: BatchOptions };
  /** The user's standing settings (cardOcr.*): the fallback under the template. */
  settings?: { language?: string; preprocess?: PreprocessOptions };
}

/**
 * Fields, template id and page segmentation: request, else template. Language: request, template, settings, `eng`.
 * Preprocessing is merged step by step: settings, then the template's, then the request's.
 */
export function startBatchParams(sources: StartSources): StartBatchParams {
  const { template, request = {}, settings = {} } = sources;
  const preprocess = { ...settings.preprocess, ...template?.preprocess, ...request.options?.preprocess };
  const pageSegmentation = request.options?.pageSegmentation ?? template?.pageSegmentation;
  const templateId = request.templateId ?? template?.id;
  const options: BatchOptions = {
    ...request.options,
    ...(Object.keys(preprocess).length > 0 ? { preprocess } : {}),
    ...(pageSegmentation ? { pageSegmentation } : {}),
  };
  return {
    dir: sources.dir,
    ...(sources.name === undefined ? {} : { name: sources.name }),
    fields: request.fields ?? template?.fields ?? [],
    ...(templateId === undefined ? {} : { templateId }),
    language: request.language ?? template?.language ?? settings.language ?? 'eng',
    options,
    ...(sources.restart ? { restart: true } : {}),
  };
}
