// `card-ocr templates`: lists the bundled templates and those saved in the workspace (`.card-ocr/templates/`),
// and names every template file that is invalid. Printing only; the library lives in the engine.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { listTemplates, type TemplateListing } from '../engine/index';
import { t } from './l10n/index';

interface TemplatesOptions { workspace: string; json?: boolean }

function printListing(listing: TemplateListing): void {
  if (listing.templates.length === 0) { console.log(t('templates.none')); }
  const idWidth = Math.max(2, ...listing.templates.map(entry => entry.template.id.length));
  for (const { template, source } of listing.templates) {
    console.log(`${template.id.padEnd(idWidth)}  v${template.version}  ${source.padEnd(9)}  ${template.name}`);
    console.log(`${''.padEnd(idWidth)}  ${t('templates.fields', { fields: template.fields.map(field => field.name).join(', ') || t('templates.noFields') })}${template.language ? `  ${t('templates.language', { language: template.language })}` : ''}`);
  }
}

export function registerTemplatesCommand(program: Command): void {
  program.command('templates')
    .description(t('help.templates'))
    .option('--workspace <dir>', t('help.templatesWorkspace'), process.cwd())
    .option('--json', t('help.templatesJson'))
    .action(async (options: TemplatesOptions) => {
      const listing = await listTemplates(resolve(options.workspace));
      if (options.json) {
        console.log(JSON.stringify({
          templates: listing.templates.map(({ template, source, file }) => ({
            id: template.id, name: template.name, version: template.version, source, file, fields: template.fields.map(field => field.name),
          })),
          problems: listing.problems,
        }, null, 2));
        return;
      }
      printListing(listing);
      // A bad file does not hide the good ones; it is named so it can be fixed.
      for (const problem of listing.problems) { console.error(`invalid: ${problem.message}`); }
    });
}
