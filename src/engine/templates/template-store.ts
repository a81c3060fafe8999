// The template library: templates bundled with Card OCR plus those saved in a workspace
// (`.card-ocr/templates/*.json`). Lists, resolves by id or path, saves. Knows nothing of batches or OCR.
import { mkdir, readdir, rename, writeFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { Template, checkTemplate, describeTemplateFault, failure, templateFaultDetails, type Outcome, type TemplateEntry, type TemplateListing, type TemplateSource } from '../../protocol';
import { bundledTemplatesDir } from './package-root';
import { readTemplateFile } from './template-file';

export type { TemplateEntry, TemplateListing, TemplateSource };

/** `<workspace>/.card-ocr/templates`: where users save and share their templates. */
export function workspaceTemplatesDir(workspaceDir: string): string {
  return join(workspaceDir, '.card-ocr', 'templates');
}

async function jsonFilesIn(dir: string): Promise<string[]> {
  try {
    // A learned template's model (`<id>.model.json`) lives beside it and is not a template.
    return (await readdir(dir)).filter(name => name.toLowerCase().endsWith('.json') && !name.toLowerCase().endsWith('.model.json')).sort().map(name => join(dir, name));
  } catch {
    // No such folder: a workspace without saved templates.
    return [];
  }
}

async function readFolder(dir: string | undefined, source: TemplateSource, listing: TemplateListing): Promise<TemplateEntry[]> {
  if (!dir) { return []; }
  const entries: TemplateEntry[] = [];
  for (const file of await jsonFilesIn(dir)) {
    const read = await readTemplateFile(file);
    if (read.ok) { entries.push({ template: read.value, source, file }); } else { listing.problems.push(read.error); }
  }
  return entries;
}

/** Every bundled and workspace template, and a problem for each file that is not a valid template. With several
 *  workspace folders, a later folder's template shadows an earlier one's of the same id. */
export async function listTemplates(workspaceDir?: string | readonly string[]): Promise<TemplateListing> {
  const listing: TemplateListing = { templates: [], problems: [] };
  const byId = new Map<string, TemplateEntry>();
  for (const entry of await readFolder(bundledTemplatesDir(), 'bundled', listing)) { byId.set(entry.template.id, entry); }
  for (const dir of typeof workspaceDir === 'string' ? [workspaceDir] : workspaceDir ?? []) {
    for (const entry of await readFolder(workspaceTemplatesDir(dir), 'workspace', listing)) { byId.set(entry.template.id, entry); }
  }
  listing.templates = [...byId.values()].sort((a, b) => a.template.id.localeCompare(b.template.id));
  return listing;
}

/** A path rather than an id: ids never hold a slash or a dot. */
function isPath(idOrPath: string): boolean {
  return /[\\/.]/.test(idOrPath) || isAbsolute(idOrPath);
}

/**
 * A template by id (workspace first, then bundled) or by the path of a JSON file (relative to the current
 * folder). Unknown id → `request/not-found` naming the folders searched; a bad file → `template/invalid`.
 */
export async function resolveTemplate(idOrPath: string, workspaceDir?: string): Promise<Outcome<Template>> {
  if (isPath(idOrPath)) { return readTemplateFile(resolve(idOrPath)); }
  const listing = await listTemplates(workspaceDir);
  const found = listing.templates.find(entry => entry.template.id === idOrPath);
  if (found) { return { ok: true, value: found.template }; }
  // A bad file that would have held this id is the likelier story than a typo: say so.
  const broken = listing.problems.find(problem => String(problem.details?.file ?? '').endsWith(`${idOrPath}.json`));
  if (broken) { return { ok: false, error: broken }; }
  const searched = [bundledTemplatesDir(), workspaceDir ? workspaceTemplatesDir(workspaceDir) : undefined].filter(Boolean).join(', ');
  const known = listing.templates.map(entry => entry.template.id).join(', ');
  return failure('request/not-found', `No template "${idOrPath}" (looked in ${searched}; known: ${known || 'none'})`, { id: idOrPath });
}

/** Validates and writes `<workspace>/.card-ocr/templates/<id>.json` (replacing it whole, never half-written). */
export async function saveTemplate(workspaceDir: string, template: unknown): Promise<Outcome<TemplateEntry>> {
  const fault = checkTemplate(template);
  if (fault) { return failure('template/invalid', `The template is invalid at ${describeTemplateFault(fault)}`, templateFaultDetails(fault)); }
  const parsed = Template.safeParse(template);
  if (!parsed.success) { return failure('template/invalid', 'The template is invalid'); }
  const dir = workspaceTemplatesDir(workspaceDir);
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${parsed.data.id}.json`);
  await writeFile(`${file}.tmp`, `${JSON.stringify(parsed.data, null, 2)}\n`);
  await rename(`${file}.tmp`, file);
  return { ok: true, value: { template: parsed.data, source: 'workspace', file } };
}
